/* test_panel.c: the shared panel tables of the figure drivers (src/run/cc_panel.c), on a grid of two
 * conditions of three seeds whose unit files are written here. */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc_panel.h"
#include "cc_test.h"

static char dir[] = "/tmp/cc_test_panel_XXXXXX";
static cc_grid grid;
static cc_unit_list units;
static cc_run_ctx ctx = {.name = "figt", .config_id = "0123456789abcdef"};

/* Conditions "c" and "d" of three seeds; units/<unit>.tab.tsv: epoch 0..2, x = 10 epoch + seed
 * (+ 100 in d) and y = -x. */
static void make_grid(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/units", dir);
    CU_ASSERT_EQUAL_FATAL(mkdir(path, 0700), 0);
    ctx.out = dir;
    grid.base.seeds = 3;
    CU_ASSERT_PTR_NOT_NULL_FATAL(cc_grid_add(&grid, "c"));
    CU_ASSERT_PTR_NOT_NULL_FATAL(cc_grid_add(&grid, "d"));
    CU_ASSERT_EQUAL_FATAL(cc_grid_units(&grid, &units), GSL_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(units.n, 6);
    for (int u = 0; u < units.n; u++) {
        double v[3][3];
        for (int r = 0; r < 3; r++) v[r][0] = r, v[r][1] = 10 * r + u % 3 + (u >= 3 ? 100 : 0), v[r][2] = -v[r][1];
        ctx.unit = units.id[u];
        CU_ASSERT_EQUAL_FATAL(cc_panel_unit_rows(&ctx, "tab", "a unit table", NULL, "epoch x y", 3, v[0]), GSL_SUCCESS);
    }
    ctx.unit = NULL; /* from here on, a merge */
    ctx.grid = &grid;
    ctx.units = &units;
}

/* Remove the folder path and its files and folders. */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    for (struct dirent *e; d && (e = readdir(d));) {
        char p[512];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (unlink(p) != 0) remove_tree(p);
    }
    if (d) closedir(d);
    rmdir(path);
}

static int read_out(cc_table *t, const char *file)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return cc_table_read(t, path);
}

/* Keys from the first seed, mean and SEM over the seeds of each row, the columns named after them. */
static void test_rows(void)
{
    make_grid();
    const cc_panel_series s[2] = {{"c", "x"}, {"d", "y"}};
    const cc_tsv_head h = {.title = "rows"};
    double mean[2][3], sem[2][3];
    CU_ASSERT_EQUAL_FATAL(cc_panel_seed_rows(&ctx, "rows.tsv", &h, "tab", 3, "epoch", NULL, s, 2, mean[0], sem[0]), GSL_SUCCESS);
    int bad = 0;
    for (int r = 0; r < 3; r++) {
        bad += cc_test_differ(mean[0][r], 10 * r + 1, 1e-12) + cc_test_differ(mean[1][r], -(10 * r + 101), 1e-12);
        bad += cc_test_differ(sem[0][r], 1 / sqrt(3.0), 1e-12) + cc_test_differ(sem[1][r], 1 / sqrt(3.0), 1e-12);
    }
    CC_ASSERT_NONE_WRONG(bad, "means and SEMs of the rows");
    cc_table t = {0};
    CU_ASSERT_EQUAL_FATAL(read_out(&t, "rows.tsv"), GSL_SUCCESS);
    CU_ASSERT_EQUAL(t.ncol, 5);
    CU_ASSERT_EQUAL(t.nrow, 3);
    CU_ASSERT_EQUAL(cc_table_col(&t, "x_sem"), 2);
    CU_ASSERT_EQUAL(t.v[2 * t.ncol], 2.0); /* epoch of row 2 */
    CU_ASSERT_EQUAL(t.v[2 * t.ncol + 1], mean[0][2]);
    cc_table_free(&t);
}

/* A "label" column after the keys; a key that differs between seeds, or a header that names other
 * columns, is refused and leaves no file. */
