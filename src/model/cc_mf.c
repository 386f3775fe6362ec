/* cc_mf.c: the mossy-fibre product a = m W_MF^T by fused multiply-adds in one order (cc_mf.h). */
#include "cc_mf.h"

#include <math.h>

#include "cc_linalg.h"
#ifdef CC_AVX2
#include <immintrin.h>
#endif

/* One element: s = fma(a_k, b_kj, s) for k = 0 .. K-1 from s = +0. */
static double dot_fma(const double *a, const double *B, long j, int K, int G)
{
    double s = 0.0;
    for (int k = 0; k < K; k++) s = fma(a[k], B[(long)k * G + j], s);
    return s;
}

static void mf_scalar(double *C, const double *A, const double *B, int n, int K, int G, int j0)
{
    for (int r = 0; r < n; r++)
        for (int j = j0; j < G; j++) C[(long)r * G + j] = dot_fma(A + (long)r * K, B, j, K, G);
}

#ifdef CC_AVX2
/* AVX-512: tiles of NR <= 10 rows by 8 CV columns (CV = 1, 2), or the last G mod 8 columns under
 * a mask (CV = 1, mask); NR CV accumulators stay in registers through the K fused multiply-adds
 * of each lane, in increasing k (the order of dot_fma). */
#define MF_RB512 10
CC_AVX512_FN static inline __attribute__((always_inline)) void
tile512(double *C, const double *A, const double *B, int K, int G, long j, int NR, int CV, __mmask8 mask)
{
    __m512d c[MF_RB512][2];
    _Pragma("GCC unroll 10") for (int r = 0; r < NR; r++) _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++)
        c[r][v] = _mm512_setzero_pd();
    for (int k = 0; k < K; k++) {
        const double *bk = B + (long)k * G + j;
        __m512d b[2];
        _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) b[v] =
            mask == 0xFF ? _mm512_loadu_pd(bk + 8 * v) : _mm512_maskz_loadu_pd(mask, bk);
        _Pragma("GCC unroll 10") for (int r = 0; r < NR; r++) {
            const __m512d a = _mm512_set1_pd(A[(long)r * K + k]);
            _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) c[r][v] = _mm512_fmadd_pd(a, b[v], c[r][v]);
        }
    }
    _Pragma("GCC unroll 10") for (int r = 0; r < NR; r++) _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) {
        double *cr = C + (long)r * G + j + 8 * v;
        if (mask == 0xFF) _mm512_storeu_pd(cr, c[r][v]);
        else _mm512_mask_storeu_pd(cr, mask, c[r][v]);
    }
}

/* NR rows (a constant after inlining) across all G columns. */
CC_AVX512_FN static inline __attribute__((always_inline)) void rows512(double *C, const double *A, const double *B,
                                                                        int K, int G, int NR)
{
    long j = 0;
    for (; j + 16 <= G; j += 16) tile512(C, A, B, K, G, j, NR, 2, 0xFF);
    if (j + 8 <= G) tile512(C, A, B, K, G, j, NR, 1, 0xFF), j += 8;
    if (j < G) tile512(C, A, B, K, G, j, NR, 1, (__mmask8)((1u << (G - j)) - 1u));
}

CC_AVX512_FN static void mf_avx512(double *C, const double *A, const double *B, int n, int K, int G)
{
    for (int r = 0; r < n; r += MF_RB512) {
        double *Cr = C + (long)r * G;
        const double *Ar = A + (long)r * K;
        switch (n - r < MF_RB512 ? n - r : MF_RB512) {
        case 1: rows512(Cr, Ar, B, K, G, 1); break;
        case 2: rows512(Cr, Ar, B, K, G, 2); break;
        case 3: rows512(Cr, Ar, B, K, G, 3); break;
        case 4: rows512(Cr, Ar, B, K, G, 4); break;
        case 5: rows512(Cr, Ar, B, K, G, 5); break;
        case 6: rows512(Cr, Ar, B, K, G, 6); break;
        case 7: rows512(Cr, Ar, B, K, G, 7); break;
        case 8: rows512(Cr, Ar, B, K, G, 8); break;
        case 9: rows512(Cr, Ar, B, K, G, 9); break;
        default: rows512(Cr, Ar, B, K, G, 10); break;
        }
    }
}

/* AVX2 with FMA: tiles of NR <= 6 rows by 8 columns (two four-lane accumulators per row), then
 * four columns; the last G mod 4 columns go to mf_scalar. */
#define MF_RB256 6
CC_FMA_FN static inline __attribute__((always_inline)) void tile256(double *C, const double *A, const double *B,
                                                                     int K, int G, long j, int NR, int CV)
{
    __m256d c[MF_RB256][2];
    _Pragma("GCC unroll 6") for (int r = 0; r < NR; r++) _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++)
        c[r][v] = _mm256_setzero_pd();
    for (int k = 0; k < K; k++) {
        const double *bk = B + (long)k * G + j;
        __m256d b[2];
        _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) b[v] = _mm256_loadu_pd(bk + 4 * v);
        _Pragma("GCC unroll 6") for (int r = 0; r < NR; r++) {
            const __m256d a = _mm256_set1_pd(A[(long)r * K + k]);
            _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) c[r][v] = _mm256_fmadd_pd(a, b[v], c[r][v]);
        }
    }
    _Pragma("GCC unroll 6") for (int r = 0; r < NR; r++) _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++)
        _mm256_storeu_pd(C + (long)r * G + j + 4 * v, c[r][v]);
}

CC_FMA_FN static inline __attribute__((always_inline)) void rows256(double *C, const double *A, const double *B,
                                                                     int K, int G, int NR)
{
    long j = 0;
    for (; j + 8 <= G; j += 8) tile256(C, A, B, K, G, j, NR, 2);
    if (j + 4 <= G) tile256(C, A, B, K, G, j, NR, 1);
}

CC_FMA_FN static void mf_avx2(double *C, const double *A, const double *B, int n, int K, int G)
{
    for (int r = 0; r < n; r += MF_RB256) {
        double *Cr = C + (long)r * G;
        const double *Ar = A + (long)r * K;
        const int nr = n - r < MF_RB256 ? n - r : MF_RB256;
        switch (nr) {
        case 1: rows256(Cr, Ar, B, K, G, 1); break;
        case 2: rows256(Cr, Ar, B, K, G, 2); break;
        case 3: rows256(Cr, Ar, B, K, G, 3); break;
        case 4: rows256(Cr, Ar, B, K, G, 4); break;
        case 5: rows256(Cr, Ar, B, K, G, 5); break;
        default: rows256(Cr, Ar, B, K, G, 6); break;
        }
        mf_scalar(Cr, Ar, B, nr, K, G, G - G % 4);
    }
}
#endif

int cc_mf_fma_on(void)
{
    return cc_simd_level() >= CC_SIMD_AVX512 || (cc_simd_level() >= CC_SIMD_AVX2 && cc_cpu_fma());
}

void cc_mf_product(double *C, const double *A, const double *B, int n, int K, int G)
{
#ifdef CC_AVX2
    if (cc_simd_level() >= CC_SIMD_AVX512) {
        mf_avx512(C, A, B, n, K, G);
        return;
    }
    if (cc_simd_level() >= CC_SIMD_AVX2 && cc_cpu_fma()) {
        mf_avx2(C, A, B, n, K, G);
        return;
    }
#endif
    mf_scalar(C, A, B, n, K, G, 0);
}
