/* cc_verdict.c: verdicts with their interval and stability (cc_verdict.h). */
#include "cc_verdict.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_error.h"

enum { CC_VERDICT_MAX_SAMPLES = 8, CC_VERDICT_MAX_SEEDS = 1000 };

const char *cc_claim_source_name(cc_claim_source s)
{
    static const char *const NAMES[] = {"paper", "code", "package"};
    return (unsigned)s <= CC_SRC_PACKAGE ? NAMES[s] : "?";
}

double cc_sample_mean(const cc_sample *x)
{
    double m = 0.0;
    for (int i = 0; i < x->n; i++) m += x->v[i];
    return x->n ? m / x->n : NAN;
}

double cc_sample_sem(const cc_sample *x)
{
    if (x->n < 2) return 0.0;
    double m = cc_sample_mean(x), v = 0.0;
    for (int i = 0; i < x->n; i++) v += (x->v[i] - m) * (x->v[i] - m);
    return sqrt(v / (x->n - 1) / x->n);
}

double cc_t_quantile(double p, double df) { return gsl_cdf_tdist_Pinv(p, df); }

double cc_welch_p_greater(const cc_sample *a, const cc_sample *b, double *t, double *df)
{
    const double sa = cc_sample_sem(a), sb = cc_sample_sem(b), se2 = sa * sa + sb * sb;
    const double d = cc_sample_mean(a) - cc_sample_mean(b);
    /* Welch-Satterthwaite: df = (sa^2 + sb^2)^2 / (sa^4 / (na - 1) + sb^4 / (nb - 1)) */
    const double den = (a->n > 1 ? pow(sa, 4) / (a->n - 1) : 0.0) + (b->n > 1 ? pow(sb, 4) / (b->n - 1) : 0.0);
    *df = den > 0 ? se2 * se2 / den : NAN;
    if (!(se2 > 0)) { /* no spread: the sign of the difference decides */
        *t = d > 0 ? INFINITY : d < 0 ? -INFINITY : 0.0;
        return d > 0 ? 0.0 : 1.0;
    }
    *t = d / sqrt(se2);
    return gsl_cdf_tdist_Q(*t, *df);
}

/* The 95 % interval of the effect by the t distribution, or NAN if a sample is too small. */
static void cc_verdict_t_interval(const cc_claim_data *c, double effect, double *lo, double *hi)
{
    *lo = *hi = NAN;
    if (c->ci == CC_CI_T && c->x[0].n > 1) {
        const double h = cc_t_quantile(0.975, c->x[0].n - 1) * cc_sample_sem(&c->x[0]);
        *lo = effect - h;
        *hi = effect + h;
    } else if (c->ci == CC_CI_WELCH && c->k >= 2 && c->x[0].n > 1 && c->x[1].n > 1) {
        double t, df;
        cc_welch_p_greater(&c->x[0], &c->x[1], &t, &df);
        const double sa = cc_sample_sem(&c->x[0]), sb = cc_sample_sem(&c->x[1]);
        const double h = isfinite(df) ? cc_t_quantile(0.975, df) * sqrt(sa * sa + sb * sb) : 0.0;
        *lo = effect - h;
        *hi = effect + h;
    }
}

static int cc_cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int cc_claim_evaluate(const cc_claim_data *c, cc_verdict *out)
{
    memset(out, 0, sizeof *out);
    if (c->k < 1 || c->k > CC_VERDICT_MAX_SAMPLES) return CC_ERRORF(GSL_EINVAL, "a claim compares 1 to %d samples, not %d", CC_VERDICT_MAX_SAMPLES, c->k);
    out->seeds_min = CC_VERDICT_MAX_SEEDS;
    for (int j = 0; j < c->k; j++) {
        if (c->x[j].n < 1 || c->x[j].n > CC_VERDICT_MAX_SEEDS)
            return CC_ERRORF(GSL_EINVAL, "sample %s has %d seeds (1..%d)", c->x[j].name ? c->x[j].name : "?", c->x[j].n,
                             CC_VERDICT_MAX_SEEDS);
        if (c->x[j].n < out->seeds_min) out->seeds_min = c->x[j].n;
    }
    out->pass = c->rule(c->x, c->k, c->arg, &out->effect) != 0;

    /* bootstrap over seeds: each sample resampled with replacement, the rule applied again */
    double *buf = malloc(sizeof(double) * (size_t)c->k * CC_VERDICT_MAX_SEEDS);
    double *effects = malloc(sizeof(double) * CC_VERDICT_RESAMPLES);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!buf || !effects || !r) {
        free(buf);
        free(effects);
        if (r) gsl_rng_free(r);
        return CC_ERRORF(GSL_ENOMEM, "out of memory");
    }
    gsl_rng_set(r, CC_VERDICT_SEED);
    cc_sample rs[CC_VERDICT_MAX_SAMPLES];
    int same = 0, finite = 0;
    for (int b = 0; b < CC_VERDICT_RESAMPLES; b++) {
        for (int j = 0; j < c->k; j++) {
            double *v = buf + (size_t)j * CC_VERDICT_MAX_SEEDS;
            for (int i = 0; i < c->x[j].n; i++) v[i] = c->x[j].v[gsl_rng_uniform_int(r, (unsigned long)c->x[j].n)];
            rs[j] = (cc_sample){c->x[j].name, v, c->x[j].n};
        }
        double e;
        same += (c->rule(rs, c->k, c->arg, &e) != 0) == out->pass;
        if (isfinite(e)) effects[finite++] = e;
    }
    out->stability = (double)same / CC_VERDICT_RESAMPLES;
    if (c->ci == CC_CI_BOOTSTRAP) {
        out->lo = out->hi = NAN;
        if (finite > 0 && out->seeds_min > 1) {
            qsort(effects, (size_t)finite, sizeof *effects, cc_cmp_double);
            out->lo = effects[(int)floor(0.025 * (finite - 1))];
            out->hi = effects[(int)ceil(0.975 * (finite - 1))];
        }
    } else {
        cc_verdict_t_interval(c, out->effect, &out->lo, &out->hi);
    }
    free(buf);
    free(effects);
    gsl_rng_free(r);
    out->result = out->stability < CC_VERDICT_STABLE ? "UNDECIDED" : out->pass ? "PASS" : "FAIL";
    return GSL_SUCCESS;
}
