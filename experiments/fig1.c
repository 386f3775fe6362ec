/* fig1.c: Fig. 1, the model: its three architectures and one trained trial.
 *
 * One unit trains a cerebellar-feedback model on line drawing and records one test
 * trial: the activity of every cortical unit, the cerebellar output that reached the
 * cortex and the readout against its target. The merge writes those panels, plus
 * the sizes of the model (read by the plot script to label the block diagrams, so
 * the diagrams show what the code runs).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc_expt.h"

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

static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    return cc_unit_list_add(out, "cereb_fb-s0");
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
        if ((s = cc_tsv_row(&t, row))) cc_tsv_abort(&t);
    }
    if (!s) s = cc_tsv_commit(&t);
    cc_tsv_head ha = {.title = "Fig. 1: cortical rates f(h_t) of every unit in the trial", .columns = "t unit rate",
                      .units = "rate = tanh(h)", .runs = ctx->unit};
    if (!s) s = cc_ctx_tsv_open(ctx, &t, &ha, "units/%s.activity.tsv", ctx->unit);
    for (int tt = 0; !s && tt < T; tt++)
        for (int j = 0; !s && j < N; j++) {
            double row[3] = {tt, j, m->ws.r[((long)(tt + 1) * B + bb) * N + j]}; /* r index 0 is t = -1 */
            if ((s = cc_tsv_row(&t, row))) cc_tsv_abort(&t);
        }
    return s ? s : cc_tsv_commit(&t);
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    const unsigned long seed = (unsigned long)P.train.seed0;
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    cc_config cfg = cc_expt_config(&P.model, &task, CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    cc_protocol pr = cc_expt_protocol(&P.train, &task);
    cc_model *m = cc_model_alloc(&cfg, seed);
    cc_curve *curve = cc_curve_alloc(pr.epochs);
    cc_batch *b = NULL;
    cc_stats st;
    int s = GSL_ENOMEM;
    if (!m || !curve) goto done;
    if ((s = cc_expt_train(m, &task, &pr, seed, curve, ctx))) goto done;
    if ((s = cc_test(m, &task, pr.n_test, seed, &st, &b))) goto done;
    int bb = 0;
    while (bb < b->B && b->cond[bb] != P.cue) bb++;
    if (bb == b->B) {
        s = CC_ERRORF(GSL_EFAILED, "no test trial with cue %d", P.cue);
        goto done;
    }
    if ((s = write_trial(ctx, m, b, bb))) goto done;
    double row[8] = {cfg.D, cfg.N, cfg.G, cfg.O, cfg.tau, cfg.alpha, st.mse, pr.epochs};
    s = cc_expt_write_row(ctx, "model", "sizes of the model and its test MSE", "D N G O tau alpha mse epochs", row);
    cc_record_metric(ctx->rec, "test_mse", st.mse);
done:
    cc_batch_free(b);
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

/* Copy one unit table to a panel file, under a new title. */
static int copy_table(const cc_run_ctx *ctx, const char *from, const char *to, const char *title, const char *cols)
{
    cc_table tb = {0};
    int s = cc_ctx_table_read(ctx, &tb, "units/%s.%s.tsv", ctx->units->id[0], from);
    if (s) return s;
    cc_tsv t;
    cc_tsv_head h = {.title = title, .columns = cols, .runs = ctx->units->id[0]};
    s = cc_ctx_tsv_open(ctx, &t, &h, "%s", to);
    for (int r = 0; !s && r < tb.nrow; r++)
        if ((s = cc_tsv_row(&t, tb.v + (long)r * tb.ncol))) cc_tsv_abort(&t);
    if (!s) s = cc_tsv_commit(&t);
    cc_table_free(&tb);
    return s;
}

static int merge(const cc_run_ctx *ctx)
{
    int s = copy_table(ctx, "model", "fig1_model.tsv", "Fig. 1: sizes of the model (labels of the diagrams) and test MSE",
                       "D N G O tau alpha mse epochs");
    if (!s) s = copy_table(ctx, "trial", "fig1_trial.tsv", "Fig. 1: readout, target and cerebellar output of one test trial",
                           "t target_x target_y z_x z_y c_x c_y");
    if (!s) s = copy_table(ctx, "activity", "fig1_activity.tsv", "Fig. 1: cortical rates of the trial", "t unit rate");
    if (s) return s;
    double mse;
    if ((s = cc_expt_collect(ctx, ctx->units->id, 1, "model", 0, "mse", &mse))) return s;
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

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    const cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    return cc_expt_check(&P.model, &P.train, &task, CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, err, n);
}

static const cc_experiment EXPERIMENT = {
    .name = "fig1",
    .summary = "Fig. 1: the three architectures and one trained cerebellar-feedback trial",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
