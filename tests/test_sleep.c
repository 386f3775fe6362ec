/* test_sleep.c: the consolidation rules of Fig. 8 (src/model/cc_sleep.c).
 *
 * The least-squares fit against known solutions (exact, noisy: the normal equations,
 * rank-deficient: the minimum-norm solution), the local rule against its formula and its
 * one-pair identity dW r = u, the pairs (rates, cerebellar drive one step later) against
 * the model's own forward pass, and a whole session against its steps done one by one.
 */
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>

#include "cc_sleep.h"
#include "cc_test.h"
#include "cc_test_model.h"

static void fill(double *x, long n, gsl_rng *r)
{
    for (long i = 0; i < n; i++) x[i] = 2.0 * gsl_rng_uniform(r) - 1.0;
}

/* Y (M, q) = A (M, n) B (n, q) */
static void matmul(double *Y, const double *A, const double *B, int M, int n, int q)
{
    for (int i = 0; i < M; i++)
        for (int c = 0; c < q; c++) {
            double s = 0.0;
            for (int k = 0; k < n; k++) s += A[(long)i * n + k] * B[(long)k * q + c];
            Y[(long)i * q + c] = s;
        }
}

static void test_lstsq_exact(void)
{
    enum { M = 40, n = 6, q = 4 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double R[M * n], Xt[n * q], U[M * q], X[n * q];
    fill(R, M * n, r);
    fill(Xt, n * q, r);
    matmul(U, R, Xt, M, n, q);
    CU_ASSERT_EQUAL(cc_sleep_lstsq(X, R, U, M, n, q, 1e-12), GSL_SUCCESS);
    double e = 0.0;
    for (int i = 0; i < n * q; i++) e = fmax(e, fabs(X[i] - Xt[i]));
    printf("\n    exact system: max |X - X_true| = %.2e\n", e);
    CU_ASSERT(e < 1e-12);
    gsl_rng_free(r);
}

/* With noise: X equals the normal-equations solution (R^T R) X = R^T U (Cholesky). */
static void test_lstsq_noisy(void)
{
    enum { M = 130, n = 8, q = 3 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double R[M * n], U[M * q], X[n * q];
    fill(R, M * n, r);
    fill(U, M * q, r);
    CU_ASSERT_EQUAL(cc_sleep_lstsq(X, R, U, M, n, q, 1e-12), GSL_SUCCESS);
    gsl_matrix *A = gsl_matrix_alloc(n, n);
    gsl_vector *b = gsl_vector_alloc(n), *x = gsl_vector_alloc(n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = 0.0;
            for (int k = 0; k < M; k++) s += R[k * n + i] * R[k * n + j];
            gsl_matrix_set(A, i, j, s);
        }
    gsl_linalg_cholesky_decomp1(A);
    double e = 0.0;
    for (int c = 0; c < q; c++) {
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int k = 0; k < M; k++) s += R[k * n + i] * U[k * q + c];
            gsl_vector_set(b, i, s);
        }
        gsl_linalg_cholesky_solve(A, b, x);
        for (int i = 0; i < n; i++) e = fmax(e, fabs(X[i * q + c] - gsl_vector_get(x, i)));
    }
    printf("\n    noisy system: max |X - normal equations| = %.2e\n", e);
    CU_ASSERT(e < 1e-10);
    gsl_matrix_free(A);
    gsl_vector_free(b);
    gsl_vector_free(x);
    gsl_rng_free(r);
}

/* Column 1 of R repeats column 0: the minimum-norm solution splits their weight equally. */
static void test_lstsq_rank_deficient(void)
{
    enum { M = 30, n = 4, q = 2 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 3);
    double R[M * n], U[M * q], X[n * q];
    fill(R, M * n, r);
    for (int i = 0; i < M; i++) R[i * n + 1] = R[i * n + 0];
    const double Xt[n * q] = {2.0, -1.0, 0.0, 0.0, 0.5, 0.25, -0.75, 1.5}; /* rows: r0 r1 r2 r3 */
    matmul(U, R, Xt, M, n, q);
    CU_ASSERT_EQUAL(cc_sleep_lstsq(X, R, U, M, n, q, 1e-10), GSL_SUCCESS);
    double e = 0.0;
    for (int c = 0; c < q; c++) {
        e = fmax(e, fabs(X[0 * q + c] - 0.5 * (Xt[0 * q + c] + Xt[1 * q + c])));
        e = fmax(e, fabs(X[1 * q + c] - 0.5 * (Xt[0 * q + c] + Xt[1 * q + c])));
        for (int j = 2; j < n; j++) e = fmax(e, fabs(X[j * q + c] - Xt[j * q + c]));
    }
    printf("\n    rank-deficient system: max |X - minimum-norm X| = %.2e\n", e);
    CU_ASSERT(e < 1e-10);
    /* fewer rows than columns: still the minimum-norm solution, R X = U exactly */
    double X2[n * q], U2[2 * q];
    matmul(U2, R, Xt, 2, n, q);
    CU_ASSERT_EQUAL(cc_sleep_lstsq(X2, R, U2, 2, n, q, 1e-10), GSL_SUCCESS);
    double Y[2 * q];
    matmul(Y, R, X2, 2, n, q);
    for (int i = 0; i < 2 * q; i++) CU_ASSERT(fabs(Y[i] - U2[i]) < 1e-10);
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_sleep_lstsq(X, R, U, 0, n, q, 1e-10), GSL_EINVAL);
    CU_ASSERT_EQUAL(cc_test_last_errno, GSL_EINVAL);
    gsl_rng_free(r);
}

