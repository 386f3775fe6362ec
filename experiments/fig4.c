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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cc_expt.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT};

static const cc_spec SPECS[] = {CC_SPECS_MODEL(P.model), CC_SPECS_TRAIN(P.train), CC_SPEC_END};

/* The four models, in the order of every panel. */
enum { NMODEL = 4 };
static const cc_arch ARCH[NMODEL] = {CC_ARCH_NONE, CC_ARCH_READOUT_FB, CC_ARCH_CEREB_FB, CC_ARCH_CEREB_FB};
static const int BASIS[NMODEL] = {0, 0, 0, 1};
static const char *const NAME[NMODEL] = {"none", "readout_fb", "cereb_fb", "cereb_basis"};
static const char *const TITLE[NMODEL] = {"no feedback", "readout feedback", "cerebellar feedback, one window",
                                          "cerebellar temporal basis"};

static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    for (int a = 0; a < NMODEL; a++)
        for (int s = 0; s < P.train.seeds; s++)
            if (cc_unit_list_add(out, "%s-s%d", NAME[a], s)) return GSL_ENOMEM;
    return GSL_SUCCESS;
}

/* First test trial of each digit: cond t target_x target_y x y. */
static int write_traj(const cc_run_ctx *ctx, const cc_batch *b, const double *z)
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 4b: readout of the first test trial of each digit",
                     .columns = "cond t target_x target_y x y",
                     .runs = ctx->unit};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.traj.tsv", ctx->unit);
    for (int k = 0; !s && k < 6; k++) {
        int bb = 0;
        while (bb < b->B && b->cond[bb] != k) bb++;
        for (int tt = 0; !s && bb < b->B && tt < b->T; tt++) {
            long i = ((long)tt * b->B + bb) * 2;
            double row[6] = {k, tt, b->y[i], b->y[i + 1], z[i], z[i + 1]};
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
    const int a = ctx->unit_index / P.train.seeds;
    const unsigned long seed = (unsigned long)(P.train.seed0 + ctx->unit_index % P.train.seeds);
    cc_task task = cc_task_defaults(CC_TASK_DIGITDRAW);
    cc_model_keys mk = P.model;
    mk.temporal_basis = BASIS[a];
    cc_config cfg = cc_expt_config(&mk, &task, ARCH[a], CC_CORTEX_FIXED);
    cc_protocol pr = cc_expt_protocol(&P.train, &task);
    cc_model *m = cc_model_alloc(&cfg, seed);
    cc_curve *curve = cc_curve_alloc(pr.epochs);
    cc_batch *b = NULL;
    int s = m && curve ? GSL_SUCCESS : GSL_ENOMEM;
    if (!s) s = cc_expt_train(m, &task, &pr, seed, curve, ctx);
    if (!s) s = cc_expt_write_curve(ctx, curve, "val_metric: validation MSE per element; losses per element");
    cc_stats st;
    if (!s) s = cc_test(m, &task, pr.n_test, seed, &st, &b);
    if (!s) s = write_traj(ctx, b, m->ws.z);
    if (!s) {
        double row[2] = {st.mse, curve->best_epoch};
        s = cc_expt_write_row(ctx, "test", "test MSE per element (1000 trials)", "mse best_epoch", row);
    }
    if (!s) {
        cc_record_metric(ctx->rec, "test_mse", st.mse);
        cc_record_metric(ctx->rec, "final_val_mse", curve->val_metric[pr.epochs]);
        cc_record_metric(ctx->rec, "cpu_seconds", (double)clock() / CLOCKS_PER_SEC); /* core-seconds of the unit */
    }
    cc_batch_free(b);
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

/* ---------------------------------------------------------------- merge */

static char *const *ids(const cc_run_ctx *ctx, int a) { return ctx->units->id + (long)a * P.train.seeds; }

static int stat(const cc_run_ctx *ctx, int a, const char *file, int row, const char *col, double *mean, double *sem)
{
    double v[1000];
    int s = cc_expt_collect(ctx, ids(ctx, a), P.train.seeds, file, row, col, v);
    if (!s) cc_mean_sem(v, P.train.seeds, mean, sem);
    return s;
}

static int table_end(cc_tsv *t, int s)
{
    if (s) {
        cc_tsv_abort(t);
        return s;
    }
    return cc_tsv_commit(t);
}

/* MSE of two outputs that ignore the cue (digits drawn uniformly): zero, and the best such
 * output, the mean target of each step over the six digits (the chance level of a readout
 * whose bias learns but whose cortex carries no cue). */
static void chance_mse(const cc_task *task, double *zero, double *blind)
{
    double y[6][2 * 200], z = 0.0, c = 0.0;
    *zero = *blind = NAN;
    if (task->T > 200) return;
    for (int k = 0; k < 6; k++) cc_task_template(y[k], task, k);
    for (int i = 0; i < 2 * task->T; i++) {
        double m = 0.0;
        for (int k = 0; k < 6; k++) m += y[k][i] / 6.0;
        for (int k = 0; k < 6; k++) {
            z += y[k][i] * y[k][i];
            c += (y[k][i] - m) * (y[k][i] - m);
        }
    }
    *zero = z / (6.0 * 2 * task->T);
    *blind = c / (6.0 * 2 * task->T);
}

static int merge(const cc_run_ctx *ctx)
{
    char runs[256];
    snprintf(runs, sizeof runs, "units/<model>-s0..s%d, seeds %d..%d", P.train.seeds - 1, P.train.seed0,
             P.train.seed0 + P.train.seeds - 1);
    const int E = P.train.epochs;
    double *val = malloc((size_t)NMODEL * (E + 1) * sizeof(double)); /* mean validation MSE per model and epoch */
    if (!val) return GSL_ENOMEM;
    /* a: learning curves */
    cc_tsv t;
    cc_tsv_head ha = {.title = "Fig. 4a: validation MSE per epoch, fixed cortex, alpha 0.9, mean and SEM over seeds",
                      .columns = "epoch none none_sem readout_fb readout_fb_sem cereb_fb cereb_fb_sem cereb_basis cereb_basis_sem",
                      .units = "MSE per element of 200 validation trials; epoch 0 is before training",
                      .runs = runs};
    int s = cc_ctx_tsv_open(ctx, &t, &ha, "fig4a_curves.tsv");
    for (int e = 0; !s && e <= E; e++) {
        double row[1 + 2 * NMODEL] = {e};
        for (int a = 0; !s && a < NMODEL; a++) {
            s = stat(ctx, a, "curve", e, "val_metric", &row[1 + 2 * a], &row[2 + 2 * a]);
            val[(long)a * (E + 1) + e] = row[1 + 2 * a];
        }
        if (!s) s = cc_tsv_row(&t, row);
    }
    s = table_end(&t, s);
    /* b: digits of the first seed, side by side */
    cc_table tb[NMODEL] = {{0}};
    for (int a = 0; !s && a < NMODEL; a++) s = cc_ctx_table_read(ctx, &tb[a], "units/%s.traj.tsv", ids(ctx, a)[0]);
    cc_tsv_head hb = {.title = "Fig. 4b: outputs of the first test trial of each digit after training (first seed)",
                      .columns = "cond t target_x target_y none_x none_y readout_fb_x readout_fb_y cereb_fb_x cereb_fb_y cereb_basis_x cereb_basis_y",
                      .runs = "seed index 0 of each model"};
    if (!s) {
        s = cc_ctx_tsv_open(ctx, &t, &hb, "fig4b_traj.tsv");
        for (int r = 0; !s && r < tb[0].nrow; r++) {
            const int nc = tb[0].ncol;
            double row[4 + 2 * NMODEL];
            for (int k = 0; k < 4; k++) row[k] = tb[0].v[r * nc + k];
            for (int a = 0; a < NMODEL; a++) {
                row[4 + 2 * a] = tb[a].v[r * nc + 4];
                row[5 + 2 * a] = tb[a].v[r * nc + 5];
            }
            s = cc_tsv_row(&t, row);
        }
        s = table_end(&t, s);
    }
    for (int a = 0; a < NMODEL; a++) cc_table_free(&tb[a]);
    /* c: test MSE bars */
    double mse[NMODEL], sem[NMODEL], per_seed[NMODEL][1000];
    for (int a = 0; !s && a < NMODEL; a++) {
        s = stat(ctx, a, "test", 0, "mse", &mse[a], &sem[a]);
        if (!s) s = cc_expt_collect(ctx, ids(ctx, a), P.train.seeds, "test", 0, "mse", per_seed[a]);
    }
    cc_tsv_head hc = {.title = "Fig. 4c: test MSE per model",
                      .columns = "index label mean sem",
                      .units = "test MSE per element, 1000 trials, mean and SEM over seeds",
                      .runs = runs};
    if (!s) {
        s = cc_ctx_tsv_open(ctx, &t, &hc, "fig4c_test.tsv");
        for (int a = 0; !s && a < NMODEL; a++) {
            s = cc_tsv_int(&t, a);
            if (!s) s = cc_tsv_str(&t, NAME[a]);
            if (!s) s = cc_tsv_num(&t, mse[a]);
            if (!s) s = cc_tsv_num(&t, sem[a]);
        }
        s = table_end(&t, s);
    }
    if (s) {
        free(val);
        return s;
    }
    /* seeds where the basis beats each other model; first epoch from which its mean validation
     * MSE stays below that of each other model */
    int wins[NMODEL] = {0}, from[NMODEL];
    for (int a = 0; a < NMODEL; a++) {
        for (int i = 0; i < P.train.seeds; i++) wins[a] += per_seed[3][i] < per_seed[a][i];
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
    chance_mse(&task, &zero, &blind);
    cc_summary_add(&sm, "zero_mse", zero, "MSE of a zero output on the digits");
    cc_summary_add(&sm, "cueblind_mse", blind, "MSE of the best output that ignores the cue (the mean digit at each step)");
    char key[64], doc[160];
    for (int a = 0; a < NMODEL; a++) {
        snprintf(key, sizeof key, "mse_%s", NAME[a]);
        snprintf(doc, sizeof doc, "test MSE, %s", TITLE[a]);
        cc_summary_add(&sm, key, mse[a], doc);
        snprintf(key, sizeof key, "sem_%s", NAME[a]);
        cc_summary_add(&sm, key, sem[a], "its SEM over seeds");
    }
    for (int a = 0; a < 3; a++) {
        snprintf(key, sizeof key, "basis_wins_%s", NAME[a]);
        snprintf(doc, sizeof doc, "seeds in which the temporal basis ends below %s", TITLE[a]);
        cc_summary_add(&sm, key, wins[a], doc);
        snprintf(key, sizeof key, "basis_below_%s_from", NAME[a]);
        snprintf(doc, sizeof doc, "first epoch from which the mean validation MSE of the basis stays below %s (-1 never)", TITLE[a]);
        cc_summary_add(&sm, key, from[a], doc);
    }
    cc_summary_add(&sm, "ratio_none_basis", mse[0] / mse[3], "no-feedback / temporal-basis test MSE");
    cc_summary_add(&sm, "ratio_readout_basis", mse[1] / mse[3], "readout-feedback / temporal-basis test MSE");
    cc_summary_add(&sm, "ratio_single_basis", mse[2] / mse[3], "one-window / temporal-basis test MSE");
    if ((s = cc_summary_commit(&sm))) return s;
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 4 claim, from the test MSE means over seeds"))) return s;
    cc_claims_add(&cl, "fig4.temporal_basis",
                  "With a fixed cortex the temporal-basis cerebellar model draws the digits with a lower MSE than both cortical-only models",
                  "basis MSE < no-feedback MSE and < readout-feedback MSE", mse[3] < mse[0] && mse[3] < mse[1],
                  "MSE basis %.4f, no feedback %.4f, readout feedback %.4f (one window %.4f); basis lower in %d and %d of %d seeds",
                  mse[3], mse[0], mse[1], mse[2], wins[0], wins[1], P.train.seeds);
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.train.seeds > 1000) return snprintf(err, n, "run.seeds: at most 1000"), GSL_EINVAL;
    if (P.model.final_learning) return snprintf(err, n, "model.final_learning: not with the temporal basis"), GSL_EINVAL;
    const cc_task task = cc_task_defaults(CC_TASK_DIGITDRAW); /* the shared cross-key rules (tau, sizes, memory) */
    return cc_expt_check(&P.model, &P.train, &task, CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, err, n);
}

static const cc_experiment EXPERIMENT = {
    .name = "fig4",
    .summary = "Fig. 4: digit drawing with a fixed cortex: no feedback, readout feedback, one cerebellar window, the temporal basis",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
