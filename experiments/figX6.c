/* figX6.c: Fig. X6 (an extension, not a figure of the paper): interval timing.
 *
 * The task (src/tasks/cc_task_timing.c): a cue at t = 0 names one of task.n_delays delays evenly
 * spaced in a range [d_min, d_max]; the target is a response pulse at that step. The model is the
 * line-drawing setting of Fig. 2 (a fixed cortex: only the readout and the cerebellum learn). The
 * grid: for each delay range of sweep.d_min / sweep.d_max, the no-feedback model and cerebellar
 * feedback with each window tau of sweep.tau. A unit trains and tests one model (range, condition,
 * seed) and writes its test MSE and its timing error: for every test trial, |t_response - d| in
 * steps, t_response the step of the output's peak (cc_timing_response), averaged over the trials;
 * and its output on the first test trial of each delay. The merge writes
 *   figX6a_tau.tsv      timing error against tau per range, with the no-feedback level
 *   figX6b_traces.tsv   outputs of the first seed on each range: no feedback, tau = model.tau
 * and, in the summary, the timing error of the best cue-blind response (one fixed step) per range
 * and judges the package's questions (claims.tsv): does feedback with the paper's tau reduce the
 * timing error on each range, and does the longest swept tau beat the paper's on the longest range.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_panel.h"
#include "cc_rules.h"

enum { MAX_RANGES = 4, MAX_TAUS = 8 };

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int T, n_delays;
    double width;
    int d_min[MAX_RANGES], d_max[MAX_RANGES], n_min, n_max;
    int taus[MAX_TAUS], n_taus;
    int seeds_deciding;
    double level;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .T = 35, .n_delays = 4, .width = 1.5,
       .d_min = {4, 20}, .d_max = {12, 30}, .n_min = 2, .n_max = 2, .taus = {1, 3, 6, 10}, .n_taus = 4,
       .seeds_deciding = 10, .level = 0.05};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_INT("task.T", &P.T, 2, 100000, "steps per trial, the same for every range"),
    CC_SPEC_INT("task.n_delays", &P.n_delays, 1, 6, "delays (cues) per range, evenly spaced"),
    CC_SPEC_DOUBLE("task.width", &P.width, 1e-3, 1000, "std of the response pulse in steps"),
    CC_SPEC_LIST_INT("sweep.d_min", P.d_min, &P.n_min, 1, 100000, "shortest delay of each range"),
    CC_SPEC_LIST_INT("sweep.d_max", P.d_max, &P.n_max, 1, 100000, "longest delay of each range"),
    CC_SPEC_LIST_INT("sweep.tau", P.taus, &P.n_taus, 0, CC_TAU_MAX, "cerebellar windows tau, increasing"),
    CC_SPEC_INT("run.seeds_deciding", &P.seeds_deciding, 1, CC_GRID_MAX_SEEDS,
                "seeds of the conditions the questions compare (no feedback, tau = model.tau, the largest tau)"),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "level of the one-sided Welch tests"),
    CC_SPEC_END};

/* Condition names: "d<min>_<max>-none", "d<min>_<max>-tau<tau>". */
static const char *cond_name(char name[CC_GRID_NAME_MAX], int r, int tau)
{
    if (tau < 0) snprintf(name, CC_GRID_NAME_MAX, "d%d_%d-none", P.d_min[r], P.d_max[r]);
    else snprintf(name, CC_GRID_NAME_MAX, "d%d_%d-tau%d", P.d_min[r], P.d_max[r], tau);
    return name;
}

