/* figS6.c: Fig. S6, Gaussian noise on the cerebellar output.
 *
 * The cerebellar output that reaches the cortex gets c_t += sigma N(0, 1) at every step,
 * in training and in testing, for each sigma of the sweep, on line drawing (Fig. 2 setting)
 * and delayed association (Fig. 6 setting; figS_tasks.h). The no-feedback model (no
 * cerebellum, hence no noise) is the reference. A unit trains and tests one model (task,
 * condition, seed); the merge writes
 *   figS6_sigma.tsv           final test error against sigma, with the no-feedback level
 *   figS6_curves_TASK.tsv     validation error per epoch, one column pair per condition
 * and judges, per task, the package's two questions (claims.tsv; the paper's caption is not
 * accessible): the benefit over no feedback holds up to claims.sigma_keep, and the error never
 * falls significantly from one sigma to the next, each by Welch's one-sided test at claims.level
 * on the test errors of every seed.
 * Not here: the noise itself (cereb_signal in src/model/cc_model.c).
 */
#include "figS_tasks.h"

enum { MAX_SIGMA = 16 };

static struct {
    cc_model_keys model;
    cc_train_keys train;
    figS_task_keys task[FIGS_NTASKS];
    double sigma[MAX_SIGMA];
    int n_sigma;
    double sigma_keep, level, learnt_error;
    int seeds_cap;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT,
       .task = {{.alpha = 0.1, .lr_rnn = 1e-3, .plasticity = CC_CORTEX_FIXED, .epochs = 60},
                {.alpha = 0.1, .lr_rnn = 2.5e-3, .plasticity = CC_CORTEX_INPUT, .epochs = 60}},
       .sigma = {0, 0.1, 0.2, 0.5, 1}, .n_sigma = 5, .sigma_keep = 0.5, .level = 0.05, .learnt_error = 0.1, .seeds_cap = 20};

static const cc_spec SPECS[] = {
    FIGS_SPECS_SHARED(P.model, P.train),
    FIGS_SPECS_TASK("linedraw", P.task[FIGS_LINEDRAW]),
    FIGS_SPECS_TASK("delass", P.task[FIGS_DELASS]),
    FIGS_SPEC_SEEDS("linedraw", P.task[FIGS_LINEDRAW], "seeds of no feedback and of the largest sigma <= claims.sigma_keep, the comparison the benefit claim turns on (0 or fewer: run.seeds)"),
    FIGS_SPEC_SEEDS("delass", P.task[FIGS_DELASS], "seeds of no feedback and of the largest sigma <= claims.sigma_keep, the comparison the benefit claim turns on (0 or fewer: run.seeds)"),
    CC_SPEC_LIST_DOUBLE("sweep.sigma", P.sigma, &P.n_sigma, 0, 100, "std of the noise on the cerebellar output, increasing"),
    CC_SPEC_DOUBLE("claims.sigma_keep", &P.sigma_keep, 0, 100, "claim: the benefit holds at every sigma up to this"),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "claims: level of the one-sided Welch tests"),
    CC_SPEC_DOUBLE("claims.learnt_error", &P.learnt_error, 0, 1, "claims: a delayed-association seed learnt when its test error is at most this"),
    CC_SPEC_INT("claims.seeds_cap", &P.seeds_cap, 1, CC_GRID_MAX_SEEDS, "claims: the most seeds linedraw.seeds and delass.seeds may ask"),
    CC_SPEC_END};

/* The conditions of a task, in the order of its columns: the no-feedback model (none), then
 * cerebellar feedback with each sigma (c0, c1, ...). */
enum { NONE = 0 };
static int n_cond(void) { return 1 + P.n_sigma; }
#define CEREB(i) (1 + (i))

/* The sigmas of the benefit claim: indices 0..n_keep()-1 of the sweep (sigma <= claims.sigma_keep). */
static int n_keep(void)
{
    int n = 0;
    while (n < P.n_sigma && P.sigma[n] <= P.sigma_keep) n++;
    return n;
}

static const char *cond_name(char name[CC_GRID_NAME_MAX], int t, int c)
{
    if (c == NONE) snprintf(name, CC_GRID_NAME_MAX, "%s-none", FIGS_TASK_NAME[t]);
    else snprintf(name, CC_GRID_NAME_MAX, "%s-cereb_fb-sigma%g", FIGS_TASK_NAME[t], P.sigma[c - 1]);
    return name;
}

