/* test_kernels.c: the hand-vectorised kernels against their plain definitions.
 *
 * cc_relu, cc_relu_backward and Adam may take AVX2 paths; they must give exactly the bits of
 * the scalar definitions, for every length (vector body and scalar tail) and for the special
 * values NaN, +-0, +-inf and subnormals. The products must equal the plain ones.
 */
#include <float.h>
#include <stdlib.h>

#include "cc_adam.h"
#include "cc_linalg.h"
#include "cc_test.h"

static double special(int i)
{
    const double v[] = {NAN, 0.0, -0.0, INFINITY, -INFINITY, DBL_MIN / 4, -DBL_MIN / 4, 1.5, -2.5, 1e300};
    return v[i % 10];
}

static void test_relu(void)
{
    printf("\n    AVX2 path %s", cc_cpu_avx2() ? "active" : "absent (scalar only)");
    for (long n = 0; n < 40; n++) {
        double g[40], k[40], ref[40], d[40], a[40], dref[40];
        for (long i = 0; i < n; i++) {
            g[i] = i < 10 ? special((int)i) : sin(3.7 * i);
            k[i] = (i % 3) != 0;
            ref[i] = g[i] > 0.0 ? g[i] * k[i] * 1.25 : 0.0; /* relu(g) keep gain */
            d[i] = cos(1.3 * i);
            a[i] = ref[i];
            dref[i] = a[i] > 0.0 ? d[i] * 1.25 : 0.0;        /* d gain [a > 0] */
        }
        cc_relu(g, k, 1.25, n);
        cc_relu_backward(d, a, 1.25, n);
        CU_ASSERT_EQUAL(memcmp(g, ref, (size_t)n * sizeof(double)), 0);
        CU_ASSERT_EQUAL(memcmp(d, dref, (size_t)n * sizeof(double)), 0);
    }
}

/* Adam on a tensor long enough for the vector body, against the formula written out. */
static void test_adam_vector(void)
{
    cc_config c = cc_config_default();
    c.D = 3; c.N = 7; c.O = 2; c.G = 13;
    cc_params *w = cc_params_alloc(&c), *g = cc_params_alloc(&c);
    cc_adam *a = cc_adam_alloc(&c);
    int trainable[CC_NTENSOR] = {0, 0, 0, 0, 0, 1}; /* W_PF: 2 x 13 = 26 entries */
    const size_t n = cc_params_count(w, CC_W_PF);
    double *ref = malloc(n * sizeof(double)), m[64] = {0}, v[64] = {0};
    for (size_t i = 0; i < n; i++) ref[i] = w->W_PF[i] = 0.1 * i;
    for (int step = 1; step <= 3; step++) {
        for (size_t i = 0; i < n; i++) g->W_PF[i] = sin(step + 0.7 * i);
        cc_adam_update(a, w, g, trainable);
        double bc1 = 1.0 - pow(0.9, step), bc2 = sqrt(1.0 - pow(0.98, step)), lr = c.lr_cereb;
        for (size_t i = 0; i < n; i++) {
            m[i] = 0.9 * m[i] + (1.0 - 0.9) * g->W_PF[i];
            v[i] = 0.98 * v[i] + (1.0 - 0.98) * g->W_PF[i] * g->W_PF[i];
            ref[i] -= lr / bc1 * m[i] / (sqrt(v[i]) / bc2 + 1e-9);
        }
    }
    double worst = 0.0;
    for (size_t i = 0; i < n; i++) worst = fmax(worst, fabs(ref[i] - w->W_PF[i]));
    printf("\n    Adam vector path vs formula: max |diff| %.1e", worst);
    CU_ASSERT(worst < 1e-15);
    free(ref);
    cc_adam_free(a);
    cc_params_free(w);
    cc_params_free(g);
}

static void test_products(void)
{
    const int R = 37, K = 11, Cc = 9;
    double A[37 * 11], B[11 * 9], Bt[9 * 11], C1[37 * 9], C2[37 * 9];
    for (int i = 0; i < R * K; i++) A[i] = sin(0.3 * i);
    for (int i = 0; i < K * Cc; i++) B[i] = cos(0.2 * i);
    for (int i = 0; i < K; i++)
        for (int j = 0; j < Cc; j++) Bt[j * K + i] = B[i * Cc + j];
    cc_gemm(CblasNoTrans, CblasNoTrans, 1.0, A, R, K, B, K, Cc, 0.0, C1, R, Cc);
    cc_gemm(CblasNoTrans, CblasTrans, 1.0, A, R, K, Bt, Cc, K, 0.0, C2, R, Cc);
    double worst = 0.0;
    for (int i = 0; i < R * Cc; i++) {
        double s = 0.0;
        for (int k = 0; k < K; k++) s += A[i / Cc * K + k] * B[k * Cc + i % Cc];
        worst = fmax(worst, fmax(fabs(C1[i] - s), fabs(C2[i] - s)));
    }
    CU_ASSERT(worst < 1e-12);
}

/* cc_tanh: within 4 ulp of the C library's tanh over the whole range, exact at the special
 * values, and the vector path (lengths >= 4) equal to the scalar tail (length 1). */
static void test_tanh(void)
{
    enum { n = 200000 };
    static double x[n], y[n];
    for (long i = 0; i < n; i++) {
        double u = (double)(i * 7919 % n) / n;                 /* a permutation of [0, 1) */
        x[i] = (i % 2 ? 1.0 : -1.0) * (i % 4 < 2 ? 25.0 * u : pow(10.0, -310.0 + 311.0 * u));
    }
    const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 20.0, 19.999, 1e-320, 0.5493061443340549};
    for (int i = 0; i < 9; i++) x[i] = sp[i];
    cc_tanh(y, x, n);
    double worst = 0.0;
    for (long i = 0; i < n; i++) {
        double ref = tanh(x[i]), ulp = nextafter(fabs(ref), INFINITY) - fabs(ref);
        if (isnan(ref)) {
            CU_ASSERT(isnan(y[i]));
            continue;
        }
        worst = fmax(worst, fabs(y[i] - ref) / ulp);
        double one;
        cc_tanh(&one, &x[i], 1); /* scalar path */
        if (memcmp(&one, &y[i], sizeof one) != 0) CU_FAIL("vector and scalar tanh differ");
    }
    CU_ASSERT(signbit(y[1]) && y[1] == 0.0); /* tanh(-0) = -0 */
    CU_ASSERT_EQUAL(y[2], 1.0);
    CU_ASSERT_EQUAL(y[3], -1.0);
    printf("\n    tanh: max error %.2f ulp against the C library", worst);
    CU_ASSERT(worst <= 4.0);
}

static const cc_test_case CASES[] = {
    {"tanh against the C library, special values, vector = scalar", test_tanh},
    {"ReLU and its derivative: vector path = scalar definition, special values", test_relu},
    {"Adam: vector path = formula", test_adam_vector},
    {"GEMM, plain and transposed", test_products},
    {0, 0}};

CC_TEST_MAIN("kernels", CASES)
