/* figS15.c: Fig. S15, half of the cortex silenced.
 *
 * The first floor(f N) cortical units have their rate forced to 0 (r_t = 0, so they reach
 * neither the readout, nor the other units, nor the cerebellum), from the first training
 * epoch to the test, with f = silence.fraction (0.5). Four conditions per task, no feedback
 * or cerebellar feedback x intact or silenced cortex, on line drawing (Fig. 2 setting) and
 * delayed association (Fig. 6 setting; figS_tasks.h). Each intact model is also tested once
 * more with the same units silenced after training (a lesion it did not learn with). A unit
 * trains and tests one model (task, condition, seed); the merge writes
 *   figS15_bars_TASK.tsv      final test error of every condition
 *   figS15_curves_TASK.tsv    validation error per epoch of the four trained conditions
 * and checks the claim that the loop still helps with half of the cortex silenced.
 * Not here: the silencing itself (cc_cortex_step in src/model/cc_cortex.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

#include "figS_tasks.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    figS_task_keys task[FIGS_NTASKS];
    double fraction, z;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .task = {{.alpha = 0.1, .lr_rnn = 1e-3, .plasticity = CC_CORTEX_FIXED, .epochs = 60},
                {.alpha = 0.1, .lr_rnn = 2.5e-3, .plasticity = CC_CORTEX_INPUT, .epochs = 60}},
       .fraction = 0.5,
       .z = 2};

static const cc_spec SPECS[] = {
    FIGS_SPECS_SHARED(P.model, P.train),
    FIGS_SPECS_TASK("linedraw", P.task[FIGS_LINEDRAW]),
    FIGS_SPECS_TASK("delass", P.task[FIGS_DELASS]),
    CC_SPEC_DOUBLE("silence.fraction", &P.fraction, 0, 0.99, "fraction of cortical units silenced (the first floor(f N))"),
    CC_SPEC_DOUBLE("claims.z", &P.z, 0, 10, "claims: a difference counts when larger than z standard errors"),
    CC_SPEC_END};

/* The four trained conditions of a task, in unit order. */
enum { NONE_INTACT, NONE_SILENCED, CEREB_INTACT, CEREB_SILENCED, NCOND };
static const char *const COND_NAME[NCOND] = {"none-intact", "none-silenced", "cereb_fb-intact", "cereb_fb-silenced"};

static figS_manip manip(int c)
{
    figS_manip x = {c >= CEREB_INTACT ? CC_ARCH_CEREB_FB : CC_ARCH_NONE, 0.0,
                    c == NONE_SILENCED || c == CEREB_SILENCED ? P.fraction : 0.0};
    return x;
}

static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    for (int t = 0; t < FIGS_NTASKS; t++)
        for (int c = 0; c < NCOND; c++)
            for (int s = 0; s < P.train.seeds; s++)
                if (cc_unit_list_add(out, "%s-%s-s%d", FIGS_TASK_NAME[t], COND_NAME[c], s)) return GSL_ENOMEM;
    return GSL_SUCCESS;
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    const int per_task = NCOND * P.train.seeds;
    const int t = ctx->unit_index / per_task, c = ctx->unit_index % per_task / P.train.seeds;
    const unsigned long seed = (unsigned long)(P.train.seed0 + ctx->unit_index % P.train.seeds);
    const figS_manip x = manip(c);
    cc_stats st, sl;
    double err, err_lesion = NAN;
    cc_model *m = NULL;
    int s = figS_train_test(ctx, t, &P.task[t], &P.model, &P.train, x, seed, &st, &err, &m);
    if (!s && x.silenced == 0.0) { /* the intact model, lesioned after training, on the same test trials */
        cc_task task = cc_task_defaults(FIGS_KIND[t]);
        m->cortex_silenced = (int)floor(P.fraction * m->cfg.N);
        if (!(s = cc_test(m, &task, P.train.n_test, seed, &sl, NULL))) err_lesion = cc_stats_metric(m, &sl);
        cc_record_metric(ctx->rec, "test_error_lesioned", err_lesion);
    }
    if (!s) {
        double row[3] = {err, m->cfg.classification ? st.xent : st.mse, err_lesion};
        s = cc_expt_write_row(ctx, "test", "test error (MSE per element, or error fraction on the last step), loss (MSE or cross-entropy); error_lesioned: the intact model with the units silenced after training (NaN for a model trained silenced)",
                              "error loss error_lesioned", row);
    }
    cc_model_free(m);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* Unit ids of condition c of task t, one per seed. */
