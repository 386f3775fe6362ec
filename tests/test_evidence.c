/* test_evidence.c: belief and choice weights of the evidence-accumulation task (src/model/cc_evidence.c).
 *
 * The belief is checked on three hand-made trials (exact values); the bins must tile the cue
 * period; the choice regression must recover weights planted on synthetic trials of the task
 * itself (the choice drawn from a logistic model, written into the last step's logits), so a
 * swapped left and right, a wrong bin or a choice read at the wrong step fails; bad calls are
 * refused.
 */
#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "cc_evidence.h"
#include "cc_test.h"

/* Three trials, labels right, left, right; at every step the right trials have
 * sigma(z_2 - z_1) = 3/4 and 1/4 and the left one 1 / (1 + e^-5): belief 1/2 exactly. */
static void test_belief(void)
{
    cc_task task = cc_task_defaults(CC_TASK_EVACC);
    cc_batch *b = cc_batch_alloc(&task, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    const int T = b->T, O = b->O;
    double *z = calloc((size_t)T * 3 * O, sizeof *z), *out = malloc(sizeof(double) * 2 * T);
    b->cond[0] = 2, b->cond[1] = 1, b->cond[2] = 2;
    for (int t = 0; t < T; t++) {
        z[(t * 3 + 0) * O + 2] = log(3.0);                            /* sigma(log 3) = 3/4 */
        z[(t * 3 + 2) * O + 1] = log(3.0);                            /* sigma(-log 3) = 1/4 */
        z[(t * 3 + 1) * O + 2] = 5.0, z[(t * 3 + 1) * O + 0] = 100.0; /* left trial: not counted */
    }
    cc_evidence_belief(out, 2, z, b);
    int bad = 0;
    for (int t = 0; t < T; t++) bad += cc_test_differ(out[2 * t], 0.5, 1e-15);
    CC_ASSERT_NONE_WRONG(bad, "belief of two right trials, 3/4 and 1/4");
    b->cond[0] = b->cond[2] = 0; /* no right trial: NaN */
    cc_evidence_belief(out, 1, z, b);
    CU_ASSERT(isnan(out[0]) && isnan(out[T - 1]));
    free(z);
    free(out);
    cc_batch_free(b);
}

/* The bins of every (Tcue, bins) tile [0, Tcue) in order, each floor(Tcue / bins) or one more steps long. */
static void test_bins(void)
{
    int bad = 0;
    for (int Tcue = 1; Tcue <= 60; Tcue++)
        for (int bins = 1; bins <= Tcue && bins <= CC_EVIDENCE_MAX_BINS; bins++) {
            int next = 0, lo, hi;
            for (int k = 0; k < bins; k++) {
                cc_evidence_bin(k, bins, Tcue, &lo, &hi);
                bad += lo != next || hi <= lo || hi - lo < Tcue / bins || hi - lo > Tcue / bins + 1;
                next = hi;
            }
            bad += next != Tcue;
        }
    CC_ASSERT_NONE_WRONG(bad, "bins tiling the cue period");
}

/* Weights planted on the bins of real trials: the fit recovers each within 4 standard errors. */
static void test_weights(void)
{
    enum { B = 6000, BINS = 5 };
    static const double beta[BINS + 1] = {0.3, 0.8, 0.0, 0.4, -0.5, 0.2}; /* intercept, bins */
    cc_task task = cc_task_defaults(CC_TASK_EVACC);
    const int Tcue = task.T - task.delay;
    cc_batch *b = cc_batch_alloc(&task, B);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    gsl_rng_set(r, 11);
    CU_ASSERT_EQUAL_FATAL(cc_evacc_fill(b, &task, r), GSL_SUCCESS);
    const int T = b->T, O = b->O;
    double *z = calloc((size_t)T * B * O, sizeof *z), w[BINS], se[BINS];
    for (int i = 0; i < B; i++) {
        double eta = beta[0];
        for (int k = 0; k < BINS; k++) {
            int lo, hi;
            cc_evidence_bin(k, BINS, Tcue, &lo, &hi);
            for (int t = lo; t < hi; t++) /* channel 1 right, channel 0 left */
                eta += beta[1 + k] * (b->puffs[((long)t * B + i) * 2 + 1] - b->puffs[((long)t * B + i) * 2]);
        }
        const int right = gsl_rng_uniform(r) < 1.0 / (1.0 + exp(-eta));
        z[((long)(T - 1) * B + i) * O + (right ? 2 : 1)] = 1.0; /* the choice, at the last step only */
    }
    CU_ASSERT_EQUAL_FATAL(cc_evidence_weights(z, b, BINS, Tcue, w, se), GSL_SUCCESS);
    for (int k = 0; k < BINS; k++) {
        printf("\n    bin %d: w %.3f +- %.3f (planted %.2f)", k, w[k], se[k], beta[1 + k]);
        CU_ASSERT(fabs(w[k] - beta[1 + k]) < 4.0 * se[k] && se[k] > 0.0 && se[k] < 0.1);
    }
    free(z);
    gsl_rng_free(r);
    cc_batch_free(b);
}

/* A batch without puffs, and more bins than the cue period has steps, are refused. */
static void test_refusals(void)
{
    cc_task lines = cc_task_defaults(CC_TASK_LINEDRAW), evacc = cc_task_defaults(CC_TASK_EVACC);
    cc_batch *bl = cc_batch_alloc(&lines, 4), *be = cc_batch_alloc(&evacc, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(be);
    double z[4096] = {0}, w[CC_EVIDENCE_MAX_BINS], se[CC_EVIDENCE_MAX_BINS];
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_evidence_weights(z, bl, 2, 10, w, se), GSL_EINVAL);
    CU_ASSERT_EQUAL(cc_test_last_errno, GSL_EINVAL);
    CU_ASSERT_EQUAL(cc_evidence_weights(z, be, 4, 3, w, se), GSL_EINVAL);
    CU_ASSERT_EQUAL(cc_evidence_weights(z, be, CC_EVIDENCE_MAX_BINS + 1, 40, w, se), GSL_EINVAL);
    cc_batch_free(bl);
    cc_batch_free(be);
}

static const cc_test_case CASES[] = {{"belief: sigma(z_2 - z_1) over the right trials", test_belief},
                                     {"bins tile the cue period", test_bins},
                                     {"choice weights recover planted weights", test_weights},
                                     {"bad calls refused", test_refusals},
                                     {0, 0}};
CC_TEST_MAIN("evidence accumulation: belief and choice weights", CASES)
