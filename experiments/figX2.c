/* figX2.c: Extension X2, partial cerebellar ablation: is the loss graded or a cliff?
 *
 * On delayed association (the Fig. 6 setting: input e-prop) and evidence accumulation (the
 * Fig. 5 setting: fixed cortex), each seed trains the cerebellar-feedback model once, then tests
 * the same model on the same test trials at every fraction f of sweep.fraction, in two ways:
 *   out  the first floor(f C) cerebellar output channels silenced (m->silence_fraction);
 *   gc   the first floor(f G) granule cells silenced (m->granule_silenced).
 * The no-feedback model of each task is the reference level. Per seed and manipulation the unit
 * also writes the total rise of the error, E(1) - E(0), and its largest rise between neighbouring
 * fractions. The merge writes
 *   figX2_TASK.tsv   test error (and, on delayed association, end-of-trial selectivity) against f
 * and judges per task and manipulation whether the loss is graded: the largest single-step rise
 * at most claims.step_share of the total rise (ratio of the means over seeds).
 * Not here: the silencing itself (cereb_signal, mf_weights in src/model/cc_model.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_panel.h"
#include "cc_rules.h"

enum { MAX_F = 32, DELASS = 0, EVACC = 1, NTASK = 2, OUT = 0, GC = 1 };
static const char *const TASK[NTASK] = {"delass", "evacc"};
static const char *const TASK_LONG[NTASK] = {"delayed association", "evidence accumulation"};
static const char *const MANIP[2] = {"out", "gc"};
static const char *const MANIP_LONG[2] = {"cerebellar output channels", "granule cells"};

/* What differs between the two tasks' settings. */
typedef struct {
    double alpha, lr_rnn;
    int plasticity, epochs;
} task_keys;

static struct {
    cc_model_keys model;
    cc_train_keys train;
    task_keys task[NTASK];
    double f[MAX_F];
    int n_f, seeds_deciding;
    double step_share;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .task = {{.alpha = 0.1, .lr_rnn = 2.5e-3, .plasticity = CC_CORTEX_INPUT, .epochs = 100},
                {.alpha = 0.1, .lr_rnn = 1e-3, .plasticity = CC_CORTEX_FIXED, .epochs = 40}},
       .f = {0, 0.2, 0.4, 0.6, 0.8, 1},
       .n_f = 6,
       .seeds_deciding = 5,
       .step_share = 0.5};

#define TASK_SPECS(NAME, K)                                                                              \
    CC_SPEC_DOUBLE(NAME ".alpha", &(K).alpha, 0, 1, NAME ": cortical leak alpha"),                       \
    CC_SPEC_CHOICE(NAME ".plasticity", &(K).plasticity, "fixed|input|input_rec", NAME ": cortical plasticity"), \
    CC_SPEC_DOUBLE(NAME ".lr_rnn", &(K).lr_rnn, 0, 1, NAME ": Adam learning rate of a plastic cortex"),  \
    CC_SPEC_INT(NAME ".epochs", &(K).epochs, 1, 100000, NAME ": training epochs")

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    TASK_SPECS("delass", P.task[DELASS]),
    TASK_SPECS("evacc", P.task[EVACC]),
    CC_SPEC_LIST_DOUBLE("sweep.fraction", P.f, &P.n_f, 0, 1, "fractions silenced at test, increasing from 0 to 1"),
    CC_SPEC_INT("run.seeds_deciding", &P.seeds_deciding, 1, CC_GRID_MAX_SEEDS, "seeds of the cerebellar models, whose curves the claims judge"),
    CC_SPEC_DOUBLE("claims.step_share", &P.step_share, 0, 1, "graded: largest single-step rise at most this share of the total rise"),
    CC_SPEC_END};

static const char *cond_name(char name[CC_GRID_NAME_MAX], int t, int cereb)
{
    snprintf(name, CC_GRID_NAME_MAX, "%s-%s", TASK[t], cereb ? "cereb_fb" : "none");
    return name;
}

static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    char name[CC_GRID_NAME_MAX];
    for (int t = 0; t < NTASK; t++)
        for (int cereb = 0; cereb <= 1; cereb++) {
            cc_cond *c = cc_grid_add(g, "%s", cond_name(name, t, cereb));
            if (!c) return GSL_ENOMEM;
            c->task = cc_task_defaults(t == DELASS ? CC_TASK_DELASS : CC_TASK_EVACC);
            c->arch = cereb ? CC_ARCH_CEREB_FB : CC_ARCH_NONE;
            c->plasticity = (cc_plasticity)P.task[t].plasticity;
            c->model.alpha = P.task[t].alpha;
            c->model.lr_rnn = P.task[t].lr_rnn;
            c->train.epochs = P.task[t].epochs;
            if (cereb && P.seeds_deciding > c->seeds) c->seeds = P.seeds_deciding;
        }
    return GSL_SUCCESS;
}

