/* test_rules.c: every rule the claims are judged by (src/run/cc_rules.h), at, just above and just
 * below its threshold; the Welch rules at their level; the conjunction; the interval each rule
 * gets. Every figure's claims use these functions, so this is the verdict test of every figure.
 */
#include "cc_rules.h"
#include "cc_test.h"

static const double A1[] = {1, 1, 1}, A2[] = {2, 2, 2}, A5[] = {5, 5, 5}, A6[] = {6, 6, 6};
static const cc_sample S1 = {"one", A1, 3}, S2 = {"two", A2, 3}, S5 = {"five", A5, 3}, S6 = {"six", A6, 3};

/* The verdict of rule on x (k samples) with threshold thr (and thr2, level), effect in *e. */
static int at(cc_claim_rule rule, const cc_sample *x, int k, double thr, double thr2, double level, double *e)
{
    const cc_rule_arg a = {.thr = thr, .thr2 = thr2, .level = level};
    return rule(x, k, &a, e);
}

/* A rule whose effect is e and which holds for thresholds on the side `dir` of e (+1: thr <= e
 * holds, -1: thr >= e holds): exactly at, one ulp beyond and one ulp short. */
static void check_edge(cc_claim_rule rule, const cc_sample *x, int k, double e_expected, int dir)
{
    double e;
    CU_ASSERT_TRUE(at(rule, x, k, e_expected, INFINITY, 0.05, &e)); /* at the threshold: holds */
    CU_ASSERT_DOUBLE_EQUAL(e, e_expected, 1e-15);
    const double beyond = nextafter(e_expected, dir > 0 ? INFINITY : -INFINITY);
    const double short_ = nextafter(e_expected, dir > 0 ? -INFINITY : INFINITY);
    CU_ASSERT_FALSE(at(rule, x, k, beyond, INFINITY, 0.05, &e));
    CU_ASSERT_TRUE(at(rule, x, k, short_, INFINITY, 0.05, &e));
}

static void test_ratio(void)
{
    /* ratio_ge: min(5/1, 6/1) = 5 */
    const cc_sample x[] = {S1, S5, S6};
    check_edge(cc_rule_ratio_ge, x, 3, 5.0, +1);
    /* ratio_le: max(5/1, 6/1) = 6 */
    check_edge(cc_rule_ratio_le, x, 3, 6.0, -1);
    /* ratio_in: 2/1 = 2 in [lo, hi]: at both ends, and one ulp inside or outside each */
    const cc_sample y[] = {S1, S2};
    double e;
    CU_ASSERT_TRUE(at(cc_rule_ratio_in, y, 2, 2.0, 2.0, 0, &e));
    CU_ASSERT_DOUBLE_EQUAL(e, 2.0, 0);
    CU_ASSERT_FALSE(at(cc_rule_ratio_in, y, 2, nextafter(2.0, 3), 3.0, 0, &e));
    CU_ASSERT_FALSE(at(cc_rule_ratio_in, y, 2, 1.0, nextafter(2.0, 1), 0, &e));
    CU_ASSERT_TRUE(at(cc_rule_ratio_in, y, 2, nextafter(2.0, 1), nextafter(2.0, 3), 0, &e));
    /* every ratio must be in the band, not only x_1's */
    CU_ASSERT_FALSE(at(cc_rule_ratio_in, x, 3, 4.0, 5.5, 0, &e));
    CU_ASSERT_TRUE(at(cc_rule_ratio_in, x, 3, 4.0, 6.0, 0, &e));
}

static void test_difference(void)
{
    /* diff_ge: min(5 - 1, 6 - 1) = 4 */
    const cc_sample x[] = {S1, S5, S6};
    check_edge(cc_rule_diff_ge, x, 3, 4.0, +1);
    /* absdiff_le: |1 - 5| = 4, in both orders */
    const cc_sample y[] = {S5, S1};
    check_edge(cc_rule_absdiff_le, x, 2, 4.0, -1);
    check_edge(cc_rule_absdiff_le, y, 2, 4.0, -1);
}

