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
#include <stdlib.h>
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

/* Conditions of one task: 0 = no feedback, 1 + i = cerebellar feedback with sigma[i]. */
static int n_cond(void) { return 1 + P.n_sigma; }

static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    for (int t = 0; t < FIGS_NTASKS; t++)
        for (int c = 0; c < n_cond(); c++)
            for (int s = 0; s < P.train.seeds; s++) {
                int e = c == 0 ? cc_unit_list_add(out, "%s-none-s%d", FIGS_TASK_NAME[t], s)
                               : cc_unit_list_add(out, "%s-cereb_fb-sigma%g-s%d", FIGS_TASK_NAME[t], P.sigma[c - 1], s);
                if (e) return GSL_ENOMEM;
            }
    return GSL_SUCCESS;
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    const int per_task = n_cond() * P.train.seeds;
    const int t = ctx->unit_index / per_task, c = ctx->unit_index % per_task / P.train.seeds;
    const unsigned long seed = (unsigned long)(P.train.seed0 + ctx->unit_index % P.train.seeds);
    figS_manip x = {c == 0 ? CC_ARCH_NONE : CC_ARCH_CEREB_FB, c == 0 ? 0.0 : P.sigma[c - 1], 0.0};
    cc_stats st;
    double err;
    cc_model *m = NULL;
    int s = figS_train_test(ctx, t, &P.task[t], &P.model, &P.train, x, seed, &st, &err, &m);
    if (!s) {
        double row[3] = {err, m->cfg.classification ? st.xent : st.mse, x.sigma};
        s = cc_expt_write_row(ctx, "test", "test error (MSE per element, or error fraction on the last step) and loss (MSE or cross-entropy)",
                              "error loss sigma", row);
    }
    cc_model_free(m);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* Unit ids of condition c of task t, one per seed. */
static char **ids(const cc_run_ctx *ctx, int t, int c)
{
    return ctx->units->id + ((long)t * n_cond() + c) * P.train.seeds;
}

static int curves(const cc_run_ctx *ctx, int t)
{
    char cols[64 * (MAX_SIGMA + 1)] = "epoch none none_sem", title[160];
    for (int i = 0; i < P.n_sigma; i++) {
        size_t n = strlen(cols);
        snprintf(cols + n, sizeof cols - n, " c%d c%d_sem", i, i);
    }
    snprintf(title, sizeof title, "Fig. S6: %s, validation error per epoch, mean and SEM over seeds; ci = cerebellar feedback with the i-th sigma of figS6_sigma.tsv",
             FIGS_TASK_NAME[t]);
    cc_tsv tsv;
    cc_tsv_head h = {.title = title, .columns = cols,
                     .units = t == FIGS_DELASS ? "error fraction of 200 validation trials; epoch 0 before training" : "MSE per element of 200 validation trials; epoch 0 before training",
                     .runs = "units/TASK-*"};
    int s = cc_ctx_tsv_open(ctx, &tsv, &h, "figS6_curves_%s.tsv", FIGS_TASK_NAME[t]);
    for (int e = 0; !s && e <= P.task[t].epochs; e++) {
        double row[2 * (MAX_SIGMA + 1) + 1] = {e};
        for (int c = 0; !s && c < n_cond(); c++)
            s = figS_stat(ctx, ids(ctx, t, c), P.train.seeds, "curve", e, "val_metric", &row[1 + 2 * c], &row[2 + 2 * c]);
        if (!s) s = cc_tsv_row(&tsv, row);
    }
    if (s) {
        cc_tsv_abort(&tsv);
        return s;
    }
    return cc_tsv_commit(&tsv);
}

