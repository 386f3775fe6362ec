/* cc_verdict.h: a claim's verdict from the per-seed values of the conditions it compares, with
 * where the claim comes from, the interval of its effect and the stability of its verdict.
 *
 * A claim is a rule over samples (one per condition: the value of every seed). The rule returns
 * the verdict and its effect (the number the criterion judges: a ratio of means, a difference of
 * means, an accuracy, ...). cc_claim_evaluate adds:
 *   interval    95 % interval of the effect: Welch's t interval when the effect is the difference
 *               of the means of two samples (CC_CI_WELCH), Student's t interval of one mean
 *               (CC_CI_T), else the percentile interval of a bootstrap over seeds (CC_CI_BOOTSTRAP);
 *   stability   the fraction of bootstrap resamples (the seeds of each sample drawn with
 *               replacement, as many as it has) whose verdict is the verdict of the data; a fixed
 *               seed makes it the same number every run;
 *   result      PASS or FAIL, or UNDECIDED when the stability is below CC_VERDICT_STABLE: the data
 *               do not settle the claim with the seeds that ran.
 *
 * Sources: paper (the paper states it), code (the authors' scripts or defaults), package (the
 * package's own operationalisation: a cut-off, a threshold, a sweep range).
 * Not here: writing claims.tsv (cc_claims_*, cc_expt.h), the figures' rules (their drivers).
 */
#ifndef CC_VERDICT_H
#define CC_VERDICT_H

#include <stddef.h>

#define CC_VERDICT_STABLE 0.9    /* below: UNDECIDED */
#define CC_VERDICT_RESAMPLES 2000
#define CC_VERDICT_SEED 20240611UL /* the bootstrap's fixed seed */

typedef enum { CC_SRC_PAPER = 0, CC_SRC_CODE, CC_SRC_PACKAGE } cc_claim_source;
const char *cc_claim_source_name(cc_claim_source s); /* "paper", "code", "package" */

typedef enum { CC_CI_BOOTSTRAP = 0, CC_CI_WELCH, CC_CI_T } cc_ci_kind;

/* The per-seed values of one condition. */
typedef struct {
    const char *name;
    const double *v; /* (n) */
    int n;
} cc_sample;

/* A claim's rule: 1 (holds) or 0, and its effect in *effect, from k samples. */
typedef int (*cc_claim_rule)(const cc_sample *x, int k, const void *arg, double *effect);

typedef struct {
    cc_claim_rule rule;
    const void *arg;
    const cc_sample *x; /* (k) */
    int k;
    cc_ci_kind ci;      /* CC_CI_WELCH: the effect is mean(x[0]) - mean(x[1]); CC_CI_T: mean(x[0]) */
} cc_claim_data;

typedef struct {
    int pass;           /* the verdict of the data */
    double effect;      /* the rule's effect on the data */
    double lo, hi;      /* its 95 % interval (NAN when a sample has fewer than 2 seeds) */
    double stability;   /* fraction of resamples with the same verdict */
    int seeds_min;      /* the fewest seeds of any sample */
    const char *result; /* "PASS", "FAIL" or "UNDECIDED" */
} cc_verdict;

/* Evaluate the claim. GSL_SUCCESS, or GSL_EINVAL (raised) for an empty sample or too many. */
int cc_claim_evaluate(const cc_claim_data *c, cc_verdict *out);

/* Statistics the rules use. */
double cc_sample_mean(const cc_sample *x);
double cc_sample_sem(const cc_sample *x);                   /* sd (n - 1) / sqrt(n); 0 if n < 2 */
double cc_t_quantile(double p, double df);                  /* Student's t quantile */
/* Welch's test of mean(a) > mean(b): the t statistic, its degrees of freedom and the one-sided p. */
double cc_welch_p_greater(const cc_sample *a, const cc_sample *b, double *t, double *df);

#endif