static char **ids(const cc_run_ctx *ctx, int t, int c)
{
    return ctx->units->id + ((long)t * NCOND + c) * P.train.seeds;
}

static int curves(const cc_run_ctx *ctx, int t)
{
    char title[200];
    snprintf(title, sizeof title, "Fig. S15: %s, validation error per epoch, mean and SEM over seeds; silenced: the first %g of the cortical units silenced from the start",
             FIGS_TASK_NAME[t], P.fraction);
    cc_tsv tsv;
    cc_tsv_head h = {.title = title,
                     .columns = "epoch none_intact none_intact_sem none_silenced none_silenced_sem cereb_intact cereb_intact_sem cereb_silenced cereb_silenced_sem",
                     .units = t == FIGS_DELASS ? "error fraction of 200 validation trials; epoch 0 before training" : "MSE per element of 200 validation trials; epoch 0 before training",
                     .runs = "units/TASK-*"};
    int s = cc_ctx_tsv_open(ctx, &tsv, &h, "figS15_curves_%s.tsv", FIGS_TASK_NAME[t]);
    for (int e = 0; !s && e <= P.task[t].epochs; e++) {
        double row[1 + 2 * NCOND] = {e};
        for (int c = 0; !s && c < NCOND; c++)
            s = figS_stat(ctx, ids(ctx, t, c), P.train.seeds, "curve", e, "val_metric", &row[1 + 2 * c], &row[2 + 2 * c]);
        if (!s) s = cc_tsv_row(&tsv, row);
    }
    if (s) {
        cc_tsv_abort(&tsv);
        return s;
    }
    return cc_tsv_commit(&tsv);
}

/* Bars of one task: the four trained conditions, then the two intact models lesioned after training. */
enum { NBARS = NCOND + 2 };
static const char *const BAR_LABEL[NBARS] = {"none/intact", "none/silenced", "cereb_fb/intact", "cereb_fb/silenced",
                                             "none/lesioned", "cereb_fb/lesioned"};

static int bars(const cc_run_ctx *ctx, int t, const double *mean, const double *sem)
{
    char title[240];
    snprintf(title, sizeof title, "Fig. S15: %s, test error per condition; silenced: trained and tested with the first %g of the cortical units silenced; lesioned: trained intact, silenced for the test only",
             FIGS_TASK_NAME[t], P.fraction);
    cc_tsv tsv;
    cc_tsv_head h = {.title = title, .columns = "index label mean sem",
                     .units = t == FIGS_DELASS ? "test error fraction on the last step, 1000 trials, mean and SEM over seeds" : "test MSE per element, 1000 trials, mean and SEM over seeds",
                     .runs = "units/TASK-*"};
    int s = cc_ctx_tsv_open(ctx, &tsv, &h, "figS15_bars_%s.tsv", FIGS_TASK_NAME[t]);
    for (int i = 0; !s && i < NBARS; i++) {
        s = cc_tsv_int(&tsv, i);
        if (!s) s = cc_tsv_str(&tsv, BAR_LABEL[i]);
        if (!s) s = cc_tsv_num(&tsv, mean[i]);
        if (!s) s = cc_tsv_num(&tsv, sem[i]);
    }
    if (s) {
        cc_tsv_abort(&tsv);
        return s;
    }
    return cc_tsv_commit(&tsv);
}

