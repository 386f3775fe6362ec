/* figX5.c: Extension X5, exact gradients: does the cerebellar benefit survive when the plastic
 * cortex learns by exact backpropagation through time (BPTT) instead of e-prop?
 *
 * The grid: {line drawing, delayed association} x {input, input + recurrent plasticity} x
 * {e-prop, BPTT} x {no feedback, cerebellar feedback}, each task in the setting of its figure
 * (line drawing: Fig. 2; delayed association: Fig. 6), its keys in sections [linedraw] and
 * [delass]. With linedraw.lr_rnn_rec / delass.lr_rnn_rec below the task's lr_rnn, the input +
 * recurrent conditions run at that rate (the learning-rate supplement of Fig. 5). A unit trains
 * and tests one model; its error is the test MSE per element (line drawing) or the error fraction
 * on the last step (delayed association).
 * The merge writes the errors as grouped bars with every seed, the learning curves, the summary
 * and, per task and plasticity, three questions: the benefit under e-prop and under BPTT
 * (error(no feedback) > error(cerebellar), one-sided Welch tests at claims.level), and the gap
 * ratio (error(none) - error(cereb)) under BPTT over the same under e-prop, at least
 * claims.gap_kept (BPTT closes less than that share of the e-prop gap), with a bootstrap interval.
 * Not here: the rules themselves (cc_cortex.h; tests/test_gradients.c, test_eprop.c).
 */
#include <stdio.h>

#include "cc_panel.h"
#include "cc_rules.h"

enum { NTASK = 2, NPLAST = 2, NRULE = 2, NARCH = 2, NROW = NTASK * NPLAST * NRULE };

typedef struct {
    double alpha, lr_rnn, lr_rnn_rec;
    int epochs, seeds; /* seeds: the task's conditions (0: run.seeds) */
} task_keys;

static struct {
    cc_model_keys model;
    cc_train_keys train;
    task_keys task[NTASK];
    double level, gap_kept;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .task = {{.alpha = 0.1, .lr_rnn = 1e-3, .lr_rnn_rec = 1e-3, .epochs = 40},
                {.alpha = 0.1, .lr_rnn = 2.5e-3, .lr_rnn_rec = 2.5e-3, .epochs = 50}},
       .level = 0.05,
       .gap_kept = 0.5};

static const cc_task_kind KIND[NTASK] = {CC_TASK_LINEDRAW, CC_TASK_DELASS};
static const char *const TASK[NTASK] = {"linedraw", "delass"};
static const cc_plasticity PLAST[NPLAST] = {CC_CORTEX_INPUT, CC_CORTEX_INPUT_REC};
static const char *const RULE[NRULE] = {"eprop", "bptt"};
static const cc_arch ARCH[NARCH] = {CC_ARCH_NONE, CC_ARCH_CEREB_FB};

#define TASK_SPECS(NAME, K)                                                                                   \
    CC_SPEC_DOUBLE(NAME ".alpha", &(K).alpha, 0, 1, NAME ": cortical leak alpha"),                            \
    CC_SPEC_DOUBLE(NAME ".lr_rnn", &(K).lr_rnn, 0, 1, NAME ": Adam learning rate of an input-plastic cortex"), \
    CC_SPEC_DOUBLE(NAME ".lr_rnn_rec", &(K).lr_rnn_rec, 0, 1, NAME ": Adam learning rate of an input + recurrent plastic cortex"), \
    CC_SPEC_INT(NAME ".epochs", &(K).epochs, 1, 100000, NAME ": training epochs"),                            \
    CC_SPEC_INT(NAME ".seeds", &(K).seeds, 0, CC_GRID_MAX_SEEDS, NAME ": seeds of every condition of the task (0: run.seeds)")

static const cc_spec SPECS[] = {CC_SPECS_MODEL(P.model), CC_SPECS_TRAIN(P.train), TASK_SPECS("linedraw", P.task[0]),
                                TASK_SPECS("delass", P.task[1]),
                                CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "level of the one-sided Welch tests"),
                                CC_SPEC_DOUBLE("claims.gap_kept", &P.gap_kept, -100, 100,
                                               "gap question: gap(BPTT) / gap(e-prop) at least this"),
                                CC_SPEC_END};

static const char *cond_name(char name[CC_GRID_NAME_MAX], int t, int l, int r, int a)
{
    snprintf(name, CC_GRID_NAME_MAX, "%s-%s-%s-%s", TASK[t], cc_plasticity_name(PLAST[l]), RULE[r], cc_arch_name(ARCH[a]));
    return name;
}

