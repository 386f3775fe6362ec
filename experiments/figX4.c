/* figX4.c: Extension X4, compression at the pons: how few pontine units keep the cerebellar benefit?
 *
 * The cortical rates reach the mossy fibres through a fixed random projection to P pontine
 * units, z = W_pons r (model.pons = P; W_pons (P, N) with entries N(0, 1/N)), for each P of
 * sweep.P, on line drawing with a fixed cortex (the mossy-fibre setting of Fig. 2f); references:
 * the cerebellar model without pons (the mossy fibres read all N rates) and the no-feedback model.
 * A unit trains and tests one model; the merge writes
 *   figX4_pons.tsv   final test MSE against P, with the no-pons and no-feedback levels
 * and judges, per P, whether its error stays within claims.ratio_max times the no-pons error
 * (ratio of the means over seeds), and whether the smallest P still beats no feedback (Welch).
 * Not here: the projection itself (mf_input in src/model/cc_model.c).
 */
#include <math.h>
#include <stdio.h>

#include "cc_panel.h"
#include "cc_rules.h"

enum { MAX_P = 16 };

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int Pn[MAX_P], n_P;
    int deciding[MAX_P], n_deciding, seeds_deciding;
    double ratio_max, level;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .Pn = {2, 5, 10, 25, 50}, .n_P = 5,
       .n_deciding = 0, .seeds_deciding = 5, .ratio_max = 1.5, .level = 0.05};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model), CC_SPECS_TRAIN(P.train),
    CC_SPEC_LIST_INT("sweep.P", P.Pn, &P.n_P, 1, CC_SIZE_MAX, "pontine units of each condition, increasing"),
    CC_SPEC_LIST_INT("run.deciding_P", P.deciding, &P.n_deciding, 1, CC_SIZE_MAX, "the P whose verdicts need more seeds: they and no pons run run.seeds_deciding"),
    CC_SPEC_INT("run.seeds_deciding", &P.seeds_deciding, 1, CC_GRID_MAX_SEEDS, "seeds of no pons and of the P of run.deciding_P"),
    CC_SPEC_DOUBLE("claims.ratio_max", &P.ratio_max, 1, 1000, "the benefit survives at P: MSE(P) / MSE(no pons) at most this"),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "level of the one-sided Welch test against no feedback"),
    CC_SPEC_END};

/* Conditions "none", "nopons", "P<p>": units none-s0, ..., P2-s0, ... */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    cc_cond *c = cc_grid_add(g, "none");
    if (!c) return GSL_ENOMEM;
    c->arch = CC_ARCH_NONE;
    if (!(c = cc_grid_add(g, "nopons"))) return GSL_ENOMEM;
    if (P.n_deciding && P.seeds_deciding > c->seeds) c->seeds = P.seeds_deciding; /* in every ratio claim */
    for (int i = 0; i < P.n_P; i++) {
        if (!(c = cc_grid_add(g, "P%d", P.Pn[i]))) return GSL_ENOMEM;
        c->model.pons = P.Pn[i]; /* z = W_pons r, P pontine units */
        for (int j = 0; j < P.n_deciding; j++)
            if (P.deciding[j] == P.Pn[i] && P.seeds_deciding > c->seeds) c->seeds = P.seeds_deciding;
    }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    cc_stats st;
    int s = cc_grid_train(ctx, &tr);
    if (!s) s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &st, NULL);
    if (!s) s = cc_expt_write_row(ctx, "test", "test MSE per element", "mse", &st.mse);
    cc_trained_free(&tr);
    return s;
}

