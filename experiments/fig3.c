/* fig3.c: Fig. 3, task switching with task-specific parallel-fibre sets.
 *
 * Task 1 draws the six straight lines, task 2 the six semicircular arcs with the same cues.
 * Every unit is one seed: it trains the cerebellar model on task 1 (best checkpoint kept),
 * then starts each protocol below from that same trained state (weights and optimiser):
 *   switch    a second cerebellum, a copy of the untrained one stored before task 1, takes
 *             over and learns task 2; then the first set is switched back in, no training.
 *             Run with the readout plastic during task 2 (the authors' code) and frozen.
 *   overlap   the same with parallel-fibre overlap p at both switches (cc_switch.h)
 *   control   one shared set: the task-1 cerebellum goes on learning task 2
 *   repeat    A, B, A, B, ... blocks after task 1, with and without overlap
 * The merge averages the seeds into the panels:
 *   a  test MSE: task 1, task 2, task 1 after the switch back, each task with the other's set
 *   b  trajectories of the three cases (first seed), targets dotted
 *   c  task-2 and task-1 MSE against the overlap p
 *   d  shared-set control against separate sets
 *   e  validation MSE through repeated switching, and the error at each switch
 * and checks the claims of the figure (claims.tsv).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cc_expt.h"
#include "cc_rng.h"
#include "cc_switch.h"

enum { MAX_OVERLAPS = 16, MAX_CYCLES = 50 };

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int epochs2, readout_plastic, cycles, cycle_epochs;
    double overlaps[MAX_OVERLAPS], repeat_overlap;
    int n_overlaps;
    double acquired_frac, back_factor, control_factor;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .epochs2 = 10,
       .readout_plastic = 1,
       .cycles = 4,
       .cycle_epochs = 10,
       .overlaps = {0, 0.25, 0.5, 0.75, 1},
       .n_overlaps = 5,
       .repeat_overlap = 0.5,
       .acquired_frac = 0.1,
       .back_factor = 2,
       .control_factor = 3};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_INT("switch.epochs", &P.epochs2, 1, 100000, "epochs of task 2 on the second parallel-fibre set"),
    CC_SPEC_BOOL("switch.readout_plastic", &P.readout_plastic, "the readout learns during task 2 (the frozen variant is run as well)"),
    CC_SPEC_LIST_DOUBLE("switch.overlaps", P.overlaps, &P.n_overlaps, 0, 1, "panel c: parallel-fibre overlaps p"),
    CC_SPEC_INT("repeat.cycles", &P.cycles, 1, MAX_CYCLES, "panel e: cycles B, A after task 1"),
    CC_SPEC_INT("repeat.epochs", &P.cycle_epochs, 1, 100000, "panel e: epochs of each block"),
    CC_SPEC_DOUBLE("repeat.overlap", &P.repeat_overlap, 0, 1, "panel e: the overlap of the second run (the first has none)"),
    CC_SPEC_DOUBLE("claims.acquired_frac", &P.acquired_frac, 0, 1, "claim 1: task-2 MSE at most this fraction of the zero-output MSE of arcs"),
    CC_SPEC_DOUBLE("claims.back_factor", &P.back_factor, 1, 1000, "claim 2: task-1 MSE after the switch back at most this times the baseline"),
    CC_SPEC_DOUBLE("claims.control_factor", &P.control_factor, 1, 1000, "claim 3: shared-set task-1 MSE at least this times the baseline"),
    CC_SPEC_END};

/* ---------------------------------------------------------------- one unit */

typedef struct {
    const cc_run_ctx *ctx;
    cc_task task[2];        /* task 1 straight lines, task 2 arcs */
    cc_config cfg;
    unsigned long seed;
    const cc_model *base;   /* trained on task 1 */
} run;

/* Trials of block k: the run seed for task 1 (k = 0), an independent stream per later block. */
static unsigned long block_seed(unsigned long seed, int k)
{
    return k == 0 ? seed : cc_rng_seed(seed, CC_STREAM_USER + (unsigned)k);
}

/* Test MSE of task `task` (0/1) on the 1000 test trials of the run seed (the same trials at
 * every call); z, if not NULL, receives the outputs (T, B, 2) and b the batch. */