static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    char name[CC_GRID_NAME_MAX];
    for (int r = 0; r < P.n_min; r++)
        for (int i = -1; i < P.n_taus; i++) {
            cc_cond *c = cc_grid_add(g, "%s", cond_name(name, r, i < 0 ? -1 : P.taus[i]));
            if (!c) return GSL_ENOMEM;
            c->task = cc_task_defaults(CC_TASK_TIMING);
            c->task.T = P.T, c->task.n_delays = P.n_delays, c->task.width = P.width;
            c->task.d_min = P.d_min[r], c->task.d_max = P.d_max[r];
            c->arch = i < 0 ? CC_ARCH_NONE : CC_ARCH_CEREB_FB;
            c->plasticity = CC_CORTEX_FIXED;
            if (i >= 0) c->model.tau = P.taus[i];
            const int deciding = i < 0 || P.taus[i] == P.model.tau || i == P.n_taus - 1;
            if (deciding && P.seeds_deciding > c->seeds) c->seeds = P.seeds_deciding;
        }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    cc_stats st;
    cc_batch *b = NULL;
    int s = cc_grid_train(ctx, &tr);
    if (!s) s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &st, &b);
    const int T = tr.task.T, K = tr.task.n_delays;
    const int w = 1 + 2 * K;
    double *traj = calloc((size_t)T * w, sizeof *traj), *y = malloc((size_t)T * sizeof *y); /* t, targets, outputs */
    double terr = NAN;
    if (!s && !(traj && y)) s = GSL_ENOMEM;
    if (!s) {
        /* timing error: |t_response - d| over the test trials; z (T, B, 1) */
        const double *z = tr.m->ws.z;
        double sum = 0.0;
        int first[6] = {-1, -1, -1, -1, -1, -1};
        for (int i = 0; i < b->B; i++) {
            const int k = b->cond[i];
            sum += abs(cc_timing_response(z + i, b->B, T) - cc_timing_delay(&tr.task, k));
            if (first[k] < 0) first[k] = i;
        }
        terr = sum / b->B;
        double row[3] = {st.mse, terr, tr.curve->best_epoch};
        s = cc_expt_write_row(ctx, "test", "test MSE per element; timing error |t_response - d| in steps, mean over the test trials",
                              "mse timing_error best_epoch", row);
        for (int t = 0; t < T; t++) traj[t * w] = t;
        for (int k = 0; !s && k < K; k++) {
            s = cc_task_template(y, &tr.task, k);
            for (int t = 0; !s && t < T; t++) {
                traj[t * w + 1 + k] = y[t];
                traj[t * w + 1 + K + k] = first[k] < 0 ? NAN : z[(long)t * b->B + first[k]];
            }
        }
    }
    char cols[256] = "t";
    for (int k = 0; k < K; k++) snprintf(cols + strlen(cols), sizeof cols - strlen(cols), " y%d", k);
    for (int k = 0; k < K; k++) snprintf(cols + strlen(cols), sizeof cols - strlen(cols), " z%d", k);
    if (!s) s = cc_panel_unit_rows(ctx, "traj", "target y_k and output z_k on the first test trial of each delay k", "response per step", cols, T, traj);
    free(traj);
    free(y);
    cc_batch_free(b);
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* Index of model.tau in sweep.tau (validate: it is there). */
static int ref_tau(void)
{
    for (int i = 0; i < P.n_taus; i++)
        if (P.taus[i] == P.model.tau) return i;
    return -1;
}

/* The timing error of a response that ignores the cue, at the best fixed step:
 * min_s mean_k |s - d_k| over the delays of range r (drawn uniformly). */
static double blind_error(int r)
{
    cc_task task = cc_task_defaults(CC_TASK_TIMING);
    task.T = P.T, task.n_delays = P.n_delays, task.d_min = P.d_min[r], task.d_max = P.d_max[r];
    double best = INFINITY;
    for (int step = 0; step < P.T; step++) {
        double sum = 0.0;
        for (int k = 0; k < P.n_delays; k++) sum += abs(step - cc_timing_delay(&task, k));
        best = fmin(best, sum / P.n_delays);
    }
    return best;
}

