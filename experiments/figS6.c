/* figS6.c: Fig. S6, Gaussian noise on the cerebellar output.
 *
 * The cerebellar output that reaches the cortex gets c_t += sigma N(0, 1) at every step,
 * in training and in testing, for each sigma of the sweep, on line drawing (Fig. 2 setting)
 * and delayed association (Fig. 6 setting; figS_tasks.h). The no-feedback model (no
 * cerebellum, hence no noise) is the reference. A unit trains and tests one model (task,
 * condition, seed); the merge writes
 *   figS6_sigma.tsv           final test error against sigma, with the no-feedback level
 *   figS6_curves_TASK.tsv     validation error per epoch, one column pair per condition
 * and checks the claim that the cerebellar benefit degrades gracefully (claims.tsv).
 * Not here: the noise itself (cereb_signal in src/model/cc_model.c).
 */
#include <stdio.h>
#include <string.h>

#include "figS_tasks.h"

enum { MAX_SIGMA = 16 };

static struct {
    cc_model_keys model;
    cc_train_keys train;
    figS_task_keys task[FIGS_NTASKS];
    double sigma[MAX_SIGMA];
    int n_sigma;
    double sigma_keep, z;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .task = {{.alpha = 0.1, .lr_rnn = 1e-3, .plasticity = CC_CORTEX_FIXED, .epochs = 60},
                {.alpha = 0.1, .lr_rnn = 2.5e-3, .plasticity = CC_CORTEX_INPUT, .epochs = 60}},
       .sigma = {0, 0.1, 0.2, 0.5, 1},
       .n_sigma = 5,
       .sigma_keep = 0.5,
       .z = 2};

static const cc_spec SPECS[] = {
    FIGS_SPECS_SHARED(P.model, P.train),
    FIGS_SPECS_TASK("linedraw", P.task[FIGS_LINEDRAW]),
    FIGS_SPECS_TASK("delass", P.task[FIGS_DELASS]),
    CC_SPEC_LIST_DOUBLE("sweep.sigma", P.sigma, &P.n_sigma, 0, 100, "std of the noise on the cerebellar output, increasing"),
    CC_SPEC_DOUBLE("claims.sigma_keep", &P.sigma_keep, 0, 100, "claim: the benefit holds at every sigma up to this"),
    CC_SPEC_DOUBLE("claims.z", &P.z, 0, 10, "claims: a difference counts when larger than z standard errors"),
    CC_SPEC_END};

/* The conditions of a task, in the order of its columns: the no-feedback model (none), then
 * cerebellar feedback with each sigma (c0, c1, ...). */
