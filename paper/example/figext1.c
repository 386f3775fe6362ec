/* figext1.c: a worked example of a new experiment, the cerebellar benefit against the number of
 * granule cells G (an extension, not a figure of the paper).
 *
 * The grid: the no-feedback model, then cerebellar feedback with each G of sweep.G, on line
 * drawing with a fixed cortex (the grid's defaults), run.seeds seeds each. A unit trains and
 * tests the model of its condition and seed; the merge writes the test MSE against G with the
 * no-feedback level, the summary the report quotes and one claim.
 * Not here: what the library does (command line, units and their checks, records, mean and SEM).
 */
#include <stdio.h>

#include "cc_panel.h"
#include "cc_rules.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int G[16], n_G;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .G = {100, 1000}, .n_G = 2};

static const cc_spec SPECS[] = {CC_SPECS_MODEL(P.model), CC_SPECS_TRAIN(P.train),
                                CC_SPEC_LIST_INT("sweep.G", P.G, &P.n_G, 1, 100000, "granule cells of each condition"),
                                CC_SPEC_END};

/* Conditions "none" and "G<g>": units none-s0, ..., G100-s0, ... */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    cc_cond *c = cc_grid_add(g, "none");
    if (!c) return GSL_ENOMEM;
    c->arch = CC_ARCH_NONE;
    for (int i = 0; i < P.n_G; i++) {
        if (!(c = cc_grid_add(g, "G%d", P.G[i]))) return GSL_ENOMEM;
        c->model.G = P.G[i];
    }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    cc_stats st;
    int s = cc_grid_train(ctx, &tr); /* the model of ctx->cond with ctx->seed; writes its learning curve */
    if (!s) s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &st, NULL);
    if (!s) s = cc_expt_write_row(ctx, "test", "test MSE per element", "mse", &st.mse);
    cc_trained_free(&tr);
    return s;
}

static int merge(const cc_run_ctx *ctx)
{
    char name[16][CC_GRID_NAME_MAX];
    const char *cereb[16], *none[16];
    double G[16];
    for (int i = 0; i < P.n_G; i++) {
        snprintf(name[i], sizeof name[i], "G%d", P.G[i]);
        cereb[i] = name[i], none[i] = "none", G[i] = P.G[i];
    }
    const cc_panel_line lines[2] = {{"cereb_fb", cereb}, {"none", none}};
    cc_tsv_head h = {.title = "Extension 1: test MSE against the number of granule cells; none: no feedback, on every row",
                     .units = "MSE per element of the test trials, mean and SEM over seeds", .runs = "units/*-s*"};
    int s = cc_panel_sweep(ctx, "figext1_granule.tsv", &h, "G", G, P.n_G, lines, 2, "test", "mse", NULL, NULL);
    static cc_seedstat ref, most; /* test MSE of every seed: no feedback, the most granule cells */
    if (!s) s = cc_grid_stat(ctx, "none", "test", 0, "mse", &ref);
    if (!s) s = cc_grid_stat(ctx, name[P.n_G - 1], "test", 0, "mse", &most);
    cc_summary sm;
    if (s || (s = cc_summary_open(&sm, ctx, "Extension 1: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "mse_none", ref.mean, "test MSE without feedback");
    cc_summary_add(&sm, "mse_largest_G", most.mean, "test MSE with the most granule cells");
    cc_claims cl;
    if ((s = cc_summary_commit(&sm)) || (s = cc_claims_open(&cl, ctx, "Extension 1: its question, judged on the seeds"))) return s;
    /* a question of the package's own: no-feedback MSE greater, one-sided Welch test at 5 % */
    const cc_claim_text q = {"figext1.granule", CC_SRC_PACKAGE,
                             "With the largest granule layer swept, the cerebellar model draws better than no feedback",
                             "MSE(no feedback) > MSE(largest G), one-sided Welch test, p < 0.05"};
    const cc_rule_arg level = {.level = 0.05};
    const cc_sample x[2] = {cc_sample_of(&most, "largest G"), cc_sample_of(&ref, "none")};
    s = cc_judge(&cl, &q, cc_rule_greater, &level, x, 2, "MSE %.4g with G = %d, %.4g without feedback", most.mean,
                 P.G[P.n_G - 1], ref.mean);
    return s ? s : cc_claims_commit(&cl);
}

static const cc_experiment EXPERIMENT = {.name = "figext1", .specs = SPECS, .grid = grid, .run_unit = run_unit, .merge = merge,
    .summary = "Extension 1: the cerebellar benefit against the number of granule cells"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
