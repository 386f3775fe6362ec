/* cc_train.c: epochs, validation, best-checkpoint restore and testing (cc_train.h). */
#include "cc_train.h"

#include "cc_cerebellum.h"
#include "cc_error.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_rng.h"

cc_protocol cc_protocol_default(const cc_task *task, int epochs)
{
    cc_protocol p = {epochs, task->kind == CC_TASK_EVACC ? 800 : 1000, 10, 200, 1000, 1};
    return p;
}

int cc_protocol_check(const cc_protocol *p, const cc_task *task, const cc_config *cfg)
{
    if (p->epochs < 0) CC_FAIL(GSL_EINVAL, "train.epochs = %d: must be >= 0", p->epochs);
    if (p->batch < 1) CC_FAIL(GSL_EINVAL, "train.batch = %d: must be >= 1", p->batch);
    if (p->n_train < p->batch)
        CC_FAIL(GSL_EINVAL, "train.batch = %d is larger than train.n_train = %d (trials per epoch)", p->batch,
                p->n_train);
    if (p->n_val < 1) CC_FAIL(GSL_EINVAL, "train.n_val = %d: must be >= 1", p->n_val);
    if (p->n_test < 1) CC_FAIL(GSL_EINVAL, "train.n_test = %d: must be >= 1", p->n_test);
    int bad = cc_task_validate(task);
    if (!bad) bad = cc_config_validate(cfg);
    if (bad) return bad;
    if (cfg->arch != CC_ARCH_CEREB_FB) return GSL_SUCCESS;
    /* the cerebellum must receive at least one target in a trial: C(f(h_k)) learns y_{k+tau} */
    cc_batch *b = cc_batch_alloc(task, 1);
    if (!b) return GSL_ENOMEM;
    int targets = 0;
    for (int t = 0; t <= b->T; t++)
        for (int j = 0; j <= cfg->tau; j++)
            if ((cfg->temporal_basis || j == cfg->tau) &&
                cc_cereb_target_step(t, j, cfg->tau, b->T, cfg->final_learning, b->mask_train) >= 0)
                targets++;
    const int T = b->T;
    cc_batch_free(b);
    if (!targets)
        CC_FAIL(GSL_EINVAL, "model.tau = %d: the cerebellum never receives a target in a trial of %d steps (%s%s)",
                cfg->tau, T, cc_task_name(task->kind), cfg->final_learning ? ", final learning" : "");
    return GSL_SUCCESS;
}

/* Bytes of the training batches, the validation batch and the test batch. */
static double batch_bytes(const cc_task *task, long B)
{
    return (double)B * task->T * (cc_task_input_dim(task) + cc_task_output_dim(task) + 2.0) * sizeof(double);
}

double cc_protocol_memory(const cc_protocol *p, const cc_task *task, const cc_config *cfg)
{
    const long eval = p->n_val > p->n_test ? p->n_val : p->n_test;
    return cc_model_memory(cfg, p->batch, eval, task->T) + cc_params_bytes(cfg) /* best checkpoint */ +
           batch_bytes(task, p->batch) + batch_bytes(task, p->n_val) + batch_bytes(task, p->n_test) +
           2.0 * (double)p->n_test * task->T * cc_task_output_dim(task) * sizeof(double); /* outputs kept */
}

cc_curve *cc_curve_alloc(int epochs)
{
    cc_curve *c = calloc(1, sizeof *c);
    if (!c) GSL_ERROR_NULL("out of memory for a learning curve", GSL_ENOMEM);
    c->epochs = epochs;
    double **a[] = {&c->val_metric, &c->val_loss, &c->train_loss, &c->cereb_loss};
    for (int i = 0; i < 4; i++)
        if (!(*a[i] = calloc((size_t)epochs + 1, sizeof(double)))) {
            cc_curve_free(c);
            GSL_ERROR_NULL("out of memory for a learning curve", GSL_ENOMEM);
        }
    return c;
}

void cc_curve_free(cc_curve *c)
{
    if (!c) return;
    free(c->val_metric);
    free(c->val_loss);
    free(c->train_loss);
    free(c->cereb_loss);
    free(c);
}

