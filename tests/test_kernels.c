/* test_kernels.c: the hand-vectorised kernels against their plain definitions.
 *
 * The parallel-fibre kernels, tanh and Adam may take AVX2 or AVX-512 paths; each must give
 * exactly the bits of the scalar paths and of the order written out, for every length (vector body and
 * scalar tail) and for the special values NaN, +-0, +-inf and subnormals. The products must
 * equal the plain ones.
 */
#include <float.h>
#include <stdlib.h>

#include "cc_adam.h"
#include "cc_linalg.h"
#include "cc_mf.h"
#include "cc_pf.h"
#include "cc_test.h"

static double special(int i)
{
    const double v[] = {NAN, 0.0, -0.0, INFINITY, -INFINITY, DBL_MIN / 4, -DBL_MIN / 4, 1.5, -2.5, 1e300};
    return v[i % 10];
}

/* The parallel-fibre kernels against their sums written out in the order cc_pf.h gives,
 * with special values among the rates, for G around multiples of 8, C across the chunk size,
 * rows around multiples of 4, and every ReLU mode, on every path this CPU runs. */
static void pf_reference(double *g, double *p, double *dW, double *da, const double *a, const double *keep,
                         double gain, const double *W, const double *dp, int rows, int G, int C)
{
    const int G8 = G - G % 8;
    for (int i = 0; i < rows * G; i++) /* relu(a) keep gain */
        g[i] = a[i] > 0.0 ? a[i] * (keep ? keep[i] : 1.0) * gain : 0.0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < C; c++) {
            double s[8] = {0};
            for (int j = 0; j < G8; j++) s[j % 8] += g[r * G + j] * W[c * G + j];
            double x = ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
            for (int j = G8; j < G; j++) x += g[r * G + j] * W[c * G + j];
            p[r * C + c] = x;
        }
    for (int c = 0; c < C; c++)
        for (int j = 0; j < G; j++) {
            int r = 0;
            for (; r + 4 <= rows; r += 4)
                dW[c * G + j] += ((dp[r * C + c] * g[r * G + j] + dp[(r + 1) * C + c] * g[(r + 1) * G + j]) +
                                  dp[(r + 2) * C + c] * g[(r + 2) * G + j]) + dp[(r + 3) * C + c] * g[(r + 3) * G + j];
            if (rows - r == 1) dW[c * G + j] += dp[r * C + c] * g[r * G + j];
            if (rows - r == 2) dW[c * G + j] += dp[r * C + c] * g[r * G + j] + dp[(r + 1) * C + c] * g[(r + 1) * G + j];
            if (rows - r == 3)
                dW[c * G + j] += (dp[r * C + c] * g[r * G + j] + dp[(r + 1) * C + c] * g[(r + 1) * G + j]) +
                                 dp[(r + 2) * C + c] * g[(r + 2) * G + j];
        }
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < G; j++) {
            double x = dp[r * C] * W[j];
            for (int c = 1; c < C; c++) x += dp[r * C + c] * W[c * G + j];
            da[r * G + j] = g[r * G + j] > 0.0 ? x * gain : 0.0;
        }
}

