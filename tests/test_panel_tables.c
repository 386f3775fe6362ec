/* test_panel_tables.c: a unit's trajectory table, panel tables copied from the first seeds' unit
 * files, bars of given values and bars with their seeds (cc_panel_traj, cc_panel_first_seeds,
 * cc_panel_copy, cc_panel_bar_values, cc_panel_bars, cc_panel_seed_bars in src/run/cc_panel.c). */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "cc_panel.h"
#include "cc_test.h"

static char dir[] = "/tmp/cc_test_panel_XXXXXX";
static cc_grid grid;
static cc_unit_list units;

/* A merge of two conditions: "a" with two seeds (a-s0, a-s1), "b" with one (b-s0). */
static cc_run_ctx merge_ctx(void)
{
    if (!units.n) {
        grid.base.seeds = 2;
        cc_grid_add(&grid, "a");
        cc_grid_add(&grid, "b")->seeds = 1;
        cc_grid_units(&grid, &units);
    }
    return (cc_run_ctx){.name = "figt", .out = dir, .config_id = "0123456789abcdef", .grid = &grid, .units = &units,
                        .unit_index = -1};
}

/* units/<unit>.<file>.tsv, columns "cond t x y", nrow rows: row r is (r, 10 r, base + r, -base - r). */
static int write_unit(const char *unit, const char *file, int nrow, double base)
{
    cc_run_ctx ctx = merge_ctx();
    ctx.unit = unit;
    cc_tsv t;
    cc_tsv_head h = {.title = "unit table", .columns = "cond t x y", .runs = unit};
    int s = cc_ctx_tsv_open(&ctx, &t, &h, "units/%s.%s.tsv", unit, file);
    for (int r = 0; !s && r < nrow; r++) s = cc_tsv_row(&t, (double[4]){r, 10 * r, base + r, -base - r});
    return cc_tsv_end(&t, s);
}

static int read_out(cc_table *tb, const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return cc_table_read(tb, path);
}

