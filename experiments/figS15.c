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
 * and judges, per task, the package's question whether the loop still helps with half of the
 * cortex silenced (claims.tsv; the paper's caption is not accessible): Welch's one-sided test at
 * claims.level on the test errors of every seed of the two half-silenced conditions.
 * Not here: the silencing itself (cc_cortex_step in src/model/cc_cortex.c).
 */
#include "figS_tasks.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    figS_task_keys task[FIGS_NTASKS];
    double fraction, level, learnt_error;
    int seeds_cap;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT,
       .task = {{.alpha = 0.1, .lr_rnn = 1e-3, .plasticity = CC_CORTEX_FIXED, .epochs = 60},
                {.alpha = 0.1, .lr_rnn = 2.5e-3, .plasticity = CC_CORTEX_INPUT, .epochs = 60}},
       .fraction = 0.5, .level = 0.05, .learnt_error = 0.1, .seeds_cap = 20};

static const cc_spec SPECS[] = {
    FIGS_SPECS_SHARED(P.model, P.train),
    FIGS_SPECS_TASK("linedraw", P.task[FIGS_LINEDRAW]),
    FIGS_SPECS_TASK("delass", P.task[FIGS_DELASS]),
    FIGS_SPEC_SEEDS("linedraw", P.task[FIGS_LINEDRAW], "seeds of the two half-silenced conditions, which decide the claim (0 or fewer: run.seeds)"),
    FIGS_SPEC_SEEDS("delass", P.task[FIGS_DELASS], "seeds of the two half-silenced conditions, which decide the claim (0 or fewer: run.seeds)"),
    CC_SPEC_DOUBLE("silence.fraction", &P.fraction, 0, 0.99, "fraction of cortical units silenced (the first floor(f N))"),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "claims: level of the one-sided Welch test"),
    CC_SPEC_DOUBLE("claims.learnt_error", &P.learnt_error, 0, 1, "claims: a delayed-association seed learnt when its test error is at most this"),
    CC_SPEC_INT("claims.seeds_cap", &P.seeds_cap, 1, CC_GRID_MAX_SEEDS, "claims: the most seeds linedraw.seeds and delass.seeds may ask"),
    CC_SPEC_END};

/* The bars of a task: its four conditions (no feedback or cerebellar feedback x intact or silenced
 * cortex, also the columns of its curves), then the two intact models lesioned after training. */
enum { NONE_INTACT, NONE_SILENCED, CEREB_INTACT, CEREB_SILENCED, NONE_LESIONED, CEREB_LESIONED, NBARS, NCOND = 4 };
static const struct {
    const char *cond, *col, *label, *key; /* condition (after "<task>-"), column of its test file, label, summary key */
} BAR[NBARS] = {{"none-intact", "error", "none/intact", "none_intact"},
                {"none-silenced", "error", "none/silenced", "none_silenced"},
                {"cereb_fb-intact", "error", "cereb_fb/intact", "cereb_intact"},
                {"cereb_fb-silenced", "error", "cereb_fb/silenced", "cereb_silenced"},
                {"none-intact", "error_lesioned", "none/lesioned", "none_lesioned"},
                {"cereb_fb-intact", "error_lesioned", "cereb_fb/lesioned", "cereb_lesioned"}};

/* Condition of bar b of task t: "<task>-<condition>". */
static const char *cond_name(char name[CC_GRID_NAME_MAX], int t, int b)
{
    snprintf(name, CC_GRID_NAME_MAX, "%s-%s", FIGS_TASK_NAME[t], BAR[b].cond);
    return name;
}

