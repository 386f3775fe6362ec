/* figS_tasks.h: the two task settings shared by the supplementary figures S6 and S15.
 *
 * Both figures test one manipulation on two tasks, each with its own main-figure setting:
 *   line drawing          as Fig. 2: T = 20, alpha 0.1, fixed cortex, tau 3, plastic W_MF, MSE;
 *   delayed association   as Fig. 6: T = 15, alpha 0.1, input e-prop (cerebellar-to-cortical
 *                         columns included) at lr 2.5e-3, labels on the last 5 steps, error
 *                         fraction on the last step.
 * The keys that differ between the tasks live in sections [linedraw] and [delass] (alpha,
 * cortical plasticity, cortical learning rate, epochs) and are resolved into each condition of
 * the grid (figS_cond); the others are shared (model.*, train.*, run.*). figS_train_test()
 * trains the model of a unit under the two manipulations of these figures (Gaussian noise on the
 * cerebellar output, cortical units silenced), writes its learning curve and tests it.
 * Seeds: every condition runs run.seeds seeds, except those that decide a task's claims, which run
 * NAME.seeds (at least run.seeds, at most claims.seeds_cap) where the verdict needs more to be
 * stable; the merge also judges each claim on the first run.seeds seeds (figS_verdict_first), so
 * the report shows why the extra seeds ran.
 * Not here: what each figure sweeps, merges or plots (experiments/figS6.c, figS15.c).
 */
#ifndef FIGS_TASKS_H
#define FIGS_TASKS_H

#include "cc_figure.h"

/* What differs between the two tasks. */
typedef struct {
    double alpha, lr_rnn;
    int plasticity, epochs;
    int seeds; /* seeds of the conditions that decide the task's claims (at least run.seeds) */
} figS_task_keys;

enum { FIGS_LINEDRAW = 0, FIGS_DELASS = 1, FIGS_NTASKS = 2, FIGS_MAX_SAMPLES = 32 /* samples of one claim */ };
static const cc_task_kind FIGS_KIND[FIGS_NTASKS] = {CC_TASK_LINEDRAW, CC_TASK_DELASS};
static const char *const FIGS_TASK_NAME[FIGS_NTASKS] = {"linedraw", "delass"};

/* The per-task keys NAME.alpha, NAME.plasticity, NAME.lr_rnn, NAME.epochs of K. */
#define FIGS_SPECS_TASK(NAME, K)                                                                          \
    CC_SPEC_DOUBLE(NAME ".alpha", &(K).alpha, 0, 1, NAME ": cortical leak alpha"),                        \
    CC_SPEC_CHOICE(NAME ".plasticity", &(K).plasticity, "fixed|input|input_rec",                          \
                   NAME ": cortical plasticity (input: W_ih by e-prop, cerebellar columns included)"),   \
    CC_SPEC_DOUBLE(NAME ".lr_rnn", &(K).lr_rnn, 0, 1, NAME ": Adam learning rate of the plastic cortex"), \
    CC_SPEC_INT(NAME ".epochs", &(K).epochs, 1, 100000, NAME ": training epochs")

/* NAME.seeds of K, DOC saying which conditions of the figure decide the task's claims. */
#define FIGS_SPEC_SEEDS(NAME, K, DOC) CC_SPEC_INT(NAME ".seeds", &(K).seeds, 0, CC_GRID_MAX_SEEDS, NAME ": " DOC)

/* The per-task keys, which reach a unit through its condition (cc_experiment.grid_keys). */
#define FIGS_GRID_KEYS "linedraw.* delass.*"