static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    char name[CC_GRID_NAME_MAX];
    for (int t = 0; t < FIGS_NTASKS; t++)
        for (int c = 0; c < n_cond(); c++) {
            cc_cond *k = figS_cond(g, t, &P.task[t], c == NONE ? CC_ARCH_NONE : CC_ARCH_CEREB_FB, cond_name(name, t, c));
            if (!k) return GSL_ENOMEM;
            if (c == NONE || c == CEREB(n_keep() - 1)) /* the comparison the benefit turns on: its smallest margin */
                k->seeds = figS_deciding_seeds(&P.task[t], P.train.seeds);
            cc_cond_set(k, "noise.sigma", c == NONE ? 0.0 : P.sigma[c - 1]);
        }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    const figS_manip x = {.sigma = cc_cond_get(ctx->cond, "noise.sigma")};
    cc_trained tr;
    cc_stats st;
    double err;
    int s = figS_train_test(ctx, x, &tr, &st, &err);
    if (!s) {
        double row[3] = {err, tr.cfg.classification ? st.xent : st.mse, x.sigma};
        s = cc_expt_write_row(ctx, "test", "test error (MSE per element, or error fraction on the last step) and loss (MSE or cross-entropy)",
                              "error loss sigma", row);
    }
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* The merge's condition names: cond[t][c] of condition c of task t. */
static char cond[FIGS_NTASKS][1 + MAX_SIGMA][CC_GRID_NAME_MAX];

static int curves(const cc_run_ctx *ctx, int t)
{
    char col[1 + MAX_SIGMA][16], title[160];
    cc_panel_series series[1 + MAX_SIGMA];
    for (int c = 0; c < n_cond(); c++) {
        if (c == NONE) snprintf(col[c], sizeof col[c], "none");
        else snprintf(col[c], sizeof col[c], "c%d", c - 1);
        series[c] = (cc_panel_series){cond[t][c], col[c]};
    }
    snprintf(title, sizeof title, "Fig. S6: %s, validation error per epoch, mean and SEM over seeds; ci = cerebellar feedback with the i-th sigma of figS6_sigma.tsv",
             FIGS_TASK_NAME[t]);
    return figS_curves(ctx, "figS6", t, title, series, n_cond(), P.task[t].epochs);
}

/* Test error against sigma: the cerebellar model of each task, then the no-feedback model of each
 * task on every row. */
static int sigma_table(const cc_run_ctx *ctx)
{
    const char *cereb[FIGS_NTASKS][MAX_SIGMA], *none[FIGS_NTASKS][MAX_SIGMA];
    for (int t = 0; t < FIGS_NTASKS; t++)
        for (int i = 0; i < P.n_sigma; i++) {
            cereb[t][i] = cond[t][CEREB(i)];
            none[t][i] = cond[t][NONE];
        }
    const cc_panel_line lines[2 * FIGS_NTASKS] = {{"linedraw", cereb[FIGS_LINEDRAW]}, {"delass", cereb[FIGS_DELASS]},
                                                  {"none_linedraw", none[FIGS_LINEDRAW]}, {"none_delass", none[FIGS_DELASS]}};
    cc_tsv_head h = {.title = "Fig. S6: test error against the std sigma of the cerebellar output noise, mean and SEM over seeds; none_*: the no-feedback model (no cerebellum, no noise), repeated on every row",
                     .units = "line drawing: test MSE per element; delayed association: test error fraction on the last step (1000 trials each)",
                     .runs = "units/*-s0.. of every condition"};
    return cc_panel_sweep(ctx, "figS6_sigma.tsv", &h, "sigma", P.sigma, P.n_sigma, lines, 2 * FIGS_NTASKS, "test", "error",
                          NULL, NULL);
}