/* Each condition silences its fraction of the cortex either from the start (silence.train_fraction)
 * or, intact in training, for a second test after it (silence.lesion_fraction). */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    char name[CC_GRID_NAME_MAX];
    for (int t = 0; t < FIGS_NTASKS; t++)
        for (int c = 0; c < NCOND; c++) {
            const int silenced = c == NONE_SILENCED || c == CEREB_SILENCED;
            cc_cond *k = figS_cond(g, t, &P.task[t], c >= CEREB_INTACT ? CC_ARCH_CEREB_FB : CC_ARCH_NONE, cond_name(name, t, c));
            if (!k) return GSL_ENOMEM;
            if (silenced) k->seeds = figS_deciding_seeds(&P.task[t], P.train.seeds); /* they decide the claim */
            cc_cond_set(k, "silence.train_fraction", silenced ? P.fraction : 0.0);
            cc_cond_set(k, "silence.lesion_fraction", silenced ? 0.0 : P.fraction);
        }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    const figS_manip x = {.silenced = cc_cond_get(ctx->cond, "silence.train_fraction")};
    const double lesion = cc_cond_get(ctx->cond, "silence.lesion_fraction");
    cc_trained tr;
    cc_stats st, sl;
    double err, err_lesion = NAN;
    int s = figS_train_test(ctx, x, &tr, &st, &err);
    if (!s && lesion > 0) { /* the intact model, lesioned after training, on the same test trials */
        tr.m->cortex_silenced = (int)floor(lesion * tr.cfg.N);
        if (!(s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &sl, NULL))) err_lesion = cc_stats_metric(tr.m, &sl);
    }
    if (!s) {
        double row[3] = {err, tr.cfg.classification ? st.xent : st.mse, err_lesion};
        s = cc_expt_write_row(ctx, "test", "test error (MSE per element, or error fraction on the last step), loss (MSE or cross-entropy); error_lesioned: the intact model with the units silenced after training (NaN for a model trained silenced)",
                              "error loss error_lesioned", row);
    }
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* The two panels of task t: learning curves of its four conditions and the bars; st (NBARS)
 * receives the test error of every seed of each bar. */
static int panels(const cc_run_ctx *ctx, int t, cc_seedstat *st)
{
    char name[NBARS][CC_GRID_NAME_MAX], title[240], file[64];
    cc_panel_series series[NCOND];
    const char *label[NBARS];
    int s = GSL_SUCCESS;
    for (int b = 0; b < NBARS; b++) {
        if (!s) s = cc_grid_stat(ctx, cond_name(name[b], t, b), "test", 0, BAR[b].col, &st[b]);
        if (b < NCOND) series[b] = (cc_panel_series){name[b], BAR[b].key};
        label[b] = BAR[b].label;
    }
    const char *tn = FIGS_TASK_NAME[t];
    snprintf(title, sizeof title, "Fig. S15: %s, validation error per epoch, mean and SEM over seeds; silenced: the first %g of the cortical units silenced from the start",
             tn, P.fraction);
    if (!s) s = figS_curves(ctx, "figS15", t, title, series, NCOND, P.task[t].epochs);
    snprintf(title, sizeof title, "Fig. S15: %s, test error per condition; silenced: trained and tested with the first %g of the cortical units silenced; lesioned: trained intact, silenced for the test only",
             tn, P.fraction);
    cc_tsv_head hb = {.title = title,
                      .units = t == FIGS_DELASS ? "test error fraction on the last step, 1000 trials, mean and SEM over seeds" : "test MSE per element, 1000 trials, mean and SEM over seeds",
                      .runs = "units/TASK-*"};
    snprintf(file, sizeof file, "figS15_bars_%s.tsv", tn);
    return s ? s : cc_panel_seed_bars(ctx, file, &hb, label, NBARS, NULL, 1, st);
}