double cc_stats_metric(const cc_model *m, const cc_stats *st)
{
    return m->cfg.classification ? 1.0 - st->acc : st->mse;
}

/* Validation score to minimise: MSE, or cross-entropy for classification. */
static double val_score(const cc_model *m, const cc_stats *st)
{
    return m->cfg.classification ? st->xent : st->mse;
}

int cc_train(cc_model *m, const cc_task *task, const cc_protocol *p, unsigned long seed, cc_curve *curve,
             cc_epoch_hook hook, void *ctx)
{
    int bad = cc_protocol_check(p, task, &m->cfg);
    if (bad) return bad;
    if (curve->epochs < p->epochs)
        CC_FAIL(GSL_EINVAL, "learning curve holds %d epochs, train.epochs = %d", curve->epochs, p->epochs);
    int status = GSL_ENOMEM;
    gsl_rng *tr = cc_rng_stream(seed, CC_STREAM_TRIALS), *no = cc_rng_stream(seed, CC_STREAM_NOISE);
    gsl_rng *vtr = cc_rng_stream(seed, CC_STREAM_EVAL_TRIALS), *vno = cc_rng_stream(seed, CC_STREAM_EVAL_NOISE);
    cc_batch *b = cc_batch_alloc(task, p->batch), *v = cc_batch_alloc(task, p->n_val);
    cc_params *best = cc_params_alloc(&m->cfg);
    if (!tr || !no || !vtr || !vno || !b || !v || !best) goto done;
    const int nb = p->n_train / p->batch;
    cc_stats s;
    double best_score = INFINITY;
    for (int e = 0; e <= p->epochs; e++) {
        double tl = 0.0, cl = 0.0;
        for (int k = 0; e > 0 && k < nb; k++) {
            if ((status = cc_task_sample(b, task, tr, no)) != GSL_SUCCESS) goto done;
            if ((status = cc_model_train_batch(m, b, &s)) != GSL_SUCCESS) goto done;
            tl += s.loss;
            cl += s.cereb_loss;
        }
        curve->train_loss[e] = e ? tl / nb : NAN;
        curve->cereb_loss[e] = e ? cl / nb : NAN;
        if ((status = cc_task_sample(v, task, vtr, vno)) != GSL_SUCCESS) goto done;
        if ((status = cc_model_eval_batch(m, v, &s)) != GSL_SUCCESS) goto done;
        curve->val_metric[e] = cc_stats_metric(m, &s);
        curve->val_loss[e] = val_score(m, &s);
        /* Checkpoint the best trained epoch (1..E, as the authors' trainer: the untrained model at
         * e = 0 is on the curve but is no candidate; ties keep the earlier epoch). */
        if (e > 0 && val_score(m, &s) < best_score) {
            best_score = val_score(m, &s);
            curve->best_epoch = e;
            cc_params_copy(best, m->w);
        }
        if (hook) hook(ctx, e, curve);
    }
    if (p->keep_best && p->epochs > 0) cc_params_copy(m->w, best);
    status = GSL_SUCCESS;
done:
    cc_params_free(best);
    cc_batch_free(b);
    cc_batch_free(v);
    gsl_rng *r[] = {tr, no, vtr, vno};
    for (int i = 0; i < 4; i++)
        if (r[i]) gsl_rng_free(r[i]);
    return status;
}

int cc_test(cc_model *m, const cc_task *task, int n, unsigned long seed, cc_stats *st, cc_batch **keep)
{
    gsl_rng *tr = cc_rng_stream(seed, CC_STREAM_TEST_TRIALS), *no = cc_rng_stream(seed, CC_STREAM_TEST_NOISE);
    cc_batch *b = cc_batch_alloc(task, n);
    int status = GSL_ENOMEM;
    if (tr && no && b && (status = cc_task_sample(b, task, tr, no)) == GSL_SUCCESS)
        status = cc_model_eval_batch(m, b, st);
    if (tr) gsl_rng_free(tr);
    if (no) gsl_rng_free(no);
    if (keep && status == GSL_SUCCESS) *keep = b;
    else cc_batch_free(b);
    return status;
}