static int test_mse(const run *r, cc_model *m, int task, double *mse, double **z, cc_batch **b)
{
    cc_stats st;
    cc_batch *keep = NULL;
    int s = cc_test(m, &r->task[task], P.train.n_test, r->seed, &st, &keep);
    if (s) return s;
    *mse = st.mse;
    if (z) {
        const size_t n = (size_t)keep->T * keep->B * 2;
        if (!(*z = malloc(n * sizeof(double)))) s = GSL_ENOMEM;
        else memcpy(*z, m->ws.z, n * sizeof(double));
    }
    if (b && !s) *b = keep;
    else cc_batch_free(keep);
    return s;
}

/* Train the active set of m on `task` for `epochs` epochs with the trials of block k; the
 * last weights are kept (the authors' script reloads no checkpoint after task 2). */
static int train_block(const run *r, cc_model *m, int task, int epochs, int k, cc_curve *curve)
{
    cc_train_keys tk = P.train;
    tk.epochs = epochs;
    tk.keep_best = 0;
    cc_protocol pr = cc_expt_protocol(&tk, &r->task[task]);
    return cc_expt_train(m, &r->task[task], &pr, block_seed(r->seed, k), curve, r->ctx);
}

/* A model in the trained task-1 state with the untrained cerebellum stored beside it. */
static int start(const run *r, cc_model **m, cc_cereb_set **set)
{
    *m = cc_model_alloc(&r->cfg, r->seed); /* the same initial weights as the trained model */
    *set = *m ? cc_cereb_set_alloc(*m) : NULL;
    if (!*set) return GSL_ENOMEM;
    return cc_model_copy_state(*m, r->base);
}

/* Results of one switch protocol: task 2 after its training, task 1 with set 2, task 1 after
 * the switch back, task 2 with set 1. */
typedef struct {
    double t2, t1_set2, t1_back, t2_set1;
    double *z_t2, *z_back; /* outputs of the test trials, when asked */
    cc_batch *b_t2;        /* the task-2 test trials, when asked */
} switch_result;

static int switch_protocol(const run *r, double p, int readout_plastic, switch_result *out, int keep_z)
{
    cc_model *m = NULL;
    cc_cereb_set *set = NULL;
    cc_curve *curve = cc_curve_alloc(P.epochs2);
    int s = curve ? start(r, &m, &set) : GSL_ENOMEM;
    if (!s && !readout_plastic) m->trainable[CC_W_RO] = m->trainable[CC_B_RO] = 0;
    if (!s) s = cc_model_switch_cerebellum(m, set, p);
    if (!s) s = train_block(r, m, 1, P.epochs2, 1, curve);
    if (!s) s = test_mse(r, m, 1, &out->t2, keep_z ? &out->z_t2 : NULL, keep_z ? &out->b_t2 : NULL);
    if (!s) s = test_mse(r, m, 0, &out->t1_set2, NULL, NULL);
    if (!s) s = cc_model_switch_cerebellum(m, set, p);
    if (!s) s = test_mse(r, m, 0, &out->t1_back, keep_z ? &out->z_back : NULL, NULL);
    if (!s) s = test_mse(r, m, 1, &out->t2_set1, NULL, NULL);
    cc_curve_free(curve);
    cc_cereb_set_free(set);
    cc_model_free(m);
    return s;
}

