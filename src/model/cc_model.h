/* cc_model.h: the cortico-cerebellar model: cortex + readout + feedback + learning.
 *
 * One step t of the cerebellar-feedback model (the other architectures drop or
 * replace the feedback), in the order of the authors' code:
 *   p_t  = W_PF relu(W_MF r_{t-1})               cerebellar prediction (r_{-1} = 0)
 *          (with pontine units: W_MF z_{t-1}, z_{t-1} = W_pons r_{t-1}, W_pons fixed (P, N), N(0, 1/N);
 *           with granule cells silenced, the first k of relu(.) are 0)
 *   c_t  = softmax(p_t) if classification, else p_t; 0 when silenced (from a step to the end,
 *          or within a window of steps); then + sigma N(0,1)
 * (readout feedback instead feeds back z_{t-1}, softmax(z_{t-1}) in classification, with
 *  z_{-1} = 0: so 1/O on every channel at t = 0 in classification)
 *   h_t  = alpha h_{t-1} + W_ih [x_t ; c_t] + W_hh r_{t-1},   r_t = tanh(h_t)
 *   z_t  = W_ro r_t + b_ro
 * Learning over one batch (cc_model_train_batch):
 *   readout  <- exact gradient of the task loss E;
 *   cortex   <- e-prop or BPTT on E, at the configured plasticity level;
 *   cerebellum <- its own delayed-target loss E^C (cc_cerebellum.h), never E;
 *   then one Adam step for every trainable tensor.
 * Lifecycle: cc_model_alloc, cc_model_train_batch / cc_model_eval_batch, cc_model_free.
 * Not here: tasks (cc_task), files (cc_io), experiment protocols (experiments/).
 */
#ifndef CC_MODEL_H
#define CC_MODEL_H

#include <gsl/gsl_rng.h>

#include "cc_adam.h"
#include "cc_config.h"
#include "cc_params.h"
#include "cc_task.h"

/* Scores of one batch. */
typedef struct {
    double loss;       /* task loss on the training steps (mean, as optimised) */
    double cereb_loss; /* mean over trained predictions of the cerebellar loss (0 if none) */
    double mse;        /* regression: mean squared error per element on the evaluation steps */
    double xent;       /* classification: mean cross-entropy on the evaluation steps */
    double acc;        /* classification: fraction correct on the evaluation steps */
} cc_stats;

#define CC_WORK_NARRAYS 19

/* Per-batch arrays, time-major; valid after a forward pass until the next one. */
typedef struct {
    int B, T;          /* shape of the last batch */
    int cereb_lo, cereb_hi; /* loop steps whose cerebellar prediction is trained (learning, cerebellar feedback) */
    long cap[CC_WORK_NARRAYS];      /* allocated doubles of each array below, in order */
    double *h, *r;     /* (T+1, B, N) index 0 is t = -1 (zeros) */
    double *xt;        /* (T, B, Din) cortical input [x_t ; feedback_t] */
    double *z, *dz;    /* (T, B, O) readout and dE/dz */
    double *c;         /* (T, B, C) cerebellar signal that reached the cortex */
    double *g, *keep;  /* (B, G) granule rates of the current step; (B, G) its dropout mask (allocated
                        * only for the cerebellar readout, while learning) */
    double *p, *dp;    /* (T+1, B, C) raw cerebellar predictions and dE^C/dp */
    double *L, *delta; /* (T, B, N) learning signal dE/dr_t and per-rule deltas */
    double *eps_in;    /* (T, B, Din) e-prop input traces */
    double *eps_rec;   /* (T, B, N) e-prop recurrent traces */
    double *scratch;   /* (T+1, B, G) granule errors da, when learning */
    double *u;         /* (B, Din + N) input of one cortical step, [xt_t | r_{t-1}] */
    double *W_cortex;  /* (N, Din + N) [W_ih | W_hh], refreshed at the start of each pass */
    double *noise;     /* (T, B, C) cerebellar output noise of an evaluation, drawn before its chunks */
    double *pn;        /* (T+1, B, P) pontine rates z = W_pons r, laid out as r (only with pons) */
} cc_work;

