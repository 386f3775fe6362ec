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
/* The vector paths interleave NR rows: the sum of one output over a row is a chain of G/8
 * dependent additions, and NR rows make NR independent chains (each in its own order, as
 * above), so the adder's latency is hidden; W_PF is loaded once for the NR rows. */

/* The ReLU (mode 0: none, 1: relu(a), 2: relu(a) gain, 3: relu(a) keep gain) of four lanes;
 * max(a, +0) is a if a > 0, else +0, also for -0 and NaN: relu1 bit for bit. */
CC_AVX2_FN static inline __attribute__((always_inline)) __m256d relu4(__m256d a, const double *keep, __m256d vgain,
                                                                       int mode)
{
    a = _mm256_max_pd(a, _mm256_setzero_pd());
    if (mode == 3) a = _mm256_mul_pd(a, _mm256_loadu_pd(keep));
    if (mode >= 2) a = _mm256_mul_pd(a, vgain);
    return a;
}

/* The vector body of forward_row_scalar for NR rows (g, keep, p a row apart: G, G, C) and
 * j < G - G mod 8; nc, nr and mode are constants after inlining. Lanes l and l + 4 of the
 * partial sums are in s0 and s1. */
CC_AVX2_FN static inline __attribute__((always_inline)) void forward_rows_avx2(double *g, double *p, const double *keep,
                                                                                double gain, const double *W, int G,
                                                                                int C, int nc, int nr, int mode)
{
    const int G8 = G - G % 8;
    const __m256d zero = _mm256_setzero_pd(), vgain = _mm256_set1_pd(gain);
    __m256d s0[2][PF_CHUNK], s1[2][PF_CHUNK];
    _Pragma("GCC unroll 2") for (int r = 0; r < nr; r++) _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++)
        s0[r][c] = s1[r][c] = zero;
    for (int j = 0; j < G8; j += 8) {
        _Pragma("GCC unroll 2") for (int r = 0; r < nr; r++) {
            double *gr = g + (long)r * G + j;
            __m256d a0 = _mm256_loadu_pd(gr), a1 = _mm256_loadu_pd(gr + 4);
            if (mode) {
                const double *kr = mode == 3 ? keep + (long)r * G + j : NULL;
                a0 = relu4(a0, kr, vgain, mode);
                a1 = relu4(a1, kr ? kr + 4 : NULL, vgain, mode);
                _mm256_storeu_pd(gr, a0);
                _mm256_storeu_pd(gr + 4, a1);
            }
            _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++) {
                s0[r][c] = _mm256_add_pd(s0[r][c], _mm256_mul_pd(a0, _mm256_loadu_pd(W + (long)c * G + j)));
                s1[r][c] = _mm256_add_pd(s1[r][c], _mm256_mul_pd(a1, _mm256_loadu_pd(W + (long)c * G + j + 4)));
            }
        }
    }
    _Pragma("GCC unroll 2") for (int r = 0; r < nr; r++) _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++) {
        const __m256d v = _mm256_add_pd(s0[r][c], s1[r][c]);                                   /* s_l + s_{l+4} */
        const __m128d w = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1)); /* l, l + 2 */
        p[(long)r * C + c] = _mm_cvtsd_f64(w) + _mm_cvtsd_f64(_mm_unpackhi_pd(w, w));
    }
}

/* forward_rows_avx512's eight-lane twin: one register per row and output, whose lane l is the
 * sum of lanes l and l + 4 of forward_rows_avx2; the same reduction follows. */
CC_AVX512_FN static inline __attribute__((always_inline)) void
forward_rows_avx512(double *g, double *p, const double *keep, double gain, const double *W, int G, int C, int nc,
                    int nr, int mode)
{
    const int G8 = G - G % 8;
    const __m512d zero = _mm512_setzero_pd(), vgain = _mm512_set1_pd(gain);
    __m512d s[4][PF_CHUNK];
    _Pragma("GCC unroll 4") for (int r = 0; r < nr; r++) _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++)
        s[r][c] = zero;
    for (int j = 0; j < G8; j += 8) {
        __m512d w[PF_CHUNK];
        _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++) w[c] = _mm512_loadu_pd(W + (long)c * G + j);
        _Pragma("GCC unroll 4") for (int r = 0; r < nr; r++) {
            double *gr = g + (long)r * G + j;
            __m512d a = _mm512_loadu_pd(gr);
            if (mode) { /* as relu4 */
                a = _mm512_max_pd(a, zero);
                if (mode == 3) a = _mm512_mul_pd(a, _mm512_loadu_pd(keep + (long)r * G + j));
                if (mode >= 2) a = _mm512_mul_pd(a, vgain);
                _mm512_storeu_pd(gr, a);
            }
            _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++) s[r][c] = _mm512_add_pd(s[r][c], _mm512_mul_pd(a, w[c]));
        }
    }
    _Pragma("GCC unroll 4") for (int r = 0; r < nr; r++) _Pragma("GCC unroll 4") for (int c = 0; c < nc; c++) {
        const __m256d v = _mm256_add_pd(_mm512_castpd512_pd256(s[r][c]), _mm512_extractf64x4_pd(s[r][c], 1));
        const __m128d w = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1)); /* l, l + 2 */
        p[(long)r * C + c] = _mm_cvtsd_f64(w) + _mm_cvtsd_f64(_mm_unpackhi_pd(w, w));
    }
}