static void test_mean(void)
{
    const cc_sample x[] = {S2, S5};
    check_edge(cc_rule_mean_ge, x, 2, 2.0, +1); /* the smallest mean */
    check_edge(cc_rule_mean_le, x, 2, 5.0, -1); /* the largest */
    double e;
    CU_ASSERT_TRUE(at(cc_rule_mean_in, x, 2, 2.0, 5.0, 0, &e));
    CU_ASSERT_FALSE(at(cc_rule_mean_in, x, 2, nextafter(2.0, 3), 5.0, 0, &e));
    CU_ASSERT_DOUBLE_EQUAL(e, 2.0, 0); /* the mean outside the band */
    CU_ASSERT_FALSE(at(cc_rule_mean_in, x, 2, 2.0, nextafter(5.0, 4), 0, &e));
    CU_ASSERT_DOUBLE_EQUAL(e, 5.0, 0);
    CU_ASSERT_TRUE(at(cc_rule_mean_in, x, 2, 1.0, 5.5, 0, &e));
    CU_ASSERT_DOUBLE_EQUAL(e, 5.0, 0); /* nearest a bound: 5 is 0.5 from 5.5 */
}

/* Welch's one-sided p of mean(a) > mean(b). */
static double p_greater(const cc_sample *a, const cc_sample *b)
{
    double t, df;
    return cc_welch_p_greater(a, b, &t, &df);
}

static void test_welch_rules(void)
{
    const double lo[] = {0.0, 1.0, 2.0, 1.5, 0.5}, hi[] = {1.0, 2.5, 1.5, 3.0, 2.0}, hi2[] = {2.5, 4.0, 3.0, 3.5, 2.5};
    const cc_sample L = {"low", lo, 5}, H = {"high", hi, 5}, H2 = {"higher", hi2, 5};
    double e;
    /* greater: H above L with p; the verdict flips exactly at the level p */
    const cc_sample x[] = {L, H};
    const double p = p_greater(&H, &L);
    CU_ASSERT(p > 0.001 && p < 0.5);
    CU_ASSERT_FALSE(at(cc_rule_greater, x, 2, 0, 0, p, &e));
    CU_ASSERT_TRUE(at(cc_rule_greater, x, 2, 0, 0, nextafter(p, 1), &e));
    CU_ASSERT_DOUBLE_EQUAL(e, cc_sample_mean(&H) - cc_sample_mean(&L), 1e-15);
    /* every sample must be greater: the weakest decides */
    const cc_sample y[] = {L, H2, H};
    const double p2 = p_greater(&H2, &L);
    CU_ASSERT(p2 < p);
    CU_ASSERT_FALSE(at(cc_rule_greater, y, 3, 0, 0, nextafter(p2, 1), &e));
    CU_ASSERT_TRUE(at(cc_rule_greater, y, 3, 0, 0, nextafter(p, 1), &e));
    /* the SE of the difference is sqrt(sa^2 + sb^2): with sa + sb the p would be larger */
    const double sa = cc_sample_sem(&H), sb = cc_sample_sem(&L), d = cc_sample_mean(&H) - cc_sample_mean(&L);
    double t, df;
    cc_welch_p_greater(&H, &L, &t, &df);
    CU_ASSERT_DOUBLE_EQUAL(t, d / sqrt(sa * sa + sb * sb), 1e-12);
    /* no_fall: the sequence H, L falls by mean(H) - mean(L) with the same p */
    const cc_sample z[] = {H, L};
    CU_ASSERT_TRUE(at(cc_rule_no_fall, z, 2, 0, 0, p, &e));
    CU_ASSERT_FALSE(at(cc_rule_no_fall, z, 2, 0, 0, nextafter(p, 1), &e));
    CU_ASSERT_DOUBLE_EQUAL(e, d, 1e-15);
    /* a rising sequence never falls, whatever the level */
    const cc_sample w[] = {L, H, H2};
    CU_ASSERT_TRUE(at(cc_rule_no_fall, w, 3, 0, 0, 0.5, &e));
    CU_ASSERT(e < 0);
}