static void test_bio_rule(void)
{
    /* two pairs by hand, 2 trials: dW_ij = sum_p u_i sign(r_j) / ||r||_1 / 2 */
    const double R[2 * 3] = {0.5, -0.25, 0.25, 0.0, 1.0, -1.0}, U[2 * 2] = {1.0, -2.0, 0.5, 4.0};
    double dW[2 * 3];
    cc_sleep_bio(dW, R, U, 2, 3, 2, 2);
    const double want[6] = {(1.0 / 1.0 + 0.0) / 2, (-1.0 / 1.0 + 0.5 / 2) / 2, (1.0 / 1.0 - 0.5 / 2) / 2,
                            (-2.0 + 0.0) / 2,      (2.0 + 4.0 / 2) / 2,        (-2.0 - 4.0 / 2) / 2};
    for (int i = 0; i < 6; i++) CU_ASSERT_DOUBLE_EQUAL(dW[i], want[i], 1e-15);
    /* one pair, one trial: dW r = u */
    double y[2];
    cc_sleep_bio(dW, R, U, 1, 3, 2, 1);
    matmul(y, dW, R, 2, 3, 1);
    CU_ASSERT_DOUBLE_EQUAL(y[0], U[0], 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(y[1], U[1], 1e-15);
}

/* Pairs from a forward pass: R rows are f(h_k), U rows W_Ch c_{k+1}; a recurrent update by
 * the exact fit then makes W_hh f(h_k) take up the drive (cosine with the original total
 * input rises), and apply shrinks W_Ch. */
static void test_pairs_apply_cosine(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.classification = 1;
    cc_model *m = cc_model_alloc(&c, 4);
    const int B = 5, T = 7, N = c.N, Din = m->Din;
    cc_batch *b = tm_batch(B, T, c.D, c.O, 1, 1, 9);
    CU_ASSERT_EQUAL_FATAL(cc_model_eval_batch(m, b, NULL), GSL_SUCCESS);
    const int k0 = 1, k1 = T - 2, rows = (k1 - k0 + 1) * B;
    double *R = malloc((size_t)rows * N * sizeof(double)), *U = malloc((size_t)rows * N * sizeof(double));
    CU_ASSERT_EQUAL(cc_sleep_pairs(R, U, m, k0, k1), GSL_SUCCESS);
    /* row (k, trial) = (3, 2) by hand */
    const int k = 3, tr = 2;
    const long row = (long)(k - k0) * B + tr;
    for (int i = 0; i < N; i++) {
        CU_ASSERT_EQUAL(R[row * N + i], m->ws.r[((long)(k + 1) * B + tr) * N + i]);
        double u = 0.0;
        for (int j = 0; j < m->C; j++) u += m->w->W_ih[(long)i * Din + c.D + j] * m->ws.c[((long)(k + 1) * B + tr) * m->C + j];
        CU_ASSERT_DOUBLE_EQUAL(U[row * N + i], u, 1e-15);
    }
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_sleep_pairs(R, U, m, 0, T - 1), GSL_EINVAL);
    /* apply: W_hh += 1.0 X^T, W_Ch *= 0.9 */
    double *Wh0 = malloc((size_t)N * N * sizeof(double)), *Wi0 = malloc((size_t)N * Din * sizeof(double));
    memcpy(Wh0, m->w->W_hh, (size_t)N * N * sizeof(double));
    memcpy(Wi0, m->w->W_ih, (size_t)N * Din * sizeof(double));
    const double norm0 = cc_sleep_wch_norm(m), cos0 = cc_sleep_cosine(m, Wh0, Wi0);
    double *X = malloc((size_t)N * N * sizeof(double)), *dW = malloc((size_t)N * N * sizeof(double));
    CU_ASSERT_EQUAL(cc_sleep_lstsq(X, R, U, rows, N, N, 1e-12), GSL_SUCCESS);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) dW[i * N + j] = X[j * N + i];
    cc_sleep_apply(m, dW, 1.0, 0.1);
    CU_ASSERT_DOUBLE_EQUAL(cc_sleep_wch_norm(m), 0.9 * norm0, 1e-12);
    for (int i = 0; i < N; i++) CU_ASSERT_EQUAL(m->w->W_ih[(long)i * Din], Wi0[(long)i * Din]); /* x columns kept */
    const double cos1 = cc_sleep_cosine(m, Wh0, Wi0); /* same states: the pass has not been rerun */
    printf("\n    cosine(original total input, recurrent input): %.4f before, %.4f after one exact fit\n", cos0, cos1);
    CU_ASSERT(cos1 > cos0);
    CU_ASSERT(cos1 > 0.95); /* the fit leaves the residual of 25 pairs on 6 units, and step 0 */
    free(R); free(U); free(Wh0); free(Wi0); free(X); free(dW);
    tm_batch_free(b);
    cc_model_free(m);
}

