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
 * and checks the claims of the figure (claims.tsv). One condition of the grid, named "" (units
 * seed0, seed1, ...): the protocol keys switch.* and repeat.* are part of every unit's configuration.
 */
#include "cc_figure.h"
#include "cc_switch.h"

enum { MAX_OVERLAPS = 16, MAX_CYCLES = 50 };

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int task2_epochs, readout_plastic, cycles, block_epochs;
    double overlaps[MAX_OVERLAPS], repeat_overlap;
    int n_overlaps;
    double acquired_frac, back_factor, control_factor;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .task2_epochs = 10, .readout_plastic = 1,
       .cycles = 4, .block_epochs = 10, .overlaps = {0, 0.25, 0.5, 0.75, 1}, .n_overlaps = 5, .repeat_overlap = 0.5,
       .acquired_frac = 0.1, .back_factor = 2, .control_factor = 3};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_INT("switch.epochs", &P.task2_epochs, 1, 100000, "epochs of task 2 on the second parallel-fibre set"),
    CC_SPEC_BOOL("switch.readout_plastic", &P.readout_plastic, "the readout learns during task 2 (the frozen variant is run as well)"),
    CC_SPEC_LIST_DOUBLE("switch.overlaps", P.overlaps, &P.n_overlaps, 0, 1, "panel c: parallel-fibre overlaps p"),
    CC_SPEC_INT("repeat.cycles", &P.cycles, 1, MAX_CYCLES, "panel e: cycles B, A after task 1"),
    CC_SPEC_INT("repeat.epochs", &P.block_epochs, 1, 100000, "panel e: epochs of each block"),
    CC_SPEC_DOUBLE("repeat.overlap", &P.repeat_overlap, 0, 1, "panel e: the overlap of the second run (the first has none)"),
    CC_SPEC_DOUBLE("claims.acquired_frac", &P.acquired_frac, 0, 1, "fig3.acquisition: task-2 MSE at most this fraction of the zero-output MSE of the arcs"),
    CC_SPEC_DOUBLE("claims.back_factor", &P.back_factor, 1, 1000, "fig3.switch_back: task-1 MSE after the switch back at most this times the baseline"),
    CC_SPEC_DOUBLE("claims.control_factor", &P.control_factor, 1, 1000, "fig3.shared_control: shared-set task-1 MSE at least this times the baseline"),
    CC_SPEC_END};

/* The one condition: the cerebellar model with a fixed cortex on task 1 (straight lines). */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    cc_cond *c = cc_grid_add(g, "%s", "");
    if (!c) return GSL_ENOMEM;
    c->task.arc = 0.0;
    return GSL_SUCCESS;
}

/* ---------------------------------------------------------------- one unit */

typedef struct {
    const cc_run_ctx *ctx;
    const cc_train_keys *train; /* the condition's protocol */
    cc_task task[2];            /* task 1 straight lines, task 2 arcs */
    cc_config cfg;
    unsigned long seed;
    const cc_model *base;       /* trained on task 1 */
    double t1;                  /* its test MSE of task 1 */
} run;

/* MSE per element of a zero output on the evaluation steps of b: sum y^2 / (B n_eval O), the
 * scale of the test MSE. */
static double zero_output_mse(const cc_batch *b)
{
    double sum = 0.0;
    long n = 0;
    for (int t = 0; t < b->T; t++) {
        if (!b->mask_eval[t]) continue;
        for (long i = (long)t * b->B * b->O; i < (long)(t + 1) * b->B * b->O; i++) sum += b->y[i] * b->y[i];
        n += (long)b->B * b->O;
    }
    return n ? sum / n : NAN;
}

/* Test MSE of task `task` (0/1) on the 1000 test trials of the run seed (the same trials at every
 * call); zero, if not NULL, receives the MSE of a zero output on those trials. traj, if not NULL:
 * the first trial of each cue goes there as case `traj_case` (panel b). */
static int test_mse(const run *r, cc_model *m, int task, double *mse, double *zero, cc_tsv *traj, int traj_case)
{
    cc_stats st;
    cc_batch *b = NULL;
    int s = cc_test(m, &r->task[task], r->train->n_test, r->seed, &st, traj || zero ? &b : NULL);
    *mse = s ? NAN : st.mse;
    if (zero) *zero = s ? NAN : zero_output_mse(b);
    const double lead = traj_case, *const z = m->ws.z;
    if (!s && traj) s = cc_panel_first_trials(traj, &lead, 1, b, &z, 1);
    cc_batch_free(b);
    return s;
}

