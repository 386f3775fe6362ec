/* test_eprop.c: e-prop against its definition.
 *
 * 1. Where e-prop must equal the exact gradient: with W_hh = 0 the only path from a
 *    weight to a later loss is the leak alpha, which the eligibility traces carry
 *    exactly, so e-prop and BPTT agree for W_ih and W_hh at any alpha.
 * 2. Elsewhere the traces must equal their direct recomputation
 *    eps_t = sum_{s<=t} alpha^{t-s} v_s, and the gradient must equal
 *    sum_t (L_t * psi_t)^T eps_t computed naively entry by entry.
 */
#include <stdlib.h>

#include "cc_test.h"
#include "cc_test_model.h"

static double *grad_copy(cc_model *m, const cc_batch *b, cc_rule rule)
{
    m->cfg.rule = rule;
    cc_model_grad_batch(m, b, NULL);
    double *g = malloc(m->grad->size * sizeof(double));
    memcpy(g, m->grad->data, m->grad->size * sizeof(double));
    return g;
}

static void equal_to_bptt(cc_arch arch, int classification, double alpha)
{
    cc_config c = tm_config(arch, CC_CORTEX_INPUT_REC, CC_RULE_EPROP);
    c.classification = classification;
    c.alpha = alpha;
    cc_model *m = cc_model_alloc(&c, 21);
    memset(m->w->W_hh, 0, cc_params_count(m->w, CC_W_HH) * sizeof(double)); /* no recurrent path */
    cc_batch *b = tm_batch(4, 8, c.D, c.O, classification, 0, 22);
    double *ge = grad_copy(m, b, CC_RULE_EPROP), *gb = grad_copy(m, b, CC_RULE_BPTT);
    double worst = 0.0, gmax = 0.0;
    for (int k = CC_W_IH; k <= CC_W_HH; k++)
        for (size_t i = m->w->off[k]; i < m->w->off[k] + cc_params_count(m->w, k); i++) {
            worst = fmax(worst, cc_test_rel_err(ge[i], gb[i], 1e-12));
            gmax = fmax(gmax, fabs(gb[i]));
        }
    printf("\n    %s, alpha %.1f: max |grad| %.2e, e-prop vs BPTT max rel err %.2e", cc_arch_name(arch), alpha,
           gmax, worst);
    CU_ASSERT(gmax > 0.0);
    CU_ASSERT(worst < 1e-10);
    /* and with recurrence they must differ: e-prop drops the W_hh path */
    for (size_t i = 0; i < cc_params_count(m->w, CC_W_HH); i++) m->w->W_hh[i] = 0.3 * sin((double)i);
    free(ge);
    free(gb);
    ge = grad_copy(m, b, CC_RULE_EPROP);
    gb = grad_copy(m, b, CC_RULE_BPTT);
    double diff = 0.0;
    for (size_t i = m->w->off[CC_W_IH]; i < m->w->off[CC_W_IH] + cc_params_count(m->w, CC_W_IH); i++)
        diff = fmax(diff, fabs(ge[i] - gb[i]));
    CU_ASSERT(diff > 1e-6);
    free(ge);
    free(gb);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_equal_no_feedback(void) { equal_to_bptt(CC_ARCH_NONE, 0, 0.0); equal_to_bptt(CC_ARCH_NONE, 0, 0.7); }
static void test_equal_cereb_fb(void) { equal_to_bptt(CC_ARCH_CEREB_FB, 0, 0.5); equal_to_bptt(CC_ARCH_CEREB_FB, 1, 0.9); }
static void test_equal_readout_fb(void) { equal_to_bptt(CC_ARCH_READOUT_FB, 1, 0.3); }

/* Traces and gradient of e-prop recomputed naively, with recurrence on. */
static void test_traces_direct(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT_REC, CC_RULE_EPROP);
    c.alpha = 0.8;
    cc_model *m = cc_model_alloc(&c, 23);
    cc_batch *b = tm_batch(3, 7, c.D, c.O, 0, 0, 24);
    cc_model_grad_batch(m, b, NULL);
    const cc_work *w = &m->ws;
    const int B = b->B, T = b->T, N = c.N, Din = m->Din;
    double worst_in = 0.0, worst_rec = 0.0, worst_g = 0.0;
    for (int t = 0; t < T; t++)
        for (int bb = 0; bb < B; bb++) {
            for (int i = 0; i < Din; i++) { /* eps_in_t = sum_s alpha^{t-s} xt_s */
                double e = 0.0;
                for (int s = 0; s <= t; s++) e += pow(c.alpha, t - s) * w->xt[((long)s * B + bb) * Din + i];
                worst_in = fmax(worst_in, fabs(e - w->eps_in[((long)t * B + bb) * Din + i]));
            }
            for (int i = 0; i < N; i++) { /* eps_rec_t = sum_s alpha^{t-s} r_{s-1} */
                double e = 0.0;
                for (int s = 0; s <= t; s++) e += pow(c.alpha, t - s) * w->r[((long)s * B + bb) * N + i];
                worst_rec = fmax(worst_rec, fabs(e - w->eps_rec[((long)t * B + bb) * N + i]));
            }
        }
    /* dW_ih[j][i] = sum_{t,b} L_{bj}(t) (1 - r_{bj}(t)^2) eps_in_{bi}(t), with L = W_ro^T dE/dz */
    for (int j = 0; j < N; j++)
        for (int i = 0; i < Din; i++) {
            double g = 0.0;
            for (int t = 0; t < T; t++)
                for (int bb = 0; bb < B; bb++) {
                    double L = 0.0, r = w->r[((long)(t + 1) * B + bb) * N + j];
                    for (int o = 0; o < c.O; o++) L += m->w->W_ro[o * N + j] * w->dz[((long)t * B + bb) * c.O + o];
                    g += L * (1 - r * r) * w->eps_in[((long)t * B + bb) * Din + i];
                }
            worst_g = fmax(worst_g, cc_test_rel_err(g, m->grad->W_ih[(long)j * Din + i], 1e-12));
        }
    printf("\n    traces: input %.1e, recurrent %.1e; dW_ih rel err %.1e", worst_in, worst_rec, worst_g);
    CU_ASSERT(worst_in < 1e-12);
    CU_ASSERT(worst_rec < 1e-12);
    CU_ASSERT(worst_g < 1e-10);
    tm_batch_free(b);
    cc_model_free(m);
}

