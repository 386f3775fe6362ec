/* test_verdict.c: the statistics of the claims' verdicts (src/run/cc_verdict.h) against closed
 * forms and known cases: Student's t quantile, Welch's test, the t intervals, the bootstrap's
 * stability and determinism, and a verdict at, just above and just below its threshold.
 */
#include "cc_test.h"
#include "cc_verdict.h"

/* Student's t with 2 degrees of freedom has the closed form F(t) = 1/2 + t / (2 sqrt(2 + t^2)). */
static double t2_cdf(double t) { return 0.5 + t / (2.0 * sqrt(2.0 + t * t)); }

static void test_t_quantile(void)
{
    /* the 97.5 % quantile for 4 degrees of freedom (5 seeds) is 2.776445; for 2, the closed form */
    CU_ASSERT_DOUBLE_EQUAL(cc_t_quantile(0.975, 4), 2.7764451051977987, 1e-9);
    const double q = cc_t_quantile(0.975, 2);
    CU_ASSERT_DOUBLE_EQUAL(t2_cdf(q), 0.975, 1e-12);
}

static void test_welch(void)
{
    /* a = {1, 2, 3} (SEM 1/sqrt 3), b constant: df = 2, t = 2 sqrt 3, p = 1 - F_2(t) */
    const double av[] = {1, 2, 3}, bv[] = {0, 0, 0};
    const cc_sample a = {"a", av, 3}, b = {"b", bv, 3};
    double t, df;
    const double p = cc_welch_p_greater(&a, &b, &t, &df);
    CU_ASSERT_DOUBLE_EQUAL(df, 2.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(t, 2.0 * sqrt(3.0), 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p, 1.0 - t2_cdf(2.0 * sqrt(3.0)), 1e-12);
    /* equal sizes and spreads: df = 2 (n - 1), as Student's pooled test */
    const double cv[] = {4, 6, 5, 7, 3}, dv[] = {1, 3, 2, 4, 0};
    const cc_sample c = {"c", cv, 5}, d = {"d", dv, 5};
    cc_welch_p_greater(&c, &d, &t, &df);
    CU_ASSERT_DOUBLE_EQUAL(df, 8.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(t, 3.0 / sqrt(2 * 0.5), 1e-12); /* SEM^2 = 2.5 / 5 each */
    /* the SE of a difference is sqrt(sa^2 + sb^2), not sa + sb: with sa = sb the two differ by sqrt 2 */
    CU_ASSERT(fabs(t - 3.0 / (2 * sqrt(0.5))) > 0.5);
}

static int mean_above(const cc_sample *x, int k, const void *arg, double *effect)
{
    (void)k;
    *effect = cc_sample_mean(&x[0]);
    return *effect >= *(const double *)arg;
}

static int difference_positive(const cc_sample *x, int k, const void *arg, double *effect)
{
    (void)k, (void)arg;
    *effect = cc_sample_mean(&x[0]) - cc_sample_mean(&x[1]);
    return *effect > 0;
}

static void test_intervals(void)
{
    const double v[] = {1, 2, 3, 4, 5};
    const cc_sample x = {"x", v, 5};
    const double thr = 0.0;
    cc_claim_data c = {.rule = mean_above, .arg = &thr, .x = &x, .k = 1, .ci = CC_CI_T};
    cc_verdict r;
    CU_ASSERT_EQUAL(cc_claim_evaluate(&c, &r), GSL_SUCCESS);
    const double h = 2.7764451051977987 * sqrt(2.5 / 5);
    CU_ASSERT_DOUBLE_EQUAL(r.effect, 3.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(r.lo, 3.0 - h, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.hi, 3.0 + h, 1e-9);
    /* Welch interval of a difference: effect +- t_{0.975, df} sqrt(sa^2 + sb^2) */
    const double w[] = {0, 1, 2, 3, 4};
    const cc_sample xy[2] = {{"x", v, 5}, {"y", w, 5}};
    cc_claim_data d = {.rule = difference_positive, .x = xy, .k = 2, .ci = CC_CI_WELCH};
    CU_ASSERT_EQUAL(cc_claim_evaluate(&d, &r), GSL_SUCCESS);
    const double hw = cc_t_quantile(0.975, 8) * sqrt(1.0);
    CU_ASSERT_DOUBLE_EQUAL(r.lo, 1.0 - hw, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.hi, 1.0 + hw, 1e-9);
    /* bootstrap: an interval around the effect */
    d.ci = CC_CI_BOOTSTRAP;
    CU_ASSERT_EQUAL(cc_claim_evaluate(&d, &r), GSL_SUCCESS);
    CU_ASSERT(r.lo <= r.effect && r.effect <= r.hi && r.lo < r.hi);
}

static void test_stability(void)
{
    /* clear-cut: every resample agrees */
    const double a[] = {10.1, 10.3, 9.9, 10.0, 10.2}, b[] = {0.1, -0.2, 0.0, 0.3, -0.1};
    const cc_sample ab[2] = {{"a", a, 5}, {"b", b, 5}};
    cc_claim_data c = {.rule = difference_positive, .x = ab, .k = 2, .ci = CC_CI_WELCH};
    cc_verdict r, r2;
    cc_claim_evaluate(&c, &r);
    CU_ASSERT(r.pass);
    CU_ASSERT_DOUBLE_EQUAL(r.stability, 1.0, 0);
    CU_ASSERT_STRING_EQUAL(r.result, "PASS");
    /* bimodal seeds against a threshold at their mean: about half the resamples disagree */
    const double bi[] = {0.0, 0.0, 1.0, 1.0, 0.5};
    const cc_sample x = {"x", bi, 5};
    const double thr = 0.5;
    cc_claim_data d = {.rule = mean_above, .arg = &thr, .x = &x, .k = 1, .ci = CC_CI_BOOTSTRAP};
    cc_claim_evaluate(&d, &r);
    printf("\n    stability of a verdict at the mean of a split sample: %.3f", r.stability);
    CU_ASSERT(r.pass); /* mean 0.5 >= 0.5: at the threshold, the verdict holds */
    CU_ASSERT(r.stability > 0.3 && r.stability < 0.7);
    CU_ASSERT_STRING_EQUAL(r.result, "UNDECIDED");
    /* the same bits every run: the bootstrap has a fixed seed */
    cc_claim_evaluate(&d, &r2);
    CU_ASSERT_EQUAL(memcmp(&r, &r2, sizeof r), 0);
}

static void test_threshold(void)
{
    /* a verdict exactly at, just above and just below its threshold (>=) */
    const double v[] = {2.0, 2.0, 2.0};
    const cc_sample x = {"x", v, 3};
    cc_verdict r;
    double thr = 2.0;
    cc_claim_data c = {.rule = mean_above, .arg = &thr, .x = &x, .k = 1, .ci = CC_CI_T};
    cc_claim_evaluate(&c, &r);
    CU_ASSERT_STRING_EQUAL(r.result, "PASS");
    thr = nextafter(2.0, 3.0);
    cc_claim_evaluate(&c, &r);
    CU_ASSERT_STRING_EQUAL(r.result, "FAIL");
    thr = nextafter(2.0, 1.0);
    cc_claim_evaluate(&c, &r);
    CU_ASSERT_STRING_EQUAL(r.result, "PASS");
    CU_ASSERT_EQUAL(r.seeds_min, 3);
    /* bad input: no sample */
    gsl_error_handler_t *old = gsl_set_error_handler(cc_test_error_handler);
    c.k = 0;
    CU_ASSERT_EQUAL(cc_claim_evaluate(&c, &r), GSL_EINVAL);
    gsl_set_error_handler(old);
}

static const cc_test_case CASES[] = {
    {"Student's t quantile against known values and the closed form for 2 df", test_t_quantile},
    {"Welch's test: degrees of freedom, t and p against closed forms", test_welch},
    {"95 % intervals: one mean, a difference (Welch), the bootstrap", test_intervals},
    {"stability: clear-cut, split, deterministic", test_stability},
    {"verdict at, above and below its threshold", test_threshold},
    {0, 0}};

CC_TEST_MAIN("verdicts", CASES)
