/* cc_rules.c: the claims' rules (cc_rules.h). */
#include "cc_rules.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#define ARG ((const cc_rule_arg *)arg)

/* r_j = mean(x_j) / mean(x_0) for j >= 1: the smallest (min = 1) or the largest */
static double ratio_extreme(const cc_sample *x, int k, int min)
{
    const double m0 = cc_sample_mean(&x[0]);
    double e = min ? INFINITY : -INFINITY;
    for (int j = 1; j < k; j++) {
        const double r = cc_sample_mean(&x[j]) / m0;
        if (isnan(r)) return NAN;
        e = min ? fmin(e, r) : fmax(e, r);
    }
    return e;
}

int cc_rule_ratio_ge(const cc_sample *x, int k, const void *arg, double *effect)
{
    *effect = ratio_extreme(x, k, 1);
    return *effect >= ARG->thr;
}

int cc_rule_ratio_le(const cc_sample *x, int k, const void *arg, double *effect)
{
    *effect = ratio_extreme(x, k, 0);
    return *effect <= ARG->thr;
}

int cc_rule_ratio_in(const cc_sample *x, int k, const void *arg, double *effect)
{
    *effect = k > 1 ? cc_sample_mean(&x[1]) / cc_sample_mean(&x[0]) : NAN;
    const double lo = ratio_extreme(x, k, 1), hi = ratio_extreme(x, k, 0);
    return lo >= ARG->thr && hi <= ARG->thr2;
}

int cc_rule_diff_ge(const cc_sample *x, int k, const void *arg, double *effect)
{
    const double m0 = cc_sample_mean(&x[0]);
    double e = INFINITY;
    for (int j = 1; j < k; j++) e = fmin(e, cc_sample_mean(&x[j]) - m0);
    *effect = k > 1 ? e : NAN;
    return *effect >= ARG->thr;
}

int cc_rule_absdiff_le(const cc_sample *x, int k, const void *arg, double *effect)
{
    *effect = k > 1 ? fabs(cc_sample_mean(&x[1]) - cc_sample_mean(&x[0])) : NAN;
    return *effect <= ARG->thr;
}

int cc_rule_greater(const cc_sample *x, int k, const void *arg, double *effect)
{
    const double m0 = cc_sample_mean(&x[0]);
    double e = INFINITY, t, df;
    int ok = k > 1;
    for (int j = 1; j < k; j++) {
        e = fmin(e, cc_sample_mean(&x[j]) - m0);
        ok &= cc_welch_p_greater(&x[j], &x[0], &t, &df) < ARG->level; /* mean(x_j) > mean(x_0) */
    }
    *effect = k > 1 ? e : NAN;
    return ok;
}

int cc_rule_no_fall(const cc_sample *x, int k, const void *arg, double *effect)
{
    double e = -INFINITY, t, df;
    int ok = 1;
    for (int i = 0; i + 1 < k; i++) {
        e = fmax(e, cc_sample_mean(&x[i]) - cc_sample_mean(&x[i + 1]));
        ok &= !(cc_welch_p_greater(&x[i], &x[i + 1], &t, &df) < ARG->level); /* mean(x_i) > mean(x_i+1) */
    }
    *effect = k > 1 ? e : NAN;
    return ok;
}

int cc_rule_mean_ge(const cc_sample *x, int k, const void *arg, double *effect)
{
    double e = INFINITY;
    for (int j = 0; j < k; j++) e = fmin(e, cc_sample_mean(&x[j]));
    *effect = e;
    return e >= ARG->thr;
}

int cc_rule_mean_le(const cc_sample *x, int k, const void *arg, double *effect)
{
    double e = -INFINITY;
    for (int j = 0; j < k; j++) e = fmax(e, cc_sample_mean(&x[j]));
    *effect = e;
    return e <= ARG->thr;
}

int cc_rule_mean_in(const cc_sample *x, int k, const void *arg, double *effect)
{
    int ok = 1;
    double margin = INFINITY; /* distance to the nearest bound, negative outside */
    *effect = NAN;
    for (int j = 0; j < k; j++) {
        const double m = cc_sample_mean(&x[j]), d = fmin(m - ARG->thr, ARG->thr2 - m);
        ok &= m >= ARG->thr && m <= ARG->thr2;
        if (d < margin || isnan(*effect)) margin = d, *effect = m;
    }
    return ok;
}

int cc_rule_all(const cc_sample *x, int k, const void *arg, double *effect)
{
    const cc_rule_all_arg *a = arg;
    int ok = a->n > 0;
    *effect = NAN;
    for (int i = 0; i < a->n; i++) {
        const cc_rule_part *p = &a->part[i];
        cc_sample y[CC_RULE_PART_MAX];
        for (int j = 0; j < p->n; j++) y[j] = p->idx[j] >= 0 && p->idx[j] < k ? x[p->idx[j]] : (cc_sample){"?", NULL, 0};
        double e;
        int holds = p->n > 0;
        for (int j = 0; j < p->n; j++) holds &= y[j].n > 0;
        if (holds) holds = p->rule(y, p->n, &p->arg, &e) != 0;
        else e = NAN;
        ok &= holds;
        if (i == 0) *effect = e;
    }
    return ok;
}

cc_ci_kind cc_rule_ci(cc_claim_rule rule, int k)
{
    if (k == 1 && (rule == cc_rule_mean_ge || rule == cc_rule_mean_le || rule == cc_rule_mean_in)) return CC_CI_T;
    /* the effect mean(x_1) - mean(x_0): Welch's interval is symmetric about it whatever its sign */
    if (k == 2 && (rule == cc_rule_diff_ge || rule == cc_rule_greater || rule == cc_rule_no_fall)) return CC_CI_WELCH;
    return CC_CI_BOOTSTRAP;
}

cc_sample cc_sample_of(const cc_seedstat *s, const char *name) { return (cc_sample){name, s->v, s->n}; }

int cc_sample_count_le(const cc_sample *x, double thr)
{
    int c = 0;
    for (int i = 0; i < x->n; i++) c += x->v[i] <= thr;
    return c;
}

int cc_judge(cc_claims *c, const cc_claim_text *t, cc_claim_rule rule, const void *arg, const cc_sample *x, int k,
             const char *measured_fmt, ...)
{
    char measured[1024];
    va_list ap;
    va_start(ap, measured_fmt);
    vsnprintf(measured, sizeof measured, measured_fmt, ap);
    va_end(ap);
    const cc_claim_data d = {.rule = rule, .arg = arg, .x = x, .k = k, .ci = cc_rule_ci(rule, k)};
    return cc_claims_judge(c, t, &d, "%s", measured);
}
