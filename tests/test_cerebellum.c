/* test_cerebellum.c: the cerebellar delayed-target schedule.
 *
 * The original buffers tau+1 predictions; at loop step k the oldest, made at step
 * k - tau from h_{k-tau-1}, is trained on the newest target y_{k-1}. So the
 * prediction p_t made from h_{t-1} is trained on y_{t-1+tau} (tau = 3: y_{t+2}), and
 * one extra call after the last step trains p_{T-tau} on y_{T-1}. With final learning
 * p_{T-2}, p_{T-1} (tau = 3) also meet y_{T-1}.
 */
#include "cc_cerebellum.h"
#include "cc_test.h"
#include "cc_test_model.h"

static void test_schedule_values(void)
{
    const int T = 20, tau = 3;
    CU_ASSERT_EQUAL(cc_cereb_target_step(0, tau, tau, T, 0, NULL), 2);   /* p_0 (from h_{-1} = 0) -> y_2 */
    CU_ASSERT_EQUAL(cc_cereb_target_step(1, tau, tau, T, 0, NULL), 3);   /* p_1 (from h_0) -> y_3 */
    CU_ASSERT_EQUAL(cc_cereb_target_step(17, tau, tau, T, 0, NULL), 19); /* p_{T-3}: extra call, y_{T-1} */
    CU_ASSERT_EQUAL(cc_cereb_target_step(18, tau, tau, T, 0, NULL), -1); /* still buffered at the end */
    CU_ASSERT_EQUAL(cc_cereb_target_step(19, tau, tau, T, 0, NULL), -1);
    CU_ASSERT_EQUAL(cc_cereb_target_step(18, tau, tau, T, 1, NULL), 19); /* final learning */
    CU_ASSERT_EQUAL(cc_cereb_target_step(19, tau, tau, T, 1, NULL), 19);
    CU_ASSERT_EQUAL(cc_cereb_target_step(20, tau, tau, T, 1, NULL), -1); /* p_T never reaches a target */
    CU_ASSERT_EQUAL(cc_cereb_target_step(20, 0, 0, T, 0, NULL), 19);     /* tau 0: p_T from h_{T-1} -> y_{T-1} */
    CU_ASSERT_EQUAL(cc_cereb_target_step(0, 0, 0, T, 0, NULL), -1);      /* tau 0: no target at call 0 */
    CU_ASSERT_EQUAL(cc_cereb_target_step(5, 0, 0, T, 0, NULL), 4);
    /* temporal basis, tau 3: block j of p_t -> y_{t-1+j} */
    CU_ASSERT_EQUAL(cc_cereb_target_step(5, 0, tau, T, 0, NULL), 4);
    CU_ASSERT_EQUAL(cc_cereb_target_step(5, 2, tau, T, 0, NULL), 6);
    CU_ASSERT_EQUAL(cc_cereb_target_step(0, 0, tau, T, 0, NULL), -1);   /* y_{-1} does not exist */
    CU_ASSERT_EQUAL(cc_cereb_target_step(18, 0, tau, T, 0, NULL), -1);  /* never trained */
    /* evidence accumulation: only the last step has a label -> only p_{T-3} learns */
    unsigned char mask[50] = {0};
    mask[49] = 1;
    int trained = 0, which = -1;
    for (int t = 0; t <= 50; t++)
        if (cc_cereb_target_step(t, tau, tau, 50, 0, mask) >= 0) { trained++; which = t; }
    CU_ASSERT_EQUAL(trained, 1);
    CU_ASSERT_EQUAL(which, 47);
    /* delayed association: labels on steps 10..14 of T = 15 -> p_8 .. p_12 learn */
    unsigned char m15[15] = {0};
    for (int t = 10; t < 15; t++) m15[t] = 1;
    int first = -1, last = -1;
    trained = 0;
    for (int t = 0; t <= 15; t++)
        if (cc_cereb_target_step(t, tau, tau, 15, 0, m15) >= 0) { trained++; if (first < 0) first = t; last = t; }
    CU_ASSERT_EQUAL(trained, 5);
    CU_ASSERT_EQUAL(first, 8);
    CU_ASSERT_EQUAL(last, 12);
}

