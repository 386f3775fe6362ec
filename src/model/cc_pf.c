/* cc_pf.c: parallel-fibre kernels, one pass over the granule rates (cc_pf.h). */
#include "cc_pf.h"

#include "cc_linalg.h"
#ifdef CC_AVX2
#include <immintrin.h>
#endif

/* Outputs of W_PF per pass over a row of g: their accumulators stay in registers (the loops
 * over them are unrolled, `GCC unroll`; rolled, GCC kept the accumulators in memory). */
#define PF_CHUNK 4

/* relu(a) keep gain for one rate: (a keep) gain if a > 0, else +0. */
static inline double relu1(double a, const double *keep, long j, double gain)
{
    return cc_keep_if(keep ? a * keep[j] * gain : a * gain, a > 0.0);
}

/* One row, outputs c0 .. c0+nc-1 (nc <= PF_CHUNK) of W (already offset), the ReLU if `relu`. */
static void forward_row_scalar(double *g, double *p, const double *keep, double gain, const double *W, int G,
                               int nc, int relu)
{
    const int G8 = G - G % 8;
    double s[PF_CHUNK][8] = {{0.0}};
    for (int j = 0; j < G8; j += 8)
        for (int l = 0; l < 8; l++) {
            double a = g[j + l];
            if (relu) g[j + l] = a = relu1(a, keep, j + l, gain);
            for (int c = 0; c < nc; c++) s[c][l] += a * W[(long)c * G + j + l];
        }
    for (int c = 0; c < nc; c++) {
        const double *v = s[c];
        p[c] = ((v[0] + v[4]) + (v[2] + v[6])) + ((v[1] + v[5]) + (v[3] + v[7]));
    }
    for (int j = G8; j < G; j++) {
        if (relu) g[j] = relu1(g[j], keep, j, gain);
        for (int c = 0; c < nc; c++) p[c] += g[j] * W[(long)c * G + j];
    }
}

#ifdef CC_AVX2
/* The vector body of forward_row_scalar for j < G - G mod 8; nc and mode are constants after
 * inlining (mode 0: no ReLU, 1: relu(a), 2: relu(a) gain, 3: relu(a) keep gain). */
CC_AVX2_FN static inline __attribute__((always_inline)) void
forward_row_avx2(double *g, double *p, const double *keep, double gain, const double *W, int G, int nc, int mode)
{
    const int G8 = G - G % 8;
    const __m256d zero = _mm256_setzero_pd(), vgain = _mm256_set1_pd(gain);
    __m256d s0[PF_CHUNK], s1[PF_CHUNK]; /* lanes l and l + 4 of the partial sums */
    _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++) s0[c] = s1[c] = zero;
    for (int j = 0; j < G8; j += 8) {
        __m256d a0 = _mm256_loadu_pd(g + j), a1 = _mm256_loadu_pd(g + j + 4);
        if (mode) { /* max(a, +0) is a if a > 0, else +0, also for -0 and NaN: relu1 bit for bit */
            a0 = _mm256_max_pd(a0, zero);
            a1 = _mm256_max_pd(a1, zero);
            if (mode == 3) {
                a0 = _mm256_mul_pd(a0, _mm256_loadu_pd(keep + j));
                a1 = _mm256_mul_pd(a1, _mm256_loadu_pd(keep + j + 4));
            }
            if (mode >= 2) {
                a0 = _mm256_mul_pd(a0, vgain);
                a1 = _mm256_mul_pd(a1, vgain);
            }
            _mm256_storeu_pd(g + j, a0);
            _mm256_storeu_pd(g + j + 4, a1);
        }
        _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++) {
            s0[c] = _mm256_add_pd(s0[c], _mm256_mul_pd(a0, _mm256_loadu_pd(W + (long)c * G + j)));
            s1[c] = _mm256_add_pd(s1[c], _mm256_mul_pd(a1, _mm256_loadu_pd(W + (long)c * G + j + 4)));
        }
    }
    _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++) {
        const __m256d v = _mm256_add_pd(s0[c], s1[c]);                                   /* s_l + s_{l+4} */
        const __m128d w = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1)); /* l, l + 2 */
        p[c] = _mm_cvtsd_f64(w) + _mm_cvtsd_f64(_mm_unpackhi_pd(w, w));
    }
}

/* forward_row_avx2 with constant nc and mode, then the scalar tail. */
CC_AVX2_FN static void forward_row_vec(double *g, double *p, const double *keep, double gain, const double *W, int G,
                                       int nc, int relu)
{
    const int mode = !relu ? 0 : keep ? 3 : gain != 1.0 ? 2 : 1;
#define PF_CASE(NC, M)                                                                                                 \
    case (NC) * 4 + (M): forward_row_avx2(g, p, keep, gain, W, G, NC, M); break;
#define PF_CASES(NC) PF_CASE(NC, 0) PF_CASE(NC, 1) PF_CASE(NC, 2) PF_CASE(NC, 3)
    switch (nc * 4 + mode) {
        PF_CASES(1) PF_CASES(2) PF_CASES(3) PF_CASES(4)
    default: break;
    }
#undef PF_CASES
#undef PF_CASE
    for (int j = G - G % 8; j < G; j++) {
        if (relu) g[j] = relu1(g[j], keep, j, gain);
        for (int c = 0; c < nc; c++) p[c] += g[j] * W[(long)c * G + j];
    }
}
#endif