static int merge(const cc_run_ctx *ctx)
{
    /* st[t][c]: the test error of every seed of condition c of task t; x[t][c] the same as a sample */
    static cc_seedstat st[FIGS_NTASKS][1 + MAX_SIGMA]; /* large: not on the stack */
    cc_sample x[FIGS_NTASKS][1 + MAX_SIGMA];
    int s = GSL_SUCCESS;
    for (int t = 0; !s && t < FIGS_NTASKS; t++) {
        for (int c = 0; !s && c < n_cond(); c++) {
            s = cc_grid_stat(ctx, cond_name(cond[t][c], t, c), "test", 0, "error", &st[t][c]);
            x[t][c] = cc_sample_of(&st[t][c], c == NONE ? "none" : cond[t][c] + strlen(FIGS_TASK_NAME[t]) + 1);
        }
        if (!s) s = curves(ctx, t);
    }
    if (!s) s = sigma_table(ctx);
    if (s) return s;

    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. S6: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds per condition (run.seeds), except those of <task>_seeds");
    cc_summary_add(&sm, "seeds_cap", P.seeds_cap, "the most seeds <task>_seeds may be (claims.seeds_cap)");
    cc_summary_add(&sm, "n_sigma", P.n_sigma, "noise levels swept");
    cc_summary_add(&sm, "sigma_max", P.sigma[P.n_sigma - 1], "largest noise std swept");
    char doc[200], learnt[48];
    for (int t = 0; t < FIGS_NTASKS; t++) {
        const char *tn = FIGS_TASK_NAME[t];
        const char *what = t == FIGS_DELASS ? "test error fraction" : "test MSE";
        cc_summary_addf(&sm, P.task[t].epochs, "training epochs", "%s_epochs", tn);
        cc_summary_addf(&sm, figS_deciding_seeds(&P.task[t], P.train.seeds), "seeds of no feedback and of the largest sigma <= claims.sigma_keep", "%s_seeds", tn);
        for (int c = 0; c < n_cond(); c++) {
            if (c == NONE) snprintf(doc, sizeof doc, "%s, %s, no feedback", tn, what);
            else snprintf(doc, sizeof doc, "%s, %s, cerebellar feedback, noise std %g", tn, what, P.sigma[c - 1]);
            char base[32];
            if (c == NONE) snprintf(base, sizeof base, "%s_none", tn);
            else snprintf(base, sizeof base, "%s_c%d", tn, c - 1);
            cc_panel_summary_mean_sem(&sm, st[t][c].mean, st[t][c].sem, doc, "%s", base);
            if (t == FIGS_DELASS)
                cc_summary_addf(&sm, cc_sample_count_le(&x[t][c], P.learnt_error), "seeds that learnt (test error <= claims.learnt_error)", "%s_learnt", base);
        }
        /* the largest sigma up to which every swept sigma beats no feedback (Welch, one-sided, claims.level) */
        double sigma_last = NAN, e;
        const cc_rule_arg lv = {.level = P.level};
        for (int i = 0; i < P.n_sigma; i++) {
            const cc_sample pair[2] = {x[t][CEREB(i)], x[t][NONE]};
            if (!cc_rule_greater(pair, 2, &lv, &e)) break;
            sigma_last = P.sigma[i];
        }
        cc_summary_addf(&sm, sigma_last, "largest sigma up to which the cerebellar model beats no feedback at every swept sigma, Welch one-sided at claims.level (NaN: not even at the first)", "%s_sigma_benefit", tn);
    }
    for (int i = 0; i < P.n_sigma; i++) cc_summary_addf(&sm, P.sigma[i], "noise std of condition ci", "sigma%d", i);

    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. S6 claims, from the test errors of every seed"))) return s;
    const int nk = n_keep();
    for (int t = 0; !s && t < FIGS_NTASKS; t++) {
        const char *tn = FIGS_TASK_NAME[t];
        const char *task_long = t == FIGS_DELASS ? "delayed association" : "line drawing";
        const int del = t == FIGS_DELASS;
        /* every condition's mean (and, for delayed association, its seeds that learnt) */
        char meas[900], id[64], stmt[400], crit[400];
        int n = snprintf(meas, sizeof meas, "no feedback %.4g%s%s%s", st[t][NONE].mean, del ? " (" : "",
                         del ? figS_learnt(learnt, sizeof learnt, &x[t][NONE], P.learnt_error) : "", del ? ")" : "");
        for (int i = 0; i < P.n_sigma && n < (int)sizeof meas; i++)
            n += snprintf(meas + n, sizeof meas - n, "; sigma %g: %.4g%s%s%s", P.sigma[i], st[t][CEREB(i)].mean, del ? " (" : "",
                          del ? figS_learnt(learnt, sizeof learnt, &x[t][CEREB(i)], P.learnt_error) : "", del ? ")" : "");
        if (n < (int)sizeof meas)
            snprintf(meas + n, sizeof meas - n, "; means over %d seeds (%d for no feedback and sigma %g)", x[t][CEREB(0)].n, x[t][NONE].n,
                     P.sigma[n_keep() - 1]);

        /* benefit: x = {none, cerebellar at sigma_0..sigma_{nk-1}}: every cerebellar error below none's */
        const cc_rule_all_arg all = figS_all_below(nk, P.level);
        cc_sample xb[1 + MAX_SIGMA];
        xb[0] = x[t][NONE];
        for (int i = 0; i < nk; i++) xb[1 + i] = x[t][CEREB(i)];
        snprintf(id, sizeof id, "figS6.%s.benefit", tn);
        snprintf(stmt, sizeof stmt, "On %s the cerebellar model with output noise of std up to %g still has a lower test error than no feedback "
                                    "(the package's question: the paper's caption and noise levels are not accessible, the cut-off is ours)",
                 task_long, P.sigma_keep);
        snprintf(crit, sizeof crit, "at every swept sigma <= claims.sigma_keep = %g: error(none) > error(cerebellar, sigma) by Welch's one-sided test, p < claims.level = %g; "
                                    "effect: the difference of the means at the largest such sigma, %g",
                 P.sigma_keep, P.level, P.sigma[nk - 1]);
        const cc_claim_text tb = {.id = id, .source = CC_SRC_PACKAGE, .statement = stmt, .criterion = crit};
        const figS_claim benefit = {"benefit", cc_rule_all, &all, xb, 1 + nk};
        s = figS_judge(&cl, &sm, tn, &benefit, &tb, meas, P.train.seeds, "this claim", "every");

        /* graceful: along x = cerebellar at sigma_0, sigma_1, ...: no step down */
        const cc_rule_arg lv = {.level = P.level};
        snprintf(id, sizeof id, "figS6.%s.graceful", tn);
        snprintf(stmt, sizeof stmt, "On %s the cerebellar model's error grows with the noise without any significant reversal "
                                    "(the package's reading of \"degrades gracefully\": the paper's caption is not accessible)",
                 task_long);
        snprintf(crit, sizeof crit, "for each step of the sweep, no fall error(sigma_i) > error(sigma_i+1) by Welch's one-sided test, p < claims.level = %g; "
                                    "effect: the largest fall of the means (negative: the error rose at every step)",
                 P.level);
        const cc_claim_text tg = {.id = id, .source = CC_SRC_PACKAGE, .statement = stmt, .criterion = crit};
        const figS_claim graceful = {"graceful", cc_rule_no_fall, &lv, &x[t][CEREB(0)], P.n_sigma};
        if (!s) s = figS_judge(&cl, &sm, tn, &graceful, &tg, meas, P.train.seeds, "this claim", "every");
    }
    if (s) return s;
    if ((s = cc_summary_commit(&sm))) return s;
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    char a[CC_GRID_NAME_MAX], b[CC_GRID_NAME_MAX];
    if (n_keep() < 1 || n_keep() > CC_RULE_PART_MAX)
        return snprintf(err, n, "claims.sigma_keep = %g: the benefit claim needs 1 to %d swept sigmas at or below it, not %d", P.sigma_keep,
                        CC_RULE_PART_MAX, n_keep()),
               GSL_EINVAL;
    if (figS_check_seeds(P.task, P.seeds_cap, err, n)) return GSL_EINVAL;
    for (int i = 0; i + 1 < P.n_sigma; i++) {
        if (!(P.sigma[i] < P.sigma[i + 1])) return snprintf(err, n, "sweep.sigma: values must increase"), GSL_EINVAL;
        if (!strcmp(cond_name(a, 0, CEREB(i)), cond_name(b, 0, CEREB(i + 1)))) /* names print sigma with %g */
            return snprintf(err, n, "sweep.sigma: %.15g and %.15g name the same condition %s", P.sigma[i], P.sigma[i + 1], a),
                   GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {.name = "figS6", .specs = SPECS, .validate = validate, .grid = grid, .grid_keys = FIGS_GRID_KEYS, .run_unit = run_unit, .merge = merge,
    .summary = "Fig. S6: Gaussian noise on the cerebellar output, swept, on line drawing and delayed association"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
