/* test_figS.c: what Figs. S6 and S15 add to the claims' rules (experiments/figS_tasks.h): the seeds
 * of the conditions that decide a claim and their cap, the verdict on the first seeds only, the
 * conjunction "every x_j below x_0" of the noise benefit, and the count of seeds that learnt.
 * Not here: the rules themselves (test_rules.c), the verdict's interval and stability (test_verdict.c).
 */
#include "../experiments/figS_tasks.h"
#include "cc_test.h"

static void test_deciding_seeds(void)
{
    figS_task_keys tk = {.seeds = 0};
    CU_ASSERT_EQUAL(figS_deciding_seeds(&tk, 5), 5); /* 0: run.seeds */
    tk.seeds = 3;
    CU_ASSERT_EQUAL(figS_deciding_seeds(&tk, 5), 5); /* never fewer than run.seeds */
    tk.seeds = 20;
    CU_ASSERT_EQUAL(figS_deciding_seeds(&tk, 5), 20);
}

static void test_seeds_cap(void)
{
    figS_task_keys tk[FIGS_NTASKS] = {{.seeds = 0}, {.seeds = 40}};
    char err[200] = "";
    CU_ASSERT_EQUAL(figS_check_seeds(tk, 40, err, sizeof err), GSL_SUCCESS); /* at the cap */
    tk[FIGS_DELASS].seeds = 41;
    CU_ASSERT_EQUAL(figS_check_seeds(tk, 40, err, sizeof err), GSL_EINVAL); /* one above */
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "delass.seeds = 41"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "claims.seeds_cap = 40"));
    tk[FIGS_DELASS].seeds = 0;
    tk[FIGS_LINEDRAW].seeds = 41;
    CU_ASSERT_EQUAL(figS_check_seeds(tk, 40, err, sizeof err), GSL_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "linedraw.seeds"));
}

/* Bimodal seeds as in delayed association: no feedback near chance on every seed; the cerebellar
 * model at chance on its first 4 seeds, then learnt on 8 of the next 16. */
static double NONE_V[20], CEREB_V[20];
static void bimodal(void)
{
    for (int i = 0; i < 20; i++) {
        NONE_V[i] = 0.5 + 0.01 * ((i % 5) - 2);
        CEREB_V[i] = i >= 4 && i % 2 ? 0.02 * (i % 3) : 0.5 + 0.01 * ((i % 3) - 1);
    }
}

static void test_verdict_first(void)
{
    bimodal();
    const cc_sample x[2] = {{"cereb", CEREB_V, 20}, {"none", NONE_V, 20}};
    const cc_rule_arg lv = {.level = 0.05};
    cc_verdict first, all, whole;
    CU_ASSERT_EQUAL(figS_verdict_first(cc_rule_greater, &lv, x, 2, 4, &first), GSL_SUCCESS);
    CU_ASSERT_EQUAL(first.seeds_min, 4);
    CU_ASSERT_FALSE(first.pass); /* the first 4 cerebellar seeds did not learn */
    CU_ASSERT_EQUAL(figS_verdict_first(cc_rule_greater, &lv, x, 2, 20, &all), GSL_SUCCESS);
    CU_ASSERT_EQUAL(all.seeds_min, 20);
    CU_ASSERT_TRUE(all.pass);
    /* n above the seeds of a sample: every seed, the verdict cc_claim_evaluate gives */
    const cc_claim_data d = {.rule = cc_rule_greater, .arg = &lv, .x = x, .k = 2, .ci = cc_rule_ci(cc_rule_greater, 2)};
    CU_ASSERT_EQUAL(cc_claim_evaluate(&d, &whole), GSL_SUCCESS);
    CU_ASSERT_EQUAL(figS_verdict_first(cc_rule_greater, &lv, x, 2, CC_GRID_MAX_SEEDS, &all), GSL_SUCCESS);
    CU_ASSERT_EQUAL(all.pass, whole.pass);
    CU_ASSERT_DOUBLE_EQUAL(all.stability, whole.stability, 0);
    CU_ASSERT_DOUBLE_EQUAL(all.effect, whole.effect, 0);
}

static void test_all_below(void)
{
    static const double none[] = {0.50, 0.51, 0.49}, low[] = {0.10, 0.11, 0.09}, mid[] = {0.30, 0.31, 0.29},
                        same[] = {0.50, 0.52, 0.48};
    double e;
    /* x_0 = none; every x_j below it: holds, effect none - the last x_j */
    const cc_sample ok[] = {{"none", none, 3}, {"low", low, 3}, {"mid", mid, 3}};
    cc_rule_all_arg a = figS_all_below(2, 0.05);
    CU_ASSERT_TRUE(cc_rule_all(ok, 3, &a, &e));
    CU_ASSERT_DOUBLE_EQUAL(e, 0.5 - 0.3, 1e-12);
    /* one x_j level with x_0, first or last: fails */
    const cc_sample last[] = {{"none", none, 3}, {"low", low, 3}, {"same", same, 3}};
    CU_ASSERT_FALSE(cc_rule_all(last, 3, &a, &e));
    CU_ASSERT_DOUBLE_EQUAL(e, 0.0, 1e-12);
    const cc_sample first[] = {{"none", none, 3}, {"same", same, 3}, {"low", low, 3}};
    CU_ASSERT_FALSE(cc_rule_all(first, 3, &a, &e));
    /* x_j above x_0 (the wrong direction): fails */
    const cc_sample above[] = {{"low", low, 3}, {"none", none, 3}};
    a = figS_all_below(1, 0.05);
    CU_ASSERT_FALSE(cc_rule_all(above, 2, &a, &e));
    CU_ASSERT_TRUE(cc_rule_all(ok, 2, &a, &e));
}

static void test_learnt(void)
{
    static const double v[] = {0.0, 0.1, 0.1000001, 0.5, 0.05};
    const cc_sample x = {"x", v, 5};
    char buf[32];
    CU_ASSERT_STRING_EQUAL(figS_learnt(buf, sizeof buf, &x, 0.1), "3/5 learnt"); /* at the threshold counts */
}

static const cc_test_case CASES[] = {{"deciding seeds", test_deciding_seeds},
                                     {"seeds cap", test_seeds_cap},
                                     {"verdict on the first seeds", test_verdict_first},
                                     {"every x_j below x_0", test_all_below},
                                     {"seeds that learnt", test_learnt},
                                     {0, 0}};
CC_TEST_MAIN("figS", CASES)
