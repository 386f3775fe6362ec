/* cc_expt.h: what every figure driver shares: the model and training keys of the
 * INI files, training with a progress line, per-unit files, mean +- SEM over seeds,
 * and the summary and claims files that the report and `make check-claims` read.
 *
 * A driver puts CC_SPECS_MODEL(M) and CC_SPECS_TRAIN(T) in its parameter table, so
 * that every figure understands the same keys (model.alpha, train.epochs, ...).
 * Not here: any figure's protocol or panels (experiments/figN.c).
 */
#ifndef CC_EXPT_H
#define CC_EXPT_H

#include "cc_driver.h"
#include "cc_model.h"
#include "cc_train.h"
#include "cc_verdict.h"

/* Model settings common to the figures (architecture and plasticity are swept by
 * the drivers themselves). */
typedef struct {
    int N, G, tau, plastic_mf, temporal_basis, final_learning, mf_inputs, rule;
    double alpha, dropout, lr_rnn, lr_readout, lr_cereb;
    int pons; /* pontine units (0: none); no key of its own: a driver sweeping it sets it per
               * condition, and the unit's record then holds model.pons (cc_grid_unit_specs) */
} cc_model_keys;

/* The authors' values: the defaults of cc_config.h, also those of cc_config_default. */
#define CC_MODEL_KEYS_DEFAULT                                                                                   \
    {.N = CC_DEFAULT_N, .G = CC_DEFAULT_G, .tau = CC_DEFAULT_TAU, .plastic_mf = CC_DEFAULT_PLASTIC_MF,           \
     .temporal_basis = 0, .final_learning = 0, .mf_inputs = 0, .rule = 0, .alpha = CC_DEFAULT_ALPHA,             \
     .dropout = CC_DEFAULT_DROPOUT, .lr_rnn = CC_DEFAULT_LR, .lr_readout = CC_DEFAULT_LR, .lr_cereb = CC_DEFAULT_LR}

#define CC_SPECS_MODEL(M)                                                                                 \
    CC_SPEC_INT("model.N", &(M).N, 1, CC_SIZE_MAX, "cortical units"),                                           \
    CC_SPEC_INT("model.G", &(M).G, 1, CC_G_MAX, "granule cells (mossy-fibre expansion)"),                   \
    CC_SPEC_DOUBLE("model.alpha", &(M).alpha, 0, 1, "cortical leak: h_t = alpha h_{t-1} + ..."),          \
    CC_SPEC_INT("model.tau", &(M).tau, 0, CC_TAU_MAX, "cerebellar time window: C(f(h_k)) learns y_{k+tau}"),       \
    CC_SPEC_BOOL("model.plastic_mf", &(M).plastic_mf, "mossy fibres W_MF learn (else fixed random)"),     \
    CC_SPEC_BOOL("model.temporal_basis", &(M).temporal_basis, "cerebellum predicts y_{k+0..k+tau}"),      \
    CC_SPEC_BOOL("model.final_learning", &(M).final_learning, "train the last buffered predictions"),     \
    CC_SPEC_INT("model.mf_inputs", &(M).mf_inputs, 0, CC_SIZE_MAX, "sparse mossy fibres: inputs per granule cell (0 dense)"), \
    CC_SPEC_CHOICE("model.rule", &(M).rule, "eprop|bptt", "learning rule of a plastic cortex"),           \
    CC_SPEC_DOUBLE("model.dropout", &(M).dropout, 0, 0.99, "dropout after W_MF in the cerebellar readout"), \
    CC_SPEC_DOUBLE("model.lr_rnn", &(M).lr_rnn, 0, 1, "Adam learning rate of W_ih, W_hh"),               \
    CC_SPEC_DOUBLE("model.lr_readout", &(M).lr_readout, 0, 1, "Adam learning rate of the readout"),      \
    CC_SPEC_DOUBLE("model.lr_cereb", &(M).lr_cereb, 0, 1, "Adam learning rate of the cerebellum")

/* Training protocol and seeds; and the tolerance of `make verify` (tools/compare_data.sh), which
 * compares a fresh computation of the figure with its shipped tables: a number passes when
 * |new - shipped| <= atol + rtol |shipped|. The driver only records them. */
typedef struct {
    int epochs, n_train, batch, n_val, n_test, keep_best, seeds, seed0;
    double verify_rtol, verify_atol;
} cc_train_keys;

#define CC_TRAIN_KEYS_DEFAULT                                                                                 \
    {.epochs = 50, .n_train = 0, .batch = 10, .n_val = 200, .n_test = 1000, .keep_best = 1, .seeds = 5, .seed0 = 1, \
     .verify_rtol = 0, .verify_atol = 0}