/* Control: the task-1 cerebellum goes on learning task 2 (one shared set). */
static int control_protocol(const run *r, double *t2, double *t1)
{
    cc_model *m = cc_model_alloc(&r->cfg, r->seed);
    cc_curve *curve = cc_curve_alloc(P.epochs2);
    int s = m && curve ? cc_model_copy_state(m, r->base) : GSL_ENOMEM;
    if (!s) s = train_block(r, m, 1, P.epochs2, 1, curve);
    if (!s) s = test_mse(r, m, 1, t2, NULL, NULL);
    if (!s) s = test_mse(r, m, 0, t1, NULL, NULL);
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

/* Repeated switching with overlap p: blocks k = 1..2 cycles train task 2, 1, 2, 1, ...
 * sw (2 cycles, 4): the task (1 or 2), its test MSE at the end of its previous block (NaN
 * before its first), right after the switch, and at the end of the block. val: validation
 * MSE of each block's epochs 0..E (epoch 0 right after the switch). */
static int repeat_protocol(const run *r, double p, double *sw, double *val, double t1_base)
{
    cc_model *m = NULL;
    cc_cereb_set *set = NULL;
    cc_curve *curve = cc_curve_alloc(P.cycle_epochs);
    int s = curve ? start(r, &m, &set) : GSL_ENOMEM;
    if (!s && !P.readout_plastic) m->trainable[CC_W_RO] = m->trainable[CC_B_RO] = 0;
    double last[2] = {t1_base, NAN};
    for (int k = 1; !s && k <= 2 * P.cycles; k++) {
        const int task = k % 2; /* 1 (arcs) on odd blocks */
        double *row = sw + (long)(k - 1) * 4;
        row[0] = task + 1;
        row[1] = last[task];
        s = cc_model_switch_cerebellum(m, set, p);
        if (!s) s = test_mse(r, m, task, &row[2], NULL, NULL);
        if (!s) s = train_block(r, m, task, P.cycle_epochs, k, curve);
        if (!s) s = test_mse(r, m, task, &row[3], NULL, NULL);
        if (!s) {
            last[task] = row[3];
            memcpy(val + (long)(k - 1) * (P.cycle_epochs + 1), curve->val_metric, (P.cycle_epochs + 1) * sizeof(double));
        }
    }
    cc_curve_free(curve);
    cc_cereb_set_free(set);
    cc_model_free(m);
    return s;
}

/* units/<unit>.<name>.tsv with nrow rows of the columns `cols`. */
static int write_rows(const cc_run_ctx *ctx, const char *name, const char *title, const char *cols, int nrow,
                      int ncol, const double *v)
{
    cc_tsv t;
    cc_tsv_head h = {.title = title, .columns = cols, .units = "MSE per element of the 1000 test trials", .runs = ctx->unit};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.%s.tsv", ctx->unit, name);
    for (int i = 0; !s && i < nrow; i++) s = cc_tsv_row(&t, v + (long)i * ncol);
    if (s) {
        cc_tsv_abort(&t);
        return s;
    }
    return cc_tsv_commit(&t);
}

/* First test trial of each cue for the three cases: task 1, task 2, task 1 after the switch back. */
static int write_traj(const cc_run_ctx *ctx, cc_batch *const b[3], double *const z[3])
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 3b: readout of the first test trial of each cue (case 0 task 1, 1 task 2, 2 task 1 after the switch back)",
                     .columns = "case cond t target_x target_y x y",
                     .runs = ctx->unit};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.traj.tsv", ctx->unit);
    for (int c = 0; !s && c < 3; c++)
        for (int k = 0; !s && k < 6; k++) {
            int bb = 0;
            while (bb < b[c]->B && b[c]->cond[bb] != k) bb++;
            for (int tt = 0; !s && bb < b[c]->B && tt < b[c]->T; tt++) {
                long i = ((long)tt * b[c]->B + bb) * 2;
                double row[7] = {c, k, tt, b[c]->y[i], b[c]->y[i + 1], z[c][i], z[c][i + 1]};
                s = cc_tsv_row(&t, row);
            }
        }
    if (s) {
        cc_tsv_abort(&t);
        return s;
    }
    return cc_tsv_commit(&t);
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    run r = {.ctx = ctx, .seed = (unsigned long)(P.train.seed0 + ctx->unit_index)};
    r.task[0] = r.task[1] = cc_task_defaults(CC_TASK_LINEDRAW);
    r.task[0].arc = 0.0;
    r.task[1].arc = 1.0;
    r.cfg = cc_expt_config(&P.model, &r.task[0], CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    cc_protocol pr = cc_expt_protocol(&P.train, &r.task[0]);
    cc_model *m = cc_model_alloc(&r.cfg, r.seed);
    cc_curve *curve = cc_curve_alloc(pr.epochs);
    const int nsw = 2 * P.cycles, nval = nsw * (P.cycle_epochs + 1);
    double *sw = calloc((size_t)2 * nsw * 4, sizeof(double)), *val = calloc((size_t)2 * nval, sizeof(double));
    double *ov = calloc((size_t)P.n_overlaps * 3, sizeof(double));
    switch_result main = {0}, frozen = {0};
    double *z1 = NULL;
    cc_batch *b1 = NULL;
    int s = m && curve && sw && val && ov ? GSL_SUCCESS : GSL_ENOMEM;
    /* task 1, best checkpoint of epochs 1..E */
    if (!s) s = cc_expt_train(m, &r.task[0], &pr, r.seed, curve, ctx);
    if (!s) s = cc_expt_write_curve(ctx, curve, "val_metric: validation MSE per element of task 1 (straight lines)");
    r.base = m;
    double t1 = NAN, c2 = NAN, c1 = NAN;
    if (!s) s = test_mse(&r, m, 0, &t1, &z1, &b1);
    if (!s) s = switch_protocol(&r, 0.0, P.readout_plastic, &main, 1);
    if (!s) s = switch_protocol(&r, 0.0, !P.readout_plastic, &frozen, 0);
    for (int i = 0; !s && i < P.n_overlaps; i++) {
        switch_result o = {0};
        s = P.overlaps[i] == 0.0 ? (o = main, GSL_SUCCESS) : switch_protocol(&r, P.overlaps[i], P.readout_plastic, &o, 0);
        ov[3 * i] = P.overlaps[i];
        ov[3 * i + 1] = o.t2;
        ov[3 * i + 2] = o.t1_back;
    }
    if (!s) s = control_protocol(&r, &c2, &c1);
    const double rep_p[2] = {0.0, P.repeat_overlap};
    for (int v = 0; !s && v < 2; v++) s = repeat_protocol(&r, rep_p[v], sw + (long)v * nsw * 4, val + (long)v * nval, t1);
    /* outputs; task 1 is tested on the same trials before and after the switch (same seed) */
    if (!s) {
        cc_batch *const bs[3] = {b1, main.b_t2, b1};
        double *const zs[3] = {z1, main.z_t2, main.z_back};
        s = write_traj(ctx, bs, zs);
    }
    if (!s) {
        double row[14] = {t1, main.t2, main.t1_back, main.t1_set2, main.t2_set1, frozen.t2, frozen.t1_back,
                          frozen.t1_set2, frozen.t2_set1, c2, c1, curve->best_epoch, P.readout_plastic, 0};
        s = write_rows(ctx, "test", "test MSE of every protocol (readout: as switch.readout_plastic, then the other setting)",
                       "t1 t2 t1_back t1_set2 t2_set1 alt_t2 alt_t1_back alt_t1_set2 alt_t2_set1 shared_t2 shared_t1 best_epoch readout_plastic unused",
                       1, 14, row);
    }
    if (!s) s = write_rows(ctx, "overlap", "Fig. 3c: test MSE after task 2 and after the switch back, per overlap p", "p t2 t1_back", P.n_overlaps, 3, ov);
    if (!s) {
        double *rows = malloc((size_t)2 * nsw * 6 * sizeof(double));
        if (!rows) s = GSL_ENOMEM;
        for (int v = 0; !s && v < 2; v++)
            for (int k = 0; k < nsw; k++) {
                const double *x = sw + ((long)v * nsw + k) * 4;
                double *o = rows + ((long)v * nsw + k) * 6;
                o[0] = rep_p[v]; o[1] = k + 1; o[2] = x[0]; o[3] = x[1]; o[4] = x[2]; o[5] = x[3];
            }
        if (!s) s = write_rows(ctx, "repeat", "Fig. 3e: at each switch k, the incoming task, its MSE at the end of its previous block (nan before the first), right after the switch, at the end of the block",
                               "p switch task pre at end", 2 * nsw, 6, rows);
        free(rows);
    }
    if (!s) {
        const int n = pr.epochs + 1 + nval;
        double *rows = malloc((size_t)n * 4 * sizeof(double));
        if (!rows) s = GSL_ENOMEM;
        for (int e = 0; !s && e <= pr.epochs; e++) {
            double o[4] = {e, 1, curve->val_metric[e], curve->val_metric[e]};
            memcpy(rows + 4L * e, o, sizeof o);
        }
        for (int k = 0; !s && k < nsw; k++)
            for (int e = 0; e <= P.cycle_epochs; e++) {
                const long j = (long)k * (P.cycle_epochs + 1) + e;
                double o[4] = {pr.epochs + k * P.cycle_epochs + e, (k % 2 == 0) ? 2 : 1, val[j], val[nval + j]};
                memcpy(rows + 4L * (pr.epochs + 1 + j), o, sizeof o);
            }
        if (!s) s = write_rows(ctx, "repeat_curve", "Fig. 3e: validation MSE of the active task through task 1 and the repeated blocks (two rows at each switch: before, after)",
                               "epoch task val val_overlap", n, 4, rows);
        free(rows);
    }
    if (!s) {
        cc_record_metric(ctx->rec, "test_mse_task1", t1);
        cc_record_metric(ctx->rec, "test_mse_task2", main.t2);
        cc_record_metric(ctx->rec, "test_mse_task1_back", main.t1_back);
        cc_record_metric(ctx->rec, "test_mse_shared_task1", c1);
        cc_record_metric(ctx->rec, "cpu_seconds", (double)clock() / CLOCKS_PER_SEC); /* core-seconds of the unit */
    }
    free(z1);
    free(main.z_t2);
    free(main.z_back);
    free(sw);
    free(val);
    free(ov);
    cc_batch_free(b1);
    cc_batch_free(main.b_t2);
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    for (int s = 0; s < P.train.seeds; s++)
        if (cc_unit_list_add(out, "seed%d", s)) return GSL_ENOMEM;
    return GSL_SUCCESS;
}

