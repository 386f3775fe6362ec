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

int cc_cpu_fma(void)
{
#ifdef CC_AVX2
    return __builtin_cpu_supports("fma") != 0;
#else
    return 0;
#endif
}

int cc_cpu_avx512(void)
{
#ifdef CC_AVX2
    return __builtin_cpu_supports("avx512f") != 0;
#else
    return 0;
#endif
}

static int simd_cap = CC_SIMD_AVX512;

void cc_simd_cap(int level) { simd_cap = level < CC_SIMD_SCALAR ? CC_SIMD_SCALAR : level; }

void cc_simd_force_scalar(int on) { cc_simd_cap(on ? CC_SIMD_SCALAR : CC_SIMD_AVX512); }

int cc_simd_level(void)
{
    const int cpu = cc_cpu_avx512() ? CC_SIMD_AVX512 : cc_cpu_avx2() ? CC_SIMD_AVX2 : CC_SIMD_SCALAR;
    return cpu < simd_cap ? cpu : simd_cap;
}

const char *cc_simd_name(void)
{
    static const char *names[] = {"scalar", "avx2", "avx512"};
    return names[cc_simd_level()];
}

int cc_simd_on(void) { return cc_simd_level() > CC_SIMD_SCALAR; }

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
/* U vectors of four lanes of tanh1 at x, into out: the U evaluations interleaved, so that the
 * long dependent chain of the polynomial of one hides the latencies of the others. */
#define TANH_U 4
CC_AVX2_FN static inline __attribute__((always_inline)) void tanh_vectors(double *out, const double *x, int U)
{
    const __m256d sign = _mm256_set1_pd(-0.0), lim = _mm256_set1_pd(20.0), one = _mm256_set1_pd(1.0),
                  two = _mm256_set1_pd(2.0), rnd = _mm256_set1_pd(TANH_ROUND), bias = _mm256_set1_pd(TANH_EXP_BIAS);
    const __m256d il2 = _mm256_set1_pd(TANH_INV_LN2), l2h = _mm256_set1_pd(TANH_LN2_HI),
                  l2l = _mm256_set1_pd(TANH_LN2_LO);
    __m256d xv[TANH_U], r[TANH_U], k[TANH_U], p[TANH_U];
    _Pragma("GCC unroll 4") for (int u = 0; u < U; u++) {
        xv[u] = _mm256_loadu_pd(x + 4 * u);
        const __m256d a = _mm256_min_pd(_mm256_andnot_pd(sign, xv[u]), lim); /* NaN -> 20, as the scalar */
        const __m256d y = _mm256_add_pd(a, a);
        k[u] = _mm256_sub_pd(_mm256_add_pd(_mm256_mul_pd(y, il2), rnd), rnd);
        r[u] = _mm256_sub_pd(_mm256_sub_pd(y, _mm256_mul_pd(k[u], l2h)), _mm256_mul_pd(k[u], l2l));
        p[u] = _mm256_set1_pd(TANH_C[0]);
    }
    for (int j = 1; j < 13; j++) {
        const __m256d cj = _mm256_set1_pd(TANH_C[j]);
        _Pragma("GCC unroll 4") for (int u = 0; u < U; u++) p[u] = _mm256_add_pd(_mm256_mul_pd(p[u], r[u]), cj);
    }
    _Pragma("GCC unroll 4") for (int u = 0; u < U; u++) {
        const __m256d q = _mm256_add_pd(r[u], _mm256_mul_pd(_mm256_mul_pd(r[u], r[u]), p[u]));
        const __m256d two_k =
            _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(_mm256_add_pd(k[u], bias)), 52));
        const __m256d e = _mm256_add_pd(_mm256_mul_pd(two_k, q), _mm256_sub_pd(two_k, one));
        __m256d t = _mm256_div_pd(e, _mm256_add_pd(e, two));
        t = _mm256_blendv_pd(t, xv[u], _mm256_cmp_pd(xv[u], xv[u], _CMP_UNORD_Q));
        _mm256_storeu_pd(out + 4 * u, _mm256_or_pd(_mm256_andnot_pd(sign, t), _mm256_and_pd(sign, xv[u])));
    }
}

/* tanh1 on the elements from i in groups of TANH_U vectors, then single vectors; returns where
 * it stopped. */
