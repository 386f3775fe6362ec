/* test_training.c: Adam by hand, determinism, task switching copies, sparse mossy fibres. */
#include "cc_adam.h"
#include "cc_rng.h"
#include "cc_train.h"
#include "cc_test.h"
#include "cc_test_model.h"

/* Two steps of Adam on one weight, w = 1, gradients 0.5 then -1, lr 0.1, betas
 * (0.9, 0.98), eps 1e-9. By hand: m1 = 0.05, v1 = 0.005, w1 = 1 - 0.1 * 0.5/0.5 =
 * 0.9 (+2e-10 from eps); m2 = -0.055, v2 = 0.0249,
 * w2 = w1 + 0.1 (0.055/0.19) / sqrt(0.0249/0.0396) = 0.936505391451217. */
static void test_adam_by_hand(void)
{
    cc_config c = tm_config(CC_ARCH_NONE, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.lr_readout = 0.1;
    cc_params *w = cc_params_alloc(&c), *g = cc_params_alloc(&c);
    cc_adam *a = cc_adam_alloc(&c);
    int trainable[CC_NTENSOR] = {0, 0, 0, 1, 0, 0}; /* only b_ro */
    w->b_ro[0] = 1.0;
    g->b_ro[0] = 0.5;
    cc_adam_update(a, w, g, trainable);
    CU_ASSERT_DOUBLE_EQUAL(w->b_ro[0], 0.9000000002, 1e-12);
    g->b_ro[0] = -1.0;
    cc_adam_update(a, w, g, trainable);
    CU_ASSERT_DOUBLE_EQUAL(w->b_ro[0], 0.936505391451217, 1e-12);
    CU_ASSERT_EQUAL(w->b_ro[1], 0.0); /* zero gradient, zero moment: no move */
    CU_ASSERT_EQUAL(a->step[CC_W_RO], 0); /* frozen tensor untouched */
    cc_adam_reset_group(a, w, CC_GROUP_READOUT);
    CU_ASSERT_EQUAL(a->step[CC_B_RO], 0);
    CU_ASSERT_EQUAL(a->m->b_ro[0], 0.0);
    cc_adam_free(a);
    cc_params_free(w);
    cc_params_free(g);
}

static cc_model *trained(unsigned long seed, cc_arch arch)
{
    cc_config c = tm_config(arch, CC_CORTEX_INPUT_REC, CC_RULE_EPROP);
    c.dropout = 0.2;
    cc_model *m = cc_model_alloc(&c, seed);
    cc_batch *b = tm_batch(4, 6, c.D, c.O, 0, 0, 41);
    m->cereb_noise = arch == CC_ARCH_CEREB_FB ? 0.1 : 0.0;
    for (int k = 0; k < 5; k++) cc_model_train_batch(m, b, NULL);
    tm_batch_free(b);
    return m;
}

static void test_determinism(void)
{
    for (int arch = CC_ARCH_NONE; arch <= CC_ARCH_CEREB_READOUT; arch++) {
        cc_model *a = trained(7, arch), *b = trained(7, arch), *c = trained(8, arch);
        CU_ASSERT_EQUAL(memcmp(a->w->data, b->w->data, a->w->size * sizeof(double)), 0);
        CU_ASSERT_NOT_EQUAL(memcmp(a->w->data, c->w->data, a->w->size * sizeof(double)), 0);
        cc_model_free(a);
        cc_model_free(b);
        cc_model_free(c);
    }
    CU_ASSERT_NOT_EQUAL(cc_rng_seed(1, CC_STREAM_WEIGHTS), cc_rng_seed(1, CC_STREAM_TRIALS));
    CU_ASSERT_NOT_EQUAL(cc_rng_seed(1, CC_STREAM_WEIGHTS), cc_rng_seed(2, CC_STREAM_WEIGHTS));
}

/* Initial weights lie in U(-1/sqrt(fan_in), 1/sqrt(fan_in)) and fill the range. */
static void test_init_bounds(void)
{
    cc_config c = cc_config_default();
    cc_model *m = cc_model_alloc(&c, 3);
    for (int k = 0; k < CC_NTENSOR; k++) {
        size_t n = cc_params_count(m->w, k);
        if (!n) continue;
        double fan_in = k == CC_W_PF ? 1000.0 : 50.0; /* N everywhere but the parallel fibres (G) */
        double bound = 1.0 / sqrt(fan_in), mx = 0.0;
        for (size_t i = 0; i < n; i++) mx = fmax(mx, fabs(m->w->data[m->w->off[k] + i]));
        CU_ASSERT(mx <= bound);
        if (n > 100) CU_ASSERT(mx > 0.95 * bound);
    }
    CU_ASSERT_EQUAL(m->w->cols[CC_W_IH], 12); /* 10 cue bits + 2 cerebellar outputs */
    CU_ASSERT_EQUAL(m->w->cols[CC_W_MF], 1000); /* stored transposed, (N, G) */
    cc_model_free(m);
}

static void test_copy_cerebellum(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    cc_model *a = cc_model_alloc(&c, 1), *b = cc_model_alloc(&c, 2);
    cc_model_copy_cerebellum(b->w, a->w);
    CU_ASSERT_EQUAL(memcmp(a->w->W_MF, b->w->W_MF, cc_params_count(a->w, CC_W_MF) * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(a->w->W_PF, b->w->W_PF, cc_params_count(a->w, CC_W_PF) * sizeof(double)), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(a->w->W_ih, b->w->W_ih, cc_params_count(a->w, CC_W_IH) * sizeof(double)), 0);
    cc_model *d = cc_model_alloc(&c, 3);
    cc_model_copy_pf_overlap(d->w, a->w, 0.25); /* first floor(0.25 * 2 * 20) = 10 entries */
    for (int i = 0; i < 40; i++) CU_ASSERT_EQUAL(d->w->W_PF[i] == a->w->W_PF[i], i < 10);
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_model_copy_pf_overlap(d->w, a->w, 1.5), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    cc_model_free(a);
    cc_model_free(b);
    cc_model_free(d);
}

static void test_sparse_mossy_fibres(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.mf_inputs = 2;
    cc_model *m = cc_model_alloc(&c, 4);
    cc_batch *b = tm_batch(3, 6, c.D, c.O, 0, 0, 43);
    for (int k = 0; k < 3; k++) cc_model_train_batch(m, b, NULL);
    for (int i = 0; i < c.G; i++) {
        int nz = 0;
        for (int j = 0; j < c.N; j++) nz += m->w->W_MF[j * c.G + i] != 0.0; /* W_MF^T (N, G) */
        CU_ASSERT(nz <= 2 && nz >= 1);
    }
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_bad_config(void)
{
    cc_config c = cc_config_default();
    c.N = 0;
    cc_test_reset_error();
    CU_ASSERT_PTR_NULL(cc_model_alloc(&c, 1));
    CU_ASSERT_EQUAL(cc_test_last_errno, GSL_EINVAL);
    c = cc_config_default();
    c.alpha = 1.5;
    CU_ASSERT_PTR_NULL(cc_model_alloc(&c, 1));
    c = cc_config_default();
    c.temporal_basis = 1;
    c.classification = 1;
    CU_ASSERT_PTR_NULL(cc_model_alloc(&c, 1));
    /* a batch of the wrong width is refused, not read out of bounds */
    c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    cc_model *m = cc_model_alloc(&c, 1);
    cc_batch *b = tm_batch(2, 4, c.D + 1, c.O, 0, 0, 1);
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_model_train_batch(m, b, NULL), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    tm_batch_free(b);
    cc_model_free(m);
}

/* The protocol's checks before training: sizes against each other, and a tau that leaves
 * the cerebellum without any target in a trial (line drawing: T = 20 steps). */
static void test_protocol_check(void)
{
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    cc_config c = cc_config_default();
    cc_protocol p = cc_protocol_default(&task, 1);
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_protocol_check(&p, &task, &c), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_test_last_errno, 0);
    p.batch = p.n_train + 1;
    CU_ASSERT_EQUAL(cc_protocol_check(&p, &task, &c), GSL_EINVAL);
    p = cc_protocol_default(&task, 1);
    c.tau = 19; /* C(f(h_0)) learns y_19: the last target of the trial */
    CU_ASSERT_EQUAL(cc_protocol_check(&p, &task, &c), GSL_SUCCESS);
    c.tau = 21;
    CU_ASSERT_EQUAL(cc_protocol_check(&p, &task, &c), GSL_EINVAL);
    c.arch = CC_ARCH_NONE; /* no cerebellum: tau means nothing */
    CU_ASSERT_EQUAL(cc_protocol_check(&p, &task, &c), GSL_SUCCESS);
    /* the memory estimate grows at least by the W_MF, W_PF of 9 G more granule cells, held
     * five times (weights, gradient, two Adam moments, best checkpoint) */
    c = cc_config_default();
    double small = cc_protocol_memory(&p, &task, &c);
    c.G *= 10;
    CU_ASSERT(small > 0 && cc_protocol_memory(&p, &task, &c) - small >= 5.0 * (c.N + c.O) * (0.9 * c.G) * 8);
}

/* Learning works end to end: a cerebellar-feedback model lowers its task loss on a
 * fixed batch, with a fixed cortex (only readout and cerebellum learn). */
static void test_learns(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.lr_readout = c.lr_cereb = 1e-2;
    cc_model *m = cc_model_alloc(&c, 9);
    cc_batch *b = tm_batch(8, 10, c.D, c.O, 0, 0, 44);
    cc_stats s0, s1;
    cc_model_eval_batch(m, b, &s0);
    for (int k = 0; k < 300; k++) cc_model_train_batch(m, b, NULL);
    cc_model_eval_batch(m, b, &s1);
    printf("\n    task loss %.4f -> %.4f", s0.loss, s1.loss);
    CU_ASSERT(s1.loss < 0.7 * s0.loss);
    cc_model_free(m);
    tm_batch_free(b);
}


/* Dropout of the cerebellar readout drops a fraction p = 0.2 of the granule cells. */
static void test_dropout_rate(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_READOUT, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.G = 1000;
    c.dropout = 0.2;
    cc_model *m = cc_model_alloc(&c, 12);
    cc_batch *b = tm_batch(24, 6, c.D, c.O, 0, 0, 45);
    cc_model_train_batch(m, b, NULL);
    const long n = 24L * c.G; /* the mask of the last step, (B, G) */
    double kept = 0.0;
    for (long i = 0; i < n; i++) kept += m->ws.keep[i];
    double frac = 1.0 - kept / n, se = sqrt(0.2 * 0.8 / n);
    printf("\n    dropped %.4f of %ld (expected 0.2, SE %.4f)", frac, n, se);
    CU_ASSERT(fabs(frac - 0.2) < 5 * se);
    tm_batch_free(b);
    cc_model_free(m);
}

/* The protocol (cc_train): the candidates of the best checkpoint are the trained epochs
 * 1..E only, as in the authors' trainer. A learning rate so large that training makes the
 * model worse than at e = 0 must still pick a trained epoch; the restored weights score
 * the curve's value at that epoch; with keep_best off, the last weights stay. */
static double val_of(cc_model *m, const cc_task *task, const cc_protocol *p, unsigned long seed, int epoch)
{
    /* The validation trials of epoch e are draw e (from 0) of the validation streams. */
    gsl_rng *vtr = cc_rng_stream(seed, CC_STREAM_EVAL_TRIALS), *vno = cc_rng_stream(seed, CC_STREAM_EVAL_NOISE);
    cc_batch *v = cc_batch_alloc(task, p->n_val);
    cc_stats s;
    for (int e = 0; e <= epoch; e++) cc_task_sample(v, task, vtr, vno);
    cc_model_eval_batch(m, v, &s);
    cc_batch_free(v);
    gsl_rng_free(vtr);
    gsl_rng_free(vno);
    return s.mse;
}

static void test_protocol_best_epoch(void)
{
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    cc_config c = cc_config_default();
    c.D = cc_task_input_dim(&task);
    c.O = cc_task_output_dim(&task);
    c.N = 12; c.G = 30;
    c.arch = CC_ARCH_NONE; c.plasticity = CC_CORTEX_FIXED;
    c.lr_readout = 5.0; /* diverges: every trained epoch is worse than the untrained model */
    cc_protocol p = {4, 20, 10, 12, 12, 1};
    for (int keep = 1; keep >= 0; keep--) {
        p.keep_best = keep;
        cc_model *m = cc_model_alloc(&c, 3);
        cc_curve *cv = cc_curve_alloc(p.epochs);
        CU_ASSERT_EQUAL_FATAL(cc_train(m, &task, &p, 5, cv, NULL, NULL), GSL_SUCCESS);
        double best_trained = INFINITY, last = cv->val_loss[p.epochs];
        for (int e = 1; e <= p.epochs; e++) best_trained = fmin(best_trained, cv->val_loss[e]);
        printf("\n    keep_best %d: val %.3g at e=0, best trained %.3g at e=%d, last %.3g", keep,
               cv->val_loss[0], best_trained, cv->best_epoch, last);
        CU_ASSERT(cv->val_loss[0] < best_trained); /* the case the rule is about */
        CU_ASSERT(cv->best_epoch >= 1 && cv->best_epoch <= p.epochs);
        CU_ASSERT_EQUAL(cv->val_loss[cv->best_epoch], best_trained);
        double now = val_of(m, &task, &p, 5, keep ? cv->best_epoch : p.epochs);
        CU_ASSERT_DOUBLE_EQUAL(now, keep ? best_trained : last, 1e-12 * fabs(now));
        cc_curve_free(cv);
        cc_model_free(m);
    }
}

/* Fixed mossy fibres (plastic_mf off): W_MF keeps its initial bytes through training, with
 * a plastic cortex and a plastic W_PF around it; with plastic_mf on it moves. */
static void test_fixed_mossy_fibres(void)
{
    for (int plastic = 0; plastic <= 1; plastic++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT_REC, CC_RULE_EPROP);
        c.plastic_mf = plastic;
        cc_model *m = cc_model_alloc(&c, 13);
        cc_batch *b = tm_batch(4, 8, c.D, c.O, 0, 0, 46);
        const size_t nmf = cc_params_count(m->w, CC_W_MF), npf = cc_params_count(m->w, CC_W_PF);
        double *mf0 = malloc(nmf * sizeof(double)), *pf0 = malloc(npf * sizeof(double));
        memcpy(mf0, m->w->W_MF, nmf * sizeof(double));
        memcpy(pf0, m->w->W_PF, npf * sizeof(double));
        for (int k = 0; k < 5; k++) cc_model_train_batch(m, b, NULL);
        long mf_moved = 0, pf_moved = 0;
        for (size_t i = 0; i < nmf; i++) mf_moved += memcmp(&mf0[i], &m->w->W_MF[i], sizeof(double)) != 0;
        for (size_t i = 0; i < npf; i++) pf_moved += memcmp(&pf0[i], &m->w->W_PF[i], sizeof(double)) != 0;
        printf("\n    plastic_mf %d: %ld of %zu W_MF entries moved, %ld of %zu W_PF", plastic, mf_moved, nmf, pf_moved,
               npf);
        CU_ASSERT(pf_moved > 0);
        CU_ASSERT_EQUAL(mf_moved > 0, plastic); /* fixed: not one bit of W_MF changed */
        free(mf0);
        free(pf0);
        tm_batch_free(b);
        cc_model_free(m);
    }
}

/* Dropout of the cerebellar readout, z_t = W_PF g_t: in training the granule rates are
 * g = relu(a) keep / (1 - p) with a = W_MF r_t and keep the step's 0/1 mask; at evaluation
 * g = relu(a). Checked on the last step of a batch, the one the workspace keeps. */
static void test_dropout_granule_rates(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_READOUT, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.G = 200;
    c.dropout = 0.3;
    cc_model *m = cc_model_alloc(&c, 14);
    const int B = 5, T = 4, N = c.N, G = c.G;
    cc_batch *b = tm_batch(B, T, c.D, c.O, 0, 0, 47);
    for (int learn = 1; learn >= 0; learn--) {
        if (learn) cc_model_grad_batch(m, b, NULL);
        else cc_model_eval_batch(m, b, NULL);
        const double *r = m->ws.r + (long)T * B * N; /* r_{T-1} */
        long dropped = 0, active = 0, bad = 0;
        for (int bb = 0; bb < B; bb++)
            for (int i = 0; i < G; i++) {
                double s = 0.0; /* a = W_MF r, W_MF stored transposed (N, G) */
                for (int j = 0; j < N; j++) s += r[(long)bb * N + j] * m->w->W_MF[(long)j * G + i];
                const double keep = learn ? m->ws.keep[(long)bb * G + i] : 1.0;
                const double want = fmax(s, 0.0) * keep / (learn ? 1.0 - c.dropout : 1.0);
                bad += !(fabs(m->ws.g[(long)bb * G + i] - want) <= 1e-13 * (1.0 + fabs(want)));
                dropped += keep == 0.0;
                active += want > 0.0;
            }
        printf("\n    %s: %ld of %d granule cells dropped, %ld active, %ld differ from the hand value",
               learn ? "training" : "evaluation", dropped, B * G, active, bad);
        CU_ASSERT(active > 0);
        CU_ASSERT(learn ? dropped > 0 : dropped == 0);
        CU_ASSERT_EQUAL(bad, 0);
    }
    tm_batch_free(b);
    cc_model_free(m);
}

/* Learning-rate groups: with three different rates, the first Adam step of each tensor is
 * lr_k g / (|g| + eps) (m/(1-b1) = g, sqrt(v/(1-b2)) = |g|) with lr_k its group's rate:
 * cortex W_ih, W_hh at lr_rnn; readout W_ro, b_ro at lr_readout; W_MF, W_PF at lr_cereb for
 * cerebellar feedback, and at lr_readout for the cerebellar readout, which is the readout
 * (the authors build it from the readout's parameters). The table is written out here. */
static void test_learning_rate_groups(void)
{
    const double lr_rnn = 1e-3, lr_ro = 2e-3, lr_cb = 5e-3;
    const cc_arch archs[2] = {CC_ARCH_CEREB_FB, CC_ARCH_CEREB_READOUT};
    for (int ia = 0; ia < 2; ia++) {
        const int readout = archs[ia] == CC_ARCH_CEREB_READOUT;
        const double want_lr[CC_NTENSOR] = {lr_rnn, lr_rnn, lr_ro, lr_ro, readout ? lr_ro : lr_cb,
                                            readout ? lr_ro : lr_cb};
        cc_config c = tm_config(archs[ia], CC_CORTEX_INPUT_REC, CC_RULE_BPTT);
        c.lr_rnn = lr_rnn;
        c.lr_readout = lr_ro;
        c.lr_cereb = lr_cb;
        c.dropout = 0.0;
        cc_model *m = cc_model_alloc(&c, 15);
        cc_batch *b = tm_batch(4, 6, c.D, c.O, 0, 0, 48);
        cc_params *w0 = cc_params_alloc(&c);
        cc_params_copy(w0, m->w);
        cc_model_train_batch(m, b, NULL); /* m->grad keeps the gradient of the step */
        for (int k = 0; k < CC_NTENSOR; k++) {
            const size_t n = cc_params_count(m->w, k), o = m->w->off[k];
            if (n == 0) continue;
            long bad = 0, moved = 0;
            for (size_t i = 0; i < n; i++) {
                const double g = m->grad->data[o + i], step = w0->data[o + i] - m->w->data[o + i];
                const double want = want_lr[k] * g / (fabs(g) + c.eps);
                bad += !(fabs(step - want) <= 1e-9 * fabs(want) + 1e-18);
                moved += step != 0.0;
            }
            printf("\n    %s %s: %ld of %zu entries moved, %ld off lr %.0e", readout ? "cerebellar readout" : "cerebellar feedback",
                   cc_tensor_name(k), moved, n, bad, want_lr[k]);
            CU_ASSERT(moved > 0);
            CU_ASSERT_EQUAL(bad, 0);
        }
        cc_params_free(w0);
        tm_batch_free(b);
        cc_model_free(m);
    }
}

static const cc_test_case CASES[] = {
    {"dropout drops the configured fraction", test_dropout_rate},
    {"Adam step against hand-computed values", test_adam_by_hand},
    {"same seed, same bytes; other seed, other bytes", test_determinism},
    {"initial weights U(+-1/sqrt(fan_in)), RNN 1/sqrt(N)", test_init_bounds},
    {"copying a cerebellum and PF overlap", test_copy_cerebellum},
    {"sparse mossy fibres stay sparse", test_sparse_mossy_fibres},
    {"bad configurations and batches are refused", test_bad_config},
    {"protocol checks: batch, tau against the trial, memory", test_protocol_check},
    {"training lowers the loss", test_learns},
    {"best checkpoint among trained epochs only; restored or last weights", test_protocol_best_epoch},
    {"fixed mossy fibres stay bit-identical; plastic ones move", test_fixed_mossy_fibres},
    {"dropout: granule rates relu(a) keep/(1-p) in training, relu(a) at evaluation", test_dropout_granule_rates},
    {"learning-rate groups: each tensor's first Adam step at its group's rate", test_learning_rate_groups},
    {0, 0}};

CC_TEST_MAIN("training", CASES)
