/* figX1.c: Fig. X1 (an extension, not a figure of the paper): cognitive task switching.
 *
 * Task 1 is the delayed association of Fig. 6 (cue k -> choice k), task 2 the same cues with the
 * mapping reversed (cue k -> choice 1 - k, task.reverse). Every unit is one seed: it trains the
 * cerebellar model of Fig. 6 (e-prop on W_ih) on task 1 (best checkpoint kept), then starts each
 * protocol from that trained state, as Fig. 3 does for line drawing (cc_switch.h):
 *   separate  a second parallel-fibre set (a copy of the untrained cerebellum) takes over and
 *             learns task 2; then the first set is switched back in, with no training
 *   shared    the control: no second set, the task-1 cerebellum goes on learning task 2
 * each in two plasticity settings during task 2:
 *   plastic   the cortex (W_ih, e-prop) and the readout learn as in task 1 (Fig. 3 keeps its
 *             readout learning, the authors' code)
 *   frozen    only the cerebellum learns (Fig. 3's frozen-readout variant, the cortex fixed too)
 * Each is tested (1000 trials) at four stages: task 1 after its training, task 2 right after the
 * switch (before any task-2 training), task 2 after its training, task 1 after the switch back
 * (shared: after task 2, no switch). A test gives the error (1 - accuracy on the last step) and
 * the selectivity z_correct - z_other per step, averaged over trials (Fig. 6's definition; the
 * correct choice of task 2 is the reversed one). Nothing learns between the switches, so a further
 * switch repeats these numbers exactly. The merge writes
 *   figX1a_error.tsv        test error per stage and protocol (bars with every seed)
 *   figX1b_selectivity.tsv  selectivity per step at each stage of each protocol
 * and judges the package's three questions in each plasticity setting (claims.tsv).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_panel.h"
#include "cc_rules.h"
#include "cc_switch.h"

/* Protocol p: bit 0 frozen (only the cerebellum learns task 2), bit 1 shared (no second set). */
enum { NSTAGE = 4, NPROT = 4, FROZEN = 1, SHARED = 2, NSEL = 3 + 2 * NPROT };
static const char *const STAGE[NSTAGE] = {"task1", "task2_at_switch", "task2", "task1_back"};
static const char *const PROT[NPROT] = {"sep_plastic", "sep_frozen", "shared_plastic", "shared_frozen"};
/* units/<unit>.sel.tsv: t, task 1, task 2 right after the switch (separate, shared), then per
 * protocol task 2 after its training and task 1 after it */
static const char *const SEL_COL[NSEL] = {"task1", "sep_at_switch", "shared_at_switch", "sep_plastic_task2",
                                          "sep_plastic_task1_back", "sep_frozen_task2", "sep_frozen_task1_back",
                                          "shared_plastic_task2", "shared_plastic_task1_back", "shared_frozen_task2",
                                          "shared_frozen_task1_back"};

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int task2_epochs;
    double back_margin, learnt_error, level;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .task2_epochs = 20, .back_margin = 0.05,
       .learnt_error = 0.1, .level = 0.05};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_INT("switch.epochs", &P.task2_epochs, 1, 100000, "epochs of task 2 (the reversed mapping)"),
    CC_SPEC_DOUBLE("claims.back_margin", &P.back_margin, 0, 1, "figX1.switch_back: |task-1 error after the switch back - at the end of task 1| at most this"),
    CC_SPEC_DOUBLE("claims.learnt_error", &P.learnt_error, 0, 1, "figX1.acquisition: mean task-2 error at most this"),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "figX1.shared_control: level of the one-sided Welch test"),
    CC_SPEC_END};

/* The one condition: the cerebellar model of Fig. 6 on task 1 (units seed0, seed1, ...). */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    cc_cond *c = cc_grid_add(g, "%s", "");
    if (!c) return GSL_ENOMEM;
    c->task = cc_task_defaults(CC_TASK_DELASS);
    c->arch = CC_ARCH_CEREB_FB;
    c->plasticity = CC_CORTEX_INPUT;
    return GSL_SUCCESS;
}

/* ---------------------------------------------------------------- one unit */

typedef struct {
    const cc_run_ctx *ctx;
    cc_task task[2]; /* task 1, task 2 (reversed) */
    cc_config cfg;
    cc_protocol pr;
    unsigned long seed;
    const cc_model *base; /* trained on task 1 */
} run;