/* The scalar tail j >= G - G mod 8 of nr rows, after a vector body. */
static void forward_tail(double *g, double *p, const double *keep, double gain, const double *W, int G, int C,
                         int nc, int nr, int relu)
{
    for (int r = 0; r < nr; r++) {
        double *gr = g + (long)r * G, *pr = p + (long)r * C;
        const double *kr = keep ? keep + (long)r * G : NULL;
        for (int j = G - G % 8; j < G; j++) {
            if (relu) gr[j] = relu1(gr[j], kr, j, gain);
            for (int c = 0; c < nc; c++) pr[c] += gr[j] * W[(long)c * G + j];
        }
    }
}

/* ReLU mode of a pass (forward_rows_avx2). */
static int relu_mode(int relu, const double *keep, double gain) { return !relu ? 0 : keep ? 3 : gain != 1.0 ? 2 : 1; }

/* forward_rows_avx2 on nr = 1 or 2 rows with constant nc and mode, then the scalar tail. */
CC_AVX2_FN static void forward_rows_vec(double *g, double *p, const double *keep, double gain, const double *W, int G,
                                        int C, int nc, int nr, int relu)
{
#define PF_CASE(NR, NC, M)                                                                                             \
    case ((NR) * 8 + (NC)) * 4 + (M): forward_rows_avx2(g, p, keep, gain, W, G, C, NC, NR, M); break;
#define PF_CASES(NR, NC) PF_CASE(NR, NC, 0) PF_CASE(NR, NC, 1) PF_CASE(NR, NC, 2) PF_CASE(NR, NC, 3)
    switch ((nr * 8 + nc) * 4 + relu_mode(relu, keep, gain)) {
        PF_CASES(1, 1) PF_CASES(1, 2) PF_CASES(1, 3) PF_CASES(1, 4) PF_CASES(2, 1) PF_CASES(2, 2)
    default: break;
    }
#undef PF_CASES
#undef PF_CASE
    forward_tail(g, p, keep, gain, W, G, C, nc, nr, relu);
}

/* forward_rows_avx512 on nr = 1, 2 or 4 rows with constant nc and mode, then the scalar tail. */
CC_AVX512_FN static void forward_rows_vec512(double *g, double *p, const double *keep, double gain, const double *W,
                                             int G, int C, int nc, int nr, int relu)
{
#define PF_CASE(NR, NC, M)                                                                                             \
    case ((NR) * 8 + (NC)) * 4 + (M): forward_rows_avx512(g, p, keep, gain, W, G, C, NC, NR, M); break;
#define PF_CASES(NR, NC) PF_CASE(NR, NC, 0) PF_CASE(NR, NC, 1) PF_CASE(NR, NC, 2) PF_CASE(NR, NC, 3)
    switch ((nr * 8 + nc) * 4 + relu_mode(relu, keep, gain)) {
        PF_CASES(1, 1) PF_CASES(1, 2) PF_CASES(1, 3) PF_CASES(1, 4) PF_CASES(2, 3) PF_CASES(2, 4)
        PF_CASES(4, 1) PF_CASES(4, 2)
    default: break;
    }
#undef PF_CASES
#undef PF_CASE
    forward_tail(g, p, keep, gain, W, G, C, nc, nr, relu);
}

/* Rows interleaved by the vector path of this level for nc outputs: at most 16 accumulators. */
static int rows_per_pass(int level, int nc)
{
    if (level >= CC_SIMD_AVX512) return nc <= 2 ? 4 : 2;
    return nc <= 2 ? 2 : 1;
}
#endif

