/* cc_panel.h: the tables of a figure's panels that many figures share, written by a merge from
 * the units of a grid (cc_grid.h): learning curves and bars of conditions, mean and SEM over
 * seeds. Each writes one TSV (cc_out.h) under the merge's output, committed whole or not at all.
 * Not here: what a figure plots (figures/figN.gp), tables of one figure only (its driver).
 */
#ifndef CC_PANEL_H
#define CC_PANEL_H

#include "cc_grid.h"

/* One column group of a panel: a condition of the grid and the name of its columns. */
typedef struct {
    const char *cond;  /* condition name (cc_grid_add) */
    const char *col;   /* column name: "<col>" (mean) and "<col>_sem" */
} cc_panel_series;

/* file: "epoch <col> <col>_sem ..." for epoch 0..epochs, the mean and SEM over seeds of column
 * `metric` of units/<unit>.curve.tsv of each series (n). The header's title, units and runs
 * lines are h's (its columns are made here). means (n, epochs + 1), if not NULL, receives the
 * means. GSL status. */
int cc_panel_curves(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const cc_panel_series *s, int n,
                    int epochs, const char *metric, double *means);

/* file: "index label mean sem", one row per series: the mean and SEM over seeds of column col,
 * row 0 of units/<unit>.<unit_file>.tsv; label is the series' col. GSL status. */
int cc_panel_bars(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const cc_panel_series *s, int n,
                  const char *unit_file, const char *col);

/* ---- per-row panels of several conditions and columns, a silenced test, summary mean/SEM pairs (Figs. 6, 8) */

/* One column group of a per-row panel: column `metric` of the unit files of condition `cond`,
 * written as "<col> <col>_sem". */
typedef struct {
    const char *cond, *metric, *col;
} cc_panel_column;

/* file: "<row_name> <col> <col>_sem ..." for rows r = 0..rows-1: r, then for each column (n) the
 * mean and SEM over seeds of row r of units/<unit>.<unit_file>.tsv, times scale (100: a fraction
 * in %). The header's title, units and runs lines are h's. GSL status. */
int cc_panel_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *row_name, int rows,
                  const char *unit_file, const cc_panel_column *c, int n, double scale);

/* Test m on n trials (cc_test with seed) with its cerebellar output 0 from step `from` to the end
 * (-1: never). sel (T), if not NULL, receives the selectivity of a two-class task per step:
 * z_correct - z_other, mean over the trials. GSL status. */
int cc_panel_test_silenced(cc_model *m, const cc_task *task, int n, unsigned long seed, int from, cc_stats *st,
                           double *sel);

/* summary.tsv: "key" = mean (description doc) and "key_sem" = sem ("its SEM over seeds"). */
int cc_panel_summary_mean_sem(cc_summary *sm, const char *key, double mean, double sem, const char *doc);

#endif
