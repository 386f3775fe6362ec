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

/* Per-seed values, and tables of labelled rows of numbers (Fig. 5). */

/* The value in column col, row `row` of units/<unit>.<file>.tsv of the first n seeds of condition
 * `cond`: v (n). n may be below the condition's seeds (a panel that pairs a shared condition with
 * conditions of fewer seeds). GSL status (raised): unknown condition, n out of 1..seeds, missing
 * file or column, a file of other parameters. */
int cc_panel_seed_values(const cc_run_ctx *ctx, const char *cond, int n, const char *file, int row, const char *col,
                         double *v);

/* file: one row per label i = 0..n-1: i, labels[i], then the numbers v[i * nv .. i * nv + nv - 1]; h's
 * columns name those 2 + nv columns ("index label mean sem": bars of v = {mean, sem, ...}). GSL status. */
int cc_panel_labelled_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *const *labels,
                           const double *v, int n, int nv);

#endif
