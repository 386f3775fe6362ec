/* figS_tasks.h: the two task settings shared by the supplementary figures S6 and S15.
 *
 * Both figures test one manipulation on two tasks, each with its own main-figure setting:
 *   line drawing          as Fig. 2: T = 20, alpha 0.1, fixed cortex, tau 3, plastic W_MF, MSE;
 *   delayed association   as Fig. 6: T = 15, alpha 0.1, input e-prop (cerebellar-to-cortical
 *                         columns included) at lr 2.5e-3, labels on the last 5 steps, error
 *                         fraction on the last step.
 * The keys that differ between the tasks live in sections [linedraw] and [delass] (alpha,
 * cortical plasticity, cortical learning rate, epochs); the others are shared (model.*,
 * train.*, run.*). figS_train_test() trains one model of one task under the two
 * manipulations of these figures (Gaussian noise on the cerebellar output, cortical units
 * silenced), writes its learning curve and tests it.
 * Not here: what each figure sweeps, merges or plots (experiments/figS6.c, figS15.c).
 */
#ifndef FIGS_TASKS_H
#define FIGS_TASKS_H

#include <math.h>

#include "cc_expt.h"

/* What differs between the two tasks. */
typedef struct {
    double alpha, lr_rnn;
    int plasticity, epochs;
} figS_task_keys;

enum { FIGS_LINEDRAW = 0, FIGS_DELASS = 1, FIGS_NTASKS = 2 };
static const cc_task_kind FIGS_KIND[FIGS_NTASKS] = {CC_TASK_LINEDRAW, CC_TASK_DELASS};

/* The per-task keys NAME.alpha, NAME.plasticity, NAME.lr_rnn, NAME.epochs of K. */
#define FIGS_SPECS_TASK(NAME, K)                                                                          \
    CC_SPEC_DOUBLE(NAME ".alpha", &(K).alpha, 0, 1, NAME ": cortical leak alpha"),                        \
    CC_SPEC_CHOICE(NAME ".plasticity", &(K).plasticity, "fixed|input|input_rec",                          \
                   NAME ": cortical plasticity (input: W_ih by e-prop, cerebellar columns included)"),   \
    CC_SPEC_DOUBLE(NAME ".lr_rnn", &(K).lr_rnn, 0, 1, NAME ": Adam learning rate of the plastic cortex"), \
    CC_SPEC_INT(NAME ".epochs", &(K).epochs, 1, 100000, NAME ": training epochs")

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

static const char *const FIGS_TASK_NAME[FIGS_NTASKS] = {"linedraw", "delass"};

/* The shared cross-key rules (tau against the trial, sizes, memory) for both tasks, with the
 * cerebellar architecture; GSL_EINVAL with the reason in err. */
static inline int figS_check(const figS_task_keys *tk, const cc_model_keys *mk, const cc_train_keys *pk, char *err,
                             size_t n)
{
    for (int t = 0; t < FIGS_NTASKS; t++) {
        cc_task task = cc_task_defaults(FIGS_KIND[t]);
        cc_model_keys k = *mk;
        k.alpha = tk[t].alpha;
        k.lr_rnn = tk[t].lr_rnn;
        cc_train_keys p = *pk;
        p.epochs = tk[t].epochs;
        if (cc_expt_check(&k, &p, &task, CC_ARCH_CEREB_FB, (cc_plasticity)tk[t].plasticity, err, n)) return GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

/* The manipulations of one run, both active in training and in testing. */
typedef struct {
    cc_arch arch;          /* CC_ARCH_NONE or CC_ARCH_CEREB_FB */
    double sigma;          /* std of the Gaussian noise added to the cerebellar output */
    double silenced;       /* fraction of cortical units silenced: the first floor(f N) */
} figS_manip;

/* Train a model of task `t` (keys tk, shared model and protocol keys mk, pk) under x with
 * `seed`, write units/<unit>.curve.tsv, then test it on pk->n_test trials: *st and the
 * reported error *err (MSE, or error fraction for delayed association). The trained model is
 * returned in *out (caller frees) for further tests. GSL status. */
static inline int figS_train_test(const cc_run_ctx *ctx, int t, const figS_task_keys *tk, const cc_model_keys *mk,
                                  const cc_train_keys *pk, figS_manip x, unsigned long seed, cc_stats *st,
                                  double *err, cc_model **out)
{
    cc_task task = cc_task_defaults(FIGS_KIND[t]);
    cc_model_keys k = *mk;
    k.alpha = tk->alpha;
    k.lr_rnn = tk->lr_rnn;
    cc_train_keys p = *pk;
    p.epochs = tk->epochs;
    cc_config cfg = cc_expt_config(&k, &task, x.arch, (cc_plasticity)tk->plasticity);
    cc_protocol pr = cc_expt_protocol(&p, &task);
    cc_model *m = cc_model_alloc(&cfg, seed);
    cc_curve *curve = cc_curve_alloc(pr.epochs);
    int s = GSL_ENOMEM;
    *out = NULL;
    if (!m || !curve) goto done;
    m->cereb_noise = x.sigma;                              /* c_t += sigma N(0, 1), after silencing */
    m->cortex_silenced = (int)floor(x.silenced * cfg.N);   /* r_t = 0 for the first floor(f N) units */
    if ((s = cc_expt_train(m, &task, &pr, seed, curve, ctx))) goto done;
    if ((s = cc_expt_write_curve(ctx, curve, cfg.classification ? "val_metric: validation error fraction (last step); losses: cross-entropy"
                                                               : "val_metric: validation MSE per element; losses per element")))
        goto done;
    if ((s = cc_test(m, &task, pr.n_test, seed, st, NULL))) goto done;
    *err = cc_stats_metric(m, st);
    cc_record_metric(ctx->rec, "test_error", *err);
    cc_record_metric(ctx->rec, "best_epoch", curve->best_epoch);
    *out = m;
    m = NULL;
done:
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

/* "mean ± sem" statistics of one number over the seeds of one condition. */
static inline int figS_stat(const cc_run_ctx *ctx, char *const *ids, int seeds, const char *file, int row,
                            const char *col, double *mean, double *sem)
{
    double v[1000];
    int s = cc_expt_collect(ctx, ids, seeds, file, row, col, v);
    if (!s) cc_mean_sem(v, seeds, mean, sem);
    return s;
}

/* The difference a - b is larger than z times its standard error sqrt(sa^2 + sb^2). */
static inline int figS_clearly_above(double a, double sa, double b, double sb, double z)
{
    return a - b > z * sqrt(sa * sa + sb * sb);
}

#endif