/* A model in the trained task-1 state, its readout frozen unless readout_plastic, with the
 * untrained cerebellum stored beside it (cc_switch_start). */
static int start(const run *r, int readout_plastic, cc_model **m, cc_cereb_set **set)
{
    int s = cc_switch_start(r->base, &r->cfg, r->seed, m, set);
    if (!s && !readout_plastic) (*m)->trainable[CC_W_RO] = (*m)->trainable[CC_B_RO] = 0;
    return s;
}

/* Test MSE after one switch protocol: task 2 after its training, task 1 with set 2, task 1 after
 * the switch back, task 2 with set 1; and the MSE of a zero output on the task-2 test trials. */
typedef struct {
    double t2, t1_set2, t1_back, t2_set1, zero_t2;
} switch_result;

/* Task 2 on a second set with overlap p, then the switch back; traj (if not NULL) receives cases 1
 * (task 2) and 2 (task 1 after the switch back). With `shared`, the control: no switch, the task-1
 * set goes on learning task 2 (t1_set2 is task 1 after that). */
static int switch_protocol(const run *r, double p, int readout_plastic, int shared, switch_result *out, cc_tsv *traj)
{
    cc_model *m = NULL;
    cc_cereb_set *set = NULL;
    cc_curve *curve = cc_curve_alloc(P.task2_epochs);
    int s = curve ? start(r, readout_plastic, &m, &set) : GSL_ENOMEM;
    if (!s && !shared) s = cc_model_switch_cerebellum(m, set, p);
    if (!s) s = cc_grid_train_more(r->ctx, m, &r->task[1], P.task2_epochs, 1, curve); /* last weights kept, as the authors' script */
    if (!s) s = test_mse(r, m, 1, &out->t2, &out->zero_t2, traj, 1);
    if (!s) s = test_mse(r, m, 0, &out->t1_set2, NULL, NULL, 0);
    if (!s && !shared) s = cc_model_switch_cerebellum(m, set, p);
    if (!s && !shared) s = test_mse(r, m, 0, &out->t1_back, NULL, traj, 2);
    if (!s && !shared) s = test_mse(r, m, 1, &out->t2_set1, NULL, NULL, 0);
    cc_curve_free(curve);
    cc_cereb_set_free(set);
    cc_model_free(m);
    return s;
}

/* Repeated switching, run v with overlap p: blocks k = 1..2 cycles train task 2, 1, 2, 1, ...
 * rep (2 cycles, 10): the rows of units/<unit>.repeat.tsv: switch k, the incoming task (1 or 2), and
 * into columns 2 + 4 v..: its test MSE at the end of its previous block (NaN before its first), right
 * after the switch, at the end of the block, and the cost (right after - previous end). curve
 * (2 cycles (E + 1), 4): the blocks' rows of units/<unit>.repeat_curve.tsv, epoch 0 of each right
 * after its switch: epoch, task, and the validation MSE into column 2 + v. */
