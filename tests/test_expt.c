/* test_expt.c: the shared pieces of the figure drivers (src/run/cc_expt.c), and training a unit's
 * model further (cc_grid_train_more, src/run/cc_grid.c). */
#include <stdlib.h>
#include <unistd.h>

#include "cc_expt.h"
#include "cc_grid.h"
#include "cc_record.h"
#include "cc_rng.h"
#include "cc_verdict.h"
#include "cc_test.h"
#include "cc_test_files.h"

static char dir[] = "/tmp/cc_test_expt_XXXXXX";

static void test_mean_sem(void)
{
    double x[4] = {1.0, 2.0, 3.0, 6.0}, m, s;
    cc_mean_sem(x, 4, &m, &s);
    CU_ASSERT_DOUBLE_EQUAL(m, 3.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(s, sqrt((4.0 + 1.0 + 0.0 + 9.0) / 3.0 / 4.0), 1e-15); /* sd (n-1) / sqrt n */
    cc_mean_sem(x, 1, &m, &s);
    CU_ASSERT_EQUAL(s, 0.0);
    const double y[4] = {2.0, NAN, -1.0, 5.0};
    double lo, hi;
    cc_min_max(y, 4, &lo, &hi); /* the NaN left out */
    CU_ASSERT_EQUAL(lo, -1.0);
    CU_ASSERT_EQUAL(hi, 5.0);
    cc_min_max(y, 0, &lo, &hi);
    CU_ASSERT(isinf(lo) && lo > 0 && isinf(hi) && hi < 0);
    CU_ASSERT_EQUAL(cc_count_ge(y, 4, 2.0), 2); /* 2 and 5; not the NaN */
    CU_ASSERT_EQUAL(cc_count_ge(y, 4, 6.0), 0);
}

static void test_protocol_and_config(void)
{
    cc_train_keys tk = CC_TRAIN_KEYS_DEFAULT;
    cc_model_keys mk = CC_MODEL_KEYS_DEFAULT;
    cc_task ev = cc_task_defaults(CC_TASK_EVACC), ld = cc_task_defaults(CC_TASK_LINEDRAW);
    CU_ASSERT_EQUAL(cc_expt_protocol(&tk, &ev).n_train, 800); /* the task's own count */
    CU_ASSERT_EQUAL(cc_expt_protocol(&tk, &ld).n_train, 1000);
    tk.n_train = 300;
    CU_ASSERT_EQUAL(cc_expt_protocol(&tk, &ev).n_train, 300);
    cc_config c = cc_expt_config(&mk, &ev, CC_ARCH_CEREB_FB, CC_CORTEX_INPUT);
    CU_ASSERT_EQUAL(c.D, 2);
    CU_ASSERT_EQUAL(c.O, 3);
    CU_ASSERT_EQUAL(c.classification, 1);
    CU_ASSERT_EQUAL(c.plasticity, CC_CORTEX_INPUT);
    CU_ASSERT_EQUAL(cc_config_validate(&c), GSL_SUCCESS);
}

static int holds_above_one(const cc_sample *x, int k, const void *arg, double *effect)
{
    (void)k, (void)arg;
    *effect = cc_sample_mean(&x[0]);
    return *effect >= 1.0;
}

/* claims.tsv: eleven tab-separated columns, tabs in the text replaced, a final "# end"; the
 * per-seed values in claims_seeds.tsv. */
static void test_claims_file(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    cc_run_ctx ctx = {.name = "figt", .out = dir, .config_id = "0123456789abcdef", .unit = "u0"};
    cc_claims cl;
    CU_ASSERT_EQUAL_FATAL(cc_claims_open(&cl, &ctx, "test claims"), GSL_SUCCESS);
    const double hi[] = {2, 2, 2}, lo[] = {0, 0, 0};
    const cc_sample a = {"a", hi, 3}, b = {"b", lo, 3};
    const cc_claim_text t1 = {"t.one", CC_SRC_PAPER, "a\tstatement", "x >= 1"}, t2 = {"t.two", CC_SRC_PACKAGE, "another", "y >= 1"};
    const cc_claim_data d1 = {.rule = holds_above_one, .x = &a, .k = 1, .ci = CC_CI_T}, d2 = {.rule = holds_above_one, .x = &b, .k = 1, .ci = CC_CI_T};
    CU_ASSERT_EQUAL(cc_claims_judge(&cl, &t1, &d1, "x = %.1f", 2.0), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_claims_judge(&cl, &t2, &d2, "y = %d", 0), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cl.n, 2);
    CU_ASSERT_EQUAL(cl.failed, 1);
    CU_ASSERT_EQUAL(cc_claims_commit(&cl), GSL_SUCCESS);
    char path[256], line[512];
    snprintf(path, sizeof path, "%s/claims.tsv", dir);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int claims = 0, end = 0;
    while (fgets(line, sizeof line, f)) {
        if (strcmp(line, "# end\n") == 0) end = 1;
        if (line[0] == '#') continue;
        int tabs = 0;
        for (char *p = line; *p; p++) tabs += *p == '\t';
        CU_ASSERT_EQUAL(tabs, 10);
        CU_ASSERT(claims != 0 || strncmp(line, "t.one\tpaper\ta statement\tx = 2.0\tx >= 1\t2\t", 38) == 0);
        CU_ASSERT(claims != 1 || (strstr(line, "\tpackage\t") && strstr(line, "\tFAIL\n")));
        claims++;
    }
    fclose(f);
    CU_ASSERT_EQUAL(claims, 2);
    CU_ASSERT(end);
    snprintf(path, sizeof path, "%s/claims_seeds.tsv", dir);
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int seeds = 0;
    while (fgets(line, sizeof line, f)) seeds += line[0] != '#';
    fclose(f);
    CU_ASSERT_EQUAL(seeds, 6); /* three seeds of each claim */
    cc_summary sm;
    CU_ASSERT_EQUAL_FATAL(cc_summary_open(&sm, &ctx, "test summary"), GSL_SUCCESS);
    cc_summary_add(&sm, "k", 0.1, "a value");
    CU_ASSERT_EQUAL(cc_summary_addf(&sm, 2, "a formatted key", "c_a%g_%s", 0.5, "fixed"), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_summary_commit(&sm), GSL_SUCCESS);
    snprintf(path, sizeof path, "%s/summary.tsv", dir);
    CU_ASSERT_EQUAL(access(path, R_OK), 0);
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int keys = 0, formatted = 0;
    while (fgets(line, sizeof line, f)) {
        keys += line[0] != '#';
        formatted += !strcmp(line, "c_a0.5_fixed\t2\ta formatted key\n");
    }
    fclose(f);
    CU_ASSERT_EQUAL(keys, 2);
    CU_ASSERT_EQUAL(formatted, 1);
    rm_tree(dir);
}

/* The unit's progress line: a dash, not "nan", for the training loss before the first epoch. */
static void test_progress_note(void)
{
    cc_curve *c = cc_curve_alloc(1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    c->train_loss[0] = NAN; /* as cc_train leaves it */
    c->val_metric[0] = 0.5;
    c->train_loss[1] = 0.25;
    c->val_metric[1] = 0.125;
    char note[96];
    cc_expt_progress_note(note, sizeof note, 0, c);
    CU_ASSERT_STRING_EQUAL(note, "loss -, validation 0.5");
    cc_expt_progress_note(note, sizeof note, 1, c);
    CU_ASSERT_STRING_EQUAL(note, "loss 0.25, validation 0.125");
    cc_curve_free(c);
}

/* cc_grid_train_more = cc_train for `epochs` epochs, the last weights kept even when the
 * condition keeps its best checkpoint, on stream CC_STREAM_USER + k of the unit's seed: bit for
 * bit against that call by hand; another k, other trials. */
static void test_train_more(void)
{
    cc_cond cond = {0};
    cond.train = (cc_train_keys)CC_TRAIN_KEYS_DEFAULT;
    cond.train.n_train = 20, cond.train.n_val = 10, cond.train.keep_best = 1;
    const cc_run_ctx ctx = {.name = "figt", .label = "figt unit u0", .cond = &cond, .seed = 7};
    cc_model_keys mk = CC_MODEL_KEYS_DEFAULT;
    mk.N = 8, mk.G = 30;
    const cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    const cc_config c = cc_expt_config(&mk, &task, CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    cc_model *a = cc_model_alloc(&c, 3), *b = cc_model_alloc(&c, 3), *other = cc_model_alloc(&c, 3);
    cc_curve *ca = cc_curve_alloc(3), *cb = cc_curve_alloc(3), *co = cc_curve_alloc(3);
    CU_ASSERT_FATAL(a && b && other && ca && cb && co);
    CU_ASSERT_EQUAL(cc_grid_train_more(&ctx, a, &task, 3, 2, ca), GSL_SUCCESS);
    cc_train_keys tk = cond.train;
    tk.epochs = 3, tk.keep_best = 0;
    const cc_protocol pr = cc_expt_protocol(&tk, &task);
    CU_ASSERT_EQUAL(cc_train(b, &task, &pr, cc_rng_seed(7, CC_STREAM_USER + 2), cb, NULL, NULL), GSL_SUCCESS);
    CU_ASSERT_EQUAL(memcmp(a->w->data, b->w->data, a->w->size * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(ca->val_metric, cb->val_metric, 4 * sizeof(double)), 0);
    CU_ASSERT_EQUAL(cc_grid_train_more(&ctx, other, &task, 3, 3, co), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(memcmp(a->w->data, other->w->data, a->w->size * sizeof(double)), 0);
    cc_model_free(a), cc_model_free(b), cc_model_free(other);
    cc_curve_free(ca), cc_curve_free(cb), cc_curve_free(co);
}

/* A one-row unit table is also in the unit's record, one metric per column, "<table>.<column>". */
static void test_row_metrics(void)
{
    char d[] = "/tmp/cc_test_expt_rec_XXXXXX", path[256], text[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(d));
    snprintf(path, sizeof path, "%s/runs/u1.json", d);
    cc_record *rec = cc_record_alloc(path, "figt", "u1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(rec);
    const cc_run_ctx ctx = {.name = "figt", .out = d, .config_id = "0123456789abcdef", .unit = "u1", .rec = rec};
    CU_ASSERT_EQUAL(cc_record_begin(rec), GSL_SUCCESS);
    const double row[3] = {0.25, 7, -1.5};
    CU_ASSERT_EQUAL(cc_expt_write_row(&ctx, "test", "a test row", "mse  best_epoch z", row), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_record_end(rec, 1, NULL), GSL_SUCCESS);
    cc_record_free(rec);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    const size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"test.mse\": 0.25"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"test.best_epoch\": 7"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"test.z\": -1.5"));
    rm_tree(d);
}

static const cc_test_case CASES[] = {
    {"mean and standard error", test_mean_sem},
    {"protocol and model config from the shared keys", test_protocol_and_config},
    {"claims and summary files", test_claims_file},
    {"progress note: a dash for the loss before training", test_progress_note},
    {"training a unit's model further: last weights, its own stream", test_train_more},
    {"a one-row unit table is in the record's metrics", test_row_metrics},
    {0, 0}};

CC_TEST_MAIN("experiment helpers", CASES)
