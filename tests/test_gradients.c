/* test_gradients.c: every hand-written gradient against central finite differences.
 *
 * For each tensor the analytic gradient from cc_model_grad_batch is compared entry by
 * entry with (f(w + h) - f(w - h)) / 2h of the loss that trains it: the task loss for
 * the readout, the cortex (BPTT) and the cerebellar readout (with dropout too, its masks held
 * fixed); the cerebellar
 * delayed-target loss (summed over trained predictions) for W_PF and W_MF. Where a
 * feedback path would let one loss reach weights it does not train, the feedback
 * columns of W_ih are zeroed (tm_cut_feedback), exactly as the original detaches it.
 */
#include <stdlib.h>

#include "cc_cerebellum.h"
#include "cc_linalg.h"
#include "cc_loss.h"
#include "cc_test.h"
#include "cc_test_model.h"

typedef double (*objective)(cc_model *m, const cc_batch *b);

static double task_objective(cc_model *m, const cc_batch *b)
{
    cc_stats s;
    cc_model_grad_batch(m, b, &s);
    return s.loss;
}

/* The task loss with the dropout masks of the cerebellar readout held fixed: every
 * evaluation restarts the mask stream from the same state, so draws the same masks. */
static unsigned long long held_dropout_state;

static double task_objective_held_masks(cc_model *m, const cc_batch *b)
{
    m->dropout_state = held_dropout_state;
    return task_objective(m, b);
}

/* Number of predictions the schedule trains (each contributes its own mean loss). */
static int trained_calls(const cc_model *m, const cc_batch *b)
{
    int calls = 0, blocks = m->cfg.temporal_basis ? m->cfg.tau + 1 : 1;
    for (int t = 0; t <= b->T; t++) {
        int any = 0;
        for (int j = 0; j < blocks; j++)
            any |= cc_cereb_target_step(t, m->cfg.temporal_basis ? j : m->cfg.tau, m->cfg.tau, b->T,
                                        m->cfg.final_learning, b->mask_train) >= 0;
        calls += any;
    }
    return calls;
}

static double cereb_objective(cc_model *m, const cc_batch *b)
{
    cc_stats s;
    cc_model_grad_batch(m, b, &s);
    return s.cereb_loss * trained_calls(m, b);
}

/* Max relative error between the analytic gradient of tensor k and finite differences. */
static double fd_check(cc_model *m, const cc_batch *b, cc_tensor k, objective f, const char *what)
{
    const double h = 1e-5;
    f(m, b); /* the analytic gradient, from the same objective as the differences */
    size_t n = cc_params_count(m->w, k);
    double *analytic = malloc(n * sizeof(double)), worst = 0.0, gmax = 0.0;
    memcpy(analytic, m->grad->data + m->grad->off[k], n * sizeof(double));
    for (size_t i = 0; i < n; i++) gmax = fmax(gmax, fabs(analytic[i]));
    size_t stride = n > 60 ? n / 60 : 1; /* about 60 entries per tensor */
    for (size_t i = 0; i < n; i += stride) {
        double *w = m->w->data + m->w->off[k] + i, w0 = *w;
        *w = w0 + h;
        double fp = f(m, b);
        *w = w0 - h;
        double fm = f(m, b);
        *w = w0;
        double fd = (fp - fm) / (2 * h);
        double e = cc_test_rel_err(analytic[i], fd, 1e-3 * gmax + 1e-12);
        if (e > worst) worst = e;
    }
    printf("\n    %-44s %s: max |grad| %.3e, max rel err %.2e", what, cc_tensor_name(k), gmax, worst);
    CU_ASSERT(gmax > 0.0); /* a zero gradient would pass trivially */
    free(analytic);
    return worst;
}

#define TOL 1e-6