static void test_all(void)
{
    /* x: {1, 5, 6}; part 0: mean(x_1) >= 5 (effect 5), part 1: 6 / 1 <= thr */
    const cc_sample x[] = {S1, S5, S6};
    cc_rule_all_arg a = {.n = 2,
                         .part = {{cc_rule_mean_ge, {.thr = 5}, 1, {1}}, {cc_rule_ratio_le, {.thr = 6}, 2, {0, 2}}}};
    double e;
    CU_ASSERT_TRUE(cc_rule_all(x, 3, &a, &e));
    CU_ASSERT_DOUBLE_EQUAL(e, 5.0, 0);
    a.part[1].arg.thr = nextafter(6.0, 0);
    CU_ASSERT_FALSE(cc_rule_all(x, 3, &a, &e)); /* the second part fails */
    a.part[1].arg.thr = 6.0;
    a.part[0].arg.thr = nextafter(5.0, 6);
    CU_ASSERT_FALSE(cc_rule_all(x, 3, &a, &e)); /* the first part fails */
    /* a part naming a sample that is not there fails */
    a.part[0].arg.thr = 5.0;
    a.part[1].idx[1] = 3;
    CU_ASSERT_FALSE(cc_rule_all(x, 3, &a, &e));
    const cc_rule_all_arg none = {0};
    CU_ASSERT_FALSE(cc_rule_all(x, 3, &none, &e));
}

static void test_helpers(void)
{
    CU_ASSERT_EQUAL(cc_rule_ci(cc_rule_mean_ge, 1), CC_CI_T);
    CU_ASSERT_EQUAL(cc_rule_ci(cc_rule_mean_ge, 2), CC_CI_BOOTSTRAP);
    CU_ASSERT_EQUAL(cc_rule_ci(cc_rule_greater, 2), CC_CI_WELCH);
    CU_ASSERT_EQUAL(cc_rule_ci(cc_rule_greater, 3), CC_CI_BOOTSTRAP);
    CU_ASSERT_EQUAL(cc_rule_ci(cc_rule_ratio_ge, 2), CC_CI_BOOTSTRAP);
    const double v[] = {0.0, 0.1, 0.1, 0.3};
    const cc_sample x = {"x", v, 4};
    CU_ASSERT_EQUAL(cc_sample_count_le(&x, 0.1), 3);
    CU_ASSERT_EQUAL(cc_sample_count_le(&x, nextafter(0.1, 0)), 1);
    cc_seedstat s = {.n = 2, .v = {3, 4}};
    const cc_sample y = cc_sample_of(&s, "y");
    CU_ASSERT_EQUAL(y.n, 2);
    CU_ASSERT_DOUBLE_EQUAL(cc_sample_mean(&y), 3.5, 0);
    /* through cc_claim_evaluate: a Welch interval centred on the effect, whatever its sign */
    const double lo[] = {0, 1, 2}, hi[] = {3, 4, 5};
    const cc_sample z[] = {{"lo", lo, 3}, {"hi", hi, 3}};
    const cc_rule_arg a = {.thr = 0, .level = 0.05};
    const cc_claim_data c = {.rule = cc_rule_diff_ge, .arg = &a, .x = z, .k = 2, .ci = cc_rule_ci(cc_rule_diff_ge, 2)};
    cc_verdict r;
    CU_ASSERT_EQUAL(cc_claim_evaluate(&c, &r), 0);
    CU_ASSERT_DOUBLE_EQUAL(r.effect, 3.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(0.5 * (r.lo + r.hi), 3.0, 1e-12);
    /* t_{0.975, 4} sqrt(1/3 + 1/3) */
    CU_ASSERT_DOUBLE_EQUAL(0.5 * (r.hi - r.lo), 2.7764451051977987 * sqrt(2.0 / 3.0), 1e-9);
    CU_ASSERT_STRING_EQUAL(r.result, "PASS");
}

static const cc_test_case CASES[] = {
    {"ratio rules at, above and below their thresholds", test_ratio},
    {"difference rules at, above and below their thresholds", test_difference},
    {"mean rules at, above and below their thresholds and bands", test_mean},
    {"Welch rules: the verdict flips at the level p; sqrt(sa^2 + sb^2)", test_welch_rules},
    {"conjunction of parts", test_all},
    {"interval kinds, seeds that learnt, samples of a condition", test_helpers},
    {0, 0}};

CC_TEST_MAIN("rules", CASES)
