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

/* Per-row tables, first-seed copies, summary pairs, chance levels; in a unit: its tables, first trials. */

/* file: rows 0..nrow-1 of units/<unit>.<unit_file>.tsv averaged over seeds: the columns `keys`
 * (space-separated, e.g. "epoch": the same in every seed of s[0].cond), then a column "label" of
 * labels[r] if labels is not NULL, then "<col> <col>_sem" per series (n), the mean and SEM over seeds
 * of its column col. The header is h's; its columns, if NULL, are the ones just named. mean and sem
 * (n, nrow), if not NULL, receive the numbers. GSL status (raised): keys that differ between seeds. */
int cc_panel_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *unit_file, int nrow,
                  const char *keys, const char *const *labels, const cc_panel_series *s, int n, double *mean,
                  double *sem);

/* file: the rows of units/<unit>.<unit_file>.tsv of the first seed of each condition (n) side by
 * side: the first `shared` columns of conds[0]'s table, then the other columns of each table. The
 * header is h's, columns included (as many as that makes). GSL status; tables of other row counts
 * are refused (raised). */
int cc_panel_first_seed(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *const *conds,
                        int n, const char *unit_file, int shared);

/* Two summary lines: key_fmt and sem_fmt, each with one %s for name, = mean (described by doc) and
 * sem ("its SEM over seeds"). GSL status of the writes. */
int cc_panel_summary_mean_sem(cc_summary *sm, const char *key_fmt, const char *sem_fmt, const char *name,
                              double mean, double sem, const char *doc);

/* MSE per element of two outputs that ignore the cue of a drawing task (cues drawn uniformly): zero,
 * and the best such output, the mean target of each step over the six cues (the chance level of a
 * readout whose bias learns but whose cortex carries no cue). NAN for trials over 200 steps. */
void cc_panel_chance_mse(const cc_task *task, double *zero, double *blind);

/* Inside a unit: units/<unit>.<name>.tsv with that title, units line (or NULL) and columns, nrow rows
 * of v (nrow, number of columns). GSL status. */
int cc_panel_unit_rows(const cc_run_ctx *ctx, const char *name, const char *title, const char *units,
                       const char *columns, int nrow, const double *v);

/* Rows of the first trial of each cue 0..5 in batch b (the drawing tasks' six cues; a cue without a
 * trial gives none), one per step t, into the open table t: lead (nlead numbers), cue, t, target x,
 * y, then the output x, y of each of z (nz arrays (T, B, 2) over b; NaN for a NULL one). GSL status. */
int cc_panel_first_trials(cc_tsv *t, const double *lead, int nlead, const cc_batch *b, const double *const *z, int nz);

#endif