static int merge(const cc_run_ctx *ctx)
{
    static char names[MAX_RANGES][1 + MAX_TAUS][CC_GRID_NAME_MAX], cols[2 * MAX_RANGES][32];
    static cc_seedstat err[MAX_RANGES][1 + MAX_TAUS], mse[MAX_RANGES][1 + MAX_TAUS]; /* [r][0] none, [r][1 + i] tau_i */
    const char *cereb[MAX_RANGES][MAX_TAUS], *none[MAX_RANGES][MAX_TAUS];
    cc_panel_line lines[2 * MAX_RANGES];
    double x[MAX_TAUS];
    const int R = P.n_min;
    int s = GSL_SUCCESS;
    for (int r = 0; !s && r < R; r++) {
        for (int i = -1; !s && i < P.n_taus; i++) {
            cond_name(names[r][1 + i], r, i < 0 ? -1 : P.taus[i]);
            s = cc_grid_stat(ctx, names[r][1 + i], "test", 0, "timing_error", &err[r][1 + i]);
            if (!s) s = cc_grid_stat(ctx, names[r][1 + i], "test", 0, "mse", &mse[r][1 + i]);
        }
        for (int i = 0; i < P.n_taus; i++) cereb[r][i] = names[r][1 + i], none[r][i] = names[r][0], x[i] = P.taus[i];
        snprintf(cols[r], sizeof cols[r], "d%d_%d", P.d_min[r], P.d_max[r]);
        snprintf(cols[R + r], sizeof cols[R + r], "none_d%d_%d", P.d_min[r], P.d_max[r]);
        lines[r] = (cc_panel_line){cols[r], cereb[r]};
        lines[R + r] = (cc_panel_line){cols[R + r], none[r]};
    }
    const cc_tsv_head ha = {.title = "Fig. X6a: timing error against the cerebellar window tau, one column pair per delay range d<min>_<max>; none_*: no feedback, on every row",
                            .units = "|t_response - d| in steps (t_response: the step of the output's peak), mean over 1000 test trials; mean and SEM over seeds",
                            .runs = "units/*-s*"};
    if (!s) s = cc_panel_sweep(ctx, "figX6a_tau.tsv", &ha, "tau", x, P.n_taus, lines, 2 * R, "test", "timing_error", NULL, NULL);
    const int iref = ref_tau(), last = R - 1;
    const char *traces[2 * MAX_RANGES];
    const cc_tsv_head hb = {.title = "Fig. X6b: target y_k and output z_k on the first test trial of each delay k, first seed: per range r, no feedback (r<r>_n_), then cerebellar feedback with tau = model.tau (r<r>_c_)",
                            .runs = "units/<cond>-s0"};
    char hcols[2048] = "t";
    for (int r = 0; r < R; r++)
        for (int c = 0; c < 2; c++) {
            traces[2 * r + c] = names[r][c ? 1 + iref : 0];
            for (int k = 0; k < P.n_delays; k++) snprintf(hcols + strlen(hcols), sizeof hcols - strlen(hcols), " r%d_%c_y%d", r, c ? 'c' : 'n', k);
            for (int k = 0; k < P.n_delays; k++) snprintf(hcols + strlen(hcols), sizeof hcols - strlen(hcols), " r%d_%c_z%d", r, c ? 'c' : 'n', k);
        }
    cc_tsv_head hb2 = hb;
    hb2.columns = hcols;
    if (!s) s = cc_panel_first_seed(ctx, "figX6b_traces.tsv", &hb2, traces, 2 * R, "traj", 1);
    if (s) return s;

    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. X6: numbers quoted in the report"))) return s;
    char key[400], doc[256];
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds of the other conditions (run.seeds)");
    cc_summary_add(&sm, "seeds_deciding", err[0][0].n, "seeds of no feedback, tau = model.tau and the largest tau");
    for (int r = 0; r < R; r++) {
        for (int i = -1; i < P.n_taus; i++) {
            const cc_seedstat *e = &err[r][1 + i], *m = &mse[r][1 + i];
            if (i < 0) snprintf(key, sizeof key, "%s_none", cols[r]);
            else snprintf(key, sizeof key, "%s_tau%d", cols[r], P.taus[i]);
            snprintf(doc, sizeof doc, "timing error (steps), delays %d..%d, %s", P.d_min[r], P.d_max[r], i < 0 ? "no feedback" : "cerebellar feedback");
            cc_panel_summary_mean_sem(&sm, e->mean, e->sem, doc, "%s", key);
            snprintf(key + strlen(key), sizeof key - strlen(key), "_ci95");
            cc_summary_add(&sm, key, e->ci95, "half-width of its 95 % t interval");
            key[strlen(key) - 5] = '\0';
            snprintf(key + strlen(key), sizeof key - strlen(key), "_mse");
            cc_summary_add(&sm, key, m->mean, "test MSE per element");
        }
        int best = 0;
        for (int i = 1; i < P.n_taus; i++)
            if (err[r][1 + i].mean < err[r][1 + best].mean) best = i;
        snprintf(key, sizeof key, "%s_best_tau", cols[r]);
        cc_summary_add(&sm, key, P.taus[best], "the swept tau of the lowest mean timing error");
        snprintf(key, sizeof key, "%s_blind", cols[r]);
        cc_summary_add(&sm, key, blind_error(r), "timing error of the best cue-blind response: one fixed step for every delay (the reference a cue-driven response must beat)");
        snprintf(key, sizeof key, "%s_d_min", cols[r]);
        cc_summary_add(&sm, key, P.d_min[r], "shortest delay of the range");
        snprintf(key, sizeof key, "%s_d_max", cols[r]);
        cc_summary_add(&sm, key, P.d_max[r], "longest delay of the range");
    }
    if ((s = cc_summary_commit(&sm))) return s;

    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. X6: the package's questions, judged on the per-seed timing errors"))) return s;
    char id[320], stmt[300], crit[300];
    const cc_rule_arg lv = {.level = P.level};
    for (int r = 0; !s && r < R; r++) { /* feedback with the paper's tau against none, per range */
        const cc_seedstat *n = &err[r][0], *c = &err[r][1 + iref];
        snprintf(id, sizeof id, "figX6.benefit.%s", cols[r]);
        snprintf(stmt, sizeof stmt, "With delays %d to %d steps, cerebellar feedback (tau = %d) times the response better than no feedback",
                 P.d_min[r], P.d_max[r], P.model.tau);
        snprintf(crit, sizeof crit, "timing error(no feedback) > timing error(tau = %d), Welch one-sided, p < claims.level = %g (ours)", P.model.tau, P.level);
        const cc_claim_text t = {id, CC_SRC_PACKAGE, stmt, crit};
        const cc_sample xs[2] = {cc_sample_of(c, "cereb_fb"), cc_sample_of(n, "none")};
        s = cc_judge(&cl, &t, cc_rule_greater, &lv, xs, 2, "timing error %.2f steps with feedback, %.2f without", c->mean, n->mean);
    }
    if (!s && P.n_taus - 1 != iref) { /* the longest window against the paper's, on the longest range */
        const cc_seedstat *ref = &err[last][1 + iref], *lg = &err[last][P.n_taus];
        snprintf(id, sizeof id, "figX6.long_tau.%s", cols[last]);
        snprintf(stmt, sizeof stmt, "With delays %d to %d steps, a window tau = %d times the response better than the paper's tau = %d",
                 P.d_min[last], P.d_max[last], P.taus[P.n_taus - 1], P.model.tau);
        snprintf(crit, sizeof crit, "timing error(tau = %d) > timing error(tau = %d), Welch one-sided, p < claims.level = %g (ours)", P.model.tau,
                 P.taus[P.n_taus - 1], P.level);
        const cc_claim_text t = {id, CC_SRC_PACKAGE, stmt, crit};
        const cc_sample xs[2] = {cc_sample_of(lg, "tau_max"), cc_sample_of(ref, "tau_ref")};
        s = cc_judge(&cl, &t, cc_rule_greater, &lv, xs, 2, "timing error %.2f steps with tau = %d, %.2f with tau = %d", lg->mean,
                     P.taus[P.n_taus - 1], ref->mean, P.model.tau);
    }
    return s ? s : cc_claims_commit(&cl);
}

/* The figure's own rules between keys (each condition's task and tau are checked by the grid). */
static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.n_min != P.n_max || P.n_min > MAX_RANGES)
        return snprintf(err, n, "sweep.d_min and sweep.d_max: as many values (at most %d), one range each", MAX_RANGES), GSL_EINVAL;
    if (P.n_taus > MAX_TAUS) return snprintf(err, n, "sweep.tau: at most %d values", MAX_TAUS), GSL_EINVAL;
    for (int i = 0; i + 1 < P.n_taus; i++)
        if (P.taus[i] >= P.taus[i + 1]) return snprintf(err, n, "sweep.tau: values must increase"), GSL_EINVAL;
    if (ref_tau() < 0) return snprintf(err, n, "model.tau = %d: must be one of sweep.tau (the questions compare with it)", P.model.tau), GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {
    .name = "figX6",
    .summary = "Fig. X6: interval timing: cerebellar feedback and its window tau against the delay",
    .specs = SPECS,
    .validate = validate,
    .grid = grid,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