static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    char name[CC_GRID_NAME_MAX];
    for (int t = 0; t < NTASK; t++)
        for (int l = 0; l < NPLAST; l++)
            for (int r = 0; r < NRULE; r++)
                for (int a = 0; a < NARCH; a++) {
                    cc_cond *c = cc_grid_add(g, "%s", cond_name(name, t, l, r, a));
                    if (!c) return GSL_ENOMEM;
                    c->task = cc_task_defaults(KIND[t]);
                    c->arch = ARCH[a];
                    c->plasticity = PLAST[l];
                    c->model.rule = r == 0 ? CC_RULE_EPROP : CC_RULE_BPTT;
                    c->model.alpha = P.task[t].alpha;
                    c->model.lr_rnn = PLAST[l] == CC_CORTEX_INPUT_REC ? P.task[t].lr_rnn_rec : P.task[t].lr_rnn;
                    c->train.epochs = P.task[t].epochs;
                    if (P.task[t].seeds > 0) c->seeds = P.task[t].seeds;
                }
    return GSL_SUCCESS;
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    cc_trained tr;
    cc_stats st;
    int s = cc_grid_train(ctx, &tr);
    if (!s) s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &st, NULL);
    if (!s) {
        const double row[2] = {cc_stats_metric(tr.m, &st), tr.curve->best_epoch};
        s = cc_expt_write_row(ctx, "test", "test error: MSE per element (line drawing) or error fraction on the last step (delayed association)",
                              "error best_epoch", row);
        cc_record_metric(ctx->rec, "test_error", row[0]);
    }
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* x = {none e-prop, cereb e-prop, none BPTT, cereb BPTT}: effect = gap(BPTT) / gap(e-prop), gap = none - cereb;
 * holds when it is at least arg->thr (and the e-prop gap is positive: a ratio of a gap that is not there
 * says nothing). */
static int rule_gap_ratio(const cc_sample *x, int k, const void *arg, double *effect)
{
    (void)k;
    const double ge = cc_sample_mean(&x[0]) - cc_sample_mean(&x[1]), gb = cc_sample_mean(&x[2]) - cc_sample_mean(&x[3]);
    *effect = gb / ge;
    return ge > 0 && *effect >= ((const cc_rule_arg *)arg)->thr;
}

static cc_seedstat st[NROW][NARCH]; /* error of every seed: row (task, plasticity, rule), none / cereb */
static char label[NROW][64], name[NROW][NARCH][CC_GRID_NAME_MAX];

static int row_of(int t, int l, int r) { return (t * NPLAST + l) * NRULE + r; }

static int claims(const cc_run_ctx *ctx, cc_summary *sm)
{
    cc_claims cl;
    int s = cc_claims_open(&cl, ctx, "Extension X5: the cerebellar benefit under e-prop and BPTT, judged on the seeds");
    const cc_rule_arg level = {.level = P.level}, kept = {.thr = P.gap_kept};
    for (int t = 0; !s && t < NTASK; t++)
        for (int l = 0; !s && l < NPLAST; l++) {
            const char *pl = l ? "input + recurrent" : "input";
            const char *err = t ? "test error fraction" : "test MSE";
            char id[64], text[240], crit[240];
            for (int r = 0; !s && r < NRULE; r++) {
                const int i = row_of(t, l, r);
                snprintf(id, sizeof id, "figX5.%s_%s.benefit_%s", TASK[t], cc_plasticity_name(PLAST[l]), RULE[r]);
                snprintf(text, sizeof text, "%s, %s plasticity by %s: cerebellar feedback lowers the error of the plastic cortex",
                         t ? "Delayed association" : "Line drawing", pl, r ? "BPTT" : "e-prop");
                snprintf(crit, sizeof crit, "%s: no feedback > cerebellar feedback, one-sided Welch test, p < %g", err, P.level);
                const cc_claim_text q = {id, CC_SRC_PACKAGE, text, crit};
                const cc_sample x[2] = {cc_sample_of(&st[i][1], "cereb_fb"), cc_sample_of(&st[i][0], "none")};
                s = cc_judge(&cl, &q, cc_rule_greater, &level, x, 2, "%s %.4g without feedback, %.4g cerebellar (%d, %d seeds)",
                             err, st[i][0].mean, st[i][1].mean, st[i][0].n, st[i][1].n);
            }
            if (s) break;
            const int e = row_of(t, l, 0), b = row_of(t, l, 1);
            snprintf(id, sizeof id, "figX5.%s_%s.gap_kept", TASK[t], cc_plasticity_name(PLAST[l]));
            snprintf(text, sizeof text, "%s, %s plasticity: BPTT closes less than a share 1 - claims.gap_kept of the e-prop gap between no feedback and cerebellar feedback",
                     t ? "Delayed association" : "Line drawing", pl);
            snprintf(crit, sizeof crit, "gap = %s(none) - %s(cereb); gap(BPTT) / gap(e-prop) >= %g with gap(e-prop) > 0; 95 %% bootstrap interval over seeds",
                     err, err, P.gap_kept);
            const cc_claim_text q = {id, CC_SRC_PACKAGE, text, crit};
            const cc_sample x[4] = {cc_sample_of(&st[e][0], "none_eprop"), cc_sample_of(&st[e][1], "cereb_eprop"),
                                    cc_sample_of(&st[b][0], "none_bptt"), cc_sample_of(&st[b][1], "cereb_bptt")};
            const double ge = st[e][0].mean - st[e][1].mean, gb = st[b][0].mean - st[b][1].mean;
            s = cc_judge(&cl, &q, rule_gap_ratio, &kept, x, 4, "gap %.4g under e-prop, %.4g under BPTT; ratio %.3g", ge, gb, gb / ge);
            char key[64];
            snprintf(key, sizeof key, "gap_ratio_%s_%s", TASK[t], cc_plasticity_name(PLAST[l]));
            if (!s) s = cc_summary_add(sm, key, gb / ge, "gap(BPTT) / gap(e-prop): the share of the e-prop gap BPTT leaves");
        }
    return s ? s : cc_claims_commit(&cl);
}

