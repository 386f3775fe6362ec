/* cc_linalg.c: dense kernels over row-major arrays (cc_linalg.h). */
#include "cc_linalg.h"

#include <gsl/gsl_errno.h>

#include <math.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && !defined(CC_NO_SIMD)
#define CC_SSE2 1 /* part of every x86-64: no run-time check */
#include <emmintrin.h>
#endif
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

void cc_gemm_rows(CBLAS_TRANSPOSE_t tA, CBLAS_TRANSPOSE_t tB, double alpha,
                  const double *A, int Ar, int Ac, const double *B, int Br, int Bc,
                  double beta, double *C, int Cr, int Cc)
{
    int m, n, k;
    if (!gemm_dims(&m, &n, &k, tA, tB, Ar, Ac, Br, Bc, Cr, Cc) || m == 0 || n == 0) return;
    const long per = k > 0 ? CC_GEMM_BLOCK_MNK / ((long)n * k) : m; /* rows of C per call */
    if (per >= m || k == 0) {
        cc_gemm(tA, tB, alpha, A, Ar, Ac, B, Br, Bc, beta, C, Cr, Cc);
        return;
    }
    const int step = per > 0 ? (int)per : 1;
    for (int i = 0; i < m; i += step) { /* rows i.. of C = rows i.. of op(A) times op(B) */
        const int mb = m - i < step ? m - i : step;
        const double *Ai = tA == CblasNoTrans ? A + (size_t)i * Ac : A + i; /* rows, or columns of A^T */
        cblas_dgemm(CblasRowMajor, tA, tB, mb, n, k, alpha, Ai, Ac, B, Bc, beta, C + (size_t)i * Cc, Cc);
    }
}

void cc_transpose(double *dst, const double *src, int rows, int cols)
{
    for (int i0 = 0; i0 < rows; i0 += 8) { /* eight source rows at a time: 8 cache lines in, 8 doubles out per row */
        const int i1 = i0 + 8 < rows ? i0 + 8 : rows;
        int j = 0;
#ifdef CC_SSE2
        if (i1 - i0 == 8) /* 2 x 2 blocks: rows i, i+1 of columns j, j+1 of src -> rows j, j+1 of dst */
            for (; j + 2 <= cols; j += 2)
                for (int i = i0; i < i1; i += 2) {
                    const __m128d a = _mm_loadu_pd(src + (size_t)i * cols + j);
                    const __m128d b = _mm_loadu_pd(src + (size_t)(i + 1) * cols + j);
                    _mm_storeu_pd(dst + (size_t)j * rows + i, _mm_unpacklo_pd(a, b));
                    _mm_storeu_pd(dst + (size_t)(j + 1) * rows + i, _mm_unpackhi_pd(a, b));
                }
#endif
        for (; j < cols; j++)
            for (int i = i0; i < i1; i++) dst[(size_t)j * rows + i] = src[(size_t)i * cols + j]; /* dst_ji = src_ij */
    }
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
