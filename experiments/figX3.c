/* figX3.c: Extension X3, sparse mossy fibres: each granule cell sees k cortical units.
 *
 * The grid: the cerebellar-feedback model on line drawing with a fixed cortex (the setting of
 * Fig. 2), one condition per k of sweep.k (model.mf_inputs = k; k >= model.N is dense), run.seeds
 * seeds each, run.seeds_deciding for the anatomical ks of claims.k_anat and the dense model. A unit
 * trains and tests its model and measures
 *   mse   test MSE per element (final error, best-validation checkpoint);
 *   auc   mean validation MSE over epochs 1..E, the area under the learning curve over E (learning
 *         speed: lower is faster);
 *   pr    participation ratio (sum lambda)^2 / sum lambda^2 of the covariance of the granule rates
 *         g_t = relu(W_MF r_{t-1}) over the first dim.trials test trials and steps 1..T-1 (cc_dim.h);
 *   pr_cortex  the same for the cortical rates r_{t-1} the granule cells read (for comparison).
 * The merge writes each measure against k, the learning curves, the summary and, for each k of
 * claims.k_anat, three questions against the dense model (one-sided Welch tests at claims.level).
 */
#include <stdio.h>

#include "cc_dim.h"
#include "cc_panel.h"
#include "cc_rules.h"

enum { MAX_K = 16, MAX_ANAT = 4, NMEAS = 4 /* the first three are judged */ };

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int k[MAX_K], n_k, anat[MAX_ANAT], n_anat, dim_trials, seeds_deciding;
    double level;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .k = {2, 4, 7, 14, 50}, .n_k = 5,
       .anat = {4, 7}, .n_anat = 2, .dim_trials = 100, .seeds_deciding = 5, .level = 0.05};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_LIST_INT("sweep.k", P.k, &P.n_k, 1, CC_SIZE_MAX, "cortical units per granule cell, increasing (>= model.N: dense)"),
    CC_SPEC_INT("dim.trials", &P.dim_trials, 1, 100000, "test trials whose granule rates give the participation ratio"),
    CC_SPEC_INT("run.seeds_deciding", &P.seeds_deciding, 1, CC_GRID_MAX_SEEDS,
                "seeds of the conditions the claims compare (the ks of claims.k_anat and dense)"),
    CC_SPEC_LIST_INT("claims.k_anat", P.anat, &P.n_anat, 1, CC_SIZE_MAX, "the anatomical ks compared with dense (each in sweep.k)"),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "level of the one-sided Welch tests"),
    CC_SPEC_END};

static const char *const MEAS[NMEAS] = {"mse", "auc", "pr", "pr_cortex"};

static int dense(int k) { return k >= P.model.N; }

/* "k4", or "dense" for k >= N. */
static const char *cond_name(char name[CC_GRID_NAME_MAX], int k)
{
    if (dense(k)) snprintf(name, CC_GRID_NAME_MAX, "dense");
    else snprintf(name, CC_GRID_NAME_MAX, "k%d", k);
    return name;
}

static int deciding(int k)
{
    for (int i = 0; i < P.n_anat; i++)
        if (P.anat[i] == k) return 1;
    return dense(k);
}

