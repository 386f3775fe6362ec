/* cc_test_model.h: small models and random batches for the core tests.
 *
 * Batches here are synthetic (random inputs and targets) so that the learning-rule
 * tests do not depend on the task generators.
 */
#ifndef CC_TEST_MODEL_H
#define CC_TEST_MODEL_H

#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "cc_model.h"

/* A random batch: inputs N(0,1), regression targets N(0, 0.25) or one-hot labels;
 * every step carries loss unless last_only (classification: only the last step). */
static inline cc_batch *tm_batch(int B, int T, int D, int O, int classification, int last_only, unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    cc_batch *b = calloc(1, sizeof *b);
    b->B = B; b->T = T; b->D = D; b->O = O; b->classification = classification;
    b->x = calloc((size_t)T * B * D, sizeof(double));
    b->y = calloc((size_t)T * B * O, sizeof(double));
    b->mask_train = calloc((size_t)T, 1);
    b->mask_eval = calloc((size_t)T, 1);
    b->cond = calloc((size_t)B, sizeof(int));
    for (long i = 0; i < (long)T * B * D; i++) b->x[i] = 2.0 * gsl_rng_uniform(r) - 1.0;
    for (int bb = 0; bb < B; bb++) b->cond[bb] = (int)gsl_rng_uniform_int(r, (unsigned long)O);
    for (int t = 0; t < T; t++) {
        b->mask_train[t] = !last_only || t == T - 1;
        b->mask_eval[t] = !last_only || t == T - 1;
        for (int bb = 0; bb < B; bb++)
            for (int o = 0; o < O; o++)
                b->y[((long)t * B + bb) * O + o] =
                    classification ? (o == b->cond[bb]) : 0.5 * (2.0 * gsl_rng_uniform(r) - 1.0);
    }
    gsl_rng_free(r);
    return b;
}

static inline void tm_batch_free(cc_batch *b)
{
    free(b->x); free(b->y); free(b->mask_train); free(b->mask_eval); free(b->cond); free(b);
}

/* A small config: D 3, N 6, O 2, G 20, the given architecture. */
static inline cc_config tm_config(cc_arch arch, cc_plasticity plast, cc_rule rule)
{
    cc_config c = cc_config_default();
    c.D = 3; c.N = 6; c.O = 2; c.G = 20;
    c.arch = arch; c.plasticity = plast; c.rule = rule;
    c.alpha = 0.6;
    c.dropout = 0.0;
    return c;
}

/* Zero the columns of W_ih that take the fed-back signal: the feedback then cannot
 * change the cortex, so each loss is a function of its own weights only. */
static inline void tm_cut_feedback(cc_model *m)
{
    for (int j = 0; j < m->cfg.N; j++)
        for (int k = m->cfg.D; k < m->Din; k++) m->w->W_ih[(long)j * m->Din + k] = 0.0;
}

#endif