/* In a running model, dE^C/dp_t must be 2 (p_t - y_{t+2}) / (B O) exactly on the
 * scheduled steps and zero elsewhere. */
static void test_schedule_in_model(void)
{
    for (int fl = 0; fl <= 1; fl++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
        c.final_learning = fl;
        cc_model *m = cc_model_alloc(&c, 31);
        const int B = 3, T = 9, O = c.O;
        cc_batch *b = tm_batch(B, T, c.D, O, 0, 0, 32), *longer = tm_batch(B, T + 3, c.D, O, 0, 0, 30);
        cc_model_grad_batch(m, longer, NULL); /* trains steps the next batch must not: nothing may remain */
        cc_model_grad_batch(m, b, NULL);
        double worst = 0.0;
        int nonzero_rows = 0;
        for (int t = 0; t <= T; t++) {
            int s = t + 2 <= T - 1 ? t + 2 : (fl && t <= T - 1 ? T - 1 : -1);
            int any = 0;
            for (int bb = 0; bb < B; bb++)
                for (int o = 0; o < O; o++) {
                    long i = ((long)t * B + bb) * O + o;
                    double expect = s >= 0 ? 2.0 * (m->ws.p[i] - b->y[((long)s * B + bb) * O + o]) / (B * O) : 0.0;
                    worst = fmax(worst, fabs(m->ws.dp[i] - expect));
                    any |= m->ws.dp[i] != 0.0;
                }
            nonzero_rows += any;
        }
        CU_ASSERT(worst < 1e-15);
        CU_ASSERT_EQUAL(nonzero_rows, fl ? T : T - 2); /* p_0..p_6, plus p_7, p_8 with final learning */
        tm_batch_free(b);
        tm_batch_free(longer);
        cc_model_free(m);
    }
}

/* The cortex receives c_t = p_t = C(r_{t-1}); silencing zeroes it from a chosen step. */
static void test_feedback_and_silencing(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    cc_model *m = cc_model_alloc(&c, 33);
    cc_batch *b = tm_batch(2, 6, c.D, c.O, 0, 0, 34);
    cc_model_eval_batch(m, b, NULL);
    const long BC = 2L * m->C;
    for (long i = 0; i < BC; i++) CU_ASSERT_EQUAL(m->ws.c[i], 0.0); /* c_0 = C(0) = 0 */
    double norm = 0.0;
    for (long i = BC; i < 6 * BC; i++) norm += fabs(m->ws.c[i]);
    CU_ASSERT(norm > 0.0);
    m->silence_from = 3;
    cc_model_eval_batch(m, b, NULL);
    double before = 0.0, after = 0.0;
    for (long i = BC; i < 3 * BC; i++) before += fabs(m->ws.c[i]);
    for (long i = 3 * BC; i < 6 * BC; i++) after += fabs(m->ws.c[i]);
    CU_ASSERT(before > 0.0);
    CU_ASSERT_EQUAL(after, 0.0);
    m->silence_from = -1;
    m->silence_fraction = 0.5; /* first of the two outputs silenced */
    cc_model_eval_batch(m, b, NULL);
    for (long i = 0; i < 6 * 2; i++) CU_ASSERT_EQUAL(m->ws.c[i * 2], 0.0);
    tm_batch_free(b);
    cc_model_free(m);
}