static int merge(const cc_run_ctx *ctx)
{
    char name[MAX_P][CC_GRID_NAME_MAX];
    const char *pons[MAX_P], *nopons[MAX_P], *none[MAX_P];
    double x[MAX_P];
    for (int i = 0; i < P.n_P; i++) {
        snprintf(name[i], sizeof name[i], "P%d", P.Pn[i]);
        pons[i] = name[i], nopons[i] = "nopons", none[i] = "none", x[i] = P.Pn[i];
    }
    const cc_panel_line lines[3] = {{"pons", pons}, {"nopons", nopons}, {"none", none}};
    cc_tsv_head h = {.title = "Extension X4: test MSE against the number of pontine units P; nopons: the mossy fibres read all N cortical "
                              "rates; none: no feedback; both on every row",
                     .units = "MSE per element of the test trials, mean and SEM over seeds", .runs = "units/*-s*"};
    int s = cc_panel_sweep(ctx, "figX4_pons.tsv", &h, "P", x, P.n_P, lines, 3, "test", "mse", NULL, NULL);
    static cc_seedstat ref, full, st[MAX_P]; /* test MSE of every seed */
    if (!s) s = cc_grid_stat(ctx, "none", "test", 0, "mse", &ref);
    if (!s) s = cc_grid_stat(ctx, "nopons", "test", 0, "mse", &full);
    for (int i = 0; !s && i < P.n_P; i++) s = cc_grid_stat(ctx, name[i], "test", 0, "mse", &st[i]);
    if (s) return s;

    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Extension X4: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", ref.n, "seeds per condition (run.seeds)");
    cc_summary_add(&sm, "seeds_deciding", full.n, "seeds of no pons and of the P of run.deciding_P (run.seeds_deciding)");
    cc_panel_summary_mean_sem(&sm, ref.mean, ref.sem, "test MSE without feedback", "mse_none");
    cc_panel_summary_mean_sem(&sm, full.mean, full.sem, "test MSE of the cerebellar model without pons", "mse_nopons");
    double smallest = NAN; /* the smallest P from which on every larger P keeps the ratio */
    for (int i = P.n_P - 1; i >= 0 && st[i].mean / full.mean <= P.ratio_max; i--) smallest = P.Pn[i];
    char doc[160];
    for (int i = 0; i < P.n_P; i++) {
        snprintf(doc, sizeof doc, "test MSE with %d pontine units", P.Pn[i]);
        cc_panel_summary_mean_sem(&sm, st[i].mean, st[i].sem, doc, "mse_P%d", P.Pn[i]);
        char key[32];
        snprintf(key, sizeof key, "ratio_P%d", P.Pn[i]);
        cc_summary_add(&sm, key, st[i].mean / full.mean, "MSE(P) / MSE(no pons), ratio of the means");
    }
    cc_summary_add(&sm, "P_smallest_within", smallest,
                   "smallest P of the sweep from which on every P keeps MSE(P) / MSE(no pons) <= claims.ratio_max (NaN: none)");
    cc_claims cl;
    if ((s = cc_summary_commit(&sm)) || (s = cc_claims_open(&cl, ctx, "Extension X4: its questions, judged on the seeds"))) return s;
    const cc_rule_arg ratio = {.thr = P.ratio_max}, level = {.level = P.level};
    for (int i = 0; !s && i < P.n_P; i++) {
        char id[48], stmt[200], crit[300];
        snprintf(id, sizeof id, "figX4.P%d.within", P.Pn[i]);
        snprintf(stmt, sizeof stmt, "With %d pontine units the cerebellar model draws nearly as well as without compression", P.Pn[i]);
        snprintf(crit, sizeof crit, "mean MSE(P = %d) / mean MSE(no pons) <= claims.ratio_max = %g (ours)", P.Pn[i], P.ratio_max);
        const cc_claim_text q = {id, CC_SRC_PACKAGE, stmt, crit};
        const cc_sample xs[2] = {cc_sample_of(&full, "no pons"), cc_sample_of(&st[i], name[i])};
        s = cc_judge(&cl, &q, cc_rule_ratio_le, &ratio, xs, 2, "MSE %.4g with P = %d, %.4g without pons, %.4g without feedback", st[i].mean,
                     P.Pn[i], full.mean, ref.mean);
    }
    if (!s) {
        char id[48], stmt[200];
        snprintf(id, sizeof id, "figX4.P%d.benefit", P.Pn[0]);
        snprintf(stmt, sizeof stmt, "Even with %d pontine units the cerebellar model draws better than no feedback", P.Pn[0]);
        const cc_claim_text q = {id, CC_SRC_PACKAGE, stmt, "MSE(no feedback) > MSE(smallest P), Welch's one-sided test, p < claims.level"};
        const cc_sample xs[2] = {cc_sample_of(&st[0], name[0]), cc_sample_of(&ref, "none")};
        s = cc_judge(&cl, &q, cc_rule_greater, &level, xs, 2, "MSE %.4g with P = %d, %.4g without feedback", st[0].mean, P.Pn[0], ref.mean);
    }
    return s ? s : cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    for (int j = 0; j < P.n_deciding; j++) {
        int found = 0;
        for (int i = 0; i < P.n_P; i++) found |= P.deciding[j] == P.Pn[i];
        if (!found) return snprintf(err, n, "run.deciding_P: %d is not in sweep.P", P.deciding[j]), GSL_EINVAL;
    }
    for (int i = 0; i + 1 < P.n_P; i++)
        if (!(P.Pn[i] < P.Pn[i + 1])) return snprintf(err, n, "sweep.P: values must increase"), GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {.name = "figX4", .specs = SPECS, .validate = validate, .grid = grid, .run_unit = run_unit,
                                         .merge = merge,
                                         .summary = "Extension X4: compression at the pons, the cerebellar benefit against the number of pontine units"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
