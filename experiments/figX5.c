/* figX5.c: Extension X5, exact gradients: does the cerebellar benefit survive when the plastic
 * cortex learns by exact backpropagation through time (BPTT) instead of e-prop?
 *
 * The grid: {line drawing, delayed association} x {input, input + recurrent plasticity} x
 * {e-prop, BPTT} x {no feedback, cerebellar feedback}, each task in the setting of its figure
 * (line drawing: Fig. 2; delayed association: Fig. 6), its keys in sections [linedraw] and
 * [delass]. A task whose NAME.lr_rnn_low is set has a third plasticity level: input + recurrent
 * again at that cortical learning rate (the learning-rate supplement of Fig. 5). A unit trains and
 * tests one model; its error is the test MSE per element (line drawing) or the error fraction on
 * the last step (delayed association).
 * The merge writes, per task, the errors as grouped bars with every seed and the learning curves,
 * the summary and, per task and plasticity level, three questions: the benefit under e-prop and
 * under BPTT (error(no feedback) > error(cerebellar), one-sided Welch tests at claims.level), and
 * the gap ratio, gap(BPTT) / gap(e-prop) with gap = error(none) - error(cereb), at least
 * claims.gap_kept (BPTT closes less than the share 1 - gap_kept of the e-prop gap), with a
 * bootstrap interval over seeds.
 * Not here: the rules themselves (cc_cortex.h; tests/test_gradients.c, test_eprop.c).
 */
#include <math.h>
#include <stdio.h>

#include "cc_panel.h"
#include "cc_rules.h"

enum { NTASK = 2, NLEV = 3, NRULE = 2, NARCH = 2, ROWS = NLEV * NRULE /* rows of a task */ };

typedef struct {
    double alpha, lr_rnn, lr_rnn_low;
    int epochs, seeds; /* seeds: every condition of the task (0: run.seeds) */
    int seeds_deciding, deciding_level, deciding_rule; /* more seeds for one (level, rule): its two models */
} task_keys;

static struct {
    cc_model_keys model;
    cc_train_keys train;
    task_keys task[NTASK];
    double level, gap_kept, learnt_error;
    int seeds_cap;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .task = {{.alpha = 0.1, .lr_rnn = 1e-3, .epochs = 40}, {.alpha = 0.1, .lr_rnn = 2.5e-3, .epochs = 50}},
       .level = 0.05,
       .gap_kept = 0.5,
       .learnt_error = 0.1,
       .seeds_cap = 10};

static const cc_task_kind KIND[NTASK] = {CC_TASK_LINEDRAW, CC_TASK_DELASS};
static const char *const TASK[NTASK] = {"linedraw", "delass"};
static const char *const TASK_WORDS[NTASK] = {"Line drawing", "Delayed association"};
/* plasticity levels: input, input + recurrent, input + recurrent at NAME.lr_rnn_low */
static const cc_plasticity PLAST[NLEV] = {CC_CORTEX_INPUT, CC_CORTEX_INPUT_REC, CC_CORTEX_INPUT_REC};
static const char *const LEVEL[NLEV] = {"input", "input_rec", "input_rec_low"};
static const char *const LEVEL_WORDS[NLEV] = {"input", "input + recurrent", "input + recurrent (low rate)"};
static const char *const RULE[NRULE] = {"eprop", "bptt"};
static const cc_arch ARCH[NARCH] = {CC_ARCH_NONE, CC_ARCH_CEREB_FB};

