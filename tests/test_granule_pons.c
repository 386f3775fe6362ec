/* test_granule_pons.c: two manipulations of the cerebellar input, both off by default.
 *
 * Granule silencing (m->granule_silenced = k): the first k granule cells have rate 0. With k = 0
 * the run is the unablated one, bit for bit; with k > 0 it equals the run of a model whose
 * weights into and out of those cells are cut; with k = G the cerebellum emits nothing
 * (regression: c = 0; classification: softmax(0) = 1/O); and a three-cell case by hand.
 * Pontine projection (cfg.pons = P): the mossy fibres take z = W_pons r. With W_pons = I (P = N)
 * and the same W_MF, the run equals the model without pons; W_pons comes from its own stream
 * (the other tensors drawn before W_MF do not move); evaluation in chunks gives the same bits; a
 * model file keeps P.
 * The pontine gradients are checked against finite differences in test_gradients.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_io.h"
#include "cc_test.h"
#include "cc_test_files.h"
#include "cc_test_model.h"

/* Largest |a - b| over n entries. */
static double max_diff(const double *a, const double *b, long n)
{
    double d = 0.0;
    for (long i = 0; i < n; i++) d = fmax(d, fabs(a[i] - b[i]));
    return d;
}

/* Copies of the cerebellar signal c and readout z of the last run of m. */
static void keep_run(const cc_model *m, int B, int T, double **c, double **z)
{
    const long nc = (long)T * B * m->C, nz = (long)T * B * m->cfg.O;
    *c = malloc((size_t)nc * sizeof(double));
    *z = malloc((size_t)nz * sizeof(double));
    memcpy(*c, m->ws.c, (size_t)nc * sizeof(double));
    memcpy(*z, m->ws.z, (size_t)nz * sizeof(double));
}

static void test_granule_zero_and_cut(void)
{
    enum { K = 7 }; /* of G = 20 */
    for (int cls = 0; cls <= 1; cls++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT, CC_RULE_EPROP);
        c.classification = cls;
        const int B = 4, T = 10, G = c.G, N = c.N;
        cc_model *a = cc_model_alloc(&c, 71), *b = cc_model_alloc(&c, 71);
        cc_batch *x = tm_batch(B, T, c.D, c.O, cls, 0, 72);
        const long nc = (long)T * B * a->C, nz = (long)T * B * c.O;
        /* k = 0: the same bits as the untouched model */
        double *c0, *z0;
        cc_model_eval_batch(b, x, NULL);
        keep_run(b, B, T, &c0, &z0);
        a->granule_silenced = 0;
        cc_model_eval_batch(a, x, NULL);
        CU_ASSERT(memcmp(c0, a->ws.c, (size_t)nc * sizeof(double)) == 0);
        CU_ASSERT(memcmp(z0, a->ws.z, (size_t)nz * sizeof(double)) == 0);
        /* k > 0: the run of a model with the cells' mossy-fibre inputs and parallel fibres cut */
        a->granule_silenced = K;
        cc_model_eval_batch(a, x, NULL);
        double *ck, *zk;
        keep_run(a, B, T, &ck, &zk);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < K; j++) b->w->W_MF[(long)i * G + j] = 0.0;
        for (int o = 0; o < b->C; o++)
            for (int j = 0; j < K; j++) b->w->W_PF[(long)o * G + j] = 5.0; /* unused when g = 0 */
        cc_model_eval_batch(b, x, NULL);
        const double dc = max_diff(ck, b->ws.c, nc), dz = max_diff(zk, b->ws.z, nz), d0 = max_diff(ck, c0, nc);
        double g_sil = 0.0;
        for (int r = 0; r < a->ws.B && r < cc_model_eval_rows(a); r++)
            for (int j = 0; j < K; j++) g_sil = fmax(g_sil, fabs(a->ws.g[(long)r * G + j]));
        printf("\n    %s: k = %d of %d silenced vs cut: c, z differ by %.1e %.1e; silenced rates max %.1e;"
               " change from k = 0: %.2e",
               cls ? "classification" : "regression", K, G, dc, dz, g_sil, d0);
        CU_ASSERT_EQUAL(dc, 0.0);
        CU_ASSERT_EQUAL(dz, 0.0);
        CU_ASSERT_EQUAL(g_sil, 0.0);
        CU_ASSERT(d0 > 1e-6); /* the silencing did something */
        free(c0), free(z0), free(ck), free(zk);
        tm_batch_free(x);
        cc_model_free(a);
        cc_model_free(b);
    }
}

