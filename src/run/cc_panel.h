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

/* Tables copied from the first seed's unit files, and bars of values the driver computed. */

/* One column of a table made of the first seeds of several conditions: column `col` of
 * units/<first unit of cond>.<unit_file>.tsv. */
typedef struct {
    const char *cond;
    const char *col;
} cc_panel_column;

/* file: row by row, the first n_key columns of c[0]'s table (the keys: cue, step, target...), then
 * each of the n columns c; h->columns names them all. The tables must have as many rows as c[0]'s
 * (GSL_EINVAL, raised). GSL status. */
int cc_panel_first_seeds(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *unit_file,
                         int n_key, const cc_panel_column *c, int n);

/* file: every row of units/<unit>.<unit_file>.tsv under the header h (its title, columns, runs). GSL status. */
int cc_panel_copy(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *unit,
                  const char *unit_file);

/* file: "index label" then npair (mean, sem) pairs a row, from v (n, 2 npair); h->columns names
 * them. GSL status. */
int cc_panel_bar_values(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, int n,
                        const char *const *labels, int npair, const double *v);

/* Inside a unit: units/<unit>.traj.tsv under h, the first test trial of each cue 0..ncue-1 of b (a
 * cue without one is left out), "cond t target_x target_y" then x y of each readout z[j] (T, B, 2),
 * j < n (NULL: NaN columns); h->columns names them all. GSL status. */
int cc_panel_traj(const cc_run_ctx *ctx, const cc_tsv_head *h, const cc_batch *b, int ncue, const double *const *z,
                  int n);

#endif