typedef struct {
    cc_config cfg;
    int F, C, Din;            /* feedback width, cerebellar outputs, cortical input width */
    cc_params *w, *grad;      /* weights and their gradients, same layout */
    cc_adam *adam;
    int trainable[CC_NTENSOR];
    double *mf_mask;          /* (N, G) 0/1 sparse mossy-fibre connectivity (layout of W_MF^T), NULL if dense */
    double *W_pons;           /* (P, N) fixed pontine projection from the stream CC_STREAM_PONS, NULL without */
    double *W_MF_silenced;    /* W_MF^T with the silenced granule cells' columns 0 (granule_silenced > 0) */
    /* manipulations, all off after alloc */
    int silence_from;         /* cerebellar output to the cortex is 0 from this step on; -1 never */
    int silence_until;        /* ... and up to this step, excluded; -1: to the end of the trial */
    double silence_fraction;  /* fraction of cerebellar outputs silenced (the first floor(f C)) */
    double cereb_noise;       /* std of Gaussian noise added to the cerebellar output */
    int cortex_silenced;      /* the first k cortical units have rate 0 (Fig. S15) */
    int granule_silenced;     /* the first k granule cells have rate 0 (cerebellar feedback): their
                               * mossy-fibre input is cut, so relu(0) = 0 */
    /* evaluation in cache-sized pieces (cc_model_eval_batch); the results do not depend on them */
    int eval_rows;            /* rows of every product of an evaluation step; 0: cc_model_eval_rows() */
    int eval_chunk;           /* trials run through all steps before the next ones (rounded up to a
                               * multiple of the rows); 0: the rows; < 0: all trials, step after step */
    unsigned long long dropout_state; /* SplitMix64 stream of the dropout masks */
    gsl_rng *rng_cnoise;
    cc_work ws;
} cc_model;

/* Allocate a model for `cfg` with weights U(+-1/sqrt(fan_in)) from the stream
 * CC_STREAM_WEIGHTS of `seed`; NULL (and gsl_error) on a bad config. */
cc_model *cc_model_alloc(const cc_config *cfg, unsigned long seed);
/* Bytes a model of cfg holds once it has learned on batches of B_learn trials and been
 * evaluated on B_eval trials of T steps (weights, gradient, Adam, workspace), without
 * allocating anything: checked against the memory available before a run starts. */
double cc_model_memory(const cc_config *cfg, long B_learn, long B_eval, int T);
void cc_model_free(cc_model *m);

/* Zero the gradients, run the batch with learning, add the gradients, no update. */
int cc_model_grad_batch(cc_model *m, const cc_batch *b, cc_stats *st);
/* cc_model_grad_batch, then one Adam step. */
int cc_model_train_batch(cc_model *m, const cc_batch *b, cc_stats *st);
/* Run without learning or dropout; scores in *st. The trials go in chunks (eval_chunk) through
 * all T steps, each step's products over blocks of eval_rows trials, so that a chunk's arrays stay
 * in cache; every product is the same call on the same rows whatever the chunk size, so the
 * results (scores and every array of m->ws, in the whole batch's layout) are the same bits. */
int cc_model_eval_batch(cc_model *m, const cc_batch *b, cc_stats *st);

/* Rows per product in evaluation: eval_rows if set, else the rows of the cerebellar forward's
 * blocks, CC_GEMM_BLOCK_MNK / (N G) (20 at N = 50, G = 1000; at least 1). */
int cc_model_eval_rows(const cc_model *m);

/* Copy the cerebellum's tensors (W_MF, W_PF) between parameter blocks of the same layout. */
int cc_model_copy_cerebellum(cc_params *dst, const cc_params *src);
/* Copy the first floor(fraction * size) entries of the row-major W_PF of src into dst. */
int cc_model_copy_pf_overlap(cc_params *dst, const cc_params *src, double fraction);

#endif
