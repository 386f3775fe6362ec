/* cc_mf.c: the mossy-fibre products by fused multiply-adds in one order (cc_mf.h).
 * Every kernel reads the left factor through two strides, a_rk = A[r ars + k aks]: (ars, aks) =
 * (K, 1) for C = A B with A stored (n, K), (1, n) for C += A^T B with A stored (K, n); `add`
 * says whether the sum over k is added to C (after the sum, as one rounding) or stored. */
#include "cc_mf.h"

#include <math.h>

#include "cc_linalg.h"
#ifdef CC_AVX2
#include <immintrin.h>
#endif

/* One element: s = fma(a_k, b_kj, s) for k = 0 .. K-1 from s = +0 (a_k = a[k aks]). */
static double dot_fma(const double *a, long aks, const double *B, long j, int K, int G)
{
    double s = 0.0;
    for (int k = 0; k < K; k++) s = fma(a[k * aks], B[(long)k * G + j], s);
    return s;
}

static void mf_scalar(double *C, const double *A, long ars, long aks, const double *B, int n, int K, int G, int j0,
                      int add)
{
    for (int r = 0; r < n; r++)
        for (int j = j0; j < G; j++) {
            const double s = dot_fma(A + r * ars, aks, B, j, K, G);
            C[(long)r * G + j] = add ? C[(long)r * G + j] + s : s;
        }
}

#ifdef CC_AVX2
/* AVX-512: tiles of NR <= 10 rows by 8 CV columns (CV = 1, 2), or the last G mod 8 columns under
 * a mask (CV = 1, mask); NR CV accumulators stay in registers through the K fused multiply-adds
 * of each lane, in increasing k (the order of dot_fma). */
#define MF_RB512 10
CC_AVX512_FN static inline __attribute__((always_inline)) void
tile512(double *C, const double *A, long ars, long aks, const double *B, int K, int G, long j, int NR, int CV,
        __mmask8 mask, int add)
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
            const __m512d a = _mm512_set1_pd(A[r * ars + k * aks]);
            _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) c[r][v] = _mm512_fmadd_pd(a, b[v], c[r][v]);
        }
    }
    _Pragma("GCC unroll 10") for (int r = 0; r < NR; r++) _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) {
        double *cr = C + (long)r * G + j + 8 * v;
        if (add) c[r][v] = _mm512_add_pd(mask == 0xFF ? _mm512_loadu_pd(cr) : _mm512_maskz_loadu_pd(mask, cr), c[r][v]);
        if (mask == 0xFF) _mm512_storeu_pd(cr, c[r][v]);
        else _mm512_mask_storeu_pd(cr, mask, c[r][v]);
    }
}

/* tile512 with NR and CV as constants: nr = 1 .. 10 rows, cv = 1 or 2 vectors. */
CC_AVX512_FN static void tile512_any(double *C, const double *A, long ars, long aks, const double *B, int K, int G,
                                     long j, int nr, int cv, __mmask8 mask, int add)
{
#define MF_CASE(NR)                                                                                                    \
    case NR:                                                                                                           \
        if (cv == 2) tile512(C, A, ars, aks, B, K, G, j, NR, 2, mask, add);                                            \
        else tile512(C, A, ars, aks, B, K, G, j, NR, 1, mask, add);                                                    \
        break;
    switch (nr) {
        MF_CASE(1) MF_CASE(2) MF_CASE(3) MF_CASE(4) MF_CASE(5) MF_CASE(6) MF_CASE(7) MF_CASE(8) MF_CASE(9)
    default: MF_CASE(10)
    }
#undef MF_CASE
}

/* Column blocks of 16 (then 8, then the masked rest), and within each block every tile of 10
 * rows: the block of B (K x 16) is read from memory once and stays in cache for all the row
 * tiles (the gradient has 5 of them, N = 50). */
CC_AVX512_FN static void mf_avx512(double *C, const double *A, long ars, long aks, const double *B, int n, int K, int G,
                                   int add)
{
    for (long j = 0; j < G;) {
        const int cv = j + 16 <= G ? 2 : 1;
        const __mmask8 mask = j + 8 <= G ? 0xFF : (__mmask8)((1u << (G - j)) - 1u);
        for (int r = 0; r < n; r += MF_RB512)
            tile512_any(C + (long)r * G, A + r * ars, ars, aks, B, K, G, j, n - r < MF_RB512 ? n - r : MF_RB512, cv,
                        mask, add);
        j += 8 * cv;
    }
}