/* Error fraction on the evaluation steps and, on delayed association (two classes, the label
 * the cue), the selectivity z_correct - z_other on the last step, mean over the test trials. */
static int test_once(cc_trained *tr, double *err, double *sel)
{
    const int two = tr->task.kind == CC_TASK_DELASS;
    double *per_step = two ? malloc((size_t)tr->task.T * sizeof(double)) : NULL;
    if (two && !per_step) return GSL_ENOMEM;
    cc_stats st;
    int s = cc_panel_test_silenced(tr->m, &tr->task, tr->pr.n_test, tr->seed, -1, &st, per_step);
    *err = cc_stats_metric(tr->m, &st);
    *sel = two ? per_step[tr->task.T - 1] : NAN;
    free(per_step);
    return s;
}

/* Total rise e[n-1] - e[0] and the largest rise between neighbours of e (n). */
static void rises(const double *e, int n, double *total, double *step)
{
    *total = e[n - 1] - e[0];
    *step = -INFINITY;
    for (int i = 0; i + 1 < n; i++) *step = fmax(*step, e[i + 1] - e[i]);
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    int s = cc_grid_train(ctx, &tr);
    const int cereb = ctx->cond->arch == CC_ARCH_CEREB_FB;
    double e[2][MAX_F], sel[2][MAX_F];
    for (int k = 0; !s && k < 2; k++)
        for (int i = 0; !s && i < P.n_f; i++) {
            if (!cereb && i > 0) { /* no cerebellum: nothing to silence, the intact test on every row */
                e[k][i] = e[k][0], sel[k][i] = sel[k][0];
                continue;
            }
            if (k == OUT) tr.m->silence_fraction = P.f[i];               /* first floor(f C) outputs 0 */
            else tr.m->granule_silenced = (int)floor(P.f[i] * tr.cfg.G); /* first floor(f G) cells 0 */
            s = test_once(&tr, &e[k][i], &sel[k][i]);
            tr.m->silence_fraction = 0.0;
            tr.m->granule_silenced = 0;
        }
    cc_tsv t = {0};
    cc_tsv_head h = {.title = "test at each silenced fraction: error fraction and last-step selectivity (NaN: not a two-cue task), "
                              "output channels (out) and granule cells (gc) silenced; no feedback: the intact test on every row",
                     .columns = "fraction err_out sel_out err_gc sel_gc", .runs = ctx->unit};
    if (!s) {
        s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.ablate.tsv", ctx->unit);
        for (int i = 0; !s && i < P.n_f; i++) s = cc_tsv_row(&t, (double[]){P.f[i], e[OUT][i], sel[OUT][i], e[GC][i], sel[GC][i]});
        s = cc_tsv_end(&t, s);
    }
    double row[4];
    if (!s) {
        rises(e[OUT], P.n_f, &row[0], &row[1]);
        rises(e[GC], P.n_f, &row[2], &row[3]);
        s = cc_expt_write_row(ctx, "shape", "per manipulation: total rise of the error E(1) - E(0) and its largest rise between neighbouring fractions",
                              "total_out step_out total_gc step_gc", row);
    }
    if (!s) cc_record_metric(ctx->rec, "test_error", e[OUT][0]);
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

static int panel(const cc_run_ctx *ctx, int t)
{
    char cereb[CC_GRID_NAME_MAX], none[CC_GRID_NAME_MAX], title[300], file[64];
    cond_name(cereb, t, 1);
    cond_name(none, t, 0);
    const cc_panel_metric cols[] = {{cereb, "fraction", "fraction"}, {cereb, "err_out", "err_out"}, {cereb, "err_gc", "err_gc"},
                                    {cereb, "sel_out", "sel_out"}, {cereb, "sel_gc", "sel_gc"}, {none, "err_out", "none"},
                                    {none, "sel_out", "none_sel"}};
    snprintf(title, sizeof title, "Extension X2, %s: test error and last-step selectivity against the fraction silenced at test, "
                                  "mean and SEM over seeds; none, none_sel: the no-feedback model", TASK_LONG[t]);
    cc_tsv_head h = {.title = title, .units = "error fraction of the test trials; selectivity z_correct - z_other (delayed association only)",
                     .runs = "units/TASK-*"};
    snprintf(file, sizeof file, "figX2_%s.tsv", TASK[t]);
    return cc_panel_rows(ctx, file, &h, "row", P.n_f, "ablate", cols, 7, 1.0);
}

static int merge(const cc_run_ctx *ctx)
{
    static cc_seedstat err[NTASK][2][MAX_F], ref[NTASK], shape[NTASK][4];
    char cereb[CC_GRID_NAME_MAX], none[CC_GRID_NAME_MAX], key[80], doc[200];
    static const char *const SHAPE[4] = {"total_out", "step_out", "total_gc", "step_gc"};
    int s = GSL_SUCCESS;
    for (int t = 0; !s && t < NTASK; t++) {
        cond_name(cereb, t, 1);
        cond_name(none, t, 0);
        for (int k = 0; !s && k < 2; k++)
            for (int i = 0; !s && i < P.n_f; i++) s = cc_grid_stat(ctx, cereb, "ablate", i, k == OUT ? "err_out" : "err_gc", &err[t][k][i]);
        if (!s) s = cc_grid_stat(ctx, none, "ablate", 0, "err_out", &ref[t]);
        for (int j = 0; !s && j < 4; j++) s = cc_grid_stat(ctx, cereb, "shape", 0, SHAPE[j], &shape[t][j]);
        if (!s) s = panel(ctx, t);
    }
    if (s) return s;

    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Extension X2: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", err[0][0][0].n, "seeds of each cerebellar model (run.seeds_deciding)");
    cc_summary_add(&sm, "seeds_none", ref[0].n, "seeds of each no-feedback model (run.seeds)");
    cc_summary_add(&sm, "n_fraction", P.n_f, "fractions tested");
    for (int t = 0; t < NTASK; t++) {
        snprintf(key, sizeof key, "%s_none", TASK[t]);
        snprintf(doc, sizeof doc, "%s: test error fraction of the no-feedback model", TASK_LONG[t]);
        cc_panel_summary_mean_sem(&sm, ref[t].mean, ref[t].sem, doc, "%s", key);
        for (int k = 0; k < 2; k++) {
            const int last = P.n_f - 1;
            snprintf(doc, sizeof doc, "%s: test error fraction with no %s silenced", TASK_LONG[t], MANIP_LONG[k]);
            cc_panel_summary_mean_sem(&sm, err[t][k][0].mean, err[t][k][0].sem, doc, "%s_%s_f0", TASK[t], MANIP[k]);
            snprintf(doc, sizeof doc, "%s: test error fraction with every %s silenced", TASK_LONG[t], MANIP_LONG[k]);
            cc_panel_summary_mean_sem(&sm, err[t][k][last].mean, err[t][k][last].sem, doc, "%s_%s_f1", TASK[t], MANIP[k]);
            const cc_seedstat *tot = &shape[t][2 * k], *step = &shape[t][2 * k + 1];
            snprintf(key, sizeof key, "%s_%s_share", TASK[t], MANIP[k]);
            cc_summary_add(&sm, key, step->mean / tot->mean, "largest single-step rise / total rise (ratio of the means over seeds)");
        }
    }
    cc_claims cl;
    if ((s = cc_summary_commit(&sm)) || (s = cc_claims_open(&cl, ctx, "Extension X2: graded or cliff, judged on the seeds"))) return s;
    const cc_rule_arg arg = {.thr = P.step_share};
    for (int t = 0; !s && t < NTASK; t++)
        for (int k = 0; !s && k < 2; k++) {
            char id[64], stmt[300], crit[400];
            snprintf(id, sizeof id, "figX2.%s.%s_graded", TASK[t], MANIP[k]);
            snprintf(stmt, sizeof stmt, "On %s the test error rises gradually as more %s are silenced, without a cliff", TASK_LONG[t],
                     MANIP_LONG[k]);
            snprintf(crit, sizeof crit, "over the fractions %g..%g (%d steps): mean over seeds of the largest rise between neighbouring "
                                        "fractions / mean of the total rise E(%g) - E(%g) <= claims.step_share = %g (ours: a cliff puts "
                                        "more than that share of the loss in one step)",
                     P.f[0], P.f[P.n_f - 1], P.n_f - 1, P.f[P.n_f - 1], P.f[0], P.step_share);
            const cc_claim_text q = {id, CC_SRC_PACKAGE, stmt, crit};
            const cc_sample x[2] = {cc_sample_of(&shape[t][2 * k], "total rise"), cc_sample_of(&shape[t][2 * k + 1], "largest step")};
            s = cc_judge(&cl, &q, cc_rule_ratio_le, &arg, x, 2, "error %.3g intact, %.3g all silenced (no feedback %.3g); largest step %.3g of a total rise %.3g",
                         err[t][k][0].mean, err[t][k][P.n_f - 1].mean, ref[t].mean, shape[t][2 * k + 1].mean, shape[t][2 * k].mean);
        }
    return s ? s : cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.n_f < 2 || P.f[0] != 0.0 || P.f[P.n_f - 1] != 1.0)
        return snprintf(err, n, "sweep.fraction must run from 0 to 1 (at least two values)"), GSL_EINVAL;
    for (int i = 0; i + 1 < P.n_f; i++)
        if (!(P.f[i] < P.f[i + 1])) return snprintf(err, n, "sweep.fraction: values must increase"), GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {
    .name = "figX2",
    .summary = "Extension X2: partial cerebellar ablation (output channels, granule cells) on delayed association and evidence accumulation",
    .specs = SPECS,
    .validate = validate,
    .grid = grid,
    .grid_keys = "delass.* evacc.*",
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
