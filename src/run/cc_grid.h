/* cc_grid.h: an experiment declared as a grid of conditions x seeds.
 *
 * A driver declares its conditions once, each a name and a fully resolved setting: the model
 * keys, the protocol keys, the architecture, the cortical plasticity, the task, the number of
 * seeds and any value of its own (cc_cond_set). The library derives everything else from it:
 *   units      "<name>-s<i>" for seed index i = 0..seeds-1 (a condition named "" gives "seed<i>"),
 *              in declaration order;
 *   checks     the library's cross-key rules and the memory of a unit, per condition (cc_expt_check);
 *   records    each unit's resolved configuration (cc_grid_unit_specs): every value that unit ran
 *              with, hashed into the unit's config id, which the unit's files carry and which
 *              decides when the unit is stale (the Makefile reruns a unit only when it changes);
 *              the keys of a reversed delayed association and of interval timing appear only in
 *              the units of such tasks;
 *   the merge  per-seed values of a condition by name (cc_grid_stat: mean, SEM, the per-seed list
 *              and a 95 % t interval), never by index arithmetic.
 *
 * Which of the driver's own keys a unit depends on: every key except
 *   analysis keys  claims.*, verify.*, analysis.* and those in exp->analysis_keys: read by the merge only;
 *   grid keys      model.*, train.*, task.*, sweep.*, run.*, and those in exp->grid_keys: turned into
 *                  conditions, whose resolved values the unit configuration holds instead.
 * A key of neither kind (e.g. switch.epochs) is part of every unit's configuration.
 *
 * Not here: the command line and the merge's staging (cc_driver), the figure's science (the driver).
 */
#ifndef CC_GRID_H
#define CC_GRID_H

#include "cc_expt.h"

enum { CC_GRID_NAME_MAX = 160, CC_COND_VALUES = 8, CC_GRID_MAX_SEEDS = 1000 };

/* One condition: everything its units run with. */
struct cc_cond {
    char name[CC_GRID_NAME_MAX];
    cc_model_keys model;
    cc_train_keys train;     /* train.* and run.seed0 (run.seeds is `seeds`) */
    cc_arch arch;
    cc_plasticity plasticity;
    cc_task task;
    int seeds;               /* seed i is train.seed0 + i */
    int kind;                /* the driver's own tag for units of another protocol (0: default) */
    struct {
        char key[48];
        double v;
    } val[CC_COND_VALUES];   /* the driver's own values (cc_cond_set / cc_cond_get) */
    int n_val;
};

struct cc_grid {
    cc_cond *cond;   /* (n) */
    int n, cap;
    cc_cond base;    /* what cc_grid_add copies: the figure's model, train and seeds keys */
};

/* A new condition named by the printf format, a copy of g->base; an existing one of that name is
 * returned as it is (conditions shared by several panels are declared by each). NULL if out of
 * memory or the name is too long (raised). */
cc_cond *cc_grid_add(cc_grid *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The condition of that name, or NULL. */
const cc_cond *cc_grid_find(const cc_grid *g, const char *name);

/* A value of the driver's own in the condition's configuration ("noise.sigma" = 0.5). */
void cc_cond_set(cc_cond *c, const char *key, double v);
/* Its value; NAN if the condition has none. */
double cc_cond_get(const cc_cond *c, const char *key);

/* The condition's model configuration, protocol (cc_expt_config, cc_expt_protocol). */
cc_config cc_cond_config(const cc_cond *c);
cc_protocol cc_cond_protocol(const cc_cond *c);

/* ------------------------------------------------------------------ inside a unit */

/* A unit's condition, seed index and seed (ctx->cond, ctx->seed_index, ctx->seed in cc_run_ctx). */

/* A trained model of the unit's condition, with its learning curve. */
typedef struct {
    cc_config cfg;
    cc_protocol pr;
    cc_task task;
    cc_model *m;
    cc_curve *curve;
    unsigned long seed;
} cc_trained;

/* Allocate the model of ctx->cond with ctx->seed, train it (progress line, seed in the record) and
 * write units/<unit>.curve.tsv. GSL status; t is filled as far as it got (free it either way). */
int cc_grid_train(const cc_run_ctx *ctx, cc_trained *t);
void cc_trained_free(cc_trained *t);

/* Train m further on `task` for `epochs` epochs, the condition's protocol otherwise, keeping the
 * last weights (no checkpoint reloaded), on the trials of stream CC_STREAM_USER + k of the unit's
 * seed (k = 1, 2, ...: a stream of its own per block); the curve goes to `curve` (epochs). */
int cc_grid_train_more(const cc_run_ctx *ctx, cc_model *m, const cc_task *task, int epochs, unsigned k, cc_curve *curve);

/* ------------------------------------------------------------------ in the merge */

/* One number of every seed of a condition. ci95 is the half-width of the two-sided 95 % interval
 * of the mean, t_{0.975, n-1} SEM (NAN for n < 2). */
typedef struct {
    int n;
    double mean, sem, ci95;
    double v[CC_GRID_MAX_SEEDS];
} cc_seedstat;

/* The value in column col, row `row` of units/<unit>.<file>.tsv of every seed of condition
 * `cond`, with their statistics. GSL status (raised): unknown condition, missing file or column,
 * a file of other parameters. */
int cc_grid_stat(const cc_run_ctx *ctx, const char *cond, const char *file, int row, const char *col,
                 cc_seedstat *out);

/* Mean and SEM only, into *mean and *sem. */
int cc_grid_mean_sem(const cc_run_ctx *ctx, const char *cond, const char *file, int row, const char *col,
                     double *mean, double *sem);

/* The unit id of seed index i of condition `cond` (a pointer into ctx->units), or NULL. */
const char *cc_grid_unit(const cc_run_ctx *ctx, const char *cond, int i);

/* ------------------------------------------------------------------ used by cc_driver */

/* Build the grid of exp (its grid callback), from the current parameter values. */
int cc_grid_build(cc_grid *g, const cc_experiment *exp, const cc_run_ctx *ctx);
void cc_grid_free(cc_grid *g);

/* The unit list of the grid, in order; for unit i, its condition and seed index. */
int cc_grid_units(const cc_grid *g, cc_unit_list *out);
int cc_grid_locate(const cc_grid *g, int unit, int *cond, int *seed_index);

/* The cross-key rules and memory of every condition (cc_expt_check); GSL_EINVAL with err. */
int cc_grid_check(const cc_grid *g, char *err, size_t n);

/* The resolved configuration of one unit as a CC_SPEC_END-terminated table (malloc'd: free it;
 * NULL if out of memory, raised); for unit -1 of a driver without a grid, its unit keys. The
 * table's pointers are into g and *seed_store (which must outlive it) and into the driver's
 * parameters. */
cc_spec *cc_grid_unit_specs(const cc_grid *g, const cc_experiment *exp, int unit, int *seed_store);

/* 1 if key is an analysis key of exp (claims.*, verify.*, analysis.*, exp->analysis_keys). */
int cc_grid_is_analysis_key(const cc_experiment *exp, const char *key);

/* ------------------------------------------------------------------ training a unit in two steps */

/* cc_grid_train in two steps, for a unit that changes its model before training (noise on the
 * cerebellar output, silenced units): cc_grid_model allocates the model of ctx->cond with
 * ctx->seed, untrained; cc_grid_fit trains it (progress line, seed in the record) and writes
 * units/<unit>.curve.tsv. GSL status; free t with cc_trained_free either way. */
int cc_grid_model(const cc_run_ctx *ctx, cc_trained *t);
int cc_grid_fit(const cc_run_ctx *ctx, cc_trained *t);

#endif