static int merge(const cc_run_ctx *ctx)
{
    /* mean[t][c], sem[t][c]: test error of condition c of task t */
    double mean[FIGS_NTASKS][MAX_SIGMA + 1], sem[FIGS_NTASKS][MAX_SIGMA + 1];
    int s = GSL_SUCCESS;
    for (int t = 0; !s && t < FIGS_NTASKS; t++) {
        for (int c = 0; !s && c < n_cond(); c++)
            s = figS_stat(ctx, ids(ctx, t, c), P.train.seeds, "test", 0, "error", &mean[t][c], &sem[t][c]);
        if (!s) s = curves(ctx, t);
    }
    if (s) return s;
    cc_tsv tsv;
    cc_tsv_head h = {.title = "Fig. S6: test error against the std sigma of the cerebellar output noise, mean and SEM over seeds; none_*: the no-feedback model (no cerebellum, no noise), repeated on every row",
                     .columns = "sigma linedraw linedraw_sem delass delass_sem none_linedraw none_linedraw_sem none_delass none_delass_sem",
                     .units = "line drawing: test MSE per element; delayed association: test error fraction on the last step (1000 trials each)",
                     .runs = "units/*-s0.. of every condition"};
    if ((s = cc_ctx_tsv_open(ctx, &tsv, &h, "figS6_sigma.tsv"))) return s;
    for (int i = 0; !s && i < P.n_sigma; i++) {
        double row[9] = {P.sigma[i], mean[0][1 + i], sem[0][1 + i], mean[1][1 + i], sem[1][1 + i],
                         mean[0][0], sem[0][0], mean[1][0], sem[1][0]};
        s = cc_tsv_row(&tsv, row);
    }
    if (s) {
        cc_tsv_abort(&tsv);
        return s;
    }
    if ((s = cc_tsv_commit(&tsv))) return s;

    /* Per task: does the cerebellar model beat no feedback at each sigma, and does its error
     * ever fall significantly from one sigma to the next? */
    int benefit_ok[FIGS_NTASKS], monotone_ok[FIGS_NTASKS];
    double sigma_last[FIGS_NTASKS], worst_drop[FIGS_NTASKS];
    for (int t = 0; t < FIGS_NTASKS; t++) {
        benefit_ok[t] = monotone_ok[t] = 1;
        sigma_last[t] = NAN; /* largest sigma up to which every sigma beats no feedback */
        int run = 1;
        for (int i = 0; i < P.n_sigma; i++) {
            int beats = figS_clearly_above(mean[t][0], sem[t][0], mean[t][1 + i], sem[t][1 + i], P.z);
            if (P.sigma[i] <= P.sigma_keep && !beats) benefit_ok[t] = 0;
            run = run && beats;
            if (run) sigma_last[t] = P.sigma[i];
        }
        worst_drop[t] = -INFINITY; /* largest fall of the error from one sigma to the next, in standard errors */
        for (int i = 0; i + 1 < P.n_sigma; i++) {
            double a = mean[t][1 + i], sa = sem[t][1 + i], b = mean[t][2 + i], sb = sem[t][2 + i];
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
        snprintf(key, sizeof key, "%s_none", tn);
        snprintf(doc, sizeof doc, "%s, %s, no feedback", tn, what);
        cc_summary_add(&sm, key, mean[t][0], doc);
        snprintf(key, sizeof key, "%s_none_sem", tn);
        cc_summary_add(&sm, key, sem[t][0], "its SEM over seeds");
        for (int i = 0; i < P.n_sigma; i++) {
            snprintf(key, sizeof key, "%s_c%d", tn, i);
            snprintf(doc, sizeof doc, "%s, %s, cerebellar feedback, noise std %g", tn, what, P.sigma[i]);
            cc_summary_add(&sm, key, mean[t][1 + i], doc);
            snprintf(key, sizeof key, "%s_c%d_sem", tn, i);
            cc_summary_add(&sm, key, sem[t][1 + i], "its SEM over seeds");
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
            n += snprintf(meas + n, sizeof meas - n, "%ssigma %g: %.4g +- %.2g", i ? "; " : "", P.sigma[i], mean[t][1 + i], sem[t][1 + i]);
        snprintf(id, sizeof id, "figS6.%s.benefit", tn);
        snprintf(stmt, sizeof stmt, "On %s the cerebellar model with output noise of std up to %g still beats no feedback", task_long, P.sigma_keep);
        snprintf(crit, sizeof crit, "at every sigma <= %g: error(none) - error(cerebellar) > %g SE of the difference", P.sigma_keep, P.z);
        cc_claims_add(&cl, id, stmt, crit, benefit_ok[t], "no feedback %.4g +- %.2g; %s; benefit holds up to sigma %g",
                      mean[t][0], sem[t][0], meas, sigma_last[t]);
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
    if (P.n_sigma < 1) return snprintf(err, n, "sweep.sigma: at least one value"), GSL_EINVAL;
    for (int i = 0; i + 1 < P.n_sigma; i++)
        if (!(P.sigma[i] < P.sigma[i + 1])) return snprintf(err, n, "sweep.sigma: values must increase"), GSL_EINVAL;
    return figS_check(P.task, &P.model, &P.train, err, n);
}

static const cc_experiment EXPERIMENT = {
    .name = "figS6",
    .summary = "Fig. S6: Gaussian noise on the cerebellar output, swept, on line drawing and delayed association",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