/* Classification: the cortex receives softmax(p_t). */
static void test_softmax_feedback(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.classification = 1;
    c.O = 3;
    cc_model *m = cc_model_alloc(&c, 35);
    cc_batch *b = tm_batch(2, 5, c.D, c.O, 1, 1, 36);
    cc_model_eval_batch(m, b, NULL);
    for (long row = 0; row < 5 * 2; row++) {
        double s = 0.0, mx = -1e9;
        for (int k = 0; k < 3; k++) mx = fmax(mx, m->ws.p[row * 3 + k]);
        double e[3];
        for (int k = 0; k < 3; k++) s += (e[k] = exp(m->ws.p[row * 3 + k] - mx));
        for (int k = 0; k < 3; k++) CU_ASSERT_DOUBLE_EQUAL(m->ws.c[row * 3 + k], e[k] / s, 1e-15);
    }
    tm_batch_free(b);
    cc_model_free(m);
}

/* Readout feedback: the cortex receives z_{t-1} (regression) or softmax(z_{t-1})
 * (classification), never raw logits; at t = 0, z_{-1} = 0 gives 0, or 1/O after softmax. */
static void test_readout_feedback(void)
{
    for (int cls = 0; cls <= 1; cls++) {
        cc_config c = tm_config(CC_ARCH_READOUT_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
        c.classification = cls;
        c.O = 3;
        cc_model *m = cc_model_alloc(&c, 37);
        for (long i = 0; i < 3; i++) m->w->b_ro[i] = 0.5 * (double)i - 0.3; /* logits far from 0 */
        const int B = 2, T = 5, O = 3;
        cc_batch *b = tm_batch(B, T, c.D, O, cls, cls, 38);
        cc_model_eval_batch(m, b, NULL);
        int bad = 0;
        for (int bb = 0; bb < B; bb++) {
            const double *fb0 = m->ws.c + (long)bb * O;
            for (int k = 0; k < O; k++) bad += fb0[k] != (cls ? 1.0 / O : 0.0);
            for (int t = 1; t < T; t++) {
                const double *z = m->ws.z + ((long)(t - 1) * B + bb) * O, *fb = m->ws.c + ((long)t * B + bb) * O;
                double mx = fmax(z[0], fmax(z[1], z[2])), e[3], s = 0.0;
                for (int k = 0; k < O; k++) s += (e[k] = exp(z[k] - mx));
                for (int k = 0; k < O; k++) bad += fabs(fb[k] - (cls ? e[k] / s : z[k])) > 1e-15;
            }
            /* what the cortex read: the columns D..D+O of its input */
            for (int t = 0; t < T; t++)
                for (int k = 0; k < O; k++)
                    bad += m->ws.xt[((long)t * B + bb) * m->Din + c.D + k] != m->ws.c[((long)t * B + bb) * O + k];
        }
        CU_ASSERT_EQUAL(bad, 0);
        tm_batch_free(b);
        cc_model_free(m);
    }
}

/* Output noise: c - p has mean 0 and variance sigma^2 (sigma is a std); added after
 * silencing, so a silenced cerebellum emits pure noise (the authors' order). */
static void test_output_noise(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    cc_model *m = cc_model_alloc(&c, 39);
    const int B = 50, T = 40;
    const double sigma = 0.3;
    cc_batch *b = tm_batch(B, T, c.D, c.O, 0, 0, 40);
    m->cereb_noise = sigma;
    for (int silenced = 0; silenced <= 1; silenced++) {
        m->silence_from = silenced ? 0 : -1;
        double s1 = 0.0, s2 = 0.0;
        long n = 0;
        for (int rep = 0; rep < 20; rep++) {
            cc_model_eval_batch(m, b, NULL);
            for (long i = 0; i < (long)T * B * m->C; i++, n++) {
                double d = m->ws.c[i] - (silenced ? 0.0 : m->ws.p[i]);
                s1 += d;
                s2 += d * d;
            }
        }
        double mean = s1 / n, var = s2 / n - mean * mean, v = sigma * sigma;
        printf("\n    silenced %d: mean %.2e var %.5f (sigma^2 %.5f, n %ld)", silenced, mean, var, v, n);
        CU_ASSERT(fabs(mean) < 5 * sigma / sqrt((double)n));
        CU_ASSERT(fabs(var - v) < 5 * v * sqrt(2.0 / n));
    }
    tm_batch_free(b);
    cc_model_free(m);
}

/* Temporal basis inside the model: block j (j = 0..tau) of p_t is trained on y_{t-1+j}, for
 * t + tau <= T and targets that exist and carry loss. Each trained prediction's loss is the
 * mean over trials, outputs and its trained blocks (the original's MSELoss over the target
 * cut to its length): sum_j sum_b |p_t^j - y_{t-1+j}|^2 / (B O n_t), n_t = trained blocks of
 * p_t, and cereb_loss is its mean over the trained predictions. All by hand here: the
 * schedule function is not called. */
static void test_temporal_basis_in_model(void)
{
    const int B = 3, T = 9, tau = 3;
    for (int hole = 0; hole <= 1; hole++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
        c.temporal_basis = 1;
        c.tau = tau;
        cc_model *m = cc_model_alloc(&c, 41);
        const int O = c.O, C = m->C;
        CU_ASSERT_EQUAL_FATAL(C, O * (tau + 1));
        cc_batch *b = tm_batch(B, T, c.D, O, 0, 0, 42);
        if (hole) b->mask_train[4] = 0; /* step 4 carries no loss: no block may train on y_4 */
        cc_stats st;
        cc_model_grad_batch(m, b, &st);
        double worst = 0.0, total = 0.0;
        int calls = 0, bad_zero = 0;
        for (int t = 0; t <= T; t++) {
            int n = 0; /* trained blocks of p_t */
            for (int j = 0; j <= tau; j++) {
                const int s = t - 1 + j;
                n += t + tau <= T && s >= 0 && s <= T - 1 && b->mask_train[s];
            }
            double loss = 0.0;
            for (int j = 0; j <= tau; j++) {
                const int s = t - 1 + j, on = n > 0 && t + tau <= T && s >= 0 && s <= T - 1 && b->mask_train[s];
                for (int bb = 0; bb < B; bb++)
                    for (int o = 0; o < O; o++) {
                        const long i = ((long)t * B + bb) * C + j * O + o;
                        if (!on) {
                            bad_zero += m->ws.dp[i] != 0.0;
                            continue;
                        }
                        const double e = m->ws.p[i] - b->y[((long)s * B + bb) * O + o];
                        loss += e * e / ((double)B * O * n);
                        worst = fmax(worst, fabs(m->ws.dp[i] - 2.0 * e / ((double)B * O * n)));
                    }
            }
            if (n > 0) {
                total += loss;
                calls++;
            }
        }
        printf("\n    hole %d: %d trained predictions, max |dp - hand| %.1e, cereb_loss %.6f (hand %.6f)", hole,
               calls, worst, st.cereb_loss, total / calls);
        CU_ASSERT_EQUAL(calls, T - tau + 1); /* p_0 .. p_{T-tau} */
        CU_ASSERT(worst < 1e-15);
        CU_ASSERT_EQUAL(bad_zero, 0);
        CU_ASSERT_DOUBLE_EQUAL(st.cereb_loss, total / calls, 1e-14 * total / calls);
        tm_batch_free(b);
        cc_model_free(m);
    }
}

static const cc_test_case CASES[] = {
    {"delayed-target schedule: tau, end of trial, final learning, masks", test_schedule_values},
    {"schedule inside the model: dE^C/dp on exactly the scheduled steps", test_schedule_in_model},
    {"feedback c_t = C(r_{t-1}) and silencing", test_feedback_and_silencing},
    {"softmax feedback in classification", test_softmax_feedback},
    {"readout feedback: z_{t-1} or softmax(z_{t-1}), 1/O at t = 0", test_readout_feedback},
    {"output noise: variance sigma^2, added after silencing", test_output_noise},
    {"temporal basis in the model: block j of p_t against y_{t-1+j}, loss / (B O blocks)", test_temporal_basis_in_model},
    {0, 0}};

CC_TEST_MAIN("cerebellar delay", CASES)