/* Input-only plasticity leaves W_hh untouched by training; fixed leaves both. */
static void test_plasticity_levels(void)
{
    for (int level = CC_CORTEX_FIXED; level <= CC_CORTEX_INPUT_REC; level++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, (cc_plasticity)level, CC_RULE_EPROP);
        cc_model *m = cc_model_alloc(&c, 25);
        cc_batch *b = tm_batch(4, 6, c.D, c.O, 0, 0, 26);
        cc_params *before = cc_params_alloc(&c);
        cc_params_copy(before, m->w);
        for (int k = 0; k < 3; k++) cc_model_train_batch(m, b, NULL);
        int ih = memcmp(before->W_ih, m->w->W_ih, cc_params_count(m->w, CC_W_IH) * sizeof(double)) != 0;
        int hh = memcmp(before->W_hh, m->w->W_hh, cc_params_count(m->w, CC_W_HH) * sizeof(double)) != 0;
        int pf = memcmp(before->W_PF, m->w->W_PF, cc_params_count(m->w, CC_W_PF) * sizeof(double)) != 0;
        CU_ASSERT_EQUAL(ih, level >= CC_CORTEX_INPUT);
        CU_ASSERT_EQUAL(hh, level == CC_CORTEX_INPUT_REC);
        CU_ASSERT(pf);
        cc_params_free(before);
        tm_batch_free(b);
        cc_model_free(m);
    }
}

static const cc_test_case CASES[] = {
    {"e-prop = BPTT without recurrence, no feedback", test_equal_no_feedback},
    {"e-prop = BPTT without recurrence, cerebellar feedback", test_equal_cereb_fb},
    {"e-prop = BPTT without recurrence, readout feedback", test_equal_readout_fb},
    {"traces and gradient equal a direct recomputation", test_traces_direct},
    {"plasticity levels change only their weights", test_plasticity_levels},
    {0, 0}};

CC_TEST_MAIN("e-prop", CASES)