#define TASK_SPECS(NAME, K)                                                                                   \
    CC_SPEC_DOUBLE(NAME ".alpha", &(K).alpha, 0, 1, NAME ": cortical leak alpha"),                            \
    CC_SPEC_DOUBLE(NAME ".lr_rnn", &(K).lr_rnn, 0, 1, NAME ": Adam learning rate of the plastic cortex"),     \
    CC_SPEC_DOUBLE(NAME ".lr_rnn_low", &(K).lr_rnn_low, 0, 1,                                                 \
                   NAME ": input + recurrent plasticity again at this cortical learning rate (0: none)"),    \
    CC_SPEC_INT(NAME ".epochs", &(K).epochs, 1, 100000, NAME ": training epochs"),                            \
    CC_SPEC_INT(NAME ".seeds", &(K).seeds, 0, CC_GRID_MAX_SEEDS, NAME ": seeds of every condition of the task (0: run.seeds)"), \
    CC_SPEC_INT(NAME ".seeds_deciding", &(K).seeds_deciding, 0, CC_GRID_MAX_SEEDS,                           \
                NAME ": seeds of the two models of deciding_level and deciding_rule (0: as the others)"),    \
    CC_SPEC_CHOICE(NAME ".deciding_level", &(K).deciding_level, "input|input_rec|input_rec_low",              \
                   NAME ": the plasticity level that runs seeds_deciding seeds"),                            \
    CC_SPEC_CHOICE(NAME ".deciding_rule", &(K).deciding_rule, "eprop|bptt", NAME ": the rule that runs seeds_deciding seeds")

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    TASK_SPECS("linedraw", P.task[0]),
    TASK_SPECS("delass", P.task[1]),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "level of the one-sided Welch tests"),
    CC_SPEC_DOUBLE("claims.gap_kept", &P.gap_kept, -100, 100, "gap question: gap(BPTT) / gap(e-prop) at least this"),
    CC_SPEC_DOUBLE("claims.learnt_error", &P.learnt_error, 0, 1, "a delayed-association seed learnt: test error fraction at most this"),
    CC_SPEC_INT("claims.seeds_cap", &P.seeds_cap, 1, CC_GRID_MAX_SEEDS, "the most seeds NAME.seeds_deciding may ask"),
    CC_SPEC_END};

/* The plasticity levels of task t: 2, or 3 with its low rate. */
static int n_lev(int t) { return P.task[t].lr_rnn_low > 0 ? NLEV : NLEV - 1; }

/* 1 if level l and rule r of task t run its seeds_deciding seeds. */
static int deciding(int t, int l, int r)
{
    return P.task[t].seeds_deciding > 0 && P.task[t].deciding_level == l && P.task[t].deciding_rule == r;
}

static const char *cond_name(char name[CC_GRID_NAME_MAX], int t, int l, int r, int a)
{
    snprintf(name, CC_GRID_NAME_MAX, "%s-%s-%s-%s", TASK[t], LEVEL[l], RULE[r], cc_arch_name(ARCH[a]));
    return name;
}