/* ---------------------------------------------------------------- merge */

/* Mean and SEM over seeds of column col, row `row` of units/<seed>.<file>.tsv. */
static int stat(const cc_run_ctx *ctx, const char *file, int row, const char *col, double *mean, double *sem)
{
    double v[1000];
    int s = cc_expt_collect(ctx, ctx->units->id, P.train.seeds, file, row, col, v);
    if (!s) cc_mean_sem(v, P.train.seeds, mean, sem);
    return s;
}

/* MSE of two outputs that ignore the cue (cues drawn uniformly) on the lines (arc 0) or arcs
 * (arc 1): zero, and the best such output, the mean target of each step over the six cues. */
static void chance_mse(double arc, double *zero, double *blind)
{
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    task.arc = arc;
    double y[6][2 * 200], z = 0.0, c = 0.0;
    *zero = *blind = NAN;
    if (task.T > 200) return;
    for (int k = 0; k < 6; k++) cc_task_template(y[k], &task, k);
    for (int i = 0; i < 2 * task.T; i++) {
        double m = 0.0;
        for (int k = 0; k < 6; k++) m += y[k][i] / 6.0;
        for (int k = 0; k < 6; k++) {
            z += y[k][i] * y[k][i];
            c += (y[k][i] - m) * (y[k][i] - m);
        }
    }
    *zero = z / (6.0 * 2 * task.T);
    *blind = c / (6.0 * 2 * task.T);
}