static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    char name[CC_GRID_NAME_MAX];
    for (int i = 0; i < P.n_k; i++) {
        cc_cond *c = cc_grid_add(g, "%s", cond_name(name, P.k[i]));
        if (!c) return GSL_ENOMEM;
        c->arch = CC_ARCH_CEREB_FB;
        c->plasticity = CC_CORTEX_FIXED;
        c->model.mf_inputs = dense(P.k[i]) ? 0 : P.k[i];
        if (deciding(P.k[i]) && P.seeds_deciding > c->seeds) c->seeds = P.seeds_deciding;
    }
    return GSL_SUCCESS;
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    for (int i = 1; i < P.n_k; i++)
        if (P.k[i] <= P.k[i - 1]) return snprintf(err, n, "sweep.k must increase (%d after %d)", P.k[i], P.k[i - 1]), GSL_EINVAL;
    for (int j = 0; j < P.n_anat; j++) {
        int found = 0;
        for (int i = 0; i < P.n_k; i++) found |= P.k[i] == P.anat[j];
        if (!found || dense(P.anat[j]))
            return snprintf(err, n, "claims.k_anat = %d is not a sparse k of sweep.k", P.anat[j]), GSL_EINVAL;
    }
    if (P.dim_trials > P.train.n_test)
        return snprintf(err, n, "dim.trials = %d is above train.n_test = %d", P.dim_trials, P.train.n_test), GSL_EINVAL;
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    cc_stats st;
    cc_batch *b = NULL;
    double pr = 0, pr_cortex = 0, auc = 0;
    int s = cc_grid_train(ctx, &tr);
    if (!s) s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &st, &b);
    if (!s) s = cc_dim_granule_pr(tr.m, P.dim_trials, &pr);
    if (!s) s = cc_dim_cortex_pr(tr.m, P.dim_trials, &pr_cortex);
    if (!s) {
        for (int e = 1; e <= tr.pr.epochs; e++) auc += tr.curve->val_metric[e] / tr.pr.epochs; /* mean_e val MSE_e */
        const double row[5] = {st.mse, auc, pr, pr_cortex, tr.curve->best_epoch};
        s = cc_expt_write_row(ctx, "test",
                              "test MSE per element, mean validation MSE over the epochs, participation ratio of the granule rates and of the cortical rates they read",
                              "mse auc pr pr_cortex best_epoch", row);
    }
    cc_batch_free(b);
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

static char cond[MAX_K][CC_GRID_NAME_MAX];
static cc_seedstat st[MAX_K][NMEAS]; /* every seed of each k and measure */

static int index_of(int k)
{
    for (int i = 0; i < P.n_k; i++)
        if (P.k[i] == k) return i;
    return -1;
}

/* The three questions at each anatomical k against dense: speed (auc), final error (mse), dimension (pr). */
static int claims(const cc_run_ctx *ctx)
{
    const int d = P.n_k - 1;
    cc_claims cl;
    int s = cc_claims_open(&cl, ctx, "Extension X3: sparse mossy fibres against dense, judged on the seeds");
    const cc_rule_arg level = {.level = P.level};
    for (int j = 0; !s && j < P.n_anat; j++) {
        const int i = index_of(P.anat[j]), k = P.anat[j];
        char id[3][48], text[3][200], crit[3][200];
        snprintf(id[0], sizeof id[0], "figX3.speed_k%d", k);
        snprintf(text[0], sizeof text[0], "With k = %d inputs per granule cell the cerebellar model learns line drawing faster than with dense mossy fibres", k);
        snprintf(crit[0], sizeof crit[0], "mean validation MSE over the epochs (area under the learning curve): dense > k = %d, one-sided Welch test, p < %g", k, P.level);
        snprintf(id[1], sizeof id[1], "figX3.error_k%d", k);
        snprintf(text[1], sizeof text[1], "With k = %d inputs per granule cell the final test error is lower than with dense mossy fibres", k);
        snprintf(crit[1], sizeof crit[1], "test MSE: dense > k = %d, one-sided Welch test, p < %g", k, P.level);
        snprintf(id[2], sizeof id[2], "figX3.dim_k%d", k);
        snprintf(text[2], sizeof text[2], "With k = %d inputs per granule cell the granule representation has a higher dimension than with dense mossy fibres", k);
        snprintf(crit[2], sizeof crit[2], "participation ratio of the granule-rate covariance: k = %d > dense, one-sided Welch test, p < %g", k, P.level);
        static const int meas[3] = {1, 0, 2}; /* auc, mse: lower at k is better; pr: higher at k */
        for (int q = 0; !s && q < 3; q++) {
            const int m = meas[q];
            const cc_sample at_k = cc_sample_of(&st[i][m], cond[i]), at_dense = cc_sample_of(&st[d][m], "dense");
            const cc_sample x[2] = {q == 2 ? at_dense : at_k, q == 2 ? at_k : at_dense}; /* cc_rule_greater: x_1 > x_0 */
            const cc_claim_text t = {id[q], CC_SRC_PACKAGE, text[q], crit[q]};
            s = cc_judge(&cl, &t, cc_rule_greater, &level, x, 2, "%s %.4g at k = %d (%d seeds), %.4g dense (%d seeds)",
                         MEAS[m], st[i][m].mean, k, st[i][m].n, st[d][m].mean, st[d][m].n);
        }
    }
    return s ? s : cc_claims_commit(&cl);
}