static void test_rows_labels_and_refusals(void)
{
    const cc_panel_series s = {"c", "x"};
    const char *const labels[3] = {"first", "second", "third"};
    cc_tsv_head h = {.title = "labelled", .columns = "index label mean sem"};
    CU_ASSERT_EQUAL(cc_panel_seed_rows(&ctx, "labelled.tsv", &h, "tab", 3, "epoch", labels, &s, 1, NULL, NULL), GSL_SUCCESS);
    char path[256], line[256];
    snprintf(path, sizeof path, "%s/labelled.tsv", dir);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int found = 0;
    while (fgets(line, sizeof line, f)) found += strncmp(line, "1\tsecond\t11\t", 12) == 0;
    fclose(f);
    CU_ASSERT_EQUAL(found, 1);
    h.columns = NULL;
    cc_test_reset_error();
    const cc_panel_series sy = {"c", "y"};
    CU_ASSERT_EQUAL(cc_panel_seed_rows(&ctx, "differ.tsv", &h, "tab", 3, "x", NULL, &sy, 1, NULL, NULL), GSL_EINVAL);
    CU_ASSERT(strstr(cc_test_last_reason, "differs between seeds") != NULL);
    h.columns = "epoch mean";
    CU_ASSERT_EQUAL(cc_panel_seed_rows(&ctx, "short.tsv", &h, "tab", 3, "epoch", NULL, &s, 1, NULL, NULL), GSL_EINVAL);
    snprintf(path, sizeof path, "%s/differ.tsv", dir);
    CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
    snprintf(path, sizeof path, "%s/short.tsv", dir);
    CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
}

