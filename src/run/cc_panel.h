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

/* file: "index label mean sem ci95 n v1 .. vK", one row per series: the mean, SEM, 95 % t interval
 * half-width, number of seeds and per-seed values (cc_panel_seed_bars) of column col, row 0 of
 * units/<unit>.<unit_file>.tsv; label is the series' col. GSL status. */
int cc_panel_bars(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const cc_panel_series *s, int n,
                  const char *unit_file, const char *col);

/* file: bars with what a reader needs to see a split outcome, one row per label i (n): "index label",
 * then per group g (ng) "<g> <g>_sem" (mean, SEM of s[i ng + g]), then per group "<g>_ci95 <g>_n
 * <g>_v1 .. <g>_vK": the half-width of the 95 % t interval, the number of seeds and each seed's
 * value, K the largest seed count of the table (NaN where a bar has fewer). groups NULL (ng = 1):
 * "index label mean sem ci95 n v1 .. vK". The units line is h's, followed by what these columns
 * mean; the columns line is made here. GSL status. */
int cc_panel_seed_bars(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *const *labels, int n,
                       const char *const *groups, int ng, const cc_seedstat *s);

/* s: the statistics of the n values v (a per-seed quantity the driver computed, e.g. a paired
 * difference): mean, SEM, ci95 = t_{0.975, n-1} SEM (NAN for n < 2), the values. */
void cc_panel_seedstat(cc_seedstat *s, const double *v, int n);

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
 * them. No seeds: bars of a figure use cc_panel_seed_bars, which shows them. GSL status. */
int cc_panel_bar_values(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, int n,
                        const char *const *labels, int npair, const double *v);

/* Inside a unit: units/<unit>.traj.tsv under h, the first test trial of each cue 0..ncue-1 of b (a
 * cue without one is left out), "cond t target_x target_y" then x y of each readout z[j] (T, B, 2),
 * j < n (NULL: NaN columns); h->columns names them all. GSL status. */
int cc_panel_traj(const cc_run_ctx *ctx, const cc_tsv_head *h, const cc_batch *b, int ncue, const double *const *z,
                  int n);
/* Sweeps, bars of several columns and summary pairs (Figs. S6, S15 and the worked example). */

/* A line of a sweep: its column name and the condition of each row of the sweep (a reference
 * condition that does not depend on the swept value: the same name on every row). */
typedef struct {
    const char *col;
    const char *const *cond;  /* (n) */
} cc_panel_line;

/* file: "<xcol> <col> <col>_sem ...": row i is x[i], then for each line j the mean and SEM over
 * seeds of column `col`, row 0 of units/<unit>.<unit_file>.tsv of condition lines[j].cond[i].
 * mean, sem (nlines, n), if not NULL, receive them. GSL status. */
int cc_panel_sweep(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *xcol, const double *x,
                   int n, const cc_panel_line *lines, int nlines, const char *unit_file, const char *col, double *mean,
                   double *sem);

/* One bar: a condition, the column of its unit files it shows, and its label. */
typedef struct {
    const char *cond, *col, *label;
} cc_panel_bar;

/* file: "index label mean sem ci95 n v1 .. vK", one row per bar (n): the seeds of column b[i].col,
 * row 0 of units/<unit>.<unit_file>.tsv of condition b[i].cond (cc_panel_seed_bars). mean, sem (n),
 * if not NULL, receive them. GSL status. */
int cc_panel_bars_of(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const cc_panel_bar *b, int n,
                     const char *unit_file, double *mean, double *sem);

/* Two lines of summary.tsv: <key> = mean (doc) and <key>_sem = sem ("its SEM over seeds"); the key
 * is printf-formatted. GSL status. */
int cc_panel_summary_mean_sem(cc_summary *sm, double mean, double sem, const char *doc, const char *key_fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* ---- per-row panels of several conditions and columns, a silenced test, summary mean/SEM pairs (Figs. 6, 8) */

/* One column group of a per-row panel: column `metric` of the unit files of condition `cond`,
 * written as "<col> <col>_sem". */
typedef struct {
    const char *cond, *metric, *col;
} cc_panel_metric;

/* file: "<row_name> <col> <col>_sem ..." for rows r = 0..rows-1: r, then for each column (n) the
 * mean and SEM over seeds of row r of units/<unit>.<unit_file>.tsv, times scale (100: a fraction
 * in %). The header's title, units and runs lines are h's. GSL status. */
int cc_panel_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *row_name, int rows,
                  const char *unit_file, const cc_panel_metric *c, int n, double scale);

/* Test m on n trials (cc_test with seed) with its cerebellar output 0 from step `from` to the end
 * (-1: never). sel (T), if not NULL, receives the selectivity of a two-class task per step:
 * z_correct - z_other, mean over the trials. GSL status. */
int cc_panel_test_silenced(cc_model *m, const cc_task *task, int n, unsigned long seed, int from, cc_stats *st,
                           double *sel);

/* Test m on n trials (cc_test with seed) with its cerebellar output 0 on steps [from, until) (from
 * -1: never; until -1: to the end of the trial). b, if not NULL, receives the trials (a batch it
 * held is freed first) and z, if not NULL, a copy of the readout (T, B, O), malloc'd. GSL status. */
int cc_panel_test_copy(cc_model *m, const cc_task *task, int n, unsigned long seed, int from, int until, cc_stats *st,
                       cc_batch **b, double **z);

/* summary.tsv: "key" = mean (description doc) and "key_sem" = sem ("its SEM over seeds"). */
int cc_panel_summary_pair(cc_summary *sm, const char *key, double mean, double sem, const char *doc);
/* Per-row tables, first-seed copies, summary pairs, chance levels; in a unit: its tables, first trials. */

/* file: rows 0..nrow-1 of units/<unit>.<unit_file>.tsv averaged over seeds: the columns `keys`
 * (space-separated, e.g. "epoch": the same in every seed of s[0].cond), then a column "label" of
 * labels[r] if labels is not NULL, then "<col> <col>_sem" per series (n), the mean and SEM over seeds
 * of its column col. The header is h's; its columns, if NULL, are the ones just named. mean and sem
 * (n, nrow), if not NULL, receive the numbers. GSL status (raised): keys that differ between seeds. */
int cc_panel_seed_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *unit_file, int nrow,
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
int cc_panel_summary_named(cc_summary *sm, const char *key_fmt, const char *sem_fmt, const char *name,
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
