/* cc_train.h: the training protocol of the paper's experiments.
 *
 * One epoch = n_train fresh trials in batches (Adam step per batch), then validation
 * on n_val fresh trials. The weights of the trained epoch (1..E) with the best
 * validation score (lowest MSE, or lowest cross-entropy for classification) are restored
 * at the end, as the authors' checkpointing does before testing; the untrained model is
 * validated too (epoch 0 of the curve) but is no candidate. Trials and their noise come from
 * the streams of the run seed; validation and test trials from their own streams, so
 * every architecture trained with one seed sees the same trials.
 * Not here: what is plotted or swept (experiments/).
 */
#ifndef CC_TRAIN_H
#define CC_TRAIN_H

#include <gsl/gsl_rng.h>

#include "cc_model.h"
#include "cc_task.h"

typedef struct {
    int epochs;    /* training epochs */
    int n_train;   /* trials per epoch: 1000 (800 for evidence accumulation) */
    int batch;     /* trials per Adam step: 10 */
    int n_val;     /* validation trials after each epoch: 200 */
    int n_test;    /* test trials: 1000 */
    int keep_best; /* 1: restore the best-validation weights at the end */
} cc_protocol;

/* The authors' protocol for `task` with `epochs` epochs. */
cc_protocol cc_protocol_default(const cc_task *task, int epochs);

/* Check p against the task and the model: sizes (train.batch <= train.n_train, ...),
 * the task and the config themselves, and that a cerebellum in the loop receives at
 * least one target in a trial (tau against the trial length and its loss steps).
 * GSL_SUCCESS, or GSL_EINVAL with gsl_error naming the keys (train.batch, model.tau). */
int cc_protocol_check(const cc_protocol *p, const cc_task *task, const cc_config *cfg);

/* Bytes that training and testing a model of cfg on task under p will allocate
 * (weights, gradients, Adam, checkpoint, workspace of the largest batch, batches). */
double cc_protocol_memory(const cc_protocol *p, const cc_task *task, const cc_config *cfg);

/* Learning curve: index 0 is before training, e = 1..epochs after epoch e. */
typedef struct {
    int epochs;
    double *val_metric; /* validation MSE per element, or error fraction (1 - accuracy) */
    double *val_loss;   /* validation task loss (MSE or cross-entropy) */
    double *train_loss; /* mean training task loss over the epoch's batches (NaN at 0) */
    double *cereb_loss; /* mean cerebellar loss over the epoch's batches (NaN at 0) */
    int best_epoch;     /* epoch of the best validation score among 1..epochs (0 only if epochs = 0) */
} cc_curve;

cc_curve *cc_curve_alloc(int epochs);
void cc_curve_free(cc_curve *c);

/* Called after every epoch (progress display); may be NULL. */
typedef void (*cc_epoch_hook)(void *ctx, int epoch, const cc_curve *c);

/* Train m on `task` following `p`, trials from stream CC_STREAM_TRIALS/NOISE of
 * `seed`, validation from CC_STREAM_EVAL_*; fills `curve` (allocated for p->epochs). */
int cc_train(cc_model *m, const cc_task *task, const cc_protocol *p, unsigned long seed, cc_curve *curve,
             cc_epoch_hook hook, void *ctx);

/* Evaluate m on n test trials that depend only on (seed, task): every call with the
 * same arguments sees the same trials (control and ablation compare like for like).
 * If keep is not NULL the batch is returned there (caller frees with cc_batch_free);
 * the model's workspace then holds its outputs (m->ws.z, m->ws.r, m->ws.c). */
int cc_test(cc_model *m, const cc_task *task, int n, unsigned long seed, cc_stats *st, cc_batch **keep);

/* The scalar an experiment reports: MSE for regression, error fraction for classification. */
double cc_stats_metric(const cc_model *m, const cc_stats *st);

#endif