/* The first seed of each condition side by side, the shared columns once. */
static void test_first_seed(void)
{
    const char *const conds[2] = {"c", "d"};
    cc_tsv_head h = {.title = "first seeds", .columns = "epoch c_x c_y d_x d_y"};
    CU_ASSERT_EQUAL_FATAL(cc_panel_first_seed(&ctx, "first.tsv", &h, conds, 2, "tab", 1), GSL_SUCCESS);
    cc_table t = {0};
    CU_ASSERT_EQUAL_FATAL(read_out(&t, "first.tsv"), GSL_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(t.nrow, 3);
    const double want[5] = {2, 20, -20, 120, -120}; /* row 2: epoch, c-s0, d-s0 */
    for (int j = 0; j < 5; j++) CU_ASSERT_EQUAL(t.v[2 * t.ncol + j], want[j]);
    cc_table_free(&t);
    h.columns = "epoch c_x c_y d_x"; /* one column too few */
    CU_ASSERT_EQUAL(cc_panel_first_seed(&ctx, "first2.tsv", &h, conds, 2, "tab", 1), GSL_EINVAL);
}

/* One row per step of the first trial of each cue, lead columns first, NaN for a missing output. */
static void test_first_trials(void)
{
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    cc_batch *b = cc_batch_alloc(&task, 12);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    double *z = malloc((size_t)b->T * b->B * 2 * sizeof *z);
    CU_ASSERT_PTR_NOT_NULL_FATAL(z);
    for (int i = 0; i < b->B; i++) b->cond[i] = i < 6 ? 5 - i : i - 6; /* the first trial of cue k is 5 - k */
    for (int i = 0; i < b->T * b->B * 2; i++) b->y[i] = i, z[i] = i + 0.5;
    cc_tsv t = {0};
    cc_tsv_head h = {.title = "trials", .columns = "case cond t target_x target_y x y ablated_x ablated_y"};
    ctx.unit = "c-s0";
    CU_ASSERT_EQUAL_FATAL(cc_ctx_tsv_open(&ctx, &t, &h, "units/c-s0.trials.tsv"), GSL_SUCCESS);
    const double lead = 7;
    const double *const zs[2] = {z, NULL};
    CU_ASSERT_EQUAL(cc_tsv_end(&t, cc_panel_first_trials(&t, &lead, 1, b, zs, 2)), GSL_SUCCESS);
    cc_table tb = {0};
    CU_ASSERT_EQUAL_FATAL(read_out(&tb, "units/c-s0.trials.tsv"), GSL_SUCCESS);
    ctx.unit = NULL;
    CU_ASSERT_EQUAL_FATAL(tb.nrow, 6 * b->T);
    int bad = 0;
    for (int r = 0; r < tb.nrow; r++) {
        const double *row = tb.v + (long)r * tb.ncol;
        const int k = r / b->T, tt = r % b->T;
        const long i = ((long)tt * b->B + (5 - k)) * 2;
        bad += row[0] != 7 || row[1] != k || row[2] != tt || row[3] != b->y[i] || row[4] != b->y[i + 1];
        bad += row[5] != z[i] || row[6] != z[i + 1] || !isnan(row[7]) || !isnan(row[8]);
    }
    CC_ASSERT_NONE_WRONG(bad, "rows of the first trials");
    cc_table_free(&tb);
    free(z);
    cc_batch_free(b);
}

/* Zero and cue-blind MSE: blind = zero - the mean square of the mean target (a variance split). */
static void test_chance_mse(void)
{
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    task.arc = 1.0;
    double zero, blind, y[6][2 * 200], mean_sq = 0;
    cc_panel_chance_mse(&task, &zero, &blind);
    for (int k = 0; k < 6; k++) cc_task_template(y[k], &task, k);
    for (int i = 0; i < 2 * task.T; i++) {
        double m = 0;
        for (int k = 0; k < 6; k++) m += y[k][i] / 6;
        mean_sq += m * m / (2 * task.T);
    }
    CU_ASSERT(zero > 0);
    CU_ASSERT_DOUBLE_EQUAL(blind, zero - mean_sq, 1e-12);
    task.T = 201;
    cc_panel_chance_mse(&task, &zero, &blind);
    CU_ASSERT(isnan(zero) && isnan(blind));
}

/* A mean and its SEM as two summary lines under keys made from the name. */
static void test_summary_pair(void)
{
    cc_summary sm;
    CU_ASSERT_EQUAL_FATAL(cc_summary_open(&sm, &ctx, "pairs"), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_panel_summary_named(&sm, "mse_%s", "%s_sem", "task1", 0.5, 0.25, "a mean"), GSL_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(cc_summary_commit(&sm), GSL_SUCCESS);
    char path[256], line[256];
    snprintf(path, sizeof path, "%s/summary.tsv", dir);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int mean = 0, sem = 0;
    while (fgets(line, sizeof line, f)) {
        mean += strcmp(line, "mse_task1\t0.5\ta mean\n") == 0;
        sem += strcmp(line, "task1_sem\t0.25\tits SEM over seeds\n") == 0;
    }
    fclose(f);
    CU_ASSERT(mean == 1 && sem == 1);
    cc_grid_free(&grid);
    cc_unit_list_free(&units);
    remove_tree(dir);
}

/* A test silenced on a window: the statistics, trials and readout of cc_test with that window set by
 * hand, the window reset after it; the trials and readout kept only on request. */
static void test_test_copy(void)
{
    cc_model_keys mk = CC_MODEL_KEYS_DEFAULT;
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    const cc_config c = cc_expt_config(&mk, &task, CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    cc_model *m = cc_model_alloc(&c, 5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    cc_stats st, ref, again;
    cc_batch *b = NULL, *rb = NULL;
    double *z = NULL;
    CU_ASSERT_EQUAL_FATAL(cc_panel_test_copy(m, &task, 8, 11, 3, 9, &st, &b, &z), GSL_SUCCESS);
    CU_ASSERT(m->silence_from == -1 && m->silence_until == -1);
    m->silence_from = 3, m->silence_until = 9;
    CU_ASSERT_EQUAL_FATAL(cc_test(m, &task, 8, 11, &ref, &rb), GSL_SUCCESS);
    m->silence_from = m->silence_until = -1;
    CU_ASSERT_EQUAL(st.mse, ref.mse);
    CU_ASSERT_EQUAL_FATAL(b->B, 8);
    int bad = 0;
    for (long i = 0; i < (long)b->T * b->B * b->O; i++) bad += z[i] != m->ws.z[i] || b->y[i] != rb->y[i];
    CC_ASSERT_NONE_WRONG(bad, "readout and targets of the silenced test");
    CU_ASSERT_EQUAL(cc_panel_test_copy(m, &task, 8, 11, 3, 9, &again, NULL, NULL), GSL_SUCCESS);
    CU_ASSERT_EQUAL(again.mse, ref.mse);
    free(z);
    cc_batch_free(b);
    cc_batch_free(rb);
    cc_model_free(m);
}

static const cc_test_case CASES[] = {{"rows: keys, mean and SEM over seeds", test_rows},
                                     {"a test silenced on a window, its trials and readout kept", test_test_copy},
                                     {"rows: labels; differing keys and wrong headers refused", test_rows_labels_and_refusals},
                                     {"first seed of each condition side by side", test_first_seed},
                                     {"first trial of each cue", test_first_trials},
                                     {"chance MSE of a drawing task", test_chance_mse},
                                     {"summary mean and SEM pair", test_summary_pair},
                                     {0, 0}};
CC_TEST_MAIN("panel tables", CASES)
