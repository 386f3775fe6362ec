/* fig1.c: Fig. 1, the model: its three architectures and one trained trial.
 *
 * One unit trains a cerebellar-feedback model on line drawing and records one test
 * trial: the activity of every cortical unit, the cerebellar output that reached the
 * cortex and the readout against its target. The merge writes those panels, plus
 * the sizes of the model (read by the plot script to label the block diagrams, so
 * the diagrams show what the code runs).
 */
#include "cc_figure.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int cue;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .cue = 1};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_INT("trial.cue", &P.cue, 0, 5, "cue of the trial shown (1: the line to (0, 1))"),
    CC_SPEC_END};

/* One example model: cerebellar feedback, fixed cortex, line drawing, whatever run.seeds says. */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    cc_cond *c = cc_grid_add(g, "cereb_fb");
    if (!c) return GSL_ENOMEM;
    c->seeds = 1;
    return GSL_SUCCESS;
}

/* Columns t target_x target_y z_x z_y c_x c_y of trial bb, then its cortical rates. */
static int write_trial(const cc_run_ctx *ctx, const cc_model *m, const cc_batch *b, int bb)
{
    const int T = b->T, B = b->B, N = m->cfg.N;
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 1: one test trial of the trained cerebellar-feedback model",
                     .columns = "t target_x target_y z_x z_y c_x c_y",
                     .units = "t in steps; z readout; c cerebellar output reaching the cortex",
                     .runs = ctx->unit};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.trial.tsv", ctx->unit);
    for (int tt = 0; !s && tt < T; tt++) {
        long i = ((long)tt * B + bb) * 2;
        double row[7] = {tt, b->y[i], b->y[i + 1], m->ws.z[i], m->ws.z[i + 1], m->ws.c[i], m->ws.c[i + 1]};
        s = cc_tsv_row(&t, row);
    }
    s = cc_tsv_end(&t, s);
    cc_tsv_head ha = {.title = "Fig. 1: cortical rates f(h_t) of every unit in the trial", .columns = "t unit rate",
                      .units = "rate = tanh(h)", .runs = ctx->unit};
    if (!s) s = cc_ctx_tsv_open(ctx, &t, &ha, "units/%s.activity.tsv", ctx->unit);
    for (int tt = 0; !s && tt < T; tt++)
        for (int j = 0; !s && j < N; j++) {
            double row[3] = {tt, j, m->ws.r[((long)(tt + 1) * B + bb) * N + j]}; /* r index 0 is t = -1 */
            s = cc_tsv_row(&t, row);
        }
    return cc_tsv_end(&t, s);
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    cc_batch *b = NULL;
    cc_stats st;
    int s = cc_grid_train(ctx, &tr);
    if (!s) s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &st, &b);
    int bb = 0; /* the first test trial of the cue shown */
    while (!s && bb < b->B && b->cond[bb] != P.cue) bb++;
    if (!s && bb == b->B) s = CC_ERRORF(GSL_EFAILED, "no test trial with cue %d", P.cue);
    if (!s) s = write_trial(ctx, tr.m, b, bb);
    if (!s) {
        const cc_config *cfg = &tr.cfg;
        double row[8] = {cfg->D, cfg->N, cfg->G, cfg->O, cfg->tau, cfg->alpha, st.mse, tr.pr.epochs};
        s = cc_expt_write_row(ctx, "model", "sizes of the model and its test MSE", "D N G O tau alpha mse epochs", row);
    }
    cc_batch_free(b);
    cc_trained_free(&tr);
    return s;
}

/* One table of the unit, as a panel under its own title and column names. */
static int panel(const cc_run_ctx *ctx, const char *unit_file, const char *file, const char *title, const char *cols)
{
    const char *unit = cc_grid_unit(ctx, "cereb_fb", 0);
    cc_tsv_head h = {.title = title, .columns = cols, .runs = unit};
    return cc_panel_copy(ctx, file, &h, unit, unit_file);
}

static int merge(const cc_run_ctx *ctx)
{
    int s = panel(ctx, "model", "fig1_model.tsv", "Fig. 1: sizes of the model (labels of the diagrams) and test MSE",
                  "D N G O tau alpha mse epochs");
    if (!s) s = panel(ctx, "trial", "fig1_trial.tsv", "Fig. 1: readout, target and cerebellar output of one test trial",
                      "t target_x target_y z_x z_y c_x c_y");
    if (!s) s = panel(ctx, "activity", "fig1_activity.tsv", "Fig. 1: cortical rates of the trial", "t unit rate");
    double mse, sem;
    if (!s) s = cc_grid_mean_sem(ctx, "cereb_fb", "model", 0, "mse", &mse, &sem);
    if (s) return s;
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. 1: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "mse", mse, "test MSE of the model shown");
    cc_summary_add(&sm, "epochs", P.train.epochs, "training epochs");
    if ((s = cc_summary_commit(&sm))) return s;
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 1 claims"))) return s;
    fputs("# no claims: the figure shows the model and one trained trial\n", cl.f);
    return cc_claims_commit(&cl);
}

static const cc_experiment EXPERIMENT = {.name = "fig1", .specs = SPECS, .grid = grid, .run_unit = run_unit, .merge = merge,
    .summary = "Fig. 1: the three architectures and one trained cerebellar-feedback trial"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