static int merge(const cc_run_ctx *ctx)
{
    /* st[t][b]: the test error of every seed of bar b of task t; x[t][b] the same as a sample */
    static cc_seedstat st[FIGS_NTASKS][NBARS]; /* large: not on the stack */
    cc_sample x[FIGS_NTASKS][NBARS];
    int s = GSL_SUCCESS;
    for (int t = 0; !s && t < FIGS_NTASKS; t++) s = panels(ctx, t, st[t]);
    if (s) return s;
    for (int t = 0; t < FIGS_NTASKS; t++)
        for (int b = 0; b < NBARS; b++) x[t][b] = cc_sample_of(&st[t][b], BAR[b].key);

    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. S15: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds per condition (run.seeds), unless it decides the claim (<task>_seeds)");
    cc_summary_add(&sm, "seeds_cap", P.seeds_cap, "the most seeds a condition that decides a claim may run (claims.seeds_cap)");
    cc_summary_add(&sm, "fraction", P.fraction, "fraction of the cortical units silenced");
    cc_summary_add(&sm, "n_silenced", floor(P.fraction * P.model.N), "cortical units silenced");
    cc_summary_add(&sm, "N", P.model.N, "cortical units");
    char doc[200], la[48], lb[48], lc[48], ld[48];
    for (int t = 0; t < FIGS_NTASKS; t++) {
        const char *tn = FIGS_TASK_NAME[t];
        cc_summary_addf(&sm, P.task[t].epochs, "training epochs", "%s_epochs", tn);
        cc_summary_addf(&sm, figS_deciding_seeds(&P.task[t], P.train.seeds), "seeds of each of the two half-silenced conditions", "%s_seeds", tn);
        for (int b = 0; b < NBARS; b++) {
            snprintf(doc, sizeof doc, "%s, test %s, %s", tn, t == FIGS_DELASS ? "error fraction" : "MSE", BAR[b].label);
            cc_panel_summary_mean_sem(&sm, st[t][b].mean, st[t][b].sem, doc, "%s_%s", tn, BAR[b].key);
            if (t == FIGS_DELASS)
                cc_summary_addf(&sm, cc_sample_count_le(&x[t][b], P.learnt_error), "its seeds that learnt (test error <= claims.learnt_error)", "%s_%s_learnt", tn, BAR[b].key);
        }
        cc_summary_addf(&sm, st[t][NONE_SILENCED].mean / st[t][CEREB_SILENCED].mean, "no-feedback / cerebellar error, both with the cortex silenced", "%s_ratio_silenced", tn);
        cc_summary_addf(&sm, st[t][NONE_INTACT].mean / st[t][CEREB_INTACT].mean, "no-feedback / cerebellar error, both intact", "%s_ratio_intact", tn);
    }

    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. S15 claims, from the test errors of every seed"))) return s;
    char crit[400], stmt[400], id[64], meas[600];
    const cc_rule_arg lv = {.level = P.level};
    for (int t = 0; !s && t < FIGS_NTASKS; t++) {
        const char *tn = FIGS_TASK_NAME[t];
        const cc_sample *a = x[t];
        const int del = t == FIGS_DELASS;
        /* x = {cerebellar silenced, none silenced}: the error of no feedback greater */
        const cc_sample pair[2] = {a[CEREB_SILENCED], a[NONE_SILENCED]};
        snprintf(id, sizeof id, "figS15.%s.loop_helps", tn);
        snprintf(stmt, sizeof stmt, "On %s with %g of the cortical units silenced, the cerebellar model has a lower test error than no feedback with the same silenced cortex "
                                    "(the package's question: the paper's caption is not accessible)",
                 del ? "delayed association" : "line drawing", P.fraction);
        snprintf(crit, sizeof crit, "error(none, silenced) > error(cerebellar, silenced) by Welch's one-sided test, p < claims.level = %g; effect: the difference of the means", P.level);
        const cc_claim_text text = {.id = id, .source = CC_SRC_PACKAGE, .statement = stmt, .criterion = crit};
        if (del)
            snprintf(meas, sizeof meas, "silenced: none %.4g (%s), cerebellar %.4g (%s); intact: none %.4g (%s), cerebellar %.4g (%s)",
                     st[t][NONE_SILENCED].mean, figS_learnt(la, sizeof la, &a[NONE_SILENCED], P.learnt_error),
                     st[t][CEREB_SILENCED].mean, figS_learnt(lb, sizeof lb, &a[CEREB_SILENCED], P.learnt_error),
                     st[t][NONE_INTACT].mean, figS_learnt(lc, sizeof lc, &a[NONE_INTACT], P.learnt_error), st[t][CEREB_INTACT].mean,
                     figS_learnt(ld, sizeof ld, &a[CEREB_INTACT], P.learnt_error));
        else
            snprintf(meas, sizeof meas, "silenced: none %.4g, cerebellar %.4g (%d seeds each); intact: none %.4g, cerebellar %.4g (%d seeds each)",
                     st[t][NONE_SILENCED].mean, st[t][CEREB_SILENCED].mean, a[CEREB_SILENCED].n, st[t][NONE_INTACT].mean, st[t][CEREB_INTACT].mean,
                     a[CEREB_INTACT].n);
        const figS_claim helps = {"loop_helps", cc_rule_greater, &lv, pair, 2};
        s = figS_judge(&cl, &sm, tn, &helps, &text, meas, P.train.seeds, "the claim", "each");
    }
    if (s) return s;
    if ((s = cc_summary_commit(&sm))) return s;
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if ((int)floor(P.fraction * P.model.N) < 1) return snprintf(err, n, "silence.fraction: silences no unit of model.N"), GSL_EINVAL;
    if (figS_check_seeds(P.task, P.seeds_cap, err, n)) return GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {.name = "figS15", .specs = SPECS, .validate = validate, .grid = grid, .grid_keys = FIGS_GRID_KEYS " silence.*", .run_unit = run_unit, .merge = merge,
    .summary = "Fig. S15: half of the cortex silenced, with and without the cerebellum, on line drawing and delayed association"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
