/* fig4.c: Fig. 4, digit drawing with a cerebellar temporal basis.
 *
 * Every unit trains one model (architecture, seed) on the six digits with a fixed cortex and
 * tests it. The four models: no feedback, readout feedback, cerebellar feedback with one time
 * window tau, and the temporal basis (the cerebellum predicts the target at the horizons
 * 0..tau at once, O (tau + 1) outputs, all fed to the cortex). The merge averages the seeds:
 *   a  validation MSE per epoch of the four models
 *   b  the six digits drawn by each model (first seed) against the templates
 *   c  test MSE per model
 * and checks the claim of the figure (claims.tsv).
 */
#include "cc_figure.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    double level;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .level = 0.05};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 0.5, "fig4.temporal_basis: level of each one-sided Welch test"),
    CC_SPEC_END};

/* The four models, in the order of every panel. */
enum { NMODEL = 4 };
static const char *const NAME[NMODEL] = {"none", "readout_fb", "cereb_fb", "cereb_basis"};
static const char *const TITLE[NMODEL] = {"no feedback", "readout feedback", "cerebellar feedback, one window",
                                          "cerebellar temporal basis"};

/* Each model on the digits with a fixed cortex. */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    const cc_arch arch[NMODEL] = {CC_ARCH_NONE, CC_ARCH_READOUT_FB, CC_ARCH_CEREB_FB, CC_ARCH_CEREB_FB};
    for (int a = 0; a < NMODEL; a++) {
        cc_cond *c = cc_grid_add(g, "%s", NAME[a]);
        if (!c) return GSL_ENOMEM;
        c->task = cc_task_defaults(CC_TASK_DIGITDRAW);
        c->arch = arch[a];
        c->model.temporal_basis = a == 3;
    }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    cc_batch *b = NULL;
    cc_stats st;
    int s = cc_grid_train(ctx, &tr);
    if (!s) s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &st, &b);
    cc_tsv_head traj = {.title = "Fig. 4b: readout of the first test trial of each digit",
                        .columns = "cond t target_x target_y x y",
                        .runs = ctx->unit};
    if (!s) s = cc_panel_traj(ctx, &traj, b, 6, (const double *const[1]){tr.m->ws.z}, 1);
    if (!s) {
        double row[2] = {st.mse, tr.curve->best_epoch};
        s = cc_expt_write_row(ctx, "test", "test MSE per element (1000 trials)", "mse best_epoch", row);
    }
    cc_batch_free(b);
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