static void test_pf(void)
{
    printf("\n    widest path on this CPU: %s (each narrower one is also tested)", cc_simd_name());
    enum { RMAX = 9, GMAX = 27, CMAX = 9 };
    static double a[RMAX * GMAX], keep[RMAX * GMAX], W[CMAX * GMAX], dp[RMAX * CMAX];
    static double g[3][RMAX * GMAX], p[3][RMAX * CMAX], dW[3][CMAX * GMAX], da[3][RMAX * GMAX];
    static double gr[RMAX * GMAX], pr[RMAX * CMAX], dWr[CMAX * GMAX], dar[RMAX * GMAX];
    int cases = 0, bad = 0;
    for (int G = 1; G <= GMAX; G += 3)
        for (int C = 1; C <= CMAX; C++)
            for (int rows = 1; rows <= RMAX; rows++)
                for (int mode = 0; mode < 3; mode++) { /* keep and gain, gain only, neither */
                    const double gain = mode == 2 ? 1.0 : 1.25;
                    const double *k = mode == 0 ? keep : NULL;
                    for (int i = 0; i < rows * G; i++) {
                        a[i] = i < 10 && G > 8 ? special(i + G) : sin(3.7 * i + G);
                        keep[i] = (i % 3) != 0;
                    }
                    for (int i = 0; i < C * G; i++) W[i] = cos(0.9 * i + C);
                    for (int i = 0; i < rows * C; i++) dp[i] = sin(1.3 * i - rows);
                    memset(dWr, 0, sizeof dWr);
                    pf_reference(gr, pr, dWr, dar, a, k, gain, W, dp, rows, G, C);
                    for (int path = CC_SIMD_SCALAR; path <= CC_SIMD_AVX512; path++) { /* at most the CPU's */
                        cc_simd_cap(path);
                        memcpy(g[path], a, sizeof a);
                        memset(dW[path], 0, sizeof dW[path]);
                        cc_pf_forward(g[path], p[path], k, gain, W, rows, G, C);
                        cc_pf_grad(dW[path], dp, g[path], rows, G, C);
                        cc_pf_backprop(da[path], dp, W, g[path], gain, rows, G, C);
                        bad += memcmp(g[path], gr, sizeof(double) * rows * G) != 0;
                        bad += memcmp(p[path], pr, sizeof(double) * rows * C) != 0;
                        bad += memcmp(dW[path], dWr, sizeof(double) * C * G) != 0;
                        bad += memcmp(da[path], dar, sizeof(double) * rows * G) != 0;
                    }
                    cc_simd_force_scalar(0);
                    cases++;
                }
    printf("\n    parallel-fibre kernels: %d cases x 3 path caps, %d arrays differ from the written order", cases, bad);
    CU_ASSERT_EQUAL(bad, 0); /* every path equals the written order, hence each other */
}

/* The mossy-fibre products (cc_mf.h: C = A B, and C += A^T B onto a non-zero C) against their
 * order written out, on every path, for row counts across the tiles (1 .. 23), column counts
 * across the vector widths and their tails, inner sizes 1, 7 and 50, with special values among
 * the inputs. */
static void test_mf(void)
{
    enum { NMAX = 23, KMAX = 50, GMAX = 1000 };
    static double A[NMAX * KMAX], B[KMAX * GMAX], C[NMAX * GMAX], R[NMAX * GMAX], RT[NMAX * GMAX];
    const int Ks[] = {1, 7, 50}, Gs[] = {1, 3, 4, 7, 8, 9, 15, 16, 17, 24, 31, 33, 1000};
    int cases = 0, bad = 0;
    for (int ki = 0; ki < 3; ki++)
        for (int gi = 0; gi < 13; gi++)
            for (int n = 1; n <= NMAX; n++) {
                const int K = Ks[ki], G = Gs[gi];
                for (int i = 0; i < n * K; i++) A[i] = i % 37 == 5 ? special(i) : tanh(sin(2.3 * i + n));
                for (int i = 0; i < K * G; i++) B[i] = i % 101 == 7 ? special(i / 101) : 0.1 * cos(0.7 * i + G);
                for (int r = 0; r < n; r++)
                    for (int j = 0; j < G; j++) {
                        double s = 0.0;
                        for (int k = 0; k < K; k++) s = fma(A[r * K + k], B[k * G + j], s);
                        R[r * G + j] = s;
                    }
                for (int r = 0; r < n; r++) /* C += A'^T B with A' = A read as (K, n): a'_rk = A[k n + r] */
                    for (int j = 0; j < G; j++) {
                        double s = 0.0;
                        for (int k = 0; k < K; k++) s = fma(A[k * n + r], B[k * G + j], s);
                        RT[r * G + j] = 0.25 * (r - j) + s;
                    }
                for (int path = CC_SIMD_SCALAR; path <= CC_SIMD_AVX512; path++) {
                    cc_simd_cap(path);
                    for (int i = 0; i < n * G; i++) C[i] = -1.0;
                    cc_mf_product(C, A, B, n, K, G);
                    bad += memcmp(C, R, sizeof(double) * n * G) != 0;
                    for (int r = 0; r < n; r++)
                        for (int j = 0; j < G; j++) C[r * G + j] = 0.25 * (r - j);
                    cc_mf_product_tn_add(C, A, B, n, K, G);
                    bad += memcmp(C, RT, sizeof(double) * n * G) != 0;
                }
                cc_simd_cap(CC_SIMD_AVX512);
                cases++;
            }
    printf("\n    mossy-fibre products (vector path here: %s): %d shapes x 3 path caps x 2 products, %d differ from the written order",
           cc_mf_fma_on() ? "yes" : "no, the BLAS", cases, bad);
    CU_ASSERT_EQUAL(bad, 0);
}

