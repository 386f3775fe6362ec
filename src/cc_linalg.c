/* cc_linalg.c: dense kernels over row-major arrays (cc_linalg.h). */
#include "cc_linalg.h"

#include <gsl/gsl_errno.h>

#include <math.h>
#include <stdint.h>
#include <string.h>
#ifdef CC_AVX2
#include <immintrin.h>
#endif

int cc_cpu_avx2(void)
{
#ifdef CC_AVX2
    return __builtin_cpu_supports("avx2") != 0;
#else
    return 0;
#endif
}

/* m, n, k of C (m, n) = op(A) (m, k) op(B) (k, n); 0 (and a GSL error) if the shapes do not conform. */
static int gemm_dims(int *m, int *n, int *k, CBLAS_TRANSPOSE_t tA, CBLAS_TRANSPOSE_t tB, int Ar, int Ac, int Br,
                     int Bc, int Cr, int Cc)
{
    *m = tA == CblasNoTrans ? Ar : Ac;
    *k = tA == CblasNoTrans ? Ac : Ar;
    *n = tB == CblasNoTrans ? Bc : Br;
    const int kb = tB == CblasNoTrans ? Br : Bc;
    if (*m != Cr || *n != Cc || *k != kb) {
        gsl_error("cc_gemm: shapes do not conform", __FILE__, __LINE__, GSL_EBADLEN);
        return 0;
    }
    return 1;
}

void cc_gemm(CBLAS_TRANSPOSE_t tA, CBLAS_TRANSPOSE_t tB, double alpha,
             const double *A, int Ar, int Ac, const double *B, int Br, int Bc,
             double beta, double *C, int Cr, int Cc)
{
    int m, n, k;
    if (!gemm_dims(&m, &n, &k, tA, tB, Ar, Ac, Br, Bc, Cr, Cc) || m == 0 || n == 0) return;
    if (k == 0) { /* empty inner dimension: C <- beta C */
        for (size_t i = 0; i < (size_t)Cr * Cc; i++) C[i] = beta == 0.0 ? 0.0 : beta * C[i];
        return;
    }
    /* straight to the CBLAS: what gsl_blas_dgemm does after building and checking views */
    cblas_dgemm(CblasRowMajor, tA, tB, m, n, k, alpha, A, Ac, B, Bc, beta, C, Cc);
}

void cc_add_row(double *y, const double *b, int rows, int n)
{
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < n; j++) y[(size_t)r * n + j] += b[j];
}

void cc_softmax_rows(double *p, const double *z, int rows, int K)
{
    for (int r = 0; r < rows; r++) {
        const double *zr = z + (size_t)r * K;
        double *pr = p + (size_t)r * K;
        double mx = zr[0], s = 0.0;
        for (int k = 1; k < K; k++) mx = zr[k] > mx ? zr[k] : mx;
        for (int k = 0; k < K; k++) s += (pr[k] = exp(zr[k] - mx)); /* p_k = e^{z_k - max} / sum */
        for (int k = 0; k < K; k++) pr[k] /= s;
    }
}

/* x if keep is true, else +0: the bits of x and-ed with an all-ones or all-zeros mask. */
static inline double keep_if(double x, int keep)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    u &= -(uint64_t)(keep != 0);
    memcpy(&x, &u, sizeof x);
    return x;
}

#ifdef CC_AVX2
/* Four lanes of cc_relu from element 0; returns how many elements were done. max(a, +0) is a if
 * a > 0, else +0 (also for a = -0 or NaN): keep_if(a, a > 0), bit for bit. */
CC_AVX2_FN static long relu_avx2(double *g, const double *keep, double gain, long n)
{
    const __m256d zero = _mm256_setzero_pd(), vgain = _mm256_set1_pd(gain);
    long i = 0;
    if (keep) /* one loop per case: a test inside the loop costs more than the loop's work */
        for (; i + 4 <= n; i += 4) {
            const __m256d a = _mm256_max_pd(_mm256_loadu_pd(g + i), zero);
            _mm256_storeu_pd(g + i, _mm256_mul_pd(_mm256_mul_pd(a, _mm256_loadu_pd(keep + i)), vgain));
        }
    else if (gain != 1.0)
        for (; i + 4 <= n; i += 4)
            _mm256_storeu_pd(g + i, _mm256_mul_pd(_mm256_max_pd(_mm256_loadu_pd(g + i), zero), vgain));
    else /* a * 1 is a */
        for (; i + 4 <= n; i += 4) _mm256_storeu_pd(g + i, _mm256_max_pd(_mm256_loadu_pd(g + i), zero));
    return i;
}

/* Four lanes of cc_relu_backward from element 0; returns how many elements were done. */
CC_AVX2_FN static long relu_backward_avx2(double *d, const double *a, double gain, long n)
{
    const __m256d zero = _mm256_setzero_pd(), vgain = _mm256_set1_pd(gain);
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d pos = _mm256_cmp_pd(_mm256_loadu_pd(a + i), zero, _CMP_GT_OQ); /* all ones where a > 0 */
        _mm256_storeu_pd(d + i, _mm256_and_pd(_mm256_mul_pd(_mm256_loadu_pd(d + i), vgain), pos));
    }
    return i;
}
#endif

