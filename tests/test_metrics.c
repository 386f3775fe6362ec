/* test_metrics.c: the scores the experiments report, against hand computations.
 *
 * From the readout z that the model wrote (m->ws.z), by hand: the mean squared error per
 * element over batch x evaluation steps x outputs, the cross-entropy and the accuracy on the
 * evaluation steps only (masks that differ from the training ones, as in delayed
 * association), the training loss on the training steps, and the reported metric (MSE, or
 * error = 1 - accuracy), which is 0 for perfect predictions.
 * Not here: the loss functions' gradients (test_gradients.c).
 */
#include "cc_train.h"
#include "cc_test.h"
#include "cc_test_model.h"

/* A readout far from uniform, so that predictions differ between trials and steps. */
static void spread_readout(cc_model *m)
{
    for (size_t i = 0; i < cc_params_count(m->w, CC_W_RO); i++) m->w->W_ro[i] *= 20.0;
}

static void test_classification_scores(void)
{
    cc_config c = tm_config(CC_ARCH_NONE, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.classification = 1;
    c.O = 3;
    cc_model *m = cc_model_alloc(&c, 21);
    spread_readout(m);
    const int B = 40, T = 8, O = 3;
    cc_batch *b = tm_batch(B, T, c.D, O, 1, 0, 22);
    for (int t = 0; t < T; t++) { /* delayed association: train on the last 5 steps, score the last */
        b->mask_train[t] = t >= T - 5;
        b->mask_eval[t] = t == T - 1;
    }
    cc_stats s;
    cc_model_eval_batch(m, b, &s);
    double xent[2] = {0, 0}; /* [0]: training steps, [1]: evaluation steps */
    long n[2] = {0, 0}, correct = 0;
    for (int t = 0; t < T; t++)
        for (int bb = 0; bb < B; bb++) {
            const double *z = m->ws.z + ((long)t * B + bb) * O, *y = b->y + ((long)t * B + bb) * O;
            int label = 0, guess = 0;
            double lse = 0.0;
            for (int k = 0; k < O; k++) {
                lse += exp(z[k]);
                if (y[k] > y[label]) label = k;
                if (z[k] > z[guess]) guess = k;
            }
            const double ce = log(lse) - z[label]; /* -log softmax(z)_label */
            for (int i = 0; i < 2; i++)
                if (i ? b->mask_eval[t] : b->mask_train[t]) {
                    xent[i] += ce;
                    n[i]++;
                }
            if (b->mask_eval[t]) correct += guess == label;
        }
    const double acc = (double)correct / n[1];
    printf("\n    loss %.6f (hand %.6f), xent %.6f (hand %.6f), acc %.4f (hand %.4f), error %.4f", s.loss,
           xent[0] / n[0], s.xent, xent[1] / n[1], s.acc, acc, cc_stats_metric(m, &s));
    CU_ASSERT_EQUAL(n[1], B);
    CU_ASSERT(acc > 0.0 && acc < 1.0); /* a score that can be told from its complement */
    CU_ASSERT_DOUBLE_EQUAL(s.loss, xent[0] / n[0], 1e-12 * s.loss);
    CU_ASSERT_DOUBLE_EQUAL(s.xent, xent[1] / n[1], 1e-12 * s.xent);
    CU_ASSERT_DOUBLE_EQUAL(s.acc, acc, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(cc_stats_metric(m, &s), 1.0 - acc, 1e-15);
    /* perfect predictions: every trial of class 0, a readout that answers 0 whatever the state */
    for (long i = 0; i < (long)T * B * O; i++) b->y[i] = i % O == 0;
    memset(m->w->W_ro, 0, cc_params_count(m->w, CC_W_RO) * sizeof(double));
    m->w->b_ro[0] = 20.0;
    m->w->b_ro[1] = m->w->b_ro[2] = -20.0;
    cc_model_eval_batch(m, b, &s);
    printf("\n    perfect: acc %.4f, error %.4f, xent %.2e", s.acc, cc_stats_metric(m, &s), s.xent);
    CU_ASSERT_EQUAL(s.acc, 1.0);
    CU_ASSERT_EQUAL(cc_stats_metric(m, &s), 0.0);
    CU_ASSERT(s.xent >= 0.0 && s.xent < 1e-16);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_regression_scores(void)
{
    cc_config c = tm_config(CC_ARCH_NONE, CC_CORTEX_FIXED, CC_RULE_EPROP);
    cc_model *m = cc_model_alloc(&c, 23);
    spread_readout(m);
    const int B = 7, T = 9, O = c.O;
    cc_batch *b = tm_batch(B, T, c.D, O, 0, 0, 24);
    for (int t = 0; t < T; t++) b->mask_eval[t] = t == 2 || t >= T - 3; /* 4 of the 9 training steps */
    cc_stats s;
    cc_model_eval_batch(m, b, &s);
    double sq[2] = {0, 0};
    long n[2] = {0, 0};
    for (int t = 0; t < T; t++)
        for (long i = (long)t * B * O; i < (long)(t + 1) * B * O; i++) {
            const double e = m->ws.z[i] - b->y[i];
            for (int k = 0; k < 2; k++)
                if (k ? b->mask_eval[t] : b->mask_train[t]) {
                    sq[k] += e * e;
                    n[k]++;
                }
        }
    printf("\n    loss %.6f (hand %.6f), mse %.6f (hand %.6f) on %ld of %ld elements", s.loss, sq[0] / n[0], s.mse,
           sq[1] / n[1], n[1], n[0]);
    CU_ASSERT_EQUAL(n[1], 4L * B * O); /* mean over batch x evaluation steps x outputs */
    CU_ASSERT_DOUBLE_EQUAL(s.loss, sq[0] / n[0], 1e-12 * s.loss);
    CU_ASSERT_DOUBLE_EQUAL(s.mse, sq[1] / n[1], 1e-12 * s.mse);
    CU_ASSERT_EQUAL(cc_stats_metric(m, &s), s.mse);
    /* perfect predictions: constant targets that the readout's bias gives exactly */
    memset(m->w->W_ro, 0, cc_params_count(m->w, CC_W_RO) * sizeof(double));
    m->w->b_ro[0] = 0.25;
    m->w->b_ro[1] = -0.5;
    for (long i = 0; i < (long)T * B * O; i++) b->y[i] = m->w->b_ro[i % O];
    cc_model_eval_batch(m, b, &s);
    CU_ASSERT_EQUAL(s.mse, 0.0);
    CU_ASSERT_EQUAL(cc_stats_metric(m, &s), 0.0);
    tm_batch_free(b);
    cc_model_free(m);
}

static const cc_test_case CASES[] = {
    {"cross-entropy, accuracy and error on the evaluation steps only", test_classification_scores},
    {"MSE per element on the evaluation steps", test_regression_scores},
    {0, 0}};

CC_TEST_MAIN("reported metrics", CASES)
