/* test_silencing.c: cortical silencing (Fig. S15), m->cortex_silenced = k.
 *
 * The first k cortical units have rate r_t = 0 at every step. Then nothing downstream may
 * see them: the run must equal, step by step, that of an unsilenced model whose weights
 * out of those units (their columns of W_hh and W_ro, their rows of the stored W_MF^T) are
 * zero. And they cannot learn: their W_ih rows and W_ro columns get no gradient.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_test.h"
#include "cc_test_model.h"

enum { K = 2 }; /* units silenced, of N = 6 */

/* Zero the weights leaving the first k cortical units. */
static void cut_outgoing(cc_model *m, int k)
{
    const int N = m->cfg.N, O = m->cfg.O, G = m->cfg.G;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < k; j++) m->w->W_hh[(long)i * N + j] = 0.0;
    for (int o = 0; o < O; o++)
        for (int j = 0; j < k; j++) m->w->W_ro[(long)o * N + j] = 0.0;
    for (int j = 0; j < k; j++)
        for (int g = 0; g < G; g++) m->w->W_MF[(long)j * G + g] = 0.0;
}

static void test_silenced_equals_cut(void)
{
    for (int cls = 0; cls <= 1; cls++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT, CC_RULE_EPROP);
        c.classification = cls;
        cc_model *a = cc_model_alloc(&c, 57), *b = cc_model_alloc(&c, 57);
        const int B = 4, T = 12, N = c.N;
        cc_batch *x = tm_batch(B, T, c.D, c.O, cls, 0, 58);
        a->cortex_silenced = K;
        cut_outgoing(b, K);
        cc_model_eval_batch(a, x, NULL);
        /* keep the silenced run's rates, readout and cerebellar output, then run the cut model */
        const long nr = (long)(T + 1) * B * N, nz = (long)T * B * c.O, nc = (long)T * B * a->C;
        double *ra = malloc((size_t)nr * sizeof(double)), *za = malloc((size_t)nz * sizeof(double)),
               *ca = malloc((size_t)nc * sizeof(double));
        memcpy(ra, a->ws.r, (size_t)nr * sizeof(double));
        memcpy(za, a->ws.z, (size_t)nz * sizeof(double));
        memcpy(ca, a->ws.c, (size_t)nc * sizeof(double));
        cc_model_eval_batch(b, x, NULL);
        double ra_max = 0.0, rb_max = 0.0, dr = 0.0, dz = 0.0, dc = 0.0;
        for (long i = 0; i < nr; i++) {
            if (i % N < K) {
                ra_max = fmax(ra_max, fabs(ra[i]));      /* silenced: exactly 0 */
                rb_max = fmax(rb_max, fabs(b->ws.r[i])); /* the cut model's units still fire */
            } else
                dr = fmax(dr, fabs(ra[i] - b->ws.r[i]));
        }
        for (long i = 0; i < nz; i++) dz = fmax(dz, fabs(za[i] - b->ws.z[i]));
        for (long i = 0; i < nc; i++) dc = fmax(dc, fabs(ca[i] - b->ws.c[i]));
        printf("\n    %s: silenced rates max %.1e; other rates, readout, cerebellar output differ by %.1e %.1e %.1e"
               " (cut model's units reach %.2f)", cls ? "classification" : "regression", ra_max, dr, dz, dc, rb_max);
        CU_ASSERT_EQUAL(ra_max, 0.0);
        CU_ASSERT(rb_max > 0.01); /* the comparison is not empty */
        CU_ASSERT(dr < 1e-12);
        CU_ASSERT(dz < 1e-12);
        CU_ASSERT(dc < 1e-12);
        free(ra);
        free(za);
        free(ca);
        tm_batch_free(x);
        cc_model_free(a);
        cc_model_free(b);
    }
}

/* Silenced units learn nothing: zero gradient on their W_ih rows (e-prop and BPTT) and their W_ro
 * columns; the other units do learn. */
static void test_silenced_no_gradient(void)
{
    for (int rule = CC_RULE_EPROP; rule <= CC_RULE_BPTT; rule++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT_REC, rule);
        cc_model *m = cc_model_alloc(&c, 61);
        const int N = c.N, O = c.O, Din = m->Din;
        cc_batch *x = tm_batch(4, 10, c.D, c.O, 0, 0, 62);
        m->cortex_silenced = K;
        cc_model_grad_batch(m, x, NULL);
        double g_sil = 0.0, g_live = 0.0;
        for (int j = 0; j < N; j++) {
            double s = 0.0;
            for (int i = 0; i < Din; i++) s = fmax(s, fabs(m->grad->W_ih[(long)j * Din + i]));
            for (int i = 0; i < N; i++) s = fmax(s, fabs(m->grad->W_hh[(long)j * N + i]));
            for (int o = 0; o < O; o++) s = fmax(s, fabs(m->grad->W_ro[(long)o * N + j]));
            if (j < K) g_sil = fmax(g_sil, s);
            else g_live = fmax(g_live, s);
        }
        printf("\n    %s: largest gradient into or out of a silenced unit %.1e, of a live unit %.1e",
               rule == CC_RULE_BPTT ? "BPTT" : "e-prop", g_sil, g_live);
        CU_ASSERT_EQUAL(g_sil, 0.0);
        CU_ASSERT(g_live > 1e-6);
        tm_batch_free(x);
        cc_model_free(m);
    }
}

static const cc_test_case CASES[] = {
    {"silenced units: r = 0, and the run equals a model with their outgoing weights cut", test_silenced_equals_cut},
    {"silenced units get no gradient (e-prop and BPTT)", test_silenced_no_gradient},
    {0, 0}};

CC_TEST_MAIN("cortical silencing", CASES)