#define CC_SPECS_TRAIN(T)                                                                              \
    CC_SPEC_INT("train.epochs", &(T).epochs, 0, 100000, "training epochs"),                            \
    CC_SPEC_INT("train.n_train", &(T).n_train, 0, 10000000, "training trials per epoch (0: the task's, 1000 or 800 for evidence accumulation)"),              \
    CC_SPEC_INT("train.batch", &(T).batch, 1, 100000, "trials per Adam step"),                          \
    CC_SPEC_INT("train.n_val", &(T).n_val, 1, 1000000, "validation trials after each epoch"),          \
    CC_SPEC_INT("train.n_test", &(T).n_test, 1, 1000000, "test trials"),                                \
    CC_SPEC_BOOL("train.keep_best", &(T).keep_best, "restore the best-validation weights before testing"), \
    CC_SPEC_INT("run.seeds", &(T).seeds, 1, 1000, "independent seeds per condition"),                   \
    CC_SPEC_INT("run.seed0", &(T).seed0, 0, 1000000000, "seed of the first run; seed i is seed0 + i"),   \
    CC_SPEC_DOUBLE("verify.rtol", &(T).verify_rtol, 0, 1e6, "make verify: relative tolerance against the shipped tables"), \
    CC_SPEC_DOUBLE("verify.atol", &(T).verify_atol, 0, 1e6, "make verify: absolute tolerance against the shipped tables")

/* Model config for `task` with the given architecture and cortical plasticity. */
cc_config cc_expt_config(const cc_model_keys *k, const cc_task *task, cc_arch arch, cc_plasticity plasticity);
cc_protocol cc_expt_protocol(const cc_train_keys *k, const cc_task *task);

/* The note of a unit's progress line after `epoch`: "loss L, validation V", with a dash
 * for L before the first epoch (no training batch yet: NaN in the curve). */
void cc_expt_progress_note(char *buf, size_t n, int epoch, const cc_curve *c);

/* For a validate callback: the config and protocol that cc_expt_config and
 * cc_expt_protocol make for one condition on task, through the library's own checks
 * (cc_protocol_check: sizes against each other, tau against the trial length, ...),
 * before any unit runs; notes the memory a unit of it needs (cc_driver_note_memory).
 * GSL_SUCCESS, or GSL_EINVAL with the reason in err (the driver exits 2). */
int cc_expt_check(const cc_model_keys *mk, const cc_train_keys *tk, const cc_task *task, cc_arch arch,
                  cc_plasticity plasticity, char *err, size_t n);

/* Train with a progress line on a terminal; records the seed in the run record. */
int cc_expt_train(cc_model *m, const cc_task *task, const cc_protocol *p, unsigned long seed, cc_curve *curve,
                  const cc_run_ctx *ctx);

/* units/<unit>.curve.tsv: epoch, val_metric, val_loss, train_loss, cereb_loss; and, in the unit's
 * record, the metrics curve.val_metric_end (after the last epoch) and curve.best_epoch. */
int cc_expt_write_curve(const cc_run_ctx *ctx, const cc_curve *c, const char *metric_doc);

/* units/<unit>.<name>.tsv with one row: the columns `names` (space separated) = v; each value is
 * also a metric of the unit's record, "<name>.<column>" (the driver also records the unit's
 * core-seconds, cpu_s). */
int cc_expt_write_row(const cc_run_ctx *ctx, const char *name, const char *title, const char *names,
                      const double *v);

/* Mean and standard error (sd with n-1, / sqrt n; 0 if n < 2) of x (n). */
void cc_mean_sem(const double *x, int n, double *mean, double *sem);
/* The smallest and largest of x (n), NaNs left out: lo = +inf, hi = -inf if there is none. */
void cc_min_max(const double *x, int n, double *lo, double *hi);
/* How many of x (n) are >= thr (the seeds that reach an accuracy). */
int cc_count_ge(const double *x, int n, double thr);

/* The number in column `col` of row `row` of units/<unit>.<name>.tsv, for each
 * unit in ids (n): x[i]. GSL status; refuses files of another configuration. */
int cc_expt_collect(const cc_run_ctx *ctx, char *const *ids, int n, const char *name, int row,
                    const char *col, double *x);

/* summary.tsv: the numbers the report quotes, one "key value description" a line. */
typedef struct {
    cc_out out;
    FILE *f;
} cc_summary;
int cc_summary_open(cc_summary *s, const cc_run_ctx *ctx, const char *title);
int cc_summary_add(cc_summary *s, const char *key, double value, const char *description);
/* The same with the key printf-formatted ("c_a%g_%s", alpha, level). */
int cc_summary_addf(cc_summary *s, double value, const char *description, const char *key_fmt, ...)
    __attribute__((format(printf, 4, 5)));
int cc_summary_commit(cc_summary *s);

/* claims.tsv: one row per claim, written by cc_claims_judge (below; cc_judge in cc_rules.h picks
 * the interval), read by tools/check_claims.sh. */
typedef struct {
    cc_out out, seeds_out;
    FILE *f, *seeds_f;
    int n, failed;
    const cc_run_ctx *ctx;
} cc_claims;
int cc_claims_open(cc_claims *c, const cc_run_ctx *ctx, const char *title);
int cc_claims_commit(cc_claims *c);

/* A claim judged from the per-seed values of the conditions it compares (cc_verdict.h): the row
 * "claim_id source statement measured criterion effect ci_lo ci_hi seeds stability result" and its
 * per-seed values in claims_seeds.tsv. measured is printf-formatted. */
typedef struct {
    const char *id;
    int source;            /* cc_claim_source: CC_SRC_PAPER, CC_SRC_CODE or CC_SRC_PACKAGE */
    const char *statement; /* the claim, in words */
    const char *criterion; /* how the data decide it, with its thresholds and their config keys */
} cc_claim_text;
int cc_claims_judge(cc_claims *c, const cc_claim_text *t, const cc_claim_data *d, const char *measured_fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
