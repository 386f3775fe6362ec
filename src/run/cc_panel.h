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

#endif