/* AVX2 with FMA: tiles of NR <= 6 rows by 8 columns (two four-lane accumulators per row), then
 * four columns; the last G mod 4 columns go to mf_scalar. */
#define MF_RB256 6
CC_FMA_FN static inline __attribute__((always_inline)) void tile256(double *C, const double *A, long ars, long aks,
                                                                     const double *B, int K, int G, long j, int NR,
                                                                     int CV, int add)
{
    __m256d c[MF_RB256][2];
    _Pragma("GCC unroll 6") for (int r = 0; r < NR; r++) _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++)
        c[r][v] = _mm256_setzero_pd();
    for (int k = 0; k < K; k++) {
        const double *bk = B + (long)k * G + j;
        __m256d b[2];
        _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) b[v] = _mm256_loadu_pd(bk + 4 * v);
        _Pragma("GCC unroll 6") for (int r = 0; r < NR; r++) {
            const __m256d a = _mm256_set1_pd(A[r * ars + k * aks]);
            _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) c[r][v] = _mm256_fmadd_pd(a, b[v], c[r][v]);
        }
    }
    _Pragma("GCC unroll 6") for (int r = 0; r < NR; r++) _Pragma("GCC unroll 2") for (int v = 0; v < CV; v++) {
        double *cr = C + (long)r * G + j + 4 * v;
        _mm256_storeu_pd(cr, add ? _mm256_add_pd(_mm256_loadu_pd(cr), c[r][v]) : c[r][v]);
    }
}

CC_FMA_FN static inline __attribute__((always_inline)) void rows256(double *C, const double *A, long ars, long aks,
                                                                     const double *B, int K, int G, int NR, int add)
{
    long j = 0;
    for (; j + 8 <= G; j += 8) tile256(C, A, ars, aks, B, K, G, j, NR, 2, add);
    if (j + 4 <= G) tile256(C, A, ars, aks, B, K, G, j, NR, 1, add);
}

CC_FMA_FN static void mf_avx2(double *C, const double *A, long ars, long aks, const double *B, int n, int K, int G,
                              int add)
{
    for (int r = 0; r < n; r += MF_RB256) {
        double *Cr = C + (long)r * G;
        const double *Ar = A + r * ars;
        const int nr = n - r < MF_RB256 ? n - r : MF_RB256;
        switch (nr) {
        case 1: rows256(Cr, Ar, ars, aks, B, K, G, 1, add); break;
        case 2: rows256(Cr, Ar, ars, aks, B, K, G, 2, add); break;
        case 3: rows256(Cr, Ar, ars, aks, B, K, G, 3, add); break;
        case 4: rows256(Cr, Ar, ars, aks, B, K, G, 4, add); break;
        case 5: rows256(Cr, Ar, ars, aks, B, K, G, 5, add); break;
        default: rows256(Cr, Ar, ars, aks, B, K, G, 6, add); break;
        }
        mf_scalar(Cr, Ar, ars, aks, B, nr, K, G, G - G % 4, add);
    }
}
#endif

int cc_mf_fma_on(void)
{
    return cc_simd_level() >= CC_SIMD_AVX512 || (cc_simd_level() >= CC_SIMD_AVX2 && cc_cpu_fma());
}

/* The widest path this CPU runs, for either product. */
static void mf_any(double *C, const double *A, long ars, long aks, const double *B, int n, int K, int G, int add)
{
#ifdef CC_AVX2
    if (cc_simd_level() >= CC_SIMD_AVX512) {
        mf_avx512(C, A, ars, aks, B, n, K, G, add);
        return;
    }
    if (cc_simd_level() >= CC_SIMD_AVX2 && cc_cpu_fma()) {
        mf_avx2(C, A, ars, aks, B, n, K, G, add);
        return;
    }
#endif
    mf_scalar(C, A, ars, aks, B, n, K, G, 0, add);
}

void cc_mf_product(double *C, const double *A, const double *B, int n, int K, int G)
{
    mf_any(C, A, K, 1, B, n, K, G, 0);
}

void cc_mf_product_tn_add(double *C, const double *A, const double *B, int n, int K, int G)
{
    mf_any(C, A, 1, n, B, n, K, G, 1);
}