static int repeat_protocol(const run *r, int v, double p, double (*rep)[10], double *curve)
{
    cc_model *m = NULL;
    cc_cereb_set *set = NULL;
    cc_curve *block = cc_curve_alloc(P.block_epochs);
    int s = block ? start(r, P.readout_plastic, &m, &set) : GSL_ENOMEM;
    double last[2] = {r->t1, NAN};
    for (int k = 1; !s && k <= 2 * P.cycles; k++) {
        const int task = k % 2; /* 1 (arcs) on odd blocks */
        double *row = rep[k - 1], *o = row + 2 + 4 * v;
        row[0] = k, row[1] = task + 1, o[0] = last[task];
        s = cc_model_switch_cerebellum(m, set, p);
        if (!s) s = test_mse(r, m, task, &o[1], NULL, NULL, 0);
        if (!s) s = cc_grid_train_more(r->ctx, m, &r->task[task], P.block_epochs, (unsigned)k, block);
        if (!s) s = test_mse(r, m, task, &o[2], NULL, NULL, 0);
        last[task] = o[2], o[3] = o[1] - o[0];
        for (int e = 0; !s && e <= P.block_epochs; e++) {
            double *c = curve + 4L * ((k - 1) * (P.block_epochs + 1) + e);
            c[0] = r->train->epochs + (k - 1) * P.block_epochs + e, c[1] = task + 1, c[2 + v] = block->val_metric[e];
        }
    }
    cc_curve_free(block);
    cc_cereb_set_free(set);
    cc_model_free(m);
    return s;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr; /* task 1, best checkpoint of epochs 1..E */
    int s = cc_grid_train(ctx, &tr);
    run r = {.ctx = ctx, .train = &ctx->cond->train, .task = {tr.task, tr.task}, .cfg = tr.cfg, .seed = tr.seed, .base = tr.m};
    r.task[1].arc = 1.0;
    const int rp = P.readout_plastic, nsw = 2 * P.cycles, n_curve = tr.pr.epochs + 1 + nsw * (P.block_epochs + 1);
    double *rep_curve = malloc((size_t)4 * n_curve * sizeof(double)); /* units/<unit>.repeat_curve.tsv */
    double ov[MAX_OVERLAPS][3], rep[2 * MAX_CYCLES][10];           /* units/<unit>.overlap.tsv, .repeat.tsv */
    switch_result readout[2] = {{0}}, shared = {0}; /* task 2 with the readout [0] frozen, [1] plastic; one set */
    cc_tsv traj = {0}; /* panel b: case 0 task 1, 1 task 2, 2 task 1 after the switch back */
    const cc_tsv_head traj_head = {.title = "Fig. 3b: readout of the first test trial of each cue (case 0 task 1, 1 task 2, 2 task 1 after the switch back)",
                                   .columns = "case cond t target_x target_y x y", .runs = ctx->unit};
    if (!s && !rep_curve) s = GSL_ENOMEM;
    if (!s) s = cc_ctx_tsv_open(ctx, &traj, &traj_head, "units/%s.traj.tsv", ctx->unit);
    double zero[2] = {NAN, NAN}; /* units/<unit>.zero.tsv: a zero output on the lines, on the arcs */
    if (!s) s = test_mse(&r, tr.m, 0, &r.t1, &zero[0], &traj, 0); /* the same trials before and after the switch (same seed) */
    if (!s) s = switch_protocol(&r, 0.0, rp, 0, &readout[rp], &traj); /* as switch.readout_plastic: panels b, c, e */
    if (!s) s = switch_protocol(&r, 0.0, !rp, 0, &readout[!rp], NULL);
    s = cc_tsv_end(&traj, s);
    for (int i = 0; !s && i < P.n_overlaps; i++) {
        switch_result o = readout[rp];
        if (P.overlaps[i] != 0.0) s = switch_protocol(&r, P.overlaps[i], rp, 0, &o, NULL);
        ov[i][0] = P.overlaps[i], ov[i][1] = o.t2, ov[i][2] = o.t1_back;
    }
    if (!s) s = switch_protocol(&r, 0.0, 1, 1, &shared, NULL); /* the authors' control keeps the readout plastic */
    for (int e = 0; !s && e <= tr.pr.epochs; e++) { /* task 1 in the repeat curve: its own curve in both columns */
        const double row[4] = {e, 1, tr.curve->val_metric[e], tr.curve->val_metric[e]};
        memcpy(rep_curve + 4L * e, row, sizeof row);
    }
    for (int v = 0; !s && v < 2; v++)
        s = repeat_protocol(&r, v, v ? P.repeat_overlap : 0.0, rep, rep_curve + 4L * (tr.pr.epochs + 1));
    const switch_result *pl = &readout[1], *fr = &readout[0];
    const double bars[5][3] = {{0, r.t1, r.t1}, {1, pl->t2, fr->t2}, {2, pl->t1_back, fr->t1_back}, {3, pl->t1_set2, fr->t1_set2},
                               {4, pl->t2_set1, fr->t2_set1}};
    const double control[4][2] = {{0, pl->t2}, {1, pl->t1_back}, {2, shared.t2}, {3, shared.t1_set2}};
    const char *mse = "MSE per element of the 1000 test trials";
    if (!s) s = cc_panel_unit_rows(ctx, "bars", "Fig. 3a: task 1, task 2 after its training on set 2, task 1 after the switch back, each task with the other's set; readout plastic, frozen during task 2",
                                   mse, "index plastic frozen", 5, bars[0]);
    zero[1] = readout[rp].zero_t2;
    if (!s) s = cc_panel_unit_rows(ctx, "zero", "MSE of a zero output on this unit's test trials of each task (the reference of fig3.acquisition)",
                                   mse, "lines arcs", 1, zero);
    if (!s) s = cc_panel_unit_rows(ctx, "control", "Fig. 3d: task 2, task 1 after the switch back (separate sets, readout plastic); task 2, task 1 after one shared set learnt task 2",
                                   mse, "index mse", 4, control[0]);
    if (!s) s = cc_panel_unit_rows(ctx, "overlap", "Fig. 3c: test MSE after task 2 and after the switch back, per overlap p", mse, "p t2 t1_back", P.n_overlaps, ov[0]);
    if (!s) s = cc_panel_unit_rows(ctx, "repeat", "Fig. 3e: at each switch, the incoming task's MSE at the end of its previous block (nan before the first), right after the switch, at the end of the block, and the cost (at - pre); o_: with overlap repeat.overlap",
                                   mse, "switch task pre at end cost o_pre o_at o_end o_cost", nsw, rep[0]);
    if (!s) s = cc_panel_unit_rows(ctx, "repeat_curve", "Fig. 3e: validation MSE of the active task through task 1 and the repeated blocks (two rows at each switch: before, after)",
                                   mse, "epoch task val val_overlap", n_curve, rep_curve);
    if (!s) {
        cc_record_metric(ctx->rec, "test_mse_task1", r.t1);
        cc_record_metric(ctx->rec, "test_mse_task2", readout[rp].t2);
        cc_record_metric(ctx->rec, "test_mse_task1_back", readout[rp].t1_back);
        cc_record_metric(ctx->rec, "test_mse_shared_task1", shared.t1_set2);
    }
    free(rep_curve);
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* The numbers of the figure that the summary and the claims quote: per seed, means (and SEM). */
typedef struct {
    cc_seedstat bar[5][2];                /* panel a: readout [0] plastic, [1] frozen during task 2 */
    double overlap[2 * MAX_OVERLAPS];     /* panel c: (2, n_overlaps) task 2, task 1 after the switch back */
    cc_seedstat control[4];               /* panel d: task 2, task 1 with separate sets, then one shared set */
    double repeat[8 * 2 * MAX_CYCLES];    /* panel e: (8, 2 cycles) pre at end cost, then with overlap */
    cc_seedstat zero;                     /* a zero output on each seed's test trials of the arcs */
} figure;

/* Bars of panel a, in the order of the table; the summary's keys are mse_<label> and frozen_<label>. */
static const char *const BAR_LABEL[5] = {"task1", "task2", "task1_back", "task1_set2", "task2_set1"};
static const char *const BAR_DOC[5] = {"task 1 after its training", "task 2 after its training on set 2",
                                       "task 1 after the switch back", "task 1 with set 2", "task 2 with set 1"};

/* summary.tsv: the numbers the report quotes. */
static int summary(const cc_run_ctx *ctx, const figure *f)
{
    cc_task lines = cc_task_defaults(CC_TASK_LINEDRAW), arcs = lines;
    arcs.arc = 1.0;
    double zero_lines, blind_lines, zero_arcs, blind_arcs;
    cc_panel_chance_mse(&lines, &zero_lines, &blind_lines);
    cc_panel_chance_mse(&arcs, &zero_arcs, &blind_arcs);
    cc_summary sm;
    int s = cc_summary_open(&sm, ctx, "Fig. 3: numbers quoted in the report");
    if (s) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds");
    cc_summary_add(&sm, "epochs_task1", P.train.epochs, "epochs of task 1 (best checkpoint kept)");
    cc_summary_add(&sm, "epochs_task2", P.task2_epochs, "epochs of task 2 (last weights kept)");
    cc_summary_add(&sm, "zero_mse_lines", zero_lines, "MSE of a zero output on the straight lines");
    cc_summary_add(&sm, "zero_mse_arcs", zero_arcs, "MSE of a zero output on the arcs");
    cc_summary_add(&sm, "zero_mse_arcs_test", f->zero.mean, "MSE of a zero output on each seed's test trials of the arcs, mean over seeds");
    cc_summary_add(&sm, "cueblind_mse_lines", blind_lines, "MSE of the best output that ignores the cue (mean line at each step)");
    cc_summary_add(&sm, "cueblind_mse_arcs", blind_arcs, "MSE of the best output that ignores the cue (mean arc at each step)");
    char doc[200];
    for (int i = 0; i < 5; i++) {
        snprintf(doc, sizeof doc, "test MSE, %s, readout plastic during task 2", BAR_DOC[i]);
        cc_panel_summary_named(&sm, "mse_%s", "sem_%s", BAR_LABEL[i], f->bar[i][0].mean, f->bar[i][0].sem, doc);
        snprintf(doc, sizeof doc, "test MSE, %s, readout frozen during task 2", BAR_DOC[i]);
        if (i) cc_panel_summary_named(&sm, "frozen_%s", "frozen_sem_%s", BAR_LABEL[i], f->bar[i][1].mean, f->bar[i][1].sem, doc);
    }
    const double base = f->bar[0][0].mean;
    cc_summary_add(&sm, "ratio_back_base", f->bar[2][0].mean / base, "task-1 MSE after the switch back / baseline");
    cc_summary_add(&sm, "frac_task2_zero", f->bar[1][0].mean / f->zero.mean, "task-2 MSE / zero-output MSE of the arcs on the same test trials (mean over seeds of each)");
    cc_summary_add(&sm, "shared_task2", f->control[2].mean, "test MSE of task 2, one shared set retrained on it");
    cc_summary_add(&sm, "shared_task1", f->control[3].mean, "test MSE of task 1 after the shared set learnt task 2");
    cc_summary_add(&sm, "ratio_shared_base", f->control[3].mean / base, "shared-set task-1 MSE / baseline");
    for (int i = 0; i < P.n_overlaps; i++) {
        const int pc = (int)lround(100 * P.overlaps[i]);
        snprintf(doc, sizeof doc, "test MSE of task 2 with overlap %g", P.overlaps[i]);
        cc_summary_addf(&sm, f->overlap[i], doc, "overlap%d_task2", pc);
        snprintf(doc, sizeof doc, "test MSE of task 1 after the switch back with overlap %g", P.overlaps[i]);
        cc_summary_addf(&sm, f->overlap[P.n_overlaps + i], doc, "overlap%d_task1_back", pc);
    }
    cc_summary_add(&sm, "repeat_cycles", P.cycles, "cycles of repeated switching (one block of each task)");
    cc_summary_add(&sm, "repeat_epochs", P.block_epochs, "epochs per block of repeated switching");
    cc_summary_add(&sm, "repeat_overlap", P.repeat_overlap, "overlap of the second repeated-switching run");
    const int nsw = 2 * P.cycles;
    for (int v = 0; v < 2; v++) {
        const char *run_key = v ? "repeat_o" : "repeat";
        const double *at = f->repeat + (4 * v + 1) * nsw, *cost = f->repeat + (4 * v + 3) * nsw;
        /* returns to task 1 are switches 2, 4, ...; to task 2 (after its first) 3, 5, ... */
        for (int k = 1; k < nsw; k++) {
            snprintf(doc, sizeof doc, "switch %d (to task %d)%s: test MSE right after the switch minus at the end of the task's previous block",
                     k + 1, k % 2 ? 1 : 2, v ? " with overlap" : "");
            cc_summary_addf(&sm, cost[k], doc, "%s_cost%d", run_key, k + 1);
            cc_summary_addf(&sm, at[k], "test MSE right after that switch", "%s_at%d", run_key, k + 1);
        }
        cc_summary_addf(&sm, cost[nsw - 1] / cost[1], "switch cost of the last return to task 1 / of the first", "%s_cost_ratio_task1", run_key);
        if (nsw >= 4) cc_summary_addf(&sm, cost[nsw - 2] / cost[2], "switch cost of the last return to task 2 / of the first", "%s_cost_ratio_task2", run_key);
    }
    return cc_summary_commit(&sm);
}

/* claims.tsv, from the per-seed test MSE with the readout plastic (the authors' setting); each
 * claim's reference x[0] (a zero output, the task-1 baseline) is the value of the same seed. */
static int claims(const cc_run_ctx *ctx, const figure *f)
{
    const cc_sample base = cc_sample_of(&f->bar[0][0], "task1_baseline"), task2 = cc_sample_of(&f->bar[1][0], "task2"),
                    back = cc_sample_of(&f->bar[2][0], "task1_back"), shared = cc_sample_of(&f->control[3], "task1_shared"),
                    zero = cc_sample_of(&f->zero, "zero_output_arcs");
    const double mb = f->bar[0][0].mean, m2 = f->bar[1][0].mean, mback = f->bar[2][0].mean, mshared = f->control[3].mean,
                 mzero = f->zero.mean;
    cc_claims cl;
    int s = cc_claims_open(&cl, ctx, "Fig. 3 claims, from the per-seed test MSE (readout plastic during task 2)");
    if (s) return s;
    char crit[400], stmt[200];
    /* acquisition: mean task-2 MSE / mean zero-output MSE of the arcs (same trials) <= acquired_frac */
    snprintf(crit, sizeof crit,
             "task-2 / zero-output mean test MSE of the arcs (a zero output scored on each seed's own test trials) <= "
             "claims.acquired_frac = %g (the cut-off is ours)",
             P.acquired_frac);
    snprintf(stmt, sizeof stmt, "Task 2 (arcs) is acquired by a second parallel-fibre set within its %d epochs", P.task2_epochs);
    s = cc_judge(&cl, &(cc_claim_text){"fig3.acquisition", CC_SRC_PAPER, stmt, crit}, cc_rule_ratio_le,
                 &(cc_rule_arg){.thr = P.acquired_frac}, (const cc_sample[]){zero, task2}, 2,
                 "task-2 MSE %.4f after %d epochs; zero output %.4f; fraction %.3f", m2, P.task2_epochs, mzero, m2 / mzero);
    /* switch back: mean task-1 MSE after the switch back / mean baseline <= back_factor */
    snprintf(crit, sizeof crit,
             "switched-back / baseline mean task-1 test MSE <= claims.back_factor = %g (close to the baseline: within "
             "this factor, ours)",
             P.back_factor);
    if (!s)
        s = cc_judge(&cl, &(cc_claim_text){"fig3.switch_back", CC_SRC_PAPER, "Switching back to the first parallel-fibre set restores task 1 with no retraining", crit},
                     cc_rule_ratio_le, &(cc_rule_arg){.thr = P.back_factor}, (const cc_sample[]){base, back}, 2,
                     "task-1 MSE %.4f after the switch back, %.4f baseline; ratio %.2f", mback, mb, mback / mb);
    /* shared control: mean task-1 MSE after the shared set learnt task 2 / mean baseline >= control_factor */
    snprintf(crit, sizeof crit,
             "shared-set / baseline mean task-1 test MSE >= claims.control_factor = %g (loses task 1: at least this "
             "factor, ours)",
             P.control_factor);
    if (!s)
        s = cc_judge(&cl, &(cc_claim_text){"fig3.shared_control", CC_SRC_PAPER, "A single shared parallel-fibre set retrained on task 2 loses task 1", crit},
                     cc_rule_ratio_ge, &(cc_rule_arg){.thr = P.control_factor}, (const cc_sample[]){base, shared}, 2,
                     "task-1 MSE %.4f after the shared set learnt task 2, %.4f baseline; ratio %.1f", mshared, mb, mshared / mb);
    return s ? s : cc_claims_commit(&cl);
}

static int merge(const cc_run_ctx *ctx)
{
    static figure f; /* large: not on the stack */
    char runs[256];
    snprintf(runs, sizeof runs, "units/seed0..seed%d, seeds %d..%d", P.train.seeds - 1, P.train.seed0,
             P.train.seed0 + P.train.seeds - 1);
    const char *const test_mse = "test MSE per element, 1000 trials, mean and SEM over seeds";
    /* a: test MSE with the readout plastic during task 2 (the authors'), then frozen */
    static const char *const readout[2] = {"plastic", "frozen"};
    const cc_tsv_head ha = {.title = "Fig. 3a: test MSE of task 1 after its training, task 2 after its training on set 2, task 1 after the switch back, and each task with the other task's set",
                            .units = test_mse, .runs = runs};
    int s = GSL_SUCCESS;
    for (int r = 0; !s && r < 5; r++)
        for (int g = 0; !s && g < 2; g++) s = cc_grid_stat(ctx, "", "bars", r, readout[g], &f.bar[r][g]);
    if (!s) s = cc_panel_seed_bars(ctx, "fig3a_bars.tsv", &ha, BAR_LABEL, 5, readout, 2, &f.bar[0][0]);
    /* b: trajectories of the first seed */
    const cc_tsv_head hb = {.title = "Fig. 3b: first test trial of each cue: case 0 task 1, 1 task 2, 2 task 1 after the switch back (first seed)",
                            .columns = "case cond t target_x target_y x y", .runs = "units/seed0"};
    if (!s) s = cc_panel_first_seed(ctx, "fig3b_traj.tsv", &hb, (const char *const[1]){""}, 1, "traj", 0);
    /* c: overlap sweep */
    const cc_panel_series overlap[2] = {{"", "t2"}, {"", "t1_back"}};
    const cc_tsv_head hc = {.title = "Fig. 3c: test MSE of task 2 after its training and of task 1 after the switch back, per parallel-fibre overlap p",
                            .units = "test MSE per element, mean and SEM over seeds", .runs = runs};
    if (!s) s = cc_panel_seed_rows(ctx, "fig3c_overlap.tsv", &hc, "overlap", P.n_overlaps, "p", NULL, overlap, 2, f.overlap, NULL);
    /* d: separate sets (readout plastic) against one shared set */
    const char *const control_label[4] = {"task2_separate", "task1_separate", "task2_shared", "task1_shared"};
    const cc_tsv_head hd = {.title = "Fig. 3d: separate parallel-fibre sets against one shared set retrained on task 2: task 2 after its training, then task 1",
                            .units = test_mse, .runs = runs};
    for (int r = 0; !s && r < 4; r++) s = cc_grid_stat(ctx, "", "control", r, "mse", &f.control[r]);
    if (!s) s = cc_panel_seed_bars(ctx, "fig3d_control.tsv", &hd, control_label, 4, NULL, 1, f.control);
    /* e: repeated switching, without and with overlap: validation MSE, and the error at each switch */
    const int nsw = 2 * P.cycles, n_curve = P.train.epochs + 1 + nsw * (P.block_epochs + 1);
    const cc_panel_series curve[2] = {{"", "val"}, {"", "val_overlap"}};
    const cc_tsv_head he = {.title = "Fig. 3e: validation MSE of the active task through task 1 and the repeated blocks, without and with overlap",
                            .units = "validation MSE per element, 200 trials, mean and SEM over seeds", .runs = runs};
    if (!s) s = cc_panel_seed_rows(ctx, "fig3e_curve.tsv", &he, "repeat_curve", n_curve, "epoch task", NULL, curve, 2, NULL, NULL);
    const cc_panel_series repeat[8] = {{"", "pre"}, {"", "at"}, {"", "end"}, {"", "cost"}, {"", "o_pre"}, {"", "o_at"}, {"", "o_end"}, {"", "o_cost"}};
    const cc_tsv_head hs = {.title = "Fig. 3e: at each switch k, the incoming task's test MSE at the end of its previous block (pre), right after the switch (at), after its block (end); cost = at - pre",
                            .units = "test MSE per element, mean and SEM over seeds; o_: with overlap repeat.overlap", .runs = runs};
    if (!s) s = cc_panel_seed_rows(ctx, "fig3e_switch.tsv", &hs, "repeat", nsw, "switch task", NULL, repeat, 8, f.repeat, NULL);
    if (!s) s = cc_grid_stat(ctx, "", "zero", 0, "arcs", &f.zero); /* fig3.acquisition's reference */
    if (!s) s = summary(ctx, &f);
    return s ? s : claims(ctx, &f);
}

/* The figure's own rules (the model's and the protocol's are checked per condition by the grid). */
static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.n_overlaps < 1) return snprintf(err, n, "switch.overlaps: at least one value"), GSL_EINVAL;
    if (P.train.epochs < 1) return snprintf(err, n, "train.epochs: task 1 needs at least one epoch"), GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {.name = "fig3", .specs = SPECS, .validate = validate, .grid = grid, .run_unit = run_unit, .merge = merge,
    .summary = "Fig. 3: task switching with task-specific parallel-fibre sets (overlap, shared-set control, repeated switching)"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