static int merge(const cc_run_ctx *ctx)
{
    char runs[256];
    snprintf(runs, sizeof runs, "units/<model>-s0..s%d, seeds %d..%d", P.train.seeds - 1, P.train.seed0,
             P.train.seed0 + P.train.seeds - 1);
    const int E = P.train.epochs;
    double *val = malloc((size_t)NMODEL * (E + 1) * sizeof(double)); /* mean validation MSE per model and epoch */
    if (!val) return GSL_ENOMEM;
    /* a: learning curves */
    cc_panel_series series[NMODEL];
    for (int a = 0; a < NMODEL; a++) series[a] = (cc_panel_series){NAME[a], NAME[a]};
    cc_tsv_head ha = {.title = "Fig. 4a: validation MSE per epoch, fixed cortex, alpha 0.9, mean and SEM over seeds",
                      .units = "MSE per element of 200 validation trials; epoch 0 is before training",
                      .runs = runs};
    int s = cc_panel_curves(ctx, "fig4a_curves.tsv", &ha, series, NMODEL, E, "val_metric", val);
    /* b: digits of the first seed, side by side */
    cc_panel_column traj[2 * NMODEL];
    for (int a = 0; a < 2 * NMODEL; a++) traj[a] = (cc_panel_column){NAME[a / 2], a % 2 ? "y" : "x"};
    cc_tsv_head hb = {.title = "Fig. 4b: outputs of the first test trial of each digit after training (first seed)",
                      .columns = "cond t target_x target_y none_x none_y readout_fb_x readout_fb_y cereb_fb_x cereb_fb_y cereb_basis_x cereb_basis_y",
                      .runs = "seed index 0 of each model"};
    if (!s) s = cc_panel_first_seeds(ctx, "fig4b_traj.tsv", &hb, "traj", 4, traj, 2 * NMODEL);
    /* c: test MSE bars */
    static cc_seedstat test[NMODEL]; /* large: not on the stack */
    double mse[NMODEL];
    for (int a = 0; !s && a < NMODEL; a++) s = cc_grid_stat(ctx, NAME[a], "test", 0, "mse", &test[a]), mse[a] = test[a].mean;
    cc_tsv_head hc = {.title = "Fig. 4c: test MSE per model", .units = "test MSE per element, 1000 trials, mean and SEM over seeds",
                      .runs = runs};
    if (!s) s = cc_panel_seed_bars(ctx, "fig4c_test.tsv", &hc, NAME, NMODEL, NULL, 1, test);
    if (s) {
        free(val);
        return s;
    }
    /* seeds where the basis beats each other model; first epoch from which its mean validation
     * MSE stays below that of each other model */
    int wins[NMODEL] = {0}, from[NMODEL];
    for (int a = 0; a < NMODEL; a++) {
        for (int i = 0; i < P.train.seeds; i++) wins[a] += test[3].v[i] < test[a].v[i];
        from[a] = -1;
        for (int e = E; e >= 1 && val[3L * (E + 1) + e] < val[(long)a * (E + 1) + e]; e--) from[a] = e;
    }
    free(val);
    const cc_task task = cc_task_defaults(CC_TASK_DIGITDRAW);
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. 4: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds per model");
    cc_summary_add(&sm, "epochs", E, "training epochs");
    double zero, blind;
    cc_panel_chance_mse(&task, &zero, &blind); /* zero output; the mean digit at each step */
    cc_summary_add(&sm, "zero_mse", zero, "MSE of a zero output on the digits");
    cc_summary_add(&sm, "cueblind_mse", blind, "MSE of the best output that ignores the cue (the mean digit at each step)");
    char doc[160];
    for (int a = 0; a < NMODEL; a++) {
        snprintf(doc, sizeof doc, "test MSE, %s", TITLE[a]);
        cc_summary_addf(&sm, mse[a], doc, "mse_%s", NAME[a]);
        cc_summary_addf(&sm, test[a].sem, "its SEM over seeds", "sem_%s", NAME[a]);
    }
    for (int a = 0; a < 3; a++) {
        snprintf(doc, sizeof doc, "seeds in which the temporal basis ends below %s", TITLE[a]);
        cc_summary_addf(&sm, wins[a], doc, "basis_wins_%s", NAME[a]);
        snprintf(doc, sizeof doc, "first epoch from which the mean validation MSE of the basis stays below %s (-1 never)", TITLE[a]);
        cc_summary_addf(&sm, from[a], doc, "basis_below_%s_from", NAME[a]);
    }
    cc_summary_add(&sm, "ratio_none_basis", mse[0] / mse[3], "no-feedback / temporal-basis test MSE");
    cc_summary_add(&sm, "ratio_readout_basis", mse[1] / mse[3], "readout-feedback / temporal-basis test MSE");
    cc_summary_add(&sm, "ratio_single_basis", mse[2] / mse[3], "one-window / temporal-basis test MSE");
    if ((s = cc_summary_commit(&sm))) return s;
    /* the claim: mean(none) > mean(basis) and mean(readout) > mean(basis), each by Welch's one-sided
     * test at claims.level on the per-seed test MSE */
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 4 claim, from the per-seed test MSE"))) return s;
    char crit[300];
    snprintf(crit, sizeof crit,
             "no-feedback and readout-feedback test MSE each greater than the basis's by Welch's one-sided test, "
             "p < claims.level = %g; effect: the smaller difference of means",
             P.level);
    const cc_sample x[3] = {cc_sample_of(&test[3], NAME[3]), cc_sample_of(&test[0], NAME[0]),
                            cc_sample_of(&test[1], NAME[1])};
    s = cc_judge(&cl, &(cc_claim_text){"fig4.temporal_basis", CC_SRC_PAPER, "With a fixed cortex the temporal-basis cerebellar model draws the digits with a lower MSE than both cortical-only models", crit},
                 cc_rule_greater, &(cc_rule_arg){.level = P.level}, x, 3,
                 "MSE basis %.4f, no feedback %.4f, readout feedback %.4f (one window %.4f); basis lower in %d and %d of "
                 "%d seeds",
                 mse[3], mse[0], mse[1], mse[2], wins[0], wins[1], P.train.seeds);
    return s ? s : cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.model.final_learning) return snprintf(err, n, "model.final_learning: not with the temporal basis"), GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {.name = "fig4", .specs = SPECS, .validate = validate, .grid = grid, .run_unit = run_unit, .merge = merge,
    .summary = "Fig. 4: digit drawing with a fixed cortex: no feedback, readout feedback, one cerebellar window, the temporal basis"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