static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    char name[CC_GRID_NAME_MAX];
    for (int t = 0; t < NTASK; t++)
        for (int l = 0; l < n_lev(t); l++)
            for (int r = 0; r < NRULE; r++)
                for (int a = 0; a < NARCH; a++) {
                    cc_cond *c = cc_grid_add(g, "%s", cond_name(name, t, l, r, a));
                    if (!c) return GSL_ENOMEM;
                    c->task = cc_task_defaults(KIND[t]);
                    c->arch = ARCH[a];
                    c->plasticity = PLAST[l];
                    c->model.rule = r == 0 ? CC_RULE_EPROP : CC_RULE_BPTT;
                    c->model.alpha = P.task[t].alpha;
                    c->model.lr_rnn = l == 2 ? P.task[t].lr_rnn_low : P.task[t].lr_rnn;
                    c->train.epochs = P.task[t].epochs;
                    if (P.task[t].seeds > 0) c->seeds = P.task[t].seeds;
                    if (deciding(t, l, r) && P.task[t].seeds_deciding > c->seeds) c->seeds = P.task[t].seeds_deciding;
                }
    return GSL_SUCCESS;
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    for (int t = 0; t < NTASK; t++) {
        if (P.task[t].seeds_deciding > P.seeds_cap)
            return snprintf(err, n, "%s.seeds_deciding = %d is above claims.seeds_cap = %d", TASK[t], P.task[t].seeds_deciding,
                            P.seeds_cap), GSL_EINVAL;
        if (P.task[t].seeds_deciding > 0 && P.task[t].deciding_level >= n_lev(t))
            return snprintf(err, n, "%s.deciding_level = %s needs %s.lr_rnn_low", TASK[t], LEVEL[P.task[t].deciding_level],
                            TASK[t]), GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    cc_stats st;
    int s = cc_grid_train(ctx, &tr);
    if (!s) s = cc_test(tr.m, &tr.task, tr.pr.n_test, tr.seed, &st, NULL);
    if (!s) {
        const double row[2] = {cc_stats_metric(tr.m, &st), tr.curve->best_epoch};
        s = cc_expt_write_row(ctx, "test", "test error: MSE per element (line drawing) or error fraction on the last step (delayed association)",
                              "error best_epoch", row);
    }
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* x = {none e-prop, cereb e-prop, none BPTT, cereb BPTT}: effect gap(BPTT) / gap(e-prop), gap = none - cereb;
 * holds when it is at least arg->thr and the e-prop gap is positive (the ratio of a gap that is not
 * there says nothing). */
static int rule_gap_ratio(const cc_sample *x, int k, const void *arg, double *effect)
{
    (void)k;
    const double ge = cc_sample_mean(&x[0]) - cc_sample_mean(&x[1]), gb = cc_sample_mean(&x[2]) - cc_sample_mean(&x[3]);
    *effect = gb / ge;
    return ge > 0 && *effect >= ((const cc_rule_arg *)arg)->thr;
}

/* Every seed's error: task t, row (level, rule) = l * NRULE + r, architecture a. */
static cc_seedstat st[NTASK][ROWS][NARCH];
static char label[NTASK][ROWS][48], name[NTASK][ROWS][NARCH][CC_GRID_NAME_MAX];

/* "k/n": seeds of x with an error of at most claims.learnt_error. */
static int n_learnt(const cc_seedstat *x)
{
    const cc_sample s = cc_sample_of(x, "");
    return cc_sample_count_le(&s, P.learnt_error);
}

static int claims(const cc_run_ctx *ctx, cc_summary *sm)
{
    cc_claims cl;
    int s = cc_claims_open(&cl, ctx, "Extension X5: the cerebellar benefit under e-prop and BPTT, judged on the seeds");
    const cc_rule_arg level = {.level = P.level}, kept = {.thr = P.gap_kept};
    for (int t = 0; !s && t < NTASK; t++)
        for (int l = 0; !s && l < n_lev(t); l++) {
            const char *err = t ? "test error fraction" : "test MSE";
            char id[64], text[240], crit[240];
            for (int r = 0; !s && r < NRULE; r++) {
                const cc_seedstat *x = st[t][l * NRULE + r];
                snprintf(id, sizeof id, "figX5.%s_%s.benefit_%s", TASK[t], LEVEL[l], RULE[r]);
                snprintf(text, sizeof text, "%s with %s plasticity learnt by %s: cerebellar feedback lowers the error", TASK_WORDS[t],
                         LEVEL_WORDS[l], r ? "BPTT" : "e-prop");
                snprintf(crit, sizeof crit, "%s: no feedback > cerebellar feedback, one-sided Welch test, p < %g", err, P.level);
                const cc_claim_text q = {id, CC_SRC_PACKAGE, text, crit};
                const cc_sample xs[2] = {cc_sample_of(&x[1], "cereb_fb"), cc_sample_of(&x[0], "none")};
                s = cc_judge(&cl, &q, cc_rule_greater, &level, xs, 2, "%s %.4g without feedback, %.4g cerebellar (%d, %d seeds)",
                             err, x[0].mean, x[1].mean, x[0].n, x[1].n);
                if (!s && deciding(t, l, r)) { /* the verdict on the first run.seeds seeds: why more seeds ran */
                    const int n0 = P.task[t].seeds > 0 ? P.task[t].seeds : P.train.seeds;
                    const cc_sample first[2] = {{xs[0].name, xs[0].v, xs[0].n < n0 ? xs[0].n : n0},
                                                {xs[1].name, xs[1].v, xs[1].n < n0 ? xs[1].n : n0}};
                    const cc_claim_data d = {.rule = cc_rule_greater, .arg = &level, .x = first, .k = 2,
                                             .ci = cc_rule_ci(cc_rule_greater, 2)};
                    cc_verdict v;
                    if (!(s = cc_claim_evaluate(&d, &v))) {
                        char key[80];
                        snprintf(key, sizeof key, "stability_base_%s_%s_%s", TASK[t], LEVEL[l], RULE[r]);
                        s = cc_summary_add(sm, key, v.stability, "stability of the benefit verdict on the first seeds only (before seeds_deciding)");
                    }
                }
            }
            if (s) break;
            const cc_seedstat *e = st[t][l * NRULE], *b = st[t][l * NRULE + 1];
            snprintf(id, sizeof id, "figX5.%s_%s.gap_kept", TASK[t], LEVEL[l]);
            snprintf(text, sizeof text, "%s with %s plasticity: the cerebellar benefit survives BPTT, which leaves at least a share claims.gap_kept of the e-prop gap between no feedback and cerebellar feedback",
                     TASK_WORDS[t], LEVEL_WORDS[l]);
            snprintf(crit, sizeof crit, "gap = %s(none) - %s(cereb); gap(BPTT) / gap(e-prop) >= %g with gap(e-prop) > 0; 95 %% bootstrap interval over seeds",
                     err, err, P.gap_kept);
            const cc_claim_text q = {id, CC_SRC_PACKAGE, text, crit};
            const cc_sample x[4] = {cc_sample_of(&e[0], "none_eprop"), cc_sample_of(&e[1], "cereb_eprop"),
                                    cc_sample_of(&b[0], "none_bptt"), cc_sample_of(&b[1], "cereb_bptt")};
            const double ge = e[0].mean - e[1].mean, gb = b[0].mean - b[1].mean;
            if (ge > 0)
                s = cc_judge(&cl, &q, rule_gap_ratio, &kept, x, 4, "gap %.4g under e-prop, %.4g under BPTT; ratio %.3g", ge, gb, gb / ge);
            else
                s = cc_judge(&cl, &q, rule_gap_ratio, &kept, x, 4, "gap %.4g under e-prop: no benefit for BPTT to keep or close; %.4g under BPTT", ge, gb);
            char key[64];
            const double ratio = ge > 0 ? gb / ge : NAN; /* no e-prop gap: nothing for BPTT to close */
            snprintf(key, sizeof key, "gap_ratio_%s_%s", TASK[t], LEVEL[l]);
            if (!s) s = cc_summary_add(sm, key, ratio, "gap(BPTT) / gap(e-prop): the share of the e-prop gap that BPTT leaves (NaN: no e-prop gap)");
            snprintf(key, sizeof key, "gap_closed_%s_%s", TASK[t], LEVEL[l]);
            if (!s) s = cc_summary_add(sm, key, 1 - ratio, "1 - gap(BPTT) / gap(e-prop): the share of the e-prop gap that BPTT closes (NaN: no e-prop gap)");
        }
    return s ? s : cc_claims_commit(&cl);
}

/* Task t: its bars (figX5_error_TASK.tsv), curves (figX5_curves_TASK.tsv) and summary lines. */
static int task_tables(const cc_run_ctx *ctx, int t, cc_summary *sm)
{
    const int rows = n_lev(t) * NRULE;
    const char *labels[ROWS];
    static cc_seedstat bars[ROWS * NARCH];
    int s = GSL_SUCCESS;
    for (int l = 0; l < n_lev(t); l++)
        for (int r = 0; r < NRULE; r++) {
            const int i = l * NRULE + r;
            snprintf(label[t][i], sizeof label[t][i], "%s/%s", LEVEL[l], RULE[r]);
            labels[i] = label[t][i];
            for (int a = 0; !s && a < NARCH; a++)
                if (!(s = cc_grid_stat(ctx, cond_name(name[t][i][a], t, l, r, a), "test", 0, "error", &st[t][i][a])))
                    bars[i * NARCH + a] = st[t][i][a];
        }
    static const char *const groups[NARCH] = {"none", "cereb_fb"};
    char file[64], title[200];
    snprintf(file, sizeof file, "figX5_error_%s.tsv", TASK[t]);
    snprintf(title, sizeof title, "Extension X5: %s, test error per cortical plasticity and learning rule (label), without and with cerebellar feedback", TASK[t]);
    cc_tsv_head hb = {.title = title,
                      .units = t ? "error fraction on the last step of the test trials" : "MSE per element of the test trials"};
    if (!s) s = cc_panel_seed_bars(ctx, file, &hb, labels, rows, groups, NARCH, bars);
    cc_panel_series series[ROWS * NARCH];
    char col[ROWS * NARCH][48];
    for (int i = 0; i < rows; i++)
        for (int a = 0; a < NARCH; a++) {
            snprintf(col[i * NARCH + a], sizeof col[0], "%.30s_%s", label[t][i], cc_arch_name(ARCH[a]));
            for (char *p = col[i * NARCH + a]; *p; p++) *p = *p == '/' ? '_' : *p;
            series[i * NARCH + a] = (cc_panel_series){name[t][i][a], col[i * NARCH + a]};
        }
    snprintf(file, sizeof file, "figX5_curves_%s.tsv", TASK[t]);
    snprintf(title, sizeof title, "Extension X5: %s, validation error per epoch, mean and SEM over seeds", TASK[t]);
    cc_tsv_head hc = {.title = title,
                      .units = t ? "error fraction of the validation trials; epoch 0 before training" : "MSE per element of the validation trials; epoch 0 before training",
                      .runs = "units/*-s*"};
    if (!s) s = cc_panel_curves(ctx, file, &hc, series, rows * NARCH, P.task[t].epochs, "val_metric", NULL);
    char key[96], doc[160];
    snprintf(key, sizeof key, "seeds_%s", TASK[t]);
    if (!s) s = cc_summary_add(sm, key, st[t][0][0].n, "seeds of every condition of the task");
    int most = 0;
    for (int i = 0; i < rows; i++) most = st[t][i][0].n > most ? st[t][i][0].n : most;
    snprintf(key, sizeof key, "seeds_deciding_%s", TASK[t]);
    if (!s) s = cc_summary_add(sm, key, most, "seeds of the two models of the task's deciding level and rule (seeds_deciding)");
    for (int i = 0; !s && i < rows; i++) {
        for (int a = 0; !s && a < NARCH; a++) {
            snprintf(key, sizeof key, "error_%s_%.30s_%s", TASK[t], label[t][i], groups[a]);
            for (char *p = key; *p; p++) *p = *p == '/' ? '_' : *p;
            snprintf(doc, sizeof doc, "test error, %s, %.30s, %s", TASK[t], label[t][i], a ? "cerebellar feedback" : "no feedback");
            s = cc_panel_summary_pair(sm, key, st[t][i][a].mean, st[t][i][a].sem, doc);
            if (!s && t == 1) { /* delayed association: seeds learn or stay at chance */
                snprintf(key, sizeof key, "learnt_%s_%.30s_%s", TASK[t], label[t][i], groups[a]);
                for (char *p = key; *p; p++) *p = *p == '/' ? '_' : *p;
                s = cc_summary_add(sm, key, n_learnt(&st[t][i][a]), "seeds whose test error fraction is at most claims.learnt_error");
            }
        }
        snprintf(key, sizeof key, "gap_%s_%.30s", TASK[t], label[t][i]);
        for (char *p = key; *p; p++) *p = *p == '/' ? '_' : *p;
        snprintf(doc, sizeof doc, "error(no feedback) - error(cerebellar), %s, %.30s", TASK[t], label[t][i]);
        if (!s) s = cc_summary_add(sm, key, st[t][i][0].mean - st[t][i][1].mean, doc);
    }
    return s;
}

static int merge(const cc_run_ctx *ctx)
{
    cc_summary sm;
    int s = cc_summary_open(&sm, ctx, "Extension X5: numbers quoted in the report");
    for (int t = 0; !s && t < NTASK; t++) s = task_tables(ctx, t, &sm);
    if (!s) s = claims(ctx, &sm);
    return s ? s : cc_summary_commit(&sm);
}

static const cc_experiment EXPERIMENT = {.name = "figX5", .specs = SPECS, .grid = grid, .validate = validate,
    .run_unit = run_unit, .merge = merge,
    .grid_keys = "linedraw.* delass.*",
    .summary = "Extension X5: the cerebellar benefit with a plastic cortex learning by e-prop or by BPTT"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