static int merge(const cc_run_ctx *ctx)
{
    double mean[FIGS_NTASKS][NBARS], sem[FIGS_NTASKS][NBARS];
    int s = GSL_SUCCESS;
    for (int t = 0; !s && t < FIGS_NTASKS; t++) {
        for (int c = 0; !s && c < NCOND; c++)
            s = figS_stat(ctx, ids(ctx, t, c), P.train.seeds, "test", 0, "error", &mean[t][c], &sem[t][c]);
        if (!s) s = figS_stat(ctx, ids(ctx, t, NONE_INTACT), P.train.seeds, "test", 0, "error_lesioned", &mean[t][NCOND], &sem[t][NCOND]);
        if (!s) s = figS_stat(ctx, ids(ctx, t, CEREB_INTACT), P.train.seeds, "test", 0, "error_lesioned", &mean[t][NCOND + 1], &sem[t][NCOND + 1]);
        if (!s) s = curves(ctx, t);
        if (!s) s = bars(ctx, t, mean[t], sem[t]);
    }
    if (s) return s;

    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. S15: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds per condition");
    cc_summary_add(&sm, "fraction", P.fraction, "fraction of the cortical units silenced");
    cc_summary_add(&sm, "n_silenced", floor(P.fraction * P.model.N), "cortical units silenced");
    cc_summary_add(&sm, "N", P.model.N, "cortical units");
    static const char *const KEY[NBARS] = {"none_intact", "none_silenced", "cereb_intact", "cereb_silenced", "none_lesioned", "cereb_lesioned"};
    char key[64], doc[200];
    for (int t = 0; t < FIGS_NTASKS; t++) {
        const char *tn = FIGS_TASK_NAME[t];
        snprintf(key, sizeof key, "%s_epochs", tn);
        cc_summary_add(&sm, key, P.task[t].epochs, "training epochs");
        for (int i = 0; i < NBARS; i++) {
            snprintf(key, sizeof key, "%s_%s", tn, KEY[i]);
            snprintf(doc, sizeof doc, "%s, test %s, %s", tn, t == FIGS_DELASS ? "error fraction" : "MSE", BAR_LABEL[i]);
            cc_summary_add(&sm, key, mean[t][i], doc);
            snprintf(key, sizeof key, "%s_%s_sem", tn, KEY[i]);
            cc_summary_add(&sm, key, sem[t][i], "its SEM over seeds");
        }
        snprintf(key, sizeof key, "%s_ratio_silenced", tn);
        cc_summary_add(&sm, key, mean[t][NONE_SILENCED] / mean[t][CEREB_SILENCED], "no-feedback / cerebellar error, both with the cortex silenced");
        snprintf(key, sizeof key, "%s_ratio_intact", tn);
        cc_summary_add(&sm, key, mean[t][NONE_INTACT] / mean[t][CEREB_INTACT], "no-feedback / cerebellar error, both intact");
    }
    if ((s = cc_summary_commit(&sm))) return s;

    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. S15 claims, from the test error means and SEMs over seeds"))) return s;
    char crit[200], stmt[300], id[64];
    for (int t = 0; t < FIGS_NTASKS; t++) {
        const double *a = mean[t], *e = sem[t];
        snprintf(id, sizeof id, "figS15.%s.loop_helps", FIGS_TASK_NAME[t]);
        snprintf(stmt, sizeof stmt, "On %s with %g of the cortical units silenced, the cerebellar model beats no feedback with the same silenced cortex",
                 t == FIGS_DELASS ? "delayed association" : "line drawing", P.fraction);
        snprintf(crit, sizeof crit, "error(none, silenced) - error(cerebellar, silenced) > %g SE of the difference", P.z);
        cc_claims_add(&cl, id, stmt, crit, figS_clearly_above(a[NONE_SILENCED], e[NONE_SILENCED], a[CEREB_SILENCED], e[CEREB_SILENCED], P.z),
                      "silenced: none %.4g +- %.2g, cerebellar %.4g +- %.2g; intact: none %.4g +- %.2g, cerebellar %.4g +- %.2g",
                      a[NONE_SILENCED], e[NONE_SILENCED], a[CEREB_SILENCED], e[CEREB_SILENCED], a[NONE_INTACT], e[NONE_INTACT],
                      a[CEREB_INTACT], e[CEREB_INTACT]);
    }
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if ((int)floor(P.fraction * P.model.N) < 1) return snprintf(err, n, "silence.fraction: silences no unit of model.N"), GSL_EINVAL;
    return figS_check(P.task, &P.model, &P.train, err, n);
}

static const cc_experiment EXPERIMENT = {
    .name = "figS15",
    .summary = "Fig. S15: half of the cortex silenced, with and without the cerebellum, on line drawing and delayed association",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