static void test_readout_mse(void)
{
    cc_config c = tm_config(CC_ARCH_NONE, CC_CORTEX_FIXED, CC_RULE_EPROP);
    cc_model *m = cc_model_alloc(&c, 1);
    cc_batch *b = tm_batch(4, 7, c.D, c.O, 0, 0, 11);
    CU_ASSERT(fd_check(m, b, CC_W_RO, task_objective, "readout, MSE") < TOL);
    CU_ASSERT(fd_check(m, b, CC_B_RO, task_objective, "readout, MSE") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_readout_xent(void)
{
    cc_config c = tm_config(CC_ARCH_READOUT_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.classification = 1;
    c.O = 3;
    cc_model *m = cc_model_alloc(&c, 2);
    tm_cut_feedback(m);
    cc_batch *b = tm_batch(5, 6, c.D, c.O, 1, 1, 12);
    CU_ASSERT(fd_check(m, b, CC_W_RO, task_objective, "readout, cross-entropy (readout fb)") < TOL);
    CU_ASSERT(fd_check(m, b, CC_B_RO, task_objective, "readout, cross-entropy (readout fb)") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_bptt(void)
{
    cc_config c = tm_config(CC_ARCH_NONE, CC_CORTEX_INPUT_REC, CC_RULE_BPTT);
    cc_model *m = cc_model_alloc(&c, 3);
    for (size_t i = 0; i < cc_params_count(m->w, CC_W_HH); i++) m->w->W_hh[i] *= 8.0; /* strong recurrence */
    cc_batch *b = tm_batch(3, 8, c.D, c.O, 0, 0, 13);
    CU_ASSERT(fd_check(m, b, CC_W_IH, task_objective, "BPTT, MSE, alpha 0.6") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_HH, task_objective, "BPTT, MSE, alpha 0.6") < TOL);
    m->cortex_silenced = 2;
    CU_ASSERT(fd_check(m, b, CC_W_HH, task_objective, "BPTT, 2 cortical units silenced") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_bptt_xent(void)
{
    cc_config c = tm_config(CC_ARCH_NONE, CC_CORTEX_INPUT_REC, CC_RULE_BPTT);
    c.classification = 1;
    cc_model *m = cc_model_alloc(&c, 4);
    cc_batch *b = tm_batch(4, 9, c.D, c.O, 1, 0, 14);
    CU_ASSERT(fd_check(m, b, CC_W_IH, task_objective, "BPTT, cross-entropy") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_HH, task_objective, "BPTT, cross-entropy") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_cerebellum_mse(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.tau = 2;
    cc_model *m = cc_model_alloc(&c, 5);
    tm_cut_feedback(m);
    cc_batch *b = tm_batch(4, 7, c.D, c.O, 0, 0, 15);
    CU_ASSERT(fd_check(m, b, CC_W_PF, cereb_objective, "cerebellum, MSE, tau 2") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_MF, cereb_objective, "cerebellum, MSE, tau 2") < TOL);
    m->cfg.final_learning = 1;
    CU_ASSERT(fd_check(m, b, CC_W_PF, cereb_objective, "cerebellum, MSE, final learning") < TOL);
    m->cfg.final_learning = 0;
    m->cfg.tau = 0;
    CU_ASSERT(fd_check(m, b, CC_W_MF, cereb_objective, "cerebellum, MSE, tau 0 (extra call)") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
}

/* Pontine units: p = W_PF relu(W_MF^T-stored (P, G) applied to z), z = W_pons r; the mossy-fibre
 * gradient is dW_MF^T += Z^T da. The cortex's own gradients (BPTT, feedback cut) do not see it. */
static void test_cerebellum_pons(void)
{
    for (int cls = 0; cls <= 1; cls++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT_REC, CC_RULE_BPTT);
        c.pons = 4;
        c.tau = 2;
        c.classification = cls;
        c.O = cls ? 3 : 2;
        cc_model *m = cc_model_alloc(&c, 21);
        tm_cut_feedback(m);
        cc_batch *b = tm_batch(4, 7, c.D, c.O, cls, 0, 22);
        const char *what = cls ? "cerebellum, pons 4 of 6, cross-entropy" : "cerebellum, pons 4 of 6, MSE";
        CU_ASSERT(fd_check(m, b, CC_W_PF, cereb_objective, what) < TOL);
        CU_ASSERT(fd_check(m, b, CC_W_MF, cereb_objective, what) < TOL);
        CU_ASSERT(fd_check(m, b, CC_W_IH, task_objective, "BPTT beside a pontine cerebellum") < TOL);
        m->cfg.tau = 0;
        CU_ASSERT(fd_check(m, b, CC_W_MF, cereb_objective, "cerebellum, pons, tau 0 (extra call)") < TOL);
        tm_batch_free(b);
        cc_model_free(m);
    }
}

static void test_cerebellum_xent(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.classification = 1;
    c.O = 3;
    cc_model *m = cc_model_alloc(&c, 6);
    tm_cut_feedback(m);
    cc_batch *b = tm_batch(5, 8, c.D, c.O, 1, 0, 16);
    for (int t = 0; t < b->T; t++) b->mask_train[t] = t >= b->T - 3; /* labels on the last 3 steps */
    CU_ASSERT(fd_check(m, b, CC_W_PF, cereb_objective, "cerebellum, cross-entropy, masked") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_MF, cereb_objective, "cerebellum, cross-entropy, masked") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_temporal_basis(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.temporal_basis = 1;
    c.tau = 3;
    cc_model *m = cc_model_alloc(&c, 7);
    CU_ASSERT_EQUAL(m->C, 8);
    tm_cut_feedback(m);
    cc_batch *b = tm_batch(3, 9, c.D, c.O, 0, 0, 17);
    CU_ASSERT(fd_check(m, b, CC_W_PF, cereb_objective, "cerebellum, temporal basis 0..3") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_MF, cereb_objective, "cerebellum, temporal basis 0..3") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_cereb_readout(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_READOUT, CC_CORTEX_INPUT_REC, CC_RULE_BPTT);
    cc_model *m = cc_model_alloc(&c, 8);
    cc_batch *b = tm_batch(4, 6, c.D, c.O, 0, 0, 18);
    CU_ASSERT(fd_check(m, b, CC_W_PF, task_objective, "cerebellar readout, MSE") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_MF, task_objective, "cerebellar readout, MSE") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_IH, task_objective, "BPTT through the cerebellar readout") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
    /* classification with loss on some steps only: the readout learns within the time loop,
     * so steps without loss must leave their granule errors at zero */
    c.classification = 1;
    c.O = 3;
    m = cc_model_alloc(&c, 9);
    b = tm_batch(5, 7, c.D, c.O, 1, 0, 19);
    for (int t = 0; t < b->T; t++) b->mask_train[t] = t == 1 || t >= b->T - 2;
    CU_ASSERT(fd_check(m, b, CC_W_PF, task_objective, "cerebellar readout, cross-entropy, masked") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_MF, task_objective, "cerebellar readout, cross-entropy, masked") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_HH, task_objective, "BPTT through it, cross-entropy, masked") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
    /* dropout p = 0.3 on the granule cells, masks held fixed: g = relu(a) keep / (1 - p) */
    c.classification = 0;
    c.O = 2;
    c.dropout = 0.3;
    m = cc_model_alloc(&c, 10);
    held_dropout_state = m->dropout_state;
    b = tm_batch(4, 6, c.D, c.O, 0, 0, 20);
    CU_ASSERT(fd_check(m, b, CC_W_PF, task_objective_held_masks, "cerebellar readout, dropout 0.3") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_MF, task_objective_held_masks, "cerebellar readout, dropout 0.3") < TOL);
    CU_ASSERT(fd_check(m, b, CC_W_HH, task_objective_held_masks, "BPTT through it, dropout 0.3") < TOL);
    tm_batch_free(b);
    cc_model_free(m);
}

/* The loss functions alone: softmax cross-entropy and MSE against differences. */
static void test_losses(void)
{
    double z[6] = {0.3, -1.2, 2.0, 0.1, 0.0, -0.4}, y[6] = {0, 0, 1, 0.2, 0.5, 0.3}, g[6] = {0};
    cc_loss_xent(g, z, y, 2, 3, 0.7);
    double worst = 0.0;
    for (int i = 0; i < 6; i++) {
        double zp[6], zm[6];
        memcpy(zp, z, sizeof z);
        memcpy(zm, z, sizeof z);
        zp[i] += 1e-6;
        zm[i] -= 1e-6;
        double fd = (cc_loss_xent(NULL, zp, y, 2, 3, 0.7) - cc_loss_xent(NULL, zm, y, 2, 3, 0.7)) / 2e-6;
        worst = fmax(worst, cc_test_rel_err(g[i], fd, 1e-8));
    }
    printf("\n    softmax cross-entropy: max rel err %.2e", worst);
    CU_ASSERT(worst < 1e-7);
    double p[3];
    cc_softmax_rows(p, z, 1, 3); /* softmax(0.3, -1.2, 2.0) by hand */
    double e0 = exp(0.3), e1 = exp(-1.2), e2 = exp(2.0), s = e0 + e1 + e2;
    CU_ASSERT_DOUBLE_EQUAL(p[0], e0 / s, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(p[2], e2 / s, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(cc_loss_xent(NULL, z, y, 1, 3, 1.0), -log(e2 / s), 1e-14);
    double gm[2] = {0}, zz[2] = {1.0, -2.0}, yy[2] = {0.5, 0.0};
    CU_ASSERT_DOUBLE_EQUAL(cc_loss_mse(gm, zz, yy, 1, 2, 0.5), 0.5 * (0.25 + 4.0), 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(gm[0], 0.5, 1e-15);  /* 2 * 0.5 * (1 - 0.5) */
    CU_ASSERT_DOUBLE_EQUAL(gm[1], -2.0, 1e-15); /* 2 * 0.5 * (-2 - 0) */
}

static const cc_test_case CASES[] = {
    {"loss functions (softmax, cross-entropy, MSE)", test_losses},
    {"readout gradient, MSE", test_readout_mse},
    {"readout gradient, cross-entropy", test_readout_xent},
    {"BPTT gradients of W_ih and W_hh, MSE", test_bptt},
    {"BPTT gradients, cross-entropy", test_bptt_xent},
    {"parallel- and mossy-fibre gradients, MSE", test_cerebellum_mse},
    {"parallel- and mossy-fibre gradients, cross-entropy", test_cerebellum_xent},
    {"parallel- and mossy-fibre gradients through pontine units", test_cerebellum_pons},
    {"temporal-basis gradients", test_temporal_basis},
    {"cerebellar readout gradients", test_cereb_readout},
    {0, 0}};

CC_TEST_MAIN("gradients against finite differences", CASES)
