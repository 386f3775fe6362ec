/* test_panel.c: the panel tables of a grid's merge (src/run/cc_panel.h) on known unit values.
 *
 * A grid experiment without a model: its units write y = 10 x + seed index and
 * z = 100 + 2 x seed index, where x is a value of the condition (cc_cond_set). The experiment
 * runs through cc_driver_main in a child process; the test reads back its sweep table, its bars
 * of two columns and its summary pair and checks each mean and SEM against the values known in
 * closed form (seeds 0, 1, 2: mean +1 and SEM 1/sqrt(3) for y, mean +2 and SEM 2/sqrt(3) for z).
 * Not here: the grid's units, checks and configurations (test_driver.c), trained models.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc_panel.h"
#include "cc_test.h"

enum { NX = 3, SEEDS = 3 };
static const double X[NX] = {0.5, 1, 2};
static int seeds = SEEDS;
static const cc_spec SPECS[] = {CC_SPEC_INT("run.seeds", &seeds, 1, 1000, "seeds"), CC_SPEC_END};

/* Conditions "ref" (x = 7) and "x<x>" for each x. */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    cc_cond *c = cc_grid_add(g, "ref");
    if (!c) return GSL_ENOMEM;
    cc_cond_set(c, "x", 7);
    for (int i = 0; i < NX; i++) {
        if (!(c = cc_grid_add(g, "x%g", X[i]))) return GSL_ENOMEM;
        cc_cond_set(c, "x", X[i]);
    }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    const double x = cc_cond_get(ctx->cond, "x");
    double row[2] = {10 * x + ctx->seed_index, 100 + 2 * ctx->seed_index};
    return cc_expt_write_row(ctx, "test", "known values", "y z", row);
}

static int merge(const cc_run_ctx *ctx)
{
    const char *const xs[NX] = {"x0.5", "x1", "x2"}, *const ref[NX] = {"ref", "ref", "ref"};
    const cc_panel_line lines[2] = {{"ys", xs}, {"ref", ref}};
    const cc_panel_bar bars[2] = {{"x2", "y", "y_of_x2"}, {"x1", "z", "z_of_x1"}};
    cc_tsv_head h = {.title = "test", .units = "none", .runs = "all"};
    double mean[2 * NX], sem[2 * NX], bmean[2], bsem[2];
    int s = cc_panel_sweep(ctx, "sweep.tsv", &h, "x", X, NX, lines, 2, "test", "y", mean, sem);
    if (!s) s = cc_panel_bars_of(ctx, "bars.tsv", &h, bars, 2, "test", bmean, bsem);
    /* the returned means are those of the tables: mean (line, x), bars in order */
    if (!s && !(mean[1] == 11 && mean[NX + 2] == 71 && bmean[0] == 21 && bmean[1] == 102 && bsem[1] > bsem[0]))
        s = GSL_EFAILED;
    cc_summary sm;
    if (s || (s = cc_summary_open(&sm, ctx, "test"))) return s;
    cc_panel_summary_mean_sem(&sm, mean[2], sem[2], "y of x2", "y_%s", "x2");
    return cc_summary_commit(&sm);
}

static const cc_experiment EXP = {.name = "figp", .specs = SPECS, .grid = grid, .run_unit = run_unit, .merge = merge};

/* Run the experiment (every unit, then the merge) into out in a child; its exit status. */
static int run_all(const char *out)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"figp", "--out", (char *)out, NULL};
        _exit(cc_driver_main(3, argv, &EXP));
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The number in row r, column `col` of out/file. */
static double cell(const char *out, const char *file, int r, const char *col)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", out, file);
    cc_table t;
    if (cc_table_read(&t, path)) return NAN;
    int c = cc_table_col(&t, col);
    double v = c >= 0 && r < t.nrow ? t.v[r * t.ncol + c] : NAN;
    cc_table_free(&t);
    return v;
}

static void test_panel_tables(void)
{
    char out[] = "/tmp/test_panel.XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(out) != NULL);
    CU_ASSERT_EQUAL(run_all(out), 0);
    const double sem1 = 1 / sqrt(3.0), tol = 1e-12;
    int bad = 0;
    for (int i = 0; i < NX; i++) { /* sweep: x, then y over the seeds of x<x> and of ref */
        bad += !(cell(out, "sweep.tsv", i, "x") == X[i]); /* NaN (no table) counts as wrong */
        bad += !(fabs(cell(out, "sweep.tsv", i, "ys") - (10 * X[i] + 1)) <= tol);
        bad += !(fabs(cell(out, "sweep.tsv", i, "ys_sem") - sem1) <= tol);
        bad += !(fabs(cell(out, "sweep.tsv", i, "ref") - 71) <= tol);
        bad += !(fabs(cell(out, "sweep.tsv", i, "ref_sem") - sem1) <= tol);
    }
    CC_ASSERT_NONE_WRONG(bad, "sweep table against the known means and SEMs");
    /* bars of two columns (y of x2, z of x1) and the summary pair (y_x2, y_x2_sem), as text */
    const char *want[][2] = {{"bars.tsv", "\n0\ty_of_x2\t21\t0.57735026918962"},
                             {"bars.tsv", "\n1\tz_of_x1\t102\t1.1547005383792"},
                             {"summary.tsv", "\ny_x2\t21\ty of x2\n"},
                             {"summary.tsv", "\ny_x2_sem\t0.57735026918962"},
                             {"summary.tsv", "\tits SEM over seeds\n"}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char path[256], *text = NULL;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s", out, want[i][0]);
        int found = cc_file_read(path, &text, &len) == GSL_SUCCESS && strstr(text, want[i][1]);
        if (!found) printf("\n  %s lacks \"%s\"", want[i][0], want[i][1]);
        CU_ASSERT(found);
        free(text);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", out);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static const cc_test_case CASES[] = {{"panel: sweep, bars of two columns, summary pair on known values", test_panel_tables},
                                     {0, 0}};

CC_TEST_MAIN("panel tables", CASES)