static int merge(const cc_run_ctx *ctx)
{
    if (!dense(P.k[P.n_k - 1])) /* the claims compare with the dense model */
        return CC_ERRORF(GSL_EINVAL, "sweep.k must end with the dense model (k >= model.N = %d)", P.model.N);
    char label[MAX_K][16];
    const char *labels[MAX_K];
    static cc_seedstat bars[MAX_K * NMEAS]; /* row i, group m */
    int s = GSL_SUCCESS;
    for (int i = 0; !s && i < P.n_k; i++) {
        cond_name(cond[i], P.k[i]);
        snprintf(label[i], sizeof label[i], "%d", dense(P.k[i]) ? P.model.N : P.k[i]);
        labels[i] = label[i];
        for (int m = 0; !s && m < NMEAS; m++)
            if (!(s = cc_grid_stat(ctx, cond[i], "test", 0, MEAS[m], &st[i][m]))) bars[i * NMEAS + m] = st[i][m];
    }
    cc_tsv_head hb = {.title = "Extension X3: test MSE (mse), learning speed (auc, mean validation MSE over epochs 1..E) and participation ratio of the granule rates (pr) and of the cortical rates (pr_cortex) against the cortical units per granule cell k (label; k = N: dense)",
                      .units = "mse, auc: MSE per element; pr, pr_cortex: (sum lambda)^2 / sum lambda^2 of the rate covariance over test trials and steps; mean and SEM over seeds",
                      .runs = "units/*-s*"};
    if (!s) s = cc_panel_seed_bars(ctx, "figX3_measures.tsv", &hb, labels, P.n_k, MEAS, NMEAS, bars);
    cc_panel_series series[MAX_K];
    for (int i = 0; i < P.n_k; i++) series[i] = (cc_panel_series){cond[i], cond[i]};
    cc_tsv_head hc = {.title = "Extension X3: validation MSE per epoch for each k, mean and SEM over seeds",
                      .units = "MSE per element of the validation trials; epoch 0 is before training", .runs = "units/*-s*"};
    if (!s) s = cc_panel_curves(ctx, "figX3_curves.tsv", &hc, series, P.n_k, P.train.epochs, "val_metric", NULL);
    cc_summary sm;
    if (s || (s = cc_summary_open(&sm, ctx, "Extension X3: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds of each k");
    cc_summary_add(&sm, "seeds_deciding", st[P.n_k - 1][0].n, "seeds of the anatomical ks and of dense");
    for (int m = 0; !s && m < NMEAS; m++)
        for (int i = 0; !s && i < P.n_k; i++) {
            char key[64], doc[128];
            snprintf(key, sizeof key, "%s_%.40s", MEAS[m], cond[i]);
            static const char *const what[NMEAS] = {"test MSE", "mean validation MSE over the epochs",
                                                    "participation ratio of the granule rates", "participation ratio of the cortical rates"};
            snprintf(doc, sizeof doc, "%s, %.40s", what[m], cond[i]);
            s = cc_panel_summary_pair(&sm, key, st[i][m].mean, st[i][m].sem, doc);
        }
    if (s || (s = cc_summary_commit(&sm))) return s;
    return claims(ctx);
}

static const cc_experiment EXPERIMENT = {.name = "figX3", .specs = SPECS, .grid = grid, .validate = validate,
    .run_unit = run_unit, .merge = merge,
    .summary = "Extension X3: sparse mossy fibres, learning speed, final error and granule dimension against k"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
