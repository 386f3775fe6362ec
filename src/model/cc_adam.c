/* cc_adam.c: Adam with per-group learning rates (cc_adam.h). */
#include "cc_adam.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_linalg.h"
#ifdef CC_AVX2
#include <immintrin.h>
#endif

cc_adam *cc_adam_alloc(const cc_config *cfg)
{
    cc_adam *a = calloc(1, sizeof *a);
    if (!a) GSL_ERROR_NULL("out of memory for Adam", GSL_ENOMEM);
    a->m = cc_params_alloc(cfg);
    a->v = cc_params_alloc(cfg);
    if (!a->m || !a->v) {
        cc_adam_free(a);
        return NULL;
    }
    a->lr[CC_GROUP_RNN] = cfg->lr_rnn;
    a->lr[CC_GROUP_READOUT] = cfg->lr_readout;
    a->lr[CC_GROUP_CEREB] = cfg->lr_cereb;
    a->beta1 = cfg->beta1;
    a->beta2 = cfg->beta2;
    a->eps = cfg->eps;
    return a;
}

void cc_adam_free(cc_adam *a)
{
    if (!a) return;
    cc_params_free(a->m);
    cc_params_free(a->v);
    free(a);
}

#ifdef CC_AVX2
/* Four lanes of the update loop of cc_adam_update from element 0, the same operations in the
 * same order (IEEE sqrt and division are exact in both): 4x faster on the 50 000 mossy fibres.
 * Returns how many elements were done. */
CC_AVX2_FN static size_t adam_avx2(double *p, double *m, double *v, const double *gr, size_t n, double b1,
                                   double b2, double step, double bc2, double eps)
{
    const __m256d vb1 = _mm256_set1_pd(b1), vb2 = _mm256_set1_pd(b2), vc1 = _mm256_set1_pd(1.0 - b1);
    const __m256d vc2 = _mm256_set1_pd(1.0 - b2), vstep = _mm256_set1_pd(step), vbc2 = _mm256_set1_pd(bc2);
    const __m256d veps = _mm256_set1_pd(eps);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d gi = _mm256_loadu_pd(gr + i);
        const __m256d mi = _mm256_add_pd(_mm256_mul_pd(vb1, _mm256_loadu_pd(m + i)), _mm256_mul_pd(vc1, gi));
        const __m256d vi =
            _mm256_add_pd(_mm256_mul_pd(vb2, _mm256_loadu_pd(v + i)), _mm256_mul_pd(_mm256_mul_pd(vc2, gi), gi));
        const __m256d den = _mm256_add_pd(_mm256_div_pd(_mm256_sqrt_pd(vi), vbc2), veps);
        _mm256_storeu_pd(m + i, mi);
        _mm256_storeu_pd(v + i, vi);
        _mm256_storeu_pd(p + i, _mm256_sub_pd(_mm256_loadu_pd(p + i), _mm256_div_pd(_mm256_mul_pd(vstep, mi), den)));
    }
    return i;
}

/* adam_avx2 with eight lanes. */
CC_AVX512_FN static size_t adam_avx512(double *p, double *m, double *v, const double *gr, size_t n, double b1,
                                       double b2, double step, double bc2, double eps)
{
    const __m512d vb1 = _mm512_set1_pd(b1), vb2 = _mm512_set1_pd(b2), vc1 = _mm512_set1_pd(1.0 - b1);
    const __m512d vc2 = _mm512_set1_pd(1.0 - b2), vstep = _mm512_set1_pd(step), vbc2 = _mm512_set1_pd(bc2);
    const __m512d veps = _mm512_set1_pd(eps);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m512d gi = _mm512_loadu_pd(gr + i);
        const __m512d mi = _mm512_add_pd(_mm512_mul_pd(vb1, _mm512_loadu_pd(m + i)), _mm512_mul_pd(vc1, gi));
        const __m512d vi =
            _mm512_add_pd(_mm512_mul_pd(vb2, _mm512_loadu_pd(v + i)), _mm512_mul_pd(_mm512_mul_pd(vc2, gi), gi));
        const __m512d den = _mm512_add_pd(_mm512_div_pd(_mm512_sqrt_pd(vi), vbc2), veps);
        _mm512_storeu_pd(m + i, mi);
        _mm512_storeu_pd(v + i, vi);
        _mm512_storeu_pd(p + i, _mm512_sub_pd(_mm512_loadu_pd(p + i), _mm512_div_pd(_mm512_mul_pd(vstep, mi), den)));
    }
    return i;
}
#endif

void cc_adam_update(cc_adam *a, cc_params *w, const cc_params *g, const int trainable[CC_NTENSOR])
{
    const double b1 = a->beta1, b2 = a->beta2, eps = a->eps;
    for (int k = 0; k < CC_NTENSOR; k++) {
        size_t n = cc_params_count(w, k);
        if (!trainable[k] || n == 0) continue;
        long s = ++a->step[k];
        double bc1 = 1.0 - pow(b1, (double)s), bc2 = sqrt(1.0 - pow(b2, (double)s));
        double step = a->lr[w->group[k]] / bc1;
        double *p = w->data + w->off[k], *m = a->m->data + w->off[k], *v = a->v->data + w->off[k];
        const double *gr = g->data + w->off[k];
        size_t i = 0;
#ifdef CC_AVX2
        if (cc_simd_level() >= CC_SIMD_AVX512) i = adam_avx512(p, m, v, gr, n, b1, b2, step, bc2, eps);
        if (cc_simd_level() >= CC_SIMD_AVX2) i += adam_avx2(p + i, m + i, v + i, gr + i, n - i, b1, b2, step, bc2, eps);
#endif
        for (; i < n; i++) {
            m[i] = b1 * m[i] + (1.0 - b1) * gr[i];          /* m <- b1 m + (1 - b1) g */
            v[i] = b2 * v[i] + (1.0 - b2) * gr[i] * gr[i];  /* v <- b2 v + (1 - b2) g^2 */
            p[i] -= step * m[i] / (sqrt(v[i]) / bc2 + eps); /* w -= lr/(1-b1^k) m / (sqrt(v)/sqrt(1-b2^k) + eps) */
        }
    }
}

void cc_adam_reset_group(cc_adam *a, const cc_params *layout, cc_group group)
{
    for (int k = 0; k < CC_NTENSOR; k++) {
        if (layout->group[k] != group) continue;
        size_t n = cc_params_count(layout, k);
        memset(a->m->data + layout->off[k], 0, n * sizeof(double));
        memset(a->v->data + layout->off[k], 0, n * sizeof(double));
        a->step[k] = 0;
    }
}