/* Test error (1 - accuracy, last step) of task `task` on the test trials of the seed, and its
 * selectivity per step into sel (T) if not NULL. */
static int test(const run *r, cc_model *m, int task, double *err, double *sel)
{
    cc_stats st;
    int s = cc_panel_test_silenced(m, &r->task[task], r->pr.n_test, r->seed, -1, &st, sel);
    *err = s ? NAN : 1.0 - st.acc;
    return s;
}

/* Protocol p from the trained task-1 state: err[stage], and the selectivity of stages 1..3 into
 * the columns of sel (T, 1 + NSEL) named by SEL_COL (task 2 right after the switch: only by the
 * plastic protocols, the frozen ones start from the same state). */
static int protocol(const run *r, int p, double err[NSTAGE], double *sel)
{
    const int T = r->task[0].T, w = 1 + NSEL;
    double *buf = malloc((size_t)T * sizeof *buf);
    cc_model *m = NULL;
    cc_cereb_set *set = NULL; /* the untrained cerebellum */
    cc_curve *curve = cc_curve_alloc(P.task2_epochs);
    int s = buf && curve ? cc_switch_start(r->base, &r->cfg, r->seed, &m, &set) : GSL_ENOMEM;
    const int shared = p & SHARED, c2 = 1 + 3 + 2 * p; /* c2, c2 + 1: columns of task 2, task 1 after it */
    if (!s && (p & FROZEN)) /* only the cerebellum learns task 2 */
        m->trainable[CC_W_IH] = m->trainable[CC_W_HH] = m->trainable[CC_W_RO] = m->trainable[CC_B_RO] = 0;
    if (!s && !shared) s = cc_model_switch_cerebellum(m, set, 0.0);
    if (!s) s = test(r, m, 1, &err[1], buf);
    for (int t = 0; !s && !(p & FROZEN) && t < T; t++) sel[t * w + (shared ? 3 : 2)] = buf[t];
    if (!s) s = cc_grid_train_more(r->ctx, m, &r->task[1], P.task2_epochs, 1, curve); /* task 2, last weights kept (as Fig. 3) */
    if (!s) s = test(r, m, 1, &err[2], buf);
    for (int t = 0; !s && t < T; t++) sel[t * w + c2] = buf[t];
    if (!s && !shared) s = cc_model_switch_cerebellum(m, set, 0.0); /* back to the first set */
    if (!s) s = test(r, m, 0, &err[3], buf);
    for (int t = 0; !s && t < T; t++) sel[t * w + c2 + 1] = buf[t];
    cc_curve_free(curve);
    cc_cereb_set_free(set);
    cc_model_free(m);
    free(buf);
    return s;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    int s = cc_grid_train(ctx, &tr); /* task 1, best checkpoint of epochs 1..E */
    run r = {.ctx = ctx, .task = {tr.task, tr.task}, .cfg = tr.cfg, .pr = tr.pr, .seed = tr.seed, .base = tr.m};
    r.task[1].reverse = 1;
    const int T = tr.task.T, w = 1 + NSEL;
    double err[NPROT][NSTAGE], rows[NSTAGE][NPROT], e1 = NAN;
    double *sel = malloc((size_t)T * w * sizeof *sel), *buf = malloc((size_t)T * sizeof *buf); /* (T, 1 + NSEL), (T) */
    if (!s && !(sel && buf)) s = GSL_ENOMEM;
    if (!s) s = test(&r, tr.m, 0, &e1, buf);
    for (int t = 0; !s && t < T; t++) sel[t * w] = t, sel[t * w + 1] = buf[t];
    for (int p = 0; !s && p < NPROT; p++) {
        err[p][0] = e1;
        s = protocol(&r, p, err[p], sel);
    }
    for (int i = 0; i < NSTAGE; i++)
        for (int p = 0; p < NPROT; p++) rows[i][p] = s ? NAN : err[p][i];
    const char *what = "test error, 1 - accuracy on the last step of the 1000 test trials";
    char cols[512] = "t";
    for (int i = 0; i < NSEL; i++) snprintf(cols + strlen(cols), sizeof cols - strlen(cols), " %s", SEL_COL[i]);
    if (!s) s = cc_panel_unit_rows(ctx, "err", "Fig. X1a: test error at each stage (task 1, task 2 right after the switch, task 2 after its training, task 1 after the switch back or after task 2) of each protocol",
                                   what, "sep_plastic sep_frozen shared_plastic shared_frozen", NSTAGE, rows[0]);
    if (!s) s = cc_panel_unit_rows(ctx, "sel", "Fig. X1b: selectivity z_correct - z_other per step, mean over the test trials, at each stage of each protocol",
                                   "logit difference", cols, T, sel);
    if (!s) {
        cc_record_metric(ctx->rec, "test_error_task1", e1);
        cc_record_metric(ctx->rec, "test_error_task2_frozen", err[FROZEN][2]);
        cc_record_metric(ctx->rec, "test_error_task1_back_frozen", err[FROZEN][3]);
        cc_record_metric(ctx->rec, "test_error_task2_plastic", err[0][2]);
        cc_record_metric(ctx->rec, "test_error_task1_back_plastic", err[0][3]);
    }
    free(sel);
    free(buf);
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* The three questions in one plasticity setting (frozen 0 or 1), from err[stage * NPROT + p]. */
static int claims_of(cc_claims *cl, const cc_seedstat *err, int frozen)
{
    const char *set = frozen ? "frozen" : "plastic";
    const char *during = frozen ? "only the cerebellum learning task 2" : "cortex and readout learning task 2 as well";
    const int sep = frozen, shr = SHARED + frozen;
    const cc_seedstat *t1 = &err[0], *t2 = &err[2 * NPROT + sep], *back = &err[3 * NPROT + sep], *shared = &err[3 * NPROT + shr];
    char id[64], stmt[300], crit[400];
    /* acquisition: the second set learns the reversed mapping */
    snprintf(id, sizeof id, "figX1.%s.acquisition", set);
    snprintf(stmt, sizeof stmt, "A second parallel-fibre set learns the reversed cue-to-choice mapping (task 2), %s", during);
    snprintf(crit, sizeof crit, "mean task-2 test error after its %d epochs on the second set <= claims.learnt_error = %g (ours)",
             P.task2_epochs, P.learnt_error);
    const cc_claim_text acq = {id, CC_SRC_PACKAGE, stmt, crit};
    const cc_rule_arg acq_arg = {.thr = P.learnt_error};
    const cc_sample xa = cc_sample_of(t2, "task2");
    int s = cc_judge(cl, &acq, cc_rule_mean_le, &acq_arg, &xa, 1, "task-2 error %.3f (task 1 at the end of its training: %.3f)", t2->mean, t1->mean);
    /* switch back: task 1 as good as at the end of its training, with no retraining */
    snprintf(id, sizeof id, "figX1.%s.switch_back", set);
    snprintf(stmt, sizeof stmt, "Switching back to the first parallel-fibre set restores task 1 without retraining, %s", during);
    snprintf(crit, sizeof crit, "|mean task-1 test error after the switch back - at the end of task-1 training| <= claims.back_margin = %g (ours)",
             P.back_margin);
    const cc_claim_text bk = {id, CC_SRC_PACKAGE, stmt, crit};
    const cc_rule_arg bk_arg = {.thr = P.back_margin};
    const cc_sample xb[2] = {cc_sample_of(t1, "task1"), cc_sample_of(back, "task1_back")};
    if (!s)
        s = cc_judge(cl, &bk, cc_rule_absdiff_le, &bk_arg, xb, 2, "task-1 error %.3f after the switch back, %.3f at the end of its training",
                     back->mean, t1->mean);
    /* the shared-set control (same plasticity): worse on task 1 after task 2 */
    snprintf(id, sizeof id, "figX1.%s.shared_control", set);
    snprintf(stmt, sizeof stmt, "After task 2, separate parallel-fibre sets do task 1 better than one shared set retrained on task 2, %s", during);
    snprintf(crit, sizeof crit, "task-1 test error of the shared set after task 2 > of the separate sets after the switch back, Welch one-sided, p < claims.level = %g (ours)",
             P.level);
    const cc_claim_text sh = {id, CC_SRC_PACKAGE, stmt, crit};
    const cc_rule_arg sh_arg = {.level = P.level};
    const cc_sample xs[2] = {cc_sample_of(back, "task1_back_separate"), cc_sample_of(shared, "task1_shared")};
    if (!s)
        s = cc_judge(cl, &sh, cc_rule_greater, &sh_arg, xs, 2, "task-1 error %.3f with the shared set, %.3f with separate sets after the switch back",
                     shared->mean, back->mean);
    return s;
}

static int merge(const cc_run_ctx *ctx)
{
    static cc_seedstat err[NSTAGE * NPROT], sel_end[NSEL]; /* err[stage * NPROT + protocol]; large: not on the stack */
    char runs[128];
    snprintf(runs, sizeof runs, "units/seed0..seed%d, seeds %d..%d", P.train.seeds - 1, P.train.seed0,
             P.train.seed0 + P.train.seeds - 1);
    int s = GSL_SUCCESS;
    for (int i = 0; !s && i < NSTAGE; i++)
        for (int p = 0; !s && p < NPROT; p++) s = cc_grid_stat(ctx, "", "err", i, PROT[p], &err[i * NPROT + p]);
    const cc_tsv_head ha = {.title = "Fig. X1a: test error at each stage: task 1 after its training, task 2 right after the switch, task 2 after its training, task 1 after the switch back; sep: a second parallel-fibre set, shared: one set (no switch); plastic: cortex and readout learn task 2 too, frozen: only the cerebellum",
                            .units = "1 - accuracy on the last step of 1000 test trials", .runs = runs};
    if (!s) s = cc_panel_seed_bars(ctx, "figX1a_error.tsv", &ha, STAGE, NSTAGE, PROT, NPROT, err);
    const int T = cc_task_defaults(CC_TASK_DELASS).T;
    cc_panel_series sel[NSEL];
    for (int i = 0; i < NSEL; i++) sel[i] = (cc_panel_series){"", SEL_COL[i]};
    const cc_tsv_head hb = {.title = "Fig. X1b: selectivity z_correct - z_other per step at each stage of each protocol (task 2: the reversed choice is the correct one)",
                            .units = "logit difference, mean over the 1000 test trials, mean and SEM over seeds", .runs = runs};
    if (!s) s = cc_panel_seed_rows(ctx, "figX1b_selectivity.tsv", &hb, "sel", T, "t", NULL, sel, NSEL, NULL, NULL);
    for (int i = 0; !s && i < NSEL; i++) s = cc_grid_stat(ctx, "", "sel", T - 1, SEL_COL[i], &sel_end[i]);
    if (s) return s;

    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. X1: numbers quoted in the report"))) return s;
    const cc_sample x1 = cc_sample_of(&err[0], "task1");
    cc_summary_add(&sm, "seeds", err[0].n, "seeds (one model each)");
    cc_summary_add(&sm, "n_task1_learnt", cc_sample_count_le(&x1, P.learnt_error), "seeds whose task-1 test error is at most claims.learnt_error");
    char key[80], doc[256];
    for (int i = 0; i < NSTAGE; i++)
        for (int p = 0; p < NPROT; p++) {
            const cc_seedstat *e = &err[i * NPROT + p];
            snprintf(key, sizeof key, "err_%s_%s", PROT[p], STAGE[i]);
            snprintf(doc, sizeof doc, "test error, protocol %s, stage %s (mean over seeds)", PROT[p], STAGE[i]);
            cc_panel_summary_pair(&sm, key, e->mean, e->sem, doc);
            snprintf(key, sizeof key, "err_%s_%s_ci95", PROT[p], STAGE[i]);
            cc_summary_add(&sm, key, e->ci95, "half-width of its 95 % t interval");
            if (i < 2) continue;
            const cc_sample xe = cc_sample_of(e, PROT[p]);
            snprintf(key, sizeof key, "n_learnt_%s_%s", PROT[p], STAGE[i]);
            cc_summary_add(&sm, key, cc_sample_count_le(&xe, P.learnt_error), "seeds whose error there is at most claims.learnt_error");
        }
    for (int i = 0; i < NSEL; i++) {
        snprintf(key, sizeof key, "sel_end_%s", SEL_COL[i]);
        snprintf(doc, sizeof doc, "end-of-trial selectivity, %s", SEL_COL[i]);
        cc_panel_summary_pair(&sm, key, sel_end[i].mean, sel_end[i].sem, doc);
    }
    if ((s = cc_summary_commit(&sm))) return s;
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. X1: the package's questions in each plasticity setting, judged on the per-seed test errors"))) return s;
    for (int frozen = 1; !s && frozen >= 0; frozen--) s = claims_of(&cl, err, frozen);
    return s ? s : cc_claims_commit(&cl);
}

static const cc_experiment EXPERIMENT = {
    .name = "figX1",
    .summary = "Fig. X1: cognitive task switching: delayed association and its reversed mapping on two parallel-fibre sets",
    .specs = SPECS,
    .grid = grid,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