/* Adam on a tensor long enough for every vector body (30 entries: 24 in eight lanes, 4 in four,
 * 2 scalar), on every path, against the formula written out; the paths agree bit for bit. */
static void test_adam_vector(void)
{
    cc_config c = cc_config_default();
    c.D = 3; c.N = 7; c.O = 2; c.G = 15;
    int trainable[CC_NTENSOR] = {0, 0, 0, 0, 0, 1}; /* W_PF: 2 x 15 = 30 entries */
    double first[64], worst = 0.0;
    int differ = 0;
    for (int path = CC_SIMD_SCALAR; path <= CC_SIMD_AVX512; path++) {
        cc_simd_cap(path);
        cc_params *w = cc_params_alloc(&c), *g = cc_params_alloc(&c);
        cc_adam *a = cc_adam_alloc(&c);
        const size_t n = cc_params_count(w, CC_W_PF);
        double ref[64], m[64] = {0}, v[64] = {0};
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
        for (size_t i = 0; i < n; i++) worst = fmax(worst, fabs(ref[i] - w->W_PF[i]));
        if (path == CC_SIMD_SCALAR) memcpy(first, w->W_PF, n * sizeof(double));
        else differ += memcmp(first, w->W_PF, n * sizeof(double)) != 0;
        cc_adam_free(a);
        cc_params_free(w);
        cc_params_free(g);
    }
    cc_simd_cap(CC_SIMD_AVX512);
    printf("\n    Adam, every path vs formula: max |diff| %.1e; paths differing from the scalar one: %d", worst, differ);
    CU_ASSERT(worst < 1e-15);
    CU_ASSERT_EQUAL(differ, 0);
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
 * values, and every vector path equal to the scalar one, for lengths 1 .. 45 and the whole range. */
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
    }
    static double ys[n], yv[n];
    cc_simd_cap(CC_SIMD_SCALAR);
    cc_tanh(ys, x, n);
    int differ = 0;
    for (int path = CC_SIMD_AVX2; path <= CC_SIMD_AVX512; path++) { /* at most the CPU's */
        cc_simd_cap(path);
        for (long len = 1; len <= 45; len++) { /* every mix of wide groups, single vectors, tail */
            cc_tanh(yv, x + 3, len);
            differ += memcmp(yv, ys + 3, sizeof(double) * len) != 0;
        }
        cc_tanh(yv, x, n);
        differ += memcmp(yv, ys, sizeof ys) != 0;
    }
    cc_simd_cap(CC_SIMD_AVX512);
    CU_ASSERT_EQUAL(differ, 0); /* every vector path = scalar path */
    CU_ASSERT_EQUAL(memcmp(ys, y, sizeof ys), 0);
    CU_ASSERT(signbit(y[1]) && y[1] == 0.0); /* tanh(-0) = -0 */
    CU_ASSERT_EQUAL(y[2], 1.0);
    CU_ASSERT_EQUAL(y[3], -1.0);
    printf("\n    tanh: max error %.2f ulp against the C library", worst);
    CU_ASSERT(worst <= 4.0);
}

static const cc_test_case CASES[] = {
    {"tanh against the C library, special values, vector = scalar", test_tanh},
    {"parallel-fibre kernels: every path = the written order, special values", test_pf},
    {"mossy-fibre products: every path = the written order of fused multiply-adds", test_mf},
    {"Adam: every path = formula, paths bit for bit", test_adam_vector},
    {"GEMM, plain and transposed", test_products},
    {0, 0}};

CC_TEST_MAIN("kernels", CASES)
