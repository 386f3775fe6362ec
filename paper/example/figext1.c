/* figext1.c: a worked example of a new experiment, the cerebellar benefit against the number of
 * granule cells G (an extension, not a figure of the paper).
 *
 * Each unit trains one cerebellar-feedback model with G granule cells (one value of sweep.G and
 * one seed) on line drawing with a fixed cortex and tests it. The merge writes one table, the
 * test MSE (mean and SEM over seeds) against G, and the summary the report quotes.
 * Not here: anything the shared driver does (command line, config, unit files, run records).
 */
#include <stdio.h>

#include "cc_expt.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int G[16], n_G;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .G = {100, 1000}, .n_G = 2};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_LIST_INT("sweep.G", P.G, &P.n_G, 1, 100000, "granule cells of each condition"),
    CC_SPEC_END};

/* Units "G<g>-s<seed>", condition-major: unit i is G[i / seeds], seed i % seeds. */
static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    for (int i = 0; i < P.n_G; i++)
        for (int s = 0; s < P.train.seeds; s++)
            if (cc_unit_list_add(out, "G%d-s%d", P.G[i], s)) return GSL_ENOMEM;
    return GSL_SUCCESS;
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    const unsigned long seed = (unsigned long)(P.train.seed0 + ctx->unit_index % P.train.seeds);
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    cc_model_keys mk = P.model;
    mk.G = P.G[ctx->unit_index / P.train.seeds];
    cc_config cfg = cc_expt_config(&mk, &task, CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    cc_protocol pr = cc_expt_protocol(&P.train, &task);
    cc_model *m = cc_model_alloc(&cfg, seed);
    cc_curve *curve = cc_curve_alloc(pr.epochs);
    cc_stats st;
    int s = GSL_ENOMEM;
    if (m && curve && !(s = cc_expt_train(m, &task, &pr, seed, curve, ctx)) &&
        !(s = cc_expt_write_curve(ctx, curve, "val_metric: validation MSE per element")) &&
        !(s = cc_test(m, &task, pr.n_test, seed, &st, NULL))) {
        double row[1] = {st.mse};
        s = cc_expt_write_row(ctx, "test", "test MSE per element", "mse", row);
        cc_record_metric(ctx->rec, "test_mse", st.mse);
    }
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

static int merge(const cc_run_ctx *ctx)
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Extension 1: test MSE of the cerebellar model against the number of granule cells",
                     .columns = "G mse sem", .units = "MSE per element of the test trials, mean and SEM over seeds",
                     .runs = "units/G*-s*"};
    double mean[16], sem[16], v[1000];
    int s = cc_ctx_tsv_open(ctx, &t, &h, "figext1_granule.tsv");
    for (int i = 0; !s && i < P.n_G; i++) {
        s = cc_expt_collect(ctx, ctx->units->id + (long)i * P.train.seeds, P.train.seeds, "test", 0, "mse", v);
        if (!s) cc_mean_sem(v, P.train.seeds, &mean[i], &sem[i]);
        if (!s) s = cc_tsv_row(&t, (double[3]){P.G[i], mean[i], sem[i]});
    }
    if (s) {
        cc_tsv_abort(&t);
        return s;
    }
    if ((s = cc_tsv_commit(&t))) return s;
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Extension 1: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "mse_smallest_G", mean[0], "test MSE with the fewest granule cells");
    cc_summary_add(&sm, "mse_largest_G", mean[P.n_G - 1], "test MSE with the most granule cells");
    if ((s = cc_summary_commit(&sm))) return s;
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Extension 1 claims"))) return s;
    fputs("# no claims: an extension of the paper, not one of its claims\n", cl.f);
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.n_G > 16) return snprintf(err, n, "sweep.G: at most 16 values"), GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {
    .name = "figext1",
    .summary = "Extension 1: the cerebellar benefit against the number of granule cells",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