static int merge(const cc_run_ctx *ctx)
{
    const char *labels[NROW];
    int s = GSL_SUCCESS;
    for (int t = 0; t < NTASK; t++)
        for (int l = 0; l < NPLAST; l++)
            for (int r = 0; r < NRULE; r++) {
                const int i = row_of(t, l, r);
                snprintf(label[i], sizeof label[i], "%s/%s/%s", TASK[t], cc_plasticity_name(PLAST[l]), RULE[r]);
                labels[i] = label[i];
                for (int a = 0; !s && a < NARCH; a++) {
                    cond_name(name[i][a], t, l, r, a);
                    s = cc_grid_stat(ctx, name[i][a], "test", 0, "error", &st[i][a]);
                }
            }
    static const char *const groups[NARCH] = {"none", "cereb_fb"};
    cc_tsv_head hb = {.title = "Extension X5: test error per task, cortical plasticity and learning rule, without and with cerebellar feedback",
                      .units = "line drawing: MSE per element; delayed association: error fraction on the last step; mean and SEM over seeds"};
    if (!s) s = cc_panel_seed_bars(ctx, "figX5_error.tsv", &hb, labels, NROW, groups, NARCH, &st[0][0]);
    for (int t = 0; !s && t < NTASK; t++) {
        cc_panel_series series[NPLAST * NRULE * NARCH];
        char col[NPLAST * NRULE * NARCH][48], file[48], title[160];
        int n = 0;
        for (int l = 0; l < NPLAST; l++)
            for (int r = 0; r < NRULE; r++)
                for (int a = 0; a < NARCH; a++, n++) {
                    snprintf(col[n], sizeof col[n], "%s_%s_%s", cc_plasticity_name(PLAST[l]), RULE[r], cc_arch_name(ARCH[a]));
                    series[n] = (cc_panel_series){name[row_of(t, l, r)][a], col[n]};
                }
        snprintf(file, sizeof file, "figX5_curves_%s.tsv", TASK[t]);
        snprintf(title, sizeof title, "Extension X5: %s, validation error per epoch, mean and SEM over seeds", TASK[t]);
        cc_tsv_head hc = {.title = title,
                          .units = t ? "error fraction of the validation trials; epoch 0 before training" : "MSE per element of the validation trials; epoch 0 before training",
                          .runs = "units/*-s*"};
        s = cc_panel_curves(ctx, file, &hc, series, n, P.task[t].epochs, "val_metric", NULL);
    }
    cc_summary sm;
    if (s || (s = cc_summary_open(&sm, ctx, "Extension X5: numbers quoted in the report"))) return s;
    for (int t = 0; t < NTASK; t++) {
        char key[64];
        snprintf(key, sizeof key, "seeds_%s", TASK[t]);
        cc_summary_add(&sm, key, st[row_of(t, 0, 0)][0].n, "seeds of every condition of the task");
    }
    for (int i = 0; !s && i < NROW; i++) {
        char key[96], doc[160];
        for (int a = 0; !s && a < NARCH; a++) {
            snprintf(key, sizeof key, "error_%.60s_%s", label[i], groups[a]);
            for (char *p = key; *p; p++) *p = *p == '/' ? '_' : *p;
            snprintf(doc, sizeof doc, "test error, %.60s, %s", label[i], a ? "cerebellar feedback" : "no feedback");
            s = cc_panel_summary_pair(&sm, key, st[i][a].mean, st[i][a].sem, doc);
        }
        snprintf(key, sizeof key, "gap_%.60s", label[i]);
        for (char *p = key; *p; p++) *p = *p == '/' ? '_' : *p;
        snprintf(doc, sizeof doc, "error(no feedback) - error(cerebellar), %.60s", label[i]);
        if (!s) s = cc_summary_add(&sm, key, st[i][0].mean - st[i][1].mean, doc);
    }
    if (!s) s = claims(ctx, &sm);
    return s ? s : cc_summary_commit(&sm);
}

static const cc_experiment EXPERIMENT = {.name = "figX5", .specs = SPECS, .grid = grid, .run_unit = run_unit, .merge = merge,
    .grid_keys = "linedraw.* delass.*",
    .summary = "Extension X5: the cerebellar benefit with a plastic cortex learning by e-prop or by BPTT"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