/* One session of each rule (cc_sleep_session) leaves the same weights, bit for bit, as its steps
 * done by hand on a twin model: sample, forward pass, pairs, fit (X^T) or local rule, apply. */
static void test_session(void)
{
    const cc_task sleep = cc_task_defaults(CC_TASK_SLEEP);
    cc_batch *b = cc_batch_alloc(&sleep, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.classification = 1, c.D = b->D, c.O = b->O;
    const cc_sleep_params p = {.trials = 4, .k0 = 2, .k1 = 9, .rate = 0.3, .rcond = 1e-10, .bio_h = 1.5};
    const int N = c.N, rows = (p.k1 - p.k0 + 1) * p.trials;
    double *R = malloc((size_t)rows * N * sizeof(double)), *U = malloc((size_t)rows * N * sizeof(double));
    double *X = malloc((size_t)N * N * sizeof(double)), *dW = malloc((size_t)N * N * sizeof(double));
    for (int rule = CC_SLEEP_LSTSQ; rule <= CC_SLEEP_BIO; rule++) {
        cc_model *m = cc_model_alloc(&c, 5), *twin = cc_model_alloc(&c, 5);
        cc_sleep_ws *ws = cc_sleep_ws_alloc(m, &sleep, &p);
        gsl_rng *t1 = gsl_rng_alloc(gsl_rng_mt19937), *n1 = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng *t2 = gsl_rng_alloc(gsl_rng_mt19937), *n2 = gsl_rng_alloc(gsl_rng_mt19937);
        CU_ASSERT_FATAL(m && twin && ws && t1 && n1 && t2 && n2);
        gsl_rng_set(t1, 3), gsl_rng_set(t2, 3), gsl_rng_set(n1, 4), gsl_rng_set(n2, 4);
        for (int k = 0; k < 2; k++) {
            CU_ASSERT_EQUAL(cc_sleep_session(m, ws, (cc_sleep_rule)rule, t1, n1), GSL_SUCCESS);
            CU_ASSERT_EQUAL(cc_task_sample(b, &sleep, t2, n2), GSL_SUCCESS);
            CU_ASSERT_EQUAL(cc_model_eval_batch(twin, b, NULL), GSL_SUCCESS);
            CU_ASSERT_EQUAL(cc_sleep_pairs(R, U, twin, p.k0, p.k1), GSL_SUCCESS);
            if (rule == CC_SLEEP_LSTSQ) {
                CU_ASSERT_EQUAL(cc_sleep_lstsq(X, R, U, rows, N, N, p.rcond), GSL_SUCCESS);
                for (int i = 0; i < N; i++)
                    for (int j = 0; j < N; j++) dW[i * N + j] = X[j * N + i];
                cc_sleep_apply(twin, dW, p.rate, p.rate);
            } else {
                cc_sleep_bio(dW, R, U, rows, N, N, p.trials);
                cc_sleep_apply(twin, dW, p.rate * p.bio_h / (p.k1 - p.k0 + 1), p.rate);
            }
        }
        CU_ASSERT(memcmp(m->w->W_hh, twin->w->W_hh, (size_t)N * N * sizeof(double)) == 0);
        CU_ASSERT(memcmp(m->w->W_ih, twin->w->W_ih, (size_t)N * m->Din * sizeof(double)) == 0);
        cc_sleep_ws_free(ws);
        cc_model_free(m);
        cc_model_free(twin);
        gsl_rng_free(t1), gsl_rng_free(n1), gsl_rng_free(t2), gsl_rng_free(n2);
    }
    free(R); free(U); free(X); free(dW);
    cc_batch_free(b);
}

static const cc_test_case CASES[] = {{"least squares: exact system recovered", test_lstsq_exact},
                                     {"least squares: noisy system = normal equations", test_lstsq_noisy},
                                     {"least squares: rank-deficient, minimum norm", test_lstsq_rank_deficient},
                                     {"local rule: formula by hand, dW r = u for one pair", test_bio_rule},
                                     {"pairs (f(h_k), W_Ch c_{k+1}), apply, W_Ch norm, cosine", test_pairs_apply_cosine},
                                     {"a session of each rule = its steps one by one", test_session},
                                     {0, 0}};

CC_TEST_MAIN("sleep (consolidation) rules", CASES)
