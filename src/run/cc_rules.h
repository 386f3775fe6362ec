/* cc_rules.h: the rules every claim is judged by, written once.
 *
 * A rule reads k samples (x[0..k-1]: the per-seed values of the conditions a claim compares), and
 * an argument with its thresholds; it returns 1 when the claim holds and writes its effect (the
 * number the criterion judges). Drivers pick a rule and take its thresholds from their [claims]
 * config; cc_judge (below) evaluates it (interval, stability: cc_verdict.h) and writes the row.
 * tests/test_rules.c checks every rule at, just above and just below its threshold.
 *
 * x[0] is the reference of the comparison rules:
 *   cc_rule_ratio_ge    min_{j>=1} mean(x_j) / mean(x_0) >= thr        ("at least thr times x_0")
 *   cc_rule_ratio_le    max_{j>=1} mean(x_j) / mean(x_0) <= thr        ("at most thr times x_0")
 *   cc_rule_ratio_in    every mean(x_j) / mean(x_0) in [thr, thr2]; effect: the ratio of x_1
 *   cc_rule_diff_ge     min_{j>=1} mean(x_j) - mean(x_0) >= thr        (a margin)
 *   cc_rule_absdiff_le  |mean(x_1) - mean(x_0)| <= thr
 *   cc_rule_greater     every x_j (j >= 1) greater than x_0 by Welch's one-sided test, p < level;
 *                       effect: min_{j>=1} mean(x_j) - mean(x_0)
 *   cc_rule_no_fall     along x_0, x_1, ..., x_{k-1}: no step down that Welch's one-sided test
 *                       finds (mean(x_i) > mean(x_{i+1}) with p < level); effect: the largest
 *                       fall max_i mean(x_i) - mean(x_{i+1})
 * and on every sample alike:
 *   cc_rule_mean_ge     min_j mean(x_j) >= thr
 *   cc_rule_mean_le     max_j mean(x_j) <= thr
 *   cc_rule_mean_in     every mean(x_j) in [thr, thr2]; effect: the mean nearest a bound (or
 *                       farthest outside)
 * and a conjunction of parts, each a rule over some of the samples:
 *   cc_rule_all         every part holds; effect: that of the first part.
 */
#ifndef CC_RULES_H
#define CC_RULES_H

#include "cc_expt.h"
#include "cc_grid.h"
#include "cc_verdict.h"

typedef struct {
    double thr;   /* the threshold (a ratio, a difference, a mean) */
    double thr2;  /* the upper bound of a band (the _in rules) */
    double level; /* the level of a one-sided test (cc_rule_greater, cc_rule_no_fall) */
} cc_rule_arg;

int cc_rule_ratio_ge(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_ratio_le(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_ratio_in(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_diff_ge(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_absdiff_le(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_greater(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_no_fall(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_mean_ge(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_mean_le(const cc_sample *x, int k, const void *arg, double *effect);
int cc_rule_mean_in(const cc_sample *x, int k, const void *arg, double *effect);

/* cc_rule_all: arg is a cc_rule_all_arg; part i applies its rule to the samples x[idx[0..n-1]]. */
enum { CC_RULE_PART_MAX = 8 };
typedef struct {
    cc_claim_rule rule;
    cc_rule_arg arg;
    int n, idx[CC_RULE_PART_MAX];
} cc_rule_part;
typedef struct {
    int n;
    cc_rule_part part[CC_RULE_PART_MAX];
} cc_rule_all_arg;
int cc_rule_all(const cc_sample *x, int k, const void *arg, double *effect);

/* The interval that suits a rule: Student's t for the mean rules over one sample, Welch's for
 * the difference rules over two, else the bootstrap over seeds. */
cc_ci_kind cc_rule_ci(cc_claim_rule rule, int k);

/* The per-seed values of a condition (cc_grid_stat) as a sample named `name`. */
cc_sample cc_sample_of(const cc_seedstat *s, const char *name);

/* How many seeds of x have a value <= thr (the seeds that learnt, for an error). */
int cc_sample_count_le(const cc_sample *x, double thr);

/* Judge a claim by a rule: cc_claims_judge with the interval of cc_rule_ci. measured is
 * printf-formatted. GSL status. */
int cc_judge(cc_claims *c, const cc_claim_text *t, cc_claim_rule rule, const void *arg, const cc_sample *x, int k,
             const char *measured_fmt, ...) __attribute__((format(printf, 7, 8)));

#endif