static void test_granule_all(void)
{
    for (int cls = 0; cls <= 1; cls++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
        c.classification = cls;
        c.O = cls ? 3 : 2;
        const int B = 3, T = 8;
        cc_model *m = cc_model_alloc(&c, 73);
        cc_batch *x = tm_batch(B, T, c.D, c.O, cls, 0, 74);
        m->granule_silenced = c.G;
        cc_model_eval_batch(m, x, NULL);
        double dp = 0.0, dc = 0.0;
        for (long i = 0; i < (long)T * B * m->C; i++) {
            dp = fmax(dp, fabs(m->ws.p[i]));
            dc = fmax(dc, fabs(m->ws.c[i] - (cls ? 1.0 / c.O : 0.0)));
        }
        printf("\n    %s: all %d granule cells silenced: max |p| %.1e, max |c - %s| %.1e",
               cls ? "classification" : "regression", c.G, dp, cls ? "1/O" : "0", dc);
        CU_ASSERT_EQUAL(dp, 0.0);
        CU_ASSERT_EQUAL(dc, 0.0);
        /* learning on it: the silenced cells' weights get no gradient */
        m->granule_silenced = 5;
        cc_model_grad_batch(m, x, NULL);
        double gs = 0.0, gl = 0.0;
        for (int o = 0; o < m->C; o++)
            for (int j = 0; j < c.G; j++) {
                const double v = fabs(m->grad->W_PF[(long)o * c.G + j]);
                if (j < 5) gs = fmax(gs, v);
                else gl = fmax(gl, v);
            }
        for (int i = 0; i < c.N; i++)
            for (int j = 0; j < 5; j++) gs = fmax(gs, fabs(m->grad->W_MF[(long)i * c.G + j]));
        CU_ASSERT_EQUAL(gs, 0.0);
        CU_ASSERT(gl > 1e-8);
        tm_batch_free(x);
        cc_model_free(m);
    }
}

/* D 1, N 2, O 1, G 3 by hand: r_0 = tanh(W_x x_0) (nothing else reaches h_0), then
 * p_1 = sum_j W_PF,j relu(W_MF,j . r_0) with the first k cells' rates 0. */
static void test_granule_by_hand(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.D = 1, c.N = 2, c.O = 1, c.G = 3, c.tau = 1;
    cc_model *m = cc_model_alloc(&c, 75);
    cc_batch *x = tm_batch(1, 2, 1, 1, 0, 0, 76);
    x->x[0] = 1.0;
    const double wx[2] = {0.5, -0.3};
    for (int i = 0; i < 2; i++) { /* W_ih rows [x | c]: input weight wx, feedback 0; W_hh 0 */
        m->w->W_ih[i * m->Din] = wx[i];
        m->w->W_ih[i * m->Din + 1] = 0.0;
        m->w->W_hh[i * 2] = m->w->W_hh[i * 2 + 1] = 0.0;
    }
    const double Wmf[3][2] = {{1, 0}, {0, -1}, {1, 1}}, Wpf[3] = {2, 3, 5}; /* granule j: inputs, output */
    for (int j = 0; j < 3; j++) {
        m->w->W_MF[j] = Wmf[j][0]; /* stored W_MF^T (N, G) */
        m->w->W_MF[3 + j] = Wmf[j][1];
        m->w->W_PF[j] = Wpf[j];
    }
    const double r0 = tanh(0.5), r1 = tanh(-0.3), a[3] = {r0, -r1, r0 + r1};
    const double want[4] = {2 * a[0] + 3 * a[1] + 5 * a[2], 3 * a[1] + 5 * a[2], 5 * a[2], 0.0};
    double worst = 0.0;
    for (int k = 0; k <= 3; k++) {
        m->granule_silenced = k;
        cc_model_eval_batch(m, x, NULL);
        worst = fmax(worst, fabs(m->ws.p[1] - want[k])); /* p_1: row t = 1 of (T+1, B, C) */
        CU_ASSERT_DOUBLE_EQUAL(m->ws.p[1], want[k], 1e-14);
    }
    printf("\n    p_1 for k = 0..3 against the hand formula: max error %.1e (p_1 = %.4f unsilenced)", worst, want[0]);
    tm_batch_free(x);
    cc_model_free(m);
}