/* The shared keys: the model's sizes and cerebellum, the protocol and the seeds. */
#define FIGS_SPECS_SHARED(M, T)                                                                                 \
    CC_SPEC_INT("model.N", &(M).N, 2, 10000, "cortical units"),                                                 \
    CC_SPEC_INT("model.G", &(M).G, 1, 100000, "granule cells"),                                                 \
    CC_SPEC_INT("model.tau", &(M).tau, 0, 50, "cerebellar time window: C(f(h_k)) learns y_{k+tau}"),             \
    CC_SPEC_BOOL("model.plastic_mf", &(M).plastic_mf, "mossy fibres W_MF learn (else fixed random)"),           \
    CC_SPEC_DOUBLE("model.lr_readout", &(M).lr_readout, 0, 1, "Adam learning rate of the readout"),            \
    CC_SPEC_DOUBLE("model.lr_cereb", &(M).lr_cereb, 0, 1, "Adam learning rate of the cerebellum"),             \
    CC_SPEC_INT("train.n_train", &(T).n_train, 0, 10000000, "training trials per epoch (0: the task's)"),       \
    CC_SPEC_INT("train.batch", &(T).batch, 1, 100000, "trials per Adam step"),                                  \
    CC_SPEC_INT("train.n_val", &(T).n_val, 1, 1000000, "validation trials after each epoch"),                  \
    CC_SPEC_INT("train.n_test", &(T).n_test, 1, 1000000, "test trials"),                                        \
    CC_SPEC_BOOL("train.keep_best", &(T).keep_best, "restore the best-validation weights before testing"),     \
    CC_SPEC_INT("run.seeds", &(T).seeds, 1, 1000, "independent seeds per condition"),                           \
    CC_SPEC_INT("run.seed0", &(T).seed0, 0, 1000000000, "seed of the first run; seed i is seed0 + i")

/* A condition `name` of task t in its setting tk with architecture arch. NULL if out of memory or
 * the name is too long (raised). */
static inline cc_cond *figS_cond(cc_grid *g, int t, const figS_task_keys *tk, cc_arch arch, const char *name)
{
    cc_cond *c = cc_grid_add(g, "%s", name);
    if (!c) return NULL;
    c->task = cc_task_defaults(FIGS_KIND[t]);
    c->arch = arch;
    c->plasticity = (cc_plasticity)tk->plasticity;
    c->model.alpha = tk->alpha;
    c->model.lr_rnn = tk->lr_rnn;
    c->train.epochs = tk->epochs;
    return c;
}

/* The manipulations of a unit, both active in training and in testing. */
typedef struct {
    double sigma;     /* std of the Gaussian noise added to the cerebellar output */
    double silenced;  /* fraction of cortical units silenced: the first floor(f N) */
} figS_manip;

/* Train the model of the unit's condition under x, write units/<unit>.curve.tsv, then test it on
 * its n_test trials: *st and the reported error *err (MSE, or error fraction for delayed
 * association). tr keeps the trained model for further tests; free it with cc_trained_free
 * either way. GSL status. */
static inline int figS_train_test(const cc_run_ctx *ctx, figS_manip x, cc_trained *tr, cc_stats *st, double *err)
{
    int s = cc_grid_model(ctx, tr);
    if (s) return s;
    tr->m->cereb_noise = x.sigma;                                /* c_t += sigma N(0, 1), after silencing */
    tr->m->cortex_silenced = (int)floor(x.silenced * tr->cfg.N); /* r_t = 0 for the first floor(f N) units */
    if (!(s = cc_grid_fit(ctx, tr))) s = cc_test(tr->m, &tr->task, tr->pr.n_test, tr->seed, st, NULL);
    if (s) return s;
    *err = cc_stats_metric(tr->m, st);
    cc_record_metric(ctx->rec, "test_error", *err);
    cc_record_metric(ctx->rec, "best_epoch", tr->curve->best_epoch);
    return GSL_SUCCESS;
}

/* The seeds of a condition of task tk that decides a claim: tk->seeds, at least run.seeds. */
static inline int figS_deciding_seeds(const figS_task_keys *tk, int run_seeds)
{
    return tk->seeds > run_seeds ? tk->seeds : run_seeds;
}

/* NAME.seeds <= claims.seeds_cap for both tasks, else GSL_EINVAL with the reason in err. */
static inline int figS_check_seeds(const figS_task_keys *tk, int cap, char *err, size_t n)
{
    for (int t = 0; t < FIGS_NTASKS; t++)
        if (tk[t].seeds > cap)
            return snprintf(err, n, "%s.seeds = %d is above claims.seeds_cap = %d", FIGS_TASK_NAME[t], tk[t].seeds, cap),
                   GSL_EINVAL;
    return GSL_SUCCESS;
}

/* The verdict of a claim (rule, arg over x, k) on the first n seeds of each sample: what a run of n
 * seeds per condition gives (seeds i < n are the same units whatever the count). GSL status. */
