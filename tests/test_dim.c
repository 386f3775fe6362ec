/* test_dim.c: the participation ratio of the granule representation (src/model/cc_dim.h) against
 * closed forms (identity -> n, rank one -> 1, a diagonal case, the trace formula
 * (tr S)^2 / tr S^2), the covariance against a hand-computed case, and the granule rates against
 * relu(W_MF r_{t-1}) written out as loops on a small model, dense and with sparse mossy fibres
 * (and the participation ratio of the cortical rates against the rates gathered by hand).
 */
#include <stdlib.h>

#include "cc_dim.h"
#include "cc_test.h"
#include "cc_test_model.h"

static void test_closed_forms(void)
{
    enum { n = 7 };
    double S[n * n] = {0}, pr;
    for (int i = 0; i < n; i++) S[i * n + i] = 1.0; /* identity: PR = n */
    CU_ASSERT_EQUAL(cc_dim_participation_ratio(S, n, &pr), GSL_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(pr, n, 1e-12);
    const double v[n] = {1, -2, 0.5, 3, 0, 1, -1}; /* rank one, S = v v^T: PR = 1 */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) S[i * n + j] = v[i] * v[j];
    CU_ASSERT_EQUAL(cc_dim_participation_ratio(S, n, &pr), GSL_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(pr, 1.0, 1e-12);
    memset(S, 0, sizeof S); /* diag(1, 2, 3, 0, ...): (1 + 2 + 3)^2 / (1 + 4 + 9) = 36 / 14 */
    S[0] = 1, S[n + 1] = 2, S[2 * n + 2] = 3;
    CU_ASSERT_EQUAL(cc_dim_participation_ratio(S, n, &pr), GSL_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(pr, 36.0 / 14.0, 1e-12);
    memset(S, 0, sizeof S); /* all zero: no variance, NAN */
    CU_ASSERT_EQUAL(cc_dim_participation_ratio(S, n, &pr), GSL_SUCCESS);
    CU_ASSERT_TRUE(isnan(pr));
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_dim_participation_ratio(S, 0, &pr), GSL_EINVAL);
}

/* A random covariance: PR from the eigenvalues equals (tr S)^2 / tr(S^2), S not modified. */
static void test_trace_formula(void)
{
    enum { M = 40, G = 9 };
    double X[M * G], S[G * G], S0[G * G], pr;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    for (int i = 0; i < M * G; i++) X[i] = gsl_rng_uniform(r) * (1 + i % G); /* unequal variances */
    gsl_rng_free(r);
    CU_ASSERT_EQUAL(cc_dim_covariance(X, M, G, S), GSL_SUCCESS);
    memcpy(S0, S, sizeof S);
    CU_ASSERT_EQUAL(cc_dim_participation_ratio(S, G, &pr), GSL_SUCCESS);
    CU_ASSERT_EQUAL(memcmp(S, S0, sizeof S), 0);
    double tr = 0, tr2 = 0; /* tr S, tr S^2 = sum_ij S_ij^2 (S symmetric) */
    for (int i = 0; i < G; i++) tr += S[i * G + i];
    for (int i = 0; i < G * G; i++) tr2 += S[i] * S[i];
    CU_ASSERT_DOUBLE_EQUAL(pr, tr * tr / tr2, 1e-10 * pr);
    CU_ASSERT_TRUE(pr > 1 && pr < G);
}

/* Rows (0, 0), (0, 2), (2, 0), (2, 4): means (1, 1.5); centred (-1, -1.5), (-1, 0.5), (1, -1.5),
 * (1, 2.5); S = [[4, 2], [2, 11]] / 3 (sums of products / (M - 1)). */
static void test_covariance(void)
{
    const double X[] = {0, 0, 0, 2, 2, 0, 2, 4};
    double S[4];
    CU_ASSERT_EQUAL(cc_dim_covariance(X, 4, 2, S), GSL_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(S[0], 4.0 / 3, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(S[1], 2.0 / 3, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(S[2], 2.0 / 3, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(S[3], 11.0 / 3, 1e-15);
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_dim_covariance(X, 1, 2, S), GSL_EINVAL);
}

/* The granule rates of an evaluated batch against loops over relu(sum_j W_MF[i][j] r_{t-1}[j]). */
static void check_rates(int mf_inputs)
{
    enum { B = 5, T = 6, n = 3 };
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.mf_inputs = mf_inputs;
    cc_model *m = cc_model_alloc(&c, 11);
    cc_batch *b = tm_batch(B, T, c.D, c.O, 0, 0, 3);
    cc_stats st;
    CU_ASSERT_FATAL(m != NULL);
    CU_ASSERT_EQUAL(cc_model_eval_batch(m, b, &st), GSL_SUCCESS);
    const int N = c.N, G = c.G;
    double *g = malloc((size_t)n * (T - 1) * G * sizeof *g);
    CU_ASSERT_EQUAL(cc_dim_granule_rates(m, n, g), GSL_SUCCESS);
    int bad = 0, active = 0;
    for (int t = 1; t < T; t++)
        for (int bb = 0; bb < n; bb++)
            for (int i = 0; i < G; i++) {
                double a = 0;
                for (int j = 0; j < N; j++) a += m->w->W_MF[(long)j * G + i] * m->ws.r[((long)t * B + bb) * N + j];
                a = a > 0 ? a : 0;
                bad += fabs(g[((long)(t - 1) * n + bb) * G + i] - a) > 1e-12;
                active += a > 0;
            }
    CC_ASSERT_NONE_WRONG(bad, "granule rates");
    CU_ASSERT_TRUE(active > 0);
    double pr;
    CU_ASSERT_EQUAL(cc_dim_granule_pr(m, n, &pr), GSL_SUCCESS);
    CU_ASSERT_TRUE(pr >= 1 && pr <= G);
    /* the cortical rates: the same PR as the covariance of r_{t-1} gathered by hand */
    double *r = malloc((size_t)n * (T - 1) * N * sizeof *r), *S = malloc((size_t)N * N * sizeof *S), pr_c, pr_hand;
    for (int t = 1; t < T; t++)
        for (int bb = 0; bb < n; bb++)
            for (int j = 0; j < N; j++) r[((long)(t - 1) * n + bb) * N + j] = m->ws.r[((long)t * B + bb) * N + j];
    CU_ASSERT_EQUAL(cc_dim_covariance(r, (long)n * (T - 1), N, S), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_dim_participation_ratio(S, N, &pr_hand), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_dim_cortex_pr(m, n, &pr_c), GSL_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(pr_c, pr_hand, 1e-12 * pr_hand);
    CU_ASSERT_TRUE(pr_c >= 1 && pr_c <= N);
    free(r);
    free(S);
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_dim_granule_rates(m, B + 1, g), GSL_EINVAL);
    free(g);
    tm_batch_free(b);
    cc_model_free(m);
}

static void test_granule_rates(void)
{
    check_rates(0); /* dense */
    check_rates(2); /* two cortical units per granule cell */
    /* no cerebellar loop: refused */
    cc_config c = tm_config(CC_ARCH_NONE, CC_CORTEX_FIXED, CC_RULE_EPROP);
    cc_model *m = cc_model_alloc(&c, 1);
    double g[1];
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_dim_granule_rates(m, 1, g), GSL_EINVAL);
    cc_model_free(m);
    /* pontine units: the granule input is not r_{t-1}, refused rather than computed wrongly */
    c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.pons = 2;
    m = cc_model_alloc(&c, 1);
    CU_ASSERT_FATAL(m != NULL);
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_dim_granule_rates(m, 1, g), GSL_EINVAL);
    cc_model_free(m);
}

static const cc_test_case CASES[] = {{"participation ratio: identity, rank one, diagonal, zero", test_closed_forms},
                                     {"participation ratio equals (tr S)^2 / tr S^2", test_trace_formula},
                                     {"covariance of a hand-computed case", test_covariance},
                                     {"granule rates relu(W_MF r_{t-1}), dense and sparse", test_granule_rates},
                                     {0, 0}};

CC_TEST_MAIN("dimension", CASES)