static void test_pons_identity(void)
{
    for (int cls = 0; cls <= 1; cls++) {
        cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT, CC_RULE_EPROP);
        c.classification = cls;
        cc_config cp = c;
        cp.pons = c.N;
        cc_model *a = cc_model_alloc(&c, 77), *b = cc_model_alloc(&cp, 77);
        const int B = 4, T = 9, N = c.N;
        CU_ASSERT_PTR_NULL(a->W_pons);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b->W_pons);
        /* the tensors drawn before W_MF are the same draws; W_MF is not (its fan-in is P) only if P != N */
        CU_ASSERT(memcmp(a->w->data, b->w->data, a->w->off[CC_W_MF] * sizeof(double)) == 0);
        cc_params_copy(b->w, a->w);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) b->W_pons[i * N + j] = i == j;
        cc_batch *x = tm_batch(B, T, c.D, c.O, cls, 0, 78);
        cc_model_eval_batch(a, x, NULL);
        double *ca, *za;
        keep_run(a, B, T, &ca, &za);
        cc_model_eval_batch(b, x, NULL);
        const long nc = (long)T * B * a->C, nz = (long)T * B * c.O;
        const double dc = max_diff(ca, b->ws.c, nc), dz = max_diff(za, b->ws.z, nz);
        /* one learning batch each: the same gradients */
        cc_model_grad_batch(a, x, NULL);
        cc_model_grad_batch(b, x, NULL);
        const double dg = max_diff(a->grad->data, b->grad->data, (long)a->grad->size);
        printf("\n    %s: W_pons = I against no pons: c, z, gradients differ by %.1e %.1e %.1e",
               cls ? "classification" : "regression", dc, dz, dg);
        CU_ASSERT_EQUAL(dc, 0.0);
        CU_ASSERT_EQUAL(dz, 0.0);
        CU_ASSERT_EQUAL(dg, 0.0);
        free(ca), free(za);
        tm_batch_free(x);
        cc_model_free(a);
        cc_model_free(b);
    }
}

static void test_pons_shapes_and_chunks(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.pons = 3;
    cc_model *m = cc_model_alloc(&c, 79);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->w->rows[CC_W_MF], 3);
    CU_ASSERT_EQUAL(m->w->cols[CC_W_MF], c.G);
    double big = 0.0; /* N(0, 1/N) entries: some non-zero, none beyond 6 sd */
    for (int i = 0; i < 3 * c.N; i++) big = fmax(big, fabs(m->W_pons[i]));
    CU_ASSERT(big > 0.0 && big <= 6.0 / sqrt(c.N));
    /* evaluation in chunks of 2 trials equals all trials step after step */
    const int B = 7, T = 6;
    cc_batch *x = tm_batch(B, T, c.D, c.O, 0, 0, 80);
    m->eval_rows = 2;
    m->eval_chunk = -1;
    m->granule_silenced = 4;
    cc_model_eval_batch(m, x, NULL);
    double *c1, *z1;
    keep_run(m, B, T, &c1, &z1);
    m->eval_chunk = 2;
    cc_model_eval_batch(m, x, NULL);
    CU_ASSERT(memcmp(c1, m->ws.c, (size_t)T * B * m->C * sizeof(double)) == 0);
    CU_ASSERT(memcmp(z1, m->ws.z, (size_t)T * B * c.O * sizeof(double)) == 0);
    free(c1), free(z1);
    tm_batch_free(x);
    cc_model_free(m);
    /* refused: pons without cerebellar feedback, with sparse mossy fibres, negative */
    cc_config bad[3] = {c, c, c};
    bad[0].arch = CC_ARCH_NONE;
    bad[1].mf_inputs = 2;
    bad[2].pons = -1;
    for (int i = 0; i < 3; i++) {
        cc_test_reset_error();
        CU_ASSERT_EQUAL(cc_config_validate(&bad[i]), GSL_EINVAL);
        CU_ASSERT(strstr(cc_test_last_reason, "pons") != NULL);
    }
}

/* A model file keeps P; loaded with the training seed, the model runs the same bits. */
static void test_pons_file(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP);
    c.pons = 4;
    cc_model *a = cc_model_alloc(&c, 81);
    char dir[256], path[300];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/pons.ccm", dir);
    CU_ASSERT_EQUAL_FATAL(cc_model_save(a, path), GSL_SUCCESS);
    cc_model *b = cc_model_load(path, 81);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(b->cfg.pons, 4);
    cc_batch *x = tm_batch(3, 6, c.D, c.O, 0, 0, 82);
    cc_model_eval_batch(a, x, NULL);
    double *ca, *za;
    keep_run(a, 3, 6, &ca, &za);
    cc_model_eval_batch(b, x, NULL);
    CU_ASSERT(memcmp(ca, b->ws.c, (size_t)6 * 3 * a->C * sizeof(double)) == 0);
    CU_ASSERT(memcmp(za, b->ws.z, (size_t)6 * 3 * c.O * sizeof(double)) == 0);
    free(ca), free(za);
    tm_batch_free(x);
    cc_model_free(a);
    cc_model_free(b);
    rm_tree(dir);
}

static const cc_test_case CASES[] = {
    {"granule silencing: k = 0 is the unablated run; k > 0 equals cut weights", test_granule_zero_and_cut},
    {"granule silencing: all cells give no output; silenced cells learn nothing", test_granule_all},
    {"granule silencing: a three-cell case by hand", test_granule_by_hand},
    {"pons: W_pons = I equals the model without pons (runs and gradients)", test_pons_identity},
    {"pons: shapes, W_pons entries, evaluation chunks, refused settings", test_pons_shapes_and_chunks},
    {"pons: a model file keeps P, and the loaded model runs the same bits", test_pons_file},
    {0, 0}};

CC_TEST_MAIN("granule silencing and pontine projection", CASES)