/* The first trial of each cue, in cue order; a cue without a trial left out; NULL readouts NaN. */
static void test_traj(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    cc_run_ctx ctx = merge_ctx();
    ctx.unit = "a-s0";
    enum { T = 2, B = 3 };
    int cond[B] = {1, 0, 1};
    double y[T * B * 2], z[T * B * 2];
    for (int i = 0; i < T * B * 2; i++) {
        y[i] = i;
        z[i] = 100 + i;
    }
    const cc_batch b = {.B = B, .T = T, .O = 2, .y = y, .cond = cond};
    cc_tsv_head h = {.title = "traj", .columns = "cond t target_x target_y x y x2 y2", .runs = "a-s0"};
    CU_ASSERT_EQUAL_FATAL(cc_panel_traj(&ctx, &h, &b, 3, (const double *const[2]){z, NULL}, 2), GSL_SUCCESS);
    cc_table tb;
    CU_ASSERT_EQUAL_FATAL(read_out(&tb, "units/a-s0.traj.tsv"), GSL_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(tb.nrow, 4); /* cues 0 and 1, two steps each; no trial of cue 2 */
    int bad = 0;
    for (int r = 0; r < 4; r++) {
        const int k = r / 2, tt = r % 2, trial = k == 0 ? 1 : 0;
        const long i = ((long)tt * B + trial) * 2;
        const double want[6] = {k, tt, y[i], y[i + 1], z[i], z[i + 1]};
        for (int c = 0; c < 6; c++) bad += tb.v[r * 8 + c] != want[c];
        bad += !isnan(tb.v[r * 8 + 6]) + !isnan(tb.v[r * 8 + 7]);
    }
    CC_ASSERT_NONE_WRONG(bad, "cells of the trajectory table");
    cc_table_free(&tb);
}

/* Keys from the first column's table, then each column from its condition's first seed. */
static void test_first_seeds(void)
{
    const cc_run_ctx ctx = merge_ctx();
    CU_ASSERT_EQUAL_FATAL(write_unit("a-s0", "traj", 3, 100), GSL_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(write_unit("a-s1", "traj", 3, 500), GSL_SUCCESS); /* not the first seed: unused */
    CU_ASSERT_EQUAL_FATAL(write_unit("b-s0", "traj", 3, 200), GSL_SUCCESS);
    const cc_panel_column cols[3] = {{"a", "y"}, {"b", "x"}, {"b", "y"}};
    cc_tsv_head h = {.title = "side by side", .columns = "cond t a_y b_x b_y"};
    CU_ASSERT_EQUAL_FATAL(cc_panel_first_seeds(&ctx, "side.tsv", &h, "traj", 2, cols, 3), GSL_SUCCESS);
    cc_table tb;
    CU_ASSERT_EQUAL_FATAL(read_out(&tb, "side.tsv"), GSL_SUCCESS);
    CU_ASSERT_EQUAL(tb.nrow, 3);
    CU_ASSERT_EQUAL_FATAL(tb.ncol, 5);
    int bad = 0;
    for (int r = 0; r < tb.nrow; r++) {
        const double want[5] = {r, 10 * r, -100 - r, 200 + r, -200 - r};
        for (int c = 0; c < 5; c++) bad += tb.v[r * 5 + c] != want[c];
    }
    CC_ASSERT_NONE_WRONG(bad, "cells of the side-by-side table");
    cc_table_free(&tb);
}

/* Tables of different lengths, an unknown column or condition: refused, no file written. */
static void test_first_seeds_refusals(void)
{
    const cc_run_ctx ctx = merge_ctx();
    CU_ASSERT_EQUAL_FATAL(write_unit("a-s0", "short", 3, 1), GSL_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(write_unit("b-s0", "short", 2, 2), GSL_SUCCESS);
    cc_tsv_head h = {.title = "refused", .columns = "cond t a_x b_x"};
    const cc_panel_column rows[2] = {{"a", "x"}, {"b", "x"}};
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_panel_first_seeds(&ctx, "rows.tsv", &h, "short", 2, rows, 2), GSL_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(cc_test_last_reason, "rows"));
    const cc_panel_column col[2] = {{"a", "x"}, {"b", "z"}};
    CU_ASSERT_NOT_EQUAL(cc_panel_first_seeds(&ctx, "col.tsv", &h, "traj", 2, col, 2), GSL_SUCCESS);
    const cc_panel_column cond[2] = {{"a", "x"}, {"c", "x"}};
    CU_ASSERT_EQUAL(cc_panel_first_seeds(&ctx, "cond.tsv", &h, "traj", 2, cond, 2), GSL_EINVAL);
    char path[512];
    const char *none[] = {"rows.tsv", "col.tsv", "cond.tsv"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, none[i]);
        CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
    }
}

/* Every row of one unit's table under a new header. */
static void test_copy(void)
{
    const cc_run_ctx ctx = merge_ctx();
    cc_tsv_head h = {.title = "copied", .columns = "k step px py", .runs = "b-s0"};
    CU_ASSERT_EQUAL_FATAL(cc_panel_copy(&ctx, "copy.tsv", &h, "b-s0", "traj"), GSL_SUCCESS);
    cc_table tb;
    CU_ASSERT_EQUAL_FATAL(read_out(&tb, "copy.tsv"), GSL_SUCCESS);
    CU_ASSERT_EQUAL(tb.nrow, 3);
    CU_ASSERT_EQUAL(cc_table_col(&tb, "px"), 2);
    CU_ASSERT_EQUAL(tb.v[2 * tb.ncol + 3], -202.0);
    cc_table_free(&tb);
}

static char *read_text(const char *file, char *text, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    text[0] = '\0';
    if (f) {
        text[fread(text, 1, n - 1, f)] = '\0';
        fclose(f);
    }
    return text;
}

/* Bars of conditions: mean, SEM, then the 95 % t interval, the seed count and each seed's value,
 * K = 2 (the largest seed count); "b" has one seed, so its v2 is NaN and its interval undefined. */
static void test_bars_seeds(void)
{
    const cc_run_ctx ctx = merge_ctx();
    CU_ASSERT_EQUAL_FATAL(write_unit("a-s0", "bar", 1, 1), GSL_SUCCESS); /* x = 1 */
    CU_ASSERT_EQUAL_FATAL(write_unit("a-s1", "bar", 1, 4), GSL_SUCCESS); /* x = 4 */
    CU_ASSERT_EQUAL_FATAL(write_unit("b-s0", "bar", 1, 7), GSL_SUCCESS); /* x = 7 */
    const cc_panel_series s[2] = {{"a", "first"}, {"b", "second"}};
    cc_tsv_head h = {.title = "bars with seeds", .units = "x"};
    CU_ASSERT_EQUAL_FATAL(cc_panel_bars(&ctx, "seedbars.tsv", &h, s, 2, "bar", "x"), GSL_SUCCESS);
    char text[4096];
    read_text("seedbars.tsv", text, sizeof text);
    /* a: mean 2.5, SEM 1.5, ci95 = t_{0.975,1} 1.5 = 12.7062047361747 x 1.5 */
    const char *want[] = {"# units: x; ci95: half-width of the 95 % t interval",
                          "\nindex\tlabel\tmean\tsem\tci95\tn\tv1\tv2\n",
                          "\n0\tfirst\t2.5\t1.5\t19.05930710426",
                          "\t2\t1\t4\n1\tsecond\t7\t",
                          "\tNaN\t1\t7\tNaN\n# end\n"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const int found = strstr(text, want[i]) != NULL;
        if (!found) printf("\n  seedbars.tsv lacks \"%s\"", want[i]);
        CU_ASSERT(found);
    }
}

/* Groups of bars from per-seed values the driver computed: the pairs first, then each group's
 * interval, count and seeds. */
static void test_seed_bars_groups(void)
{
    const cc_run_ctx ctx = merge_ctx();
    static cc_seedstat st[2][2]; /* large: not on the stack */
    cc_panel_seedstat(&st[0][0], (const double[3]){1, 2, 3}, 3);
    cc_panel_seedstat(&st[0][1], (const double[1]){5}, 1);
    cc_panel_seedstat(&st[1][0], (const double[2]){0, 0}, 2);
    cc_panel_seedstat(&st[1][1], (const double[3]){-1, 1, 3}, 3);
    CU_ASSERT_DOUBLE_EQUAL(st[0][0].ci95, 4.302652729749464 * sqrt(1.0 / 3.0), 1e-12); /* t_{0.975,2} SEM */
    const char *const labels[2] = {"p", "q"}, *const groups[2] = {"acc", "xent"};
    cc_tsv_head h = {.title = "groups"};
    CU_ASSERT_EQUAL_FATAL(cc_panel_seed_bars(&ctx, "groups.tsv", &h, labels, 2, groups, 2, &st[0][0]), GSL_SUCCESS);
    char text[4096];
    read_text("groups.tsv", text, sizeof text);
    const char *want = "\nindex\tlabel\tacc\tacc_sem\txent\txent_sem\tacc_ci95\tacc_n\tacc_v1\tacc_v2\tacc_v3"
                       "\txent_ci95\txent_n\txent_v1\txent_v2\txent_v3\n";
    CU_ASSERT_PTR_NOT_NULL(strstr(text, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\t1\t5\tNaN\tNaN\n1\tq\t0\t0\t1\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\t0\t2\t0\t0\tNaN\t"));
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_panel_seed_bars(&ctx, "none.tsv", &h, labels, 2, NULL, 2, &st[0][0]), GSL_EINVAL);
}

/* "index label" then the (mean, sem) pairs of each row, as given. */
static void test_bar_values(void)
{
    const cc_run_ctx ctx = merge_ctx();
    const char *const labels[2] = {"first", "second"};
    const double v[2][4] = {{0.5, 0.25, 1, 2}, {3, 4, 5, 6}};
    cc_tsv_head h = {.title = "bars", .columns = "index label m1 s1 m2 s2"};
    CU_ASSERT_EQUAL_FATAL(cc_panel_bar_values(&ctx, "bars.tsv", &h, 2, labels, 2, &v[0][0]), GSL_SUCCESS);
    char path[512], text[4096] = "";
    snprintf(path, sizeof path, "%s/bars.tsv", dir);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    text[fread(text, 1, sizeof text - 1, f)] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nindex\tlabel\tm1\ts1\tm2\ts2\n0\tfirst\t0.5\t0.25\t1\t2\n1\tsecond\t3\t4\t5\t6\n# end\n"));
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
    cc_unit_list_free(&units);
    cc_grid_free(&grid);
}

static const cc_test_case CASES[] = {
    {"a unit's trajectories: first trial of each cue", test_traj},
    {"first seeds side by side", test_first_seeds},
    {"first seeds: different lengths, unknown column or condition refused", test_first_seeds_refusals},
    {"copy of a unit table", test_copy},
    {"bars with seeds: interval, count, per-seed values", test_bars_seeds},
    {"groups of seed bars from the driver's values", test_seed_bars_groups},
    {"bars of given values", test_bar_values},
    {0, 0}};

CC_TEST_MAIN("panel tables", CASES)