void cc_pf_forward(double *g, double *p, const double *keep, double gain, const double *W_PF, int rows, int G,
                   int C)
{
    const int vec = cc_simd_on();
    for (int r = 0; r < rows; r++) {
        double *gr = g + (long)r * G;
        const double *kr = keep ? keep + (long)r * G : NULL;
        for (int c0 = 0; c0 < C; c0 += PF_CHUNK) { /* the ReLU on the first pass over the row */
            const int nc = C - c0 < PF_CHUNK ? C - c0 : PF_CHUNK;
            double *pr = p + (long)r * C + c0;
            const double *W = W_PF + (long)c0 * G;
#ifdef CC_AVX2
            if (vec) {
                forward_row_vec(gr, pr, kr, gain, W, G, nc, c0 == 0);
                continue;
            }
#endif
            forward_row_scalar(gr, pr, kr, gain, W, G, nc, c0 == 0);
        }
    }
    (void)vec;
}

#ifdef CC_AVX2
/* k rows (k = 1..4, a constant after inlining) of cc_pf_grad, columns j < G - G mod 4. */
CC_AVX2_FN static inline __attribute__((always_inline)) void grad_rows_avx2(double *dW, const double *dp,
                                                                             const double *g, int G, int C, int k)
{
    const int G4 = G - G % 4;
    for (int c = 0; c < C; c++) {
        __m256d d[4];
        _Pragma("GCC unroll 4") for (int i = 0; i < k; i++) d[i] = _mm256_set1_pd(dp[(long)i * C + c]);
        double *w = dW + (long)c * G;
        for (int j = 0; j < G4; j += 4) {
            __m256d s = _mm256_mul_pd(d[0], _mm256_loadu_pd(g + j));
            _Pragma("GCC unroll 4") for (int i = 1; i < k; i++)
                s = _mm256_add_pd(s, _mm256_mul_pd(d[i], _mm256_loadu_pd(g + (long)i * G + j)));
            _mm256_storeu_pd(w + j, _mm256_add_pd(_mm256_loadu_pd(w + j), s));
        }
    }
}

/* A block of k rows of cc_pf_grad for j < G - G mod 4; returns where the scalar tail starts. */
CC_AVX2_FN static int grad_block_avx2(double *dW, const double *dp, const double *g, int G, int C, int k)
{
    switch (k) {
    case 1: grad_rows_avx2(dW, dp, g, G, C, 1); break;
    case 2: grad_rows_avx2(dW, dp, g, G, C, 2); break;
    case 3: grad_rows_avx2(dW, dp, g, G, C, 3); break;
    default: grad_rows_avx2(dW, dp, g, G, C, 4); break;
    }
    return G - G % 4;
}
#endif

void cc_pf_grad(double *dW_PF, const double *dp, const double *g, int rows, int G, int C)
{
    const int vec = cc_simd_on();
    for (int r = 0; r < rows; r += 4) { /* dW_cj += ((dp_0c g_0j + dp_1c g_1j) + dp_2c g_2j) + dp_3c g_3j */
        const int k = rows - r < 4 ? rows - r : 4;
        const double *d = dp + (long)r * C, *gr = g + (long)r * G;
        int j0 = 0;
#ifdef CC_AVX2
        if (vec) j0 = grad_block_avx2(dW_PF, d, gr, G, C, k);
#endif
        for (int c = 0; c < C; c++)
            for (int j = j0; j < G; j++) {
                double s = d[c] * gr[j];
                for (int i = 1; i < k; i++) s += d[(long)i * C + c] * gr[(long)i * G + j];
                dW_PF[(long)c * G + j] += s;
            }
    }
    (void)vec;
}

#ifdef CC_AVX2
/* One row of cc_pf_backprop for j < G - G mod 4; returns where the scalar tail starts. */
CC_AVX2_FN static int backprop_row_avx2(double *da, const double *dp, const double *W, const double *g, double gain,
                                        int G, int C)
{
    const int G4 = G - G % 4;
    const __m256d zero = _mm256_setzero_pd(), vgain = _mm256_set1_pd(gain);
    for (int j = 0; j < G4; j += 4) {
        __m256d s = _mm256_mul_pd(_mm256_set1_pd(dp[0]), _mm256_loadu_pd(W + j));
        for (int c = 1; c < C; c++)
            s = _mm256_add_pd(s, _mm256_mul_pd(_mm256_set1_pd(dp[c]), _mm256_loadu_pd(W + (long)c * G + j)));
        const __m256d pos = _mm256_cmp_pd(_mm256_loadu_pd(g + j), zero, _CMP_GT_OQ); /* all ones where g > 0 */
        _mm256_storeu_pd(da + j, _mm256_and_pd(_mm256_mul_pd(s, vgain), pos));
    }
    return G4;
}
#endif

void cc_pf_backprop(double *da, const double *dp, const double *W_PF, const double *g, double gain, int rows,
                    int G, int C)
{
    const int vec = cc_simd_on();
    for (int r = 0; r < rows; r++) {
        const double *d = dp + (long)r * C, *gr = g + (long)r * G;
        double *ar = da + (long)r * G;
        int j = 0;
#ifdef CC_AVX2
        if (vec) j = backprop_row_avx2(ar, d, W_PF, gr, gain, G, C);
#endif
        for (; j < G; j++) {
            double s = d[0] * W_PF[j];
            for (int c = 1; c < C; c++) s += d[c] * W_PF[(long)c * G + j]; /* (dp W_PF)_rj */
            ar[j] = cc_keep_if(s * gain, gr[j] > 0.0);
        }
    }
    (void)vec;
}