enum { NONE = 0 };
static int n_cond(void) { return 1 + P.n_sigma; }
#define CEREB(i) (1 + (i))

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
            cc_cond_set(k, "noise.sigma", c == NONE ? 0.0 : P.sigma[c - 1]);
        }
    return GSL_SUCCESS;
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
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
    cc_tsv_head h = {.title = title,
                     .units = t == FIGS_DELASS ? "error fraction of 200 validation trials; epoch 0 before training" : "MSE per element of 200 validation trials; epoch 0 before training",
                     .runs = "units/TASK-*"};
    char file[64];
    snprintf(file, sizeof file, "figS6_curves_%s.tsv", FIGS_TASK_NAME[t]);
    return cc_panel_curves(ctx, file, &h, series, n_cond(), P.task[t].epochs, "val_metric", NULL);
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
    /* mean[t][c], sem[t][c]: test error of condition c of task t */
    double mean[FIGS_NTASKS][1 + MAX_SIGMA], sem[FIGS_NTASKS][1 + MAX_SIGMA];
    int s = GSL_SUCCESS;
    for (int t = 0; !s && t < FIGS_NTASKS; t++) {
        for (int c = 0; !s && c < n_cond(); c++)
            s = cc_grid_mean_sem(ctx, cond_name(cond[t][c], t, c), "test", 0, "error", &mean[t][c], &sem[t][c]);
        if (!s) s = curves(ctx, t);
    }
    if (!s) s = sigma_table(ctx);
    if (s) return s;

    /* Per task: does the cerebellar model beat no feedback at each sigma, and does its error
     * ever fall significantly from one sigma to the next? */
    int benefit_ok[FIGS_NTASKS], monotone_ok[FIGS_NTASKS];
    double sigma_last[FIGS_NTASKS], worst_drop[FIGS_NTASKS];
    for (int t = 0; t < FIGS_NTASKS; t++) {
        benefit_ok[t] = monotone_ok[t] = 1;
        sigma_last[t] = NAN; /* largest sigma up to which every sigma beats no feedback */
        int run = 1;
        for (int i = 0; i < P.n_sigma; i++) {
            int beats = figS_clearly_above(mean[t][NONE], sem[t][NONE], mean[t][CEREB(i)], sem[t][CEREB(i)], P.z);
            if (P.sigma[i] <= P.sigma_keep && !beats) benefit_ok[t] = 0;
            run = run && beats;
            if (run) sigma_last[t] = P.sigma[i];
        }
        worst_drop[t] = -INFINITY; /* largest fall of the error from one sigma to the next, in standard errors */
        for (int i = 0; i + 1 < P.n_sigma; i++) {
            double a = mean[t][CEREB(i)], sa = sem[t][CEREB(i)], b = mean[t][CEREB(i + 1)], sb = sem[t][CEREB(i + 1)];
            double se = sqrt(sa * sa + sb * sb), drop = se > 0 ? (a - b) / se : (a > b ? INFINITY : 0);
            if (drop > worst_drop[t]) worst_drop[t] = drop;
            if (figS_clearly_above(a, sa, b, sb, P.z)) monotone_ok[t] = 0;
        }
    }

    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. S6: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds per condition");
    cc_summary_add(&sm, "n_sigma", P.n_sigma, "noise levels swept");
    cc_summary_add(&sm, "sigma_max", P.sigma[P.n_sigma - 1], "largest noise std swept");
    char key[64], doc[160];
    for (int t = 0; t < FIGS_NTASKS; t++) {
        const char *tn = FIGS_TASK_NAME[t];
        const char *what = t == FIGS_DELASS ? "test error fraction" : "test MSE";
        snprintf(key, sizeof key, "%s_epochs", tn);
        cc_summary_add(&sm, key, P.task[t].epochs, "training epochs");
        snprintf(doc, sizeof doc, "%s, %s, no feedback", tn, what);
        cc_panel_summary_mean_sem(&sm, mean[t][NONE], sem[t][NONE], doc, "%s_none", tn);
        for (int i = 0; i < P.n_sigma; i++) {
            snprintf(doc, sizeof doc, "%s, %s, cerebellar feedback, noise std %g", tn, what, P.sigma[i]);
            cc_panel_summary_mean_sem(&sm, mean[t][CEREB(i)], sem[t][CEREB(i)], doc, "%s_c%d", tn, i);
        }
        snprintf(key, sizeof key, "%s_sigma_benefit", tn);
        cc_summary_add(&sm, key, sigma_last[t], "largest sigma up to which the cerebellar model beats no feedback at every swept sigma (NaN: not even at the first)");
        snprintf(key, sizeof key, "%s_worst_drop", tn);
        cc_summary_add(&sm, key, worst_drop[t], "largest fall of the error from one sigma to the next, in standard errors of the difference (negative: the error always rises)");
    }
    for (int i = 0; i < P.n_sigma; i++) {
        snprintf(key, sizeof key, "sigma%d", i);
        cc_summary_add(&sm, key, P.sigma[i], "noise std of condition ci");
    }
    if ((s = cc_summary_commit(&sm))) return s;

    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. S6 claims, from the test error means and SEMs over seeds"))) return s;
    char crit[200], stmt[300], id[64], meas[600];
    for (int t = 0; t < FIGS_NTASKS; t++) {
        const char *tn = FIGS_TASK_NAME[t];
        const char *task_long = t == FIGS_DELASS ? "delayed association" : "line drawing";
        int n = 0;
        meas[0] = 0;
        for (int i = 0; i < P.n_sigma && n < (int)sizeof meas; i++)
            n += snprintf(meas + n, sizeof meas - n, "%ssigma %g: %.4g +- %.2g", i ? "; " : "", P.sigma[i], mean[t][CEREB(i)], sem[t][CEREB(i)]);
        snprintf(id, sizeof id, "figS6.%s.benefit", tn);
        snprintf(stmt, sizeof stmt, "On %s the cerebellar model with output noise of std up to %g still beats no feedback", task_long, P.sigma_keep);
        snprintf(crit, sizeof crit, "at every sigma <= %g: error(none) - error(cerebellar) > %g SE of the difference", P.sigma_keep, P.z);
        cc_claims_add(&cl, id, stmt, crit, benefit_ok[t], "no feedback %.4g +- %.2g; %s; benefit holds up to sigma %g",
                      mean[t][NONE], sem[t][NONE], meas, sigma_last[t]);
        snprintf(id, sizeof id, "figS6.%s.graceful", tn);
        snprintf(stmt, sizeof stmt, "On %s the cerebellar model's error grows with the noise without any significant reversal", task_long);
        snprintf(crit, sizeof crit, "for each step of the sweep: error(sigma_i) - error(sigma_i+1) <= %g SE of the difference", P.z);
        cc_claims_add(&cl, id, stmt, crit, monotone_ok[t], "%s; largest fall %.2f SE", meas, worst_drop[t]);
    }
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    char a[CC_GRID_NAME_MAX], b[CC_GRID_NAME_MAX];
    for (int i = 0; i + 1 < P.n_sigma; i++) {
        if (!(P.sigma[i] < P.sigma[i + 1])) return snprintf(err, n, "sweep.sigma: values must increase"), GSL_EINVAL;
        if (!strcmp(cond_name(a, 0, CEREB(i)), cond_name(b, 0, CEREB(i + 1)))) /* names print sigma with %g */
            return snprintf(err, n, "sweep.sigma: %.15g and %.15g name the same condition %s", P.sigma[i], P.sigma[i + 1], a),
                   GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {
    .name = "figS6",
    .summary = "Fig. S6: Gaussian noise on the cerebellar output, swept, on line drawing and delayed association",
    .specs = SPECS,
    .validate = validate,
    .grid = grid,
    .grid_keys = FIGS_GRID_KEYS,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