static inline int figS_verdict_first(cc_claim_rule rule, const void *arg, const cc_sample *x, int k, int n, cc_verdict *v)
{
    cc_sample y[FIGS_MAX_SAMPLES];
    if (k > FIGS_MAX_SAMPLES) return CC_ERRORF(GSL_EINVAL, "%d samples, at most %d", k, FIGS_MAX_SAMPLES);
    for (int j = 0; j < k; j++) y[j] = (cc_sample){x[j].name, x[j].v, x[j].n < n ? x[j].n : n};
    const cc_claim_data d = {.rule = rule, .arg = arg, .x = y, .k = k, .ci = cc_rule_ci(rule, k)};
    return cc_claim_evaluate(&d, v);
}

/* <fig>_curves_<task>.tsv: the validation error per epoch of the series (n) of task t, trained for
 * `epochs` epochs (cc_panel_curves), under that title. GSL status. */
static inline int figS_curves(const cc_run_ctx *ctx, const char *fig, int t, const char *title, const cc_panel_series *s,
                              int n, int epochs)
{
    char file[64];
    snprintf(file, sizeof file, "%s_curves_%s.tsv", fig, FIGS_TASK_NAME[t]);
    const cc_tsv_head h = {.title = title, .runs = "units/TASK-*",
                           .units = t == FIGS_DELASS ? "error fraction of 200 validation trials; epoch 0 before training"
                                                     : "MSE per element of 200 validation trials; epoch 0 before training"};
    return cc_panel_curves(ctx, file, &h, s, n, epochs, "val_metric", NULL);
}

/* A claim of one task: its rule over the samples x (k), named in the summary keys "<task>_<name>_...". */
typedef struct {
    const char *name; /* "benefit", "graceful", "loop_helps" */
    cc_claim_rule rule;
    const void *arg;
    const cc_sample *x;
    int k;
} figS_claim;

/* Judge claim c of task tn (a row of claims.tsv) and write to summary.tsv the stability of its
 * verdict (<tn>_<name>_stability), and its stability and verdict on the first run_seeds seeds of
 * each sample, what a run without extra seeds gives (_stability_base, _pass_base); `which` and
 * `conds` are the words the descriptions use for the claim and its conditions. GSL status. */
static inline int figS_judge(cc_claims *cl, cc_summary *sm, const char *tn, const figS_claim *c, const cc_claim_text *text,
                             const char *measured, int run_seeds, const char *which, const char *conds)
{
    cc_verdict all, base;
    int s = figS_verdict_first(c->rule, c->arg, c->x, c->k, CC_GRID_MAX_SEEDS, &all);
    if (!s) s = figS_verdict_first(c->rule, c->arg, c->x, c->k, run_seeds, &base);
    if (!s) s = cc_judge(cl, text, c->rule, c->arg, c->x, c->k, "%s", measured);
    if (s) return s;
    char doc[200];
    snprintf(doc, sizeof doc, "stability of the verdict of %s (fraction of bootstrap resamples over seeds with the same verdict)", which);
    cc_summary_addf(sm, all.stability, doc, "%s_%s_stability", tn, c->name);
    snprintf(doc, sizeof doc, "the same on the first run.seeds = %d seeds of %s condition (a run without extra seeds)", run_seeds, conds);
    cc_summary_addf(sm, base.stability, doc, "%s_%s_stability_base", tn, c->name);
    return cc_summary_addf(sm, base.pass, "its verdict on those seeds (1 holds, 0 not)", "%s_%s_pass_base", tn, c->name);
}

/* The rule argument of "every x_j (j = 1..n) lies below x_0" for cc_rule_all: one part per j, each
 * cc_rule_greater over {x_j, x_0} (mean(x_0) > mean(x_j) by Welch's one-sided test, p < level), x_n
 * first, so that the effect is mean(x_0) - mean(x_n). n in 1..CC_RULE_PART_MAX. */
static inline cc_rule_all_arg figS_all_below(int n, double level)
{
    cc_rule_all_arg a = {.n = n};
    for (int j = 1; j <= n; j++) a.part[n - j] = (cc_rule_part){.rule = cc_rule_greater, .arg = {.level = level}, .n = 2, .idx = {j, 0}};
    return a;
}

/* "k/n learnt": the seeds of x whose error is at most learnt_error (claims.learnt_error), into buf. */
static inline const char *figS_learnt(char *buf, size_t n, const cc_sample *x, double learnt_error)
{
    snprintf(buf, n, "%d/%d learnt", cc_sample_count_le(x, learnt_error), x->n);
    return buf;
}

#endif