void cc_pf_forward(double *g, double *p, const double *keep, double gain, const double *W_PF, int rows, int G,
                   int C)
{
    const int vec = cc_simd_level();
    for (int c0 = 0; c0 < C; c0 += PF_CHUNK) { /* the ReLU on the first pass over a row */
        const int nc = C - c0 < PF_CHUNK ? C - c0 : PF_CHUNK;
        const double *W = W_PF + (long)c0 * G;
        int r = 0;
#ifdef CC_AVX2
        if (vec >= CC_SIMD_AVX2) {
            const int per = rows_per_pass(vec, nc);
            while (r < rows) { /* groups of `per` rows, then single rows */
                const int nr = rows - r >= per ? per : 1;
                double *gr = g + (long)r * G, *pr = p + (long)r * C + c0;
                const double *kr = keep ? keep + (long)r * G : NULL;
                if (vec >= CC_SIMD_AVX512) forward_rows_vec512(gr, pr, kr, gain, W, G, C, nc, nr, c0 == 0);
                else forward_rows_vec(gr, pr, kr, gain, W, G, C, nc, nr, c0 == 0);
                r += nr;
            }
        }
#endif
        for (; r < rows; r++)
            forward_row_scalar(g + (long)r * G, p + (long)r * C + c0, keep ? keep + (long)r * G : NULL, gain, W, G,
                               nc, c0 == 0);
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

/* grad_rows_avx2 with eight lanes, columns j < G - G mod 8, and the k rows of g loaded once
 * for all C outputs. */
CC_AVX512_FN static inline __attribute__((always_inline)) void grad_rows_avx512(double *dW, const double *dp,
                                                                                 const double *g, int G, int C, int k)
{
    const int G8 = G - G % 8;
    for (int j = 0; j < G8; j += 8) {
        __m512d a[4];
        _Pragma("GCC unroll 4") for (int i = 0; i < k; i++) a[i] = _mm512_loadu_pd(g + (long)i * G + j);
        for (int c = 0; c < C; c++) {
            __m512d s = _mm512_mul_pd(_mm512_set1_pd(dp[c]), a[0]);
            _Pragma("GCC unroll 4") for (int i = 1; i < k; i++)
                s = _mm512_add_pd(s, _mm512_mul_pd(_mm512_set1_pd(dp[(long)i * C + c]), a[i]));
            double *w = dW + (long)c * G + j;
            _mm512_storeu_pd(w, _mm512_add_pd(_mm512_loadu_pd(w), s));
        }
    }
}

/* grad_block_avx2 with eight lanes; returns where the scalar tail starts. */
CC_AVX512_FN static int grad_block_avx512(double *dW, const double *dp, const double *g, int G, int C, int k)
{
    switch (k) {
    case 1: grad_rows_avx512(dW, dp, g, G, C, 1); break;
    case 2: grad_rows_avx512(dW, dp, g, G, C, 2); break;
    case 3: grad_rows_avx512(dW, dp, g, G, C, 3); break;
    default: grad_rows_avx512(dW, dp, g, G, C, 4); break;
    }
    return G - G % 8;
}
#endif

void cc_pf_grad(double *dW_PF, const double *dp, const double *g, int rows, int G, int C)
{
    const int vec = cc_simd_level();
    for (int r = 0; r < rows; r += 4) { /* dW_cj += ((dp_0c g_0j + dp_1c g_1j) + dp_2c g_2j) + dp_3c g_3j */
        const int k = rows - r < 4 ? rows - r : 4;
        const double *d = dp + (long)r * C, *gr = g + (long)r * G;
        int j0 = 0;
#ifdef CC_AVX2
        if (vec >= CC_SIMD_AVX512) j0 = grad_block_avx512(dW_PF, d, gr, G, C, k);
        else if (vec >= CC_SIMD_AVX2) j0 = grad_block_avx2(dW_PF, d, gr, G, C, k);
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

/* backprop_row_avx2 with eight lanes; returns where the scalar tail starts. */
CC_AVX512_FN static int backprop_row_avx512(double *da, const double *dp, const double *W, const double *g,
                                            double gain, int G, int C)
{
    const int G8 = G - G % 8;
    const __m512d zero = _mm512_setzero_pd(), vgain = _mm512_set1_pd(gain);
    for (int j = 0; j < G8; j += 8) {
        __m512d s = _mm512_mul_pd(_mm512_set1_pd(dp[0]), _mm512_loadu_pd(W + j));
        for (int c = 1; c < C; c++)
            s = _mm512_add_pd(s, _mm512_mul_pd(_mm512_set1_pd(dp[c]), _mm512_loadu_pd(W + (long)c * G + j)));
        const __mmask8 pos = _mm512_cmp_pd_mask(_mm512_loadu_pd(g + j), zero, _CMP_GT_OQ); /* g > 0 */
        _mm512_storeu_pd(da + j, _mm512_maskz_mov_pd(pos, _mm512_mul_pd(s, vgain)));      /* else +0 */
    }
    return G8;
}
#endif

void cc_pf_backprop(double *da, const double *dp, const double *W_PF, const double *g, double gain, int rows,
                    int G, int C)
{
    const int vec = cc_simd_level();
    for (int r = 0; r < rows; r++) {
        const double *d = dp + (long)r * C, *gr = g + (long)r * G;
        double *ar = da + (long)r * G;
        int j = 0;
#ifdef CC_AVX2
        if (vec >= CC_SIMD_AVX512) j = backprop_row_avx512(ar, d, W_PF, gr, gain, G, C);
        else if (vec >= CC_SIMD_AVX2) j = backprop_row_avx2(ar, d, W_PF, gr, gain, G, C);
#endif
        for (; j < G; j++) {
            double s = d[0] * W_PF[j];
            for (int c = 1; c < C; c++) s += d[c] * W_PF[(long)c * G + j]; /* (dp W_PF)_rj */
            ar[j] = cc_keep_if(s * gain, gr[j] > 0.0);
        }
    }
    (void)vec;
}