static int table_open(const cc_run_ctx *ctx, cc_tsv *t, const char *file, const char *title, const char *cols,
                      const char *units, const char *runs)
{
    cc_tsv_head h = {.title = title, .columns = cols, .units = units, .runs = runs};
    return cc_ctx_tsv_open(ctx, t, &h, "%s", file);
}

static int table_end(cc_tsv *t, int s)
{
    if (s) {
        cc_tsv_abort(t);
        return s;
    }
    return cc_tsv_commit(t);
}

/* A labelled bar table: index label then n pairs (mean, sem) per row. */
static int bars(const cc_run_ctx *ctx, const char *file, const char *title, const char *cols, const char *runs,
                int nrow, const char *const *labels, int npair, const double *v)
{
    cc_tsv t;
    int s = table_open(ctx, &t, file, title, cols, "test MSE per element, 1000 trials, mean and SEM over seeds", runs);
    for (int i = 0; !s && i < nrow; i++) {
        s = cc_tsv_int(&t, i);
        if (!s) s = cc_tsv_str(&t, labels[i]);
        for (int j = 0; !s && j < 2 * npair; j++) s = cc_tsv_num(&t, v[(long)i * 2 * npair + j]);
    }
    return table_end(&t, s);
}

static int merge(const cc_run_ctx *ctx)
{
    char runs[256];
    snprintf(runs, sizeof runs, "units/seed0..seed%d, seeds %d..%d", P.train.seeds - 1, P.train.seed0,
             P.train.seed0 + P.train.seeds - 1);
    const char *plastic_col[5] = {"t1", "t2", "t1_back", "t1_set2", "t2_set1"};
    const char *alt_col[5] = {"t1", "alt_t2", "alt_t1_back", "alt_t1_set2", "alt_t2_set1"};
    double a[5][4];
    int s = 0;
    /* a: columns plastic readout (the authors'), frozen readout */
    const int rp = P.readout_plastic;
    for (int i = 0; !s && i < 5; i++) {
        s = stat(ctx, "test", 0, rp ? plastic_col[i] : alt_col[i], &a[i][0], &a[i][1]);
        if (!s) s = stat(ctx, "test", 0, rp ? alt_col[i] : plastic_col[i], &a[i][2], &a[i][3]);
    }
    const char *lab_a[5] = {"task1", "task2", "task1_back", "task1_set2", "task2_set1"};
    if (!s) s = bars(ctx, "fig3a_bars.tsv", "Fig. 3a: test MSE of task 1 after its training, task 2 after its training on set 2, task 1 after the switch back, and each task with the other task's set",
                     "index label plastic plastic_sem frozen frozen_sem", runs, 5, lab_a, 2, &a[0][0]);
    /* b: trajectories of the first seed */
    if (!s) {
        cc_table tb = {0};
        s = cc_ctx_table_read(ctx, &tb, "units/%s.traj.tsv", ctx->units->id[0]);
        cc_tsv t;
        if (!s) s = table_open(ctx, &t, "fig3b_traj.tsv", "Fig. 3b: first test trial of each cue: case 0 task 1, 1 task 2, 2 task 1 after the switch back (first seed)",
                               "case cond t target_x target_y x y", NULL, "units/seed0");
        for (int i = 0; !s && i < tb.nrow; i++) s = cc_tsv_row(&t, tb.v + (long)i * tb.ncol);
        if (tb.v) s = table_end(&t, s);
        cc_table_free(&tb);
    }
    /* c: overlap sweep */
    double c[MAX_OVERLAPS][4];
    if (!s) {
        cc_tsv t;
        s = table_open(ctx, &t, "fig3c_overlap.tsv", "Fig. 3c: test MSE of task 2 after its training and of task 1 after the switch back, per parallel-fibre overlap p",
                       "p t2 t2_sem t1_back t1_back_sem", "test MSE per element, mean and SEM over seeds", runs);
        for (int i = 0; !s && i < P.n_overlaps; i++) {
            s = stat(ctx, "overlap", i, "t2", &c[i][0], &c[i][1]);
            if (!s) s = stat(ctx, "overlap", i, "t1_back", &c[i][2], &c[i][3]);
            double row[5] = {P.overlaps[i], c[i][0], c[i][1], c[i][2], c[i][3]};
            if (!s) s = cc_tsv_row(&t, row);
        }
        s = table_end(&t, s);
    }
    /* d: shared-set control */
    double d[4][2];
    if (!s) s = stat(ctx, "test", 0, "shared_t2", &d[2][0], &d[2][1]);
    if (!s) s = stat(ctx, "test", 0, "shared_t1", &d[3][0], &d[3][1]);
    if (!s) {
        d[0][0] = a[1][0], d[0][1] = a[1][1]; /* separate sets, the authors' readout setting */
        d[1][0] = a[2][0], d[1][1] = a[2][1];
        const char *lab_d[4] = {"task2_separate", "task1_separate", "task2_shared", "task1_shared"};
        s = bars(ctx, "fig3d_control.tsv", "Fig. 3d: separate parallel-fibre sets against one shared set retrained on task 2: task 2 after its training, then task 1",
                 "index label mean sem", runs, 4, lab_d, 1, &d[0][0]);
    }
    /* e: repeated switching */
    const int nsw = 2 * P.cycles;
    double ecost[2][MAX_CYCLES * 2][2], eat[2][MAX_CYCLES * 2][2];
    if (!s) {
        cc_tsv t;
        s = table_open(ctx, &t, "fig3e_curve.tsv", "Fig. 3e: validation MSE of the active task through task 1 and the repeated blocks, without and with overlap",
                       "epoch task val val_sem val_overlap val_overlap_sem", "validation MSE per element, 200 trials, mean and SEM over seeds", runs);
        const int n = P.train.epochs + 1 + nsw * (P.cycle_epochs + 1);
        for (int i = 0; !s && i < n; i++) {
            double row[6];
            double dummy;
            s = stat(ctx, "repeat_curve", i, "epoch", &row[0], &dummy);
            if (!s) s = stat(ctx, "repeat_curve", i, "task", &row[1], &dummy);
            if (!s) s = stat(ctx, "repeat_curve", i, "val", &row[2], &row[3]);
            if (!s) s = stat(ctx, "repeat_curve", i, "val_overlap", &row[4], &row[5]);
            if (!s) s = cc_tsv_row(&t, row);
        }
        s = table_end(&t, s);
    }
    if (!s) {
        cc_tsv t;
        s = table_open(ctx, &t, "fig3e_switch.tsv", "Fig. 3e: at each switch k, the incoming task's test MSE at the end of its previous block (pre), right after the switch (at), after its block (end); cost = at - pre",
                       "switch task pre pre_sem at at_sem end end_sem cost cost_sem o_pre o_pre_sem o_at o_at_sem o_end o_end_sem o_cost o_cost_sem",
                       "test MSE per element, mean and SEM over seeds; o_: with overlap repeat.overlap", runs);
        for (int k = 0; !s && k < nsw; k++) {
            double row[18], dummy, task;
            row[0] = k + 1;
            s = stat(ctx, "repeat", k, "task", &task, &dummy);
            row[1] = task;
            for (int v = 0; !s && v < 2; v++) {
                const int r0 = v * nsw + k;
                double *o = row + 2 + 8 * v;
                s = stat(ctx, "repeat", r0, "pre", &o[0], &o[1]);
                if (!s) s = stat(ctx, "repeat", r0, "at", &o[2], &o[3]);
                if (!s) s = stat(ctx, "repeat", r0, "end", &o[4], &o[5]);
                double x[1000], y[1000];
                if (!s) s = cc_expt_collect(ctx, ctx->units->id, P.train.seeds, "repeat", r0, "at", x);
                if (!s) s = cc_expt_collect(ctx, ctx->units->id, P.train.seeds, "repeat", r0, "pre", y);
                for (int i = 0; !s && i < P.train.seeds; i++) x[i] -= y[i];
                if (!s) cc_mean_sem(x, P.train.seeds, &o[6], &o[7]);
                ecost[v][k][0] = o[6];
                ecost[v][k][1] = o[7];
                eat[v][k][0] = o[2];
                eat[v][k][1] = o[3];
            }
            if (!s) s = cc_tsv_row(&t, row);
        }
        s = table_end(&t, s);
    }
    if (s) return s;
    /* summary */
    double z_lines, z_arcs, blind_lines, blind_arcs;
    chance_mse(0.0, &z_lines, &blind_lines);
    chance_mse(1.0, &z_arcs, &blind_arcs);
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. 3: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds");
    cc_summary_add(&sm, "epochs_task1", P.train.epochs, "epochs of task 1 (best checkpoint kept)");
    cc_summary_add(&sm, "epochs_task2", P.epochs2, "epochs of task 2 (last weights kept)");
    cc_summary_add(&sm, "zero_mse_lines", z_lines, "MSE of a zero output on the straight lines");
    cc_summary_add(&sm, "zero_mse_arcs", z_arcs, "MSE of a zero output on the arcs");
    cc_summary_add(&sm, "cueblind_mse_lines", blind_lines, "MSE of the best output that ignores the cue (mean line at each step)");
    cc_summary_add(&sm, "cueblind_mse_arcs", blind_arcs, "MSE of the best output that ignores the cue (mean arc at each step)");
    const char *key_a[5] = {"task1", "task2", "task1_back", "task1_set2", "task2_set1"};
    const char *doc_a[5] = {"task 1 after its training", "task 2 after its training on set 2",
                            "task 1 after the switch back", "task 1 with set 2", "task 2 with set 1"};
    char key[64], doc[160];
    for (int i = 0; i < 5; i++) {
        snprintf(key, sizeof key, "mse_%s", key_a[i]);
        snprintf(doc, sizeof doc, "test MSE, %s, readout plastic during task 2", doc_a[i]);
        cc_summary_add(&sm, key, a[i][0], doc);
        snprintf(key, sizeof key, "sem_%s", key_a[i]);
        cc_summary_add(&sm, key, a[i][1], "its SEM over seeds");
        if (i == 0) continue;
        snprintf(key, sizeof key, "frozen_%s", key_a[i]);
        snprintf(doc, sizeof doc, "test MSE, %s, readout frozen during task 2", doc_a[i]);
        cc_summary_add(&sm, key, a[i][2], doc);
        snprintf(key, sizeof key, "frozen_sem_%s", key_a[i]);
        cc_summary_add(&sm, key, a[i][3], "its SEM over seeds");
    }
    cc_summary_add(&sm, "ratio_back_base", a[2][0] / a[0][0], "task-1 MSE after the switch back / baseline");
    cc_summary_add(&sm, "frac_task2_zero", a[1][0] / z_arcs, "task-2 MSE / zero-output MSE of arcs");
    cc_summary_add(&sm, "shared_task2", d[2][0], "test MSE of task 2, one shared set retrained on it");
    cc_summary_add(&sm, "shared_task1", d[3][0], "test MSE of task 1 after the shared set learnt task 2");
    cc_summary_add(&sm, "ratio_shared_base", d[3][0] / a[0][0], "shared-set task-1 MSE / baseline");
    for (int i = 0; i < P.n_overlaps; i++) {
        const int pc = (int)lround(100 * P.overlaps[i]);
        snprintf(key, sizeof key, "overlap%d_task2", pc);
        snprintf(doc, sizeof doc, "test MSE of task 2 with overlap %g", P.overlaps[i]);
        cc_summary_add(&sm, key, c[i][0], doc);
        snprintf(key, sizeof key, "overlap%d_task1_back", pc);
        snprintf(doc, sizeof doc, "test MSE of task 1 after the switch back with overlap %g", P.overlaps[i]);
        cc_summary_add(&sm, key, c[i][2], doc);
    }
    cc_summary_add(&sm, "repeat_cycles", P.cycles, "cycles of repeated switching (one block of each task)");
    cc_summary_add(&sm, "repeat_epochs", P.cycle_epochs, "epochs per block of repeated switching");
    cc_summary_add(&sm, "repeat_overlap", P.repeat_overlap, "overlap of the second repeated-switching run");
    for (int v = 0; v < 2; v++) {
        const char *pre = v ? "repeat_o" : "repeat";
        /* returns to task 1 are switches 2, 4, ...; to task 2 (after its first) 3, 5, ... */
        for (int k = 1; k < nsw; k++) {
            snprintf(key, sizeof key, "%s_cost%d", pre, k + 1);
            snprintf(doc, sizeof doc, "switch %d (to task %d)%s: test MSE right after the switch minus at the end of the task's previous block",
                     k + 1, k % 2 ? 1 : 2, v ? " with overlap" : "");
            cc_summary_add(&sm, key, ecost[v][k][0], doc);
            snprintf(key, sizeof key, "%s_at%d", pre, k + 1);
            cc_summary_add(&sm, key, eat[v][k][0], "test MSE right after that switch");
        }
        snprintf(key, sizeof key, "%s_cost_ratio_task1", pre);
        cc_summary_add(&sm, key, ecost[v][nsw - 1][0] / ecost[v][1][0], "switch cost of the last return to task 1 / of the first");
        if (nsw >= 4) {
            snprintf(key, sizeof key, "%s_cost_ratio_task2", pre);
            cc_summary_add(&sm, key, ecost[v][nsw - 2][0] / ecost[v][2][0], "switch cost of the last return to task 2 / of the first");
        }
    }
    if ((s = cc_summary_commit(&sm))) return s;
    /* claims */
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 3 claims, from the test MSE means over seeds"))) return s;
    char crit[160];
    snprintf(crit, sizeof crit, "task-2 MSE <= %g x zero-output MSE of arcs", P.acquired_frac);
    char stmt[160];
    snprintf(stmt, sizeof stmt, "Task 2 (arcs) is acquired by a second parallel-fibre set within its %d epochs", P.epochs2);
    cc_claims_add(&cl, "fig3.acquisition", stmt, crit, a[1][0] <= P.acquired_frac * z_arcs, "task-2 MSE %.4f after %d epochs; zero output %.4f; fraction %.3f",
                  a[1][0], P.epochs2, z_arcs, a[1][0] / z_arcs);
    snprintf(crit, sizeof crit, "switched-back / baseline task-1 MSE <= %g", P.back_factor);
    cc_claims_add(&cl, "fig3.switch_back", "Switching back to the first parallel-fibre set restores task 1 with no retraining",
                  crit, a[2][0] / a[0][0] <= P.back_factor, "task-1 MSE %.4f after the switch back, %.4f baseline; ratio %.2f",
                  a[2][0], a[0][0], a[2][0] / a[0][0]);
    snprintf(crit, sizeof crit, "shared-set / baseline task-1 MSE >= %g", P.control_factor);
    cc_claims_add(&cl, "fig3.shared_control", "A single shared parallel-fibre set retrained on task 2 loses task 1",
                  crit, d[3][0] / a[0][0] >= P.control_factor, "task-1 MSE %.4f after the shared set learnt task 2, %.4f baseline; ratio %.1f",
                  d[3][0], a[0][0], d[3][0] / a[0][0]);
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.train.seeds > 1000) return snprintf(err, n, "run.seeds: at most 1000"), GSL_EINVAL;
    if (P.n_overlaps < 1) return snprintf(err, n, "switch.overlaps: at least one value"), GSL_EINVAL;
    if (P.train.epochs < 1) return snprintf(err, n, "train.epochs: task 1 needs at least one epoch"), GSL_EINVAL;
    const cc_task task = cc_task_defaults(CC_TASK_LINEDRAW); /* the shared cross-key rules (tau, sizes, memory) */
    return cc_expt_check(&P.model, &P.train, &task, CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, err, n);
}

static const cc_experiment EXPERIMENT = {
    .name = "fig3",
    .summary = "Fig. 3: task switching with task-specific parallel-fibre sets (overlap, shared-set control, repeated switching)",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