void cc_relu(double *g, const double *keep, double gain, long n)
{
    long i = 0;
#ifdef CC_AVX2
    if (cc_cpu_avx2()) i = relu_avx2(g, keep, gain, n);
#endif
    if (keep)
        for (; i < n; i++) g[i] = keep_if(g[i] * keep[i] * gain, g[i] > 0.0); /* relu(a) keep gain */
    else
        for (; i < n; i++) g[i] = keep_if(g[i] * gain, g[i] > 0.0); /* relu(a) gain */
}

void cc_relu_backward(double *d, const double *a, double gain, long n)
{
    long i = 0;
#ifdef CC_AVX2
    if (cc_cpu_avx2()) i = relu_backward_avx2(d, a, gain, n);
#endif
    for (; i < n; i++) d[i] = keep_if(d[i] * gain, a[i] > 0.0); /* d relu'(a) gain */
}

/* ---------------------------------------------------------------- tanh
 * tanh(x) = sign(x) e / (e + 2) with e = expm1(2a), a = min(|x|, 20) (tanh(20) rounds to 1):
 * 2a = k ln2 + r with k the nearest integer and |r| <= ln2/2 (ln2 split in two parts, so r
 * is exact), expm1(r) by its Taylor series to r^14 (truncation below 1e-17 relative), then
 * expm1(2a) = 2^k (1 + expm1(r)) - 1. Within 4 ulp of glibc's tanh (tests/test_kernels.c);
 * the vector and scalar paths compute the same bits (no fused multiply-add). */
static const double TANH_C[13] = {1.0 / 87178291200.0, 1.0 / 6227020800.0, 1.0 / 479001600.0,
                                  1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
                                  1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5};
#define TANH_INV_LN2 1.44269504088896338700
#define TANH_LN2_HI 6.93147180369123816490e-01
#define TANH_LN2_LO 1.90821492927058770002e-10
#define TANH_ROUND 6755399441055744.0    /* 1.5 2^52: x + it - it rounds x to an integer */
#define TANH_EXP_BIAS 4503599627371519.0 /* 2^52 + 1023: k + it holds 1023 + k in its low bits */

static double tanh1(double x)
{
    const double a = fabs(x) < 20.0 ? fabs(x) : 20.0;
    const double y = a + a;
    const double k = (y * TANH_INV_LN2 + TANH_ROUND) - TANH_ROUND;            /* y = k ln2 + r */
    const double r = (y - k * TANH_LN2_HI) - k * TANH_LN2_LO;
    double p = TANH_C[0];
    for (int j = 1; j < 13; j++) p = p * r + TANH_C[j];
    p = r + (r * r) * p;                                                     /* expm1(r) */
    double m = k + TANH_EXP_BIAS, two_k;
    uint64_t bits;
    memcpy(&bits, &m, sizeof bits);
    bits <<= 52;                                                             /* 2^k */
    memcpy(&two_k, &bits, sizeof two_k);
    const double e = two_k * p + (two_k - 1.0);                              /* expm1(2a) */
    const double t = x != x ? x : e / (e + 2.0);
    return copysign(t, x);
}

#ifdef CC_AVX2
/* Four lanes of tanh1 from element 0; returns how many elements were done. */
CC_AVX2_FN static long tanh_avx2(double *out, const double *x, long n)
{
    const __m256d sign = _mm256_set1_pd(-0.0), lim = _mm256_set1_pd(20.0), one = _mm256_set1_pd(1.0),
                  two = _mm256_set1_pd(2.0), rnd = _mm256_set1_pd(TANH_ROUND), bias = _mm256_set1_pd(TANH_EXP_BIAS),
                  il2 = _mm256_set1_pd(TANH_INV_LN2), l2h = _mm256_set1_pd(TANH_LN2_HI), l2l = _mm256_set1_pd(TANH_LN2_LO);
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d xv = _mm256_loadu_pd(x + i);
        const __m256d a = _mm256_min_pd(_mm256_andnot_pd(sign, xv), lim); /* NaN -> 20, as the scalar */
        const __m256d y = _mm256_add_pd(a, a);
        const __m256d k = _mm256_sub_pd(_mm256_add_pd(_mm256_mul_pd(y, il2), rnd), rnd);
        const __m256d r = _mm256_sub_pd(_mm256_sub_pd(y, _mm256_mul_pd(k, l2h)), _mm256_mul_pd(k, l2l));
        __m256d p = _mm256_set1_pd(TANH_C[0]);
        for (int j = 1; j < 13; j++) p = _mm256_add_pd(_mm256_mul_pd(p, r), _mm256_set1_pd(TANH_C[j]));
        p = _mm256_add_pd(r, _mm256_mul_pd(_mm256_mul_pd(r, r), p));
        const __m256d two_k = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(_mm256_add_pd(k, bias)), 52));
        const __m256d e = _mm256_add_pd(_mm256_mul_pd(two_k, p), _mm256_sub_pd(two_k, one));
        __m256d t = _mm256_div_pd(e, _mm256_add_pd(e, two));
        t = _mm256_blendv_pd(t, xv, _mm256_cmp_pd(xv, xv, _CMP_UNORD_Q));
        _mm256_storeu_pd(out + i, _mm256_or_pd(_mm256_andnot_pd(sign, t), _mm256_and_pd(sign, xv)));
    }
    return i;
}
#endif

void cc_tanh(double *y, const double *x, long n)
{
    long i = 0;
#ifdef CC_AVX2
    if (cc_cpu_avx2()) i = tanh_avx2(y, x, n);
#endif
    for (; i < n; i++) y[i] = tanh1(x[i]);
}