CC_AVX2_FN static long tanh_avx2(double *out, const double *x, long i, long n)
{
    for (; i + 4 * TANH_U <= n; i += 4 * TANH_U) tanh_vectors(out + i, x + i, TANH_U);
    for (; i + 4 <= n; i += 4) tanh_vectors(out + i, x + i, 1);
    return i;
}

/* tanh_vectors with eight lanes: the same operations lane by lane. */
CC_AVX512_FN static inline __attribute__((always_inline)) void tanh_vectors8(double *out, const double *x, int U)
{
    const __m512i sign = _mm512_set1_epi64((long long)0x8000000000000000ULL);
    const __m512d lim = _mm512_set1_pd(20.0), one = _mm512_set1_pd(1.0), two = _mm512_set1_pd(2.0),
                  rnd = _mm512_set1_pd(TANH_ROUND), bias = _mm512_set1_pd(TANH_EXP_BIAS);
    const __m512d il2 = _mm512_set1_pd(TANH_INV_LN2), l2h = _mm512_set1_pd(TANH_LN2_HI),
                  l2l = _mm512_set1_pd(TANH_LN2_LO);
    __m512d xv[TANH_U], r[TANH_U], k[TANH_U], p[TANH_U];
    _Pragma("GCC unroll 4") for (int u = 0; u < U; u++) {
        xv[u] = _mm512_loadu_pd(x + 8 * u);
        const __m512d abs = _mm512_castsi512_pd(_mm512_andnot_si512(sign, _mm512_castpd_si512(xv[u])));
        const __m512d a = _mm512_min_pd(abs, lim); /* NaN -> 20, as the scalar */
        const __m512d y = _mm512_add_pd(a, a);
        k[u] = _mm512_sub_pd(_mm512_add_pd(_mm512_mul_pd(y, il2), rnd), rnd);
        r[u] = _mm512_sub_pd(_mm512_sub_pd(y, _mm512_mul_pd(k[u], l2h)), _mm512_mul_pd(k[u], l2l));
        p[u] = _mm512_set1_pd(TANH_C[0]);
    }
    for (int j = 1; j < 13; j++) {
        const __m512d cj = _mm512_set1_pd(TANH_C[j]);
        _Pragma("GCC unroll 4") for (int u = 0; u < U; u++) p[u] = _mm512_add_pd(_mm512_mul_pd(p[u], r[u]), cj);
    }
    _Pragma("GCC unroll 4") for (int u = 0; u < U; u++) {
        const __m512d q = _mm512_add_pd(r[u], _mm512_mul_pd(_mm512_mul_pd(r[u], r[u]), p[u]));
        const __m512d two_k =
            _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_castpd_si512(_mm512_add_pd(k[u], bias)), 52));
        const __m512d e = _mm512_add_pd(_mm512_mul_pd(two_k, q), _mm512_sub_pd(two_k, one));
        __m512d t = _mm512_div_pd(e, _mm512_add_pd(e, two));
        t = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(xv[u], xv[u], _CMP_UNORD_Q), t, xv[u]); /* NaN stays */
        const __m512i mag = _mm512_andnot_si512(sign, _mm512_castpd_si512(t));
        const __m512i sgn = _mm512_and_si512(sign, _mm512_castpd_si512(xv[u]));
        _mm512_storeu_pd(out + 8 * u, _mm512_castsi512_pd(_mm512_or_si512(mag, sgn))); /* copysign(t, x) */
    }
}

/* tanh1 on the elements from 0 in groups of TANH_U eight-lane vectors, then single ones;
 * returns where it stopped. */
CC_AVX512_FN static long tanh_avx512(double *out, const double *x, long n)
{
    long i = 0;
    for (; i + 8 * TANH_U <= n; i += 8 * TANH_U) tanh_vectors8(out + i, x + i, TANH_U);
    for (; i + 8 <= n; i += 8) tanh_vectors8(out + i, x + i, 1);
    return i;
}
#endif

void cc_tanh(double *y, const double *x, long n)
{
    long i = 0;
#ifdef CC_AVX2
    const int level = cc_simd_level();
    if (level >= CC_SIMD_AVX512) i = tanh_avx512(y, x, n);
    if (level >= CC_SIMD_AVX2) i = tanh_avx2(y, x, i, n);
#endif
    for (; i < n; i++) y[i] = tanh1(x[i]);
}
