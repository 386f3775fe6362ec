/* cc_switch.h: task-specific cerebellar sets, for task switching (Fig. 3).
 *
 * The model computes with one cerebellum, the active one (W_MF and W_PF in m->w). A
 * cc_cereb_set stores another one with its optimiser state, as the authors' code keeps a
 * second cerebellar module whose Adam moments stay attached to its parameters. A switch
 *   1. copies the first floor(p C G) entries of the active W_PF (row-major) into the stored
 *      set: the parallel-fibre overlap p (p = 0: fully separate sets);
 *   2. exchanges the active and the stored cerebellum: W_MF, W_PF, their Adam moments and
 *      step counts. The readout and the cortex keep theirs.
 * A set made before any training is the authors' deep copy of the untrained cerebellum: the
 * first switch to it starts from where the first set started, with a fresh optimiser state
 * (as their new optimiser group). With fixed mossy fibres the two sets share W_MF exactly.
 * Also here: copying a model's whole learning state, so that one trained model can start
 * several protocols (overlaps, controls) from the same point (cc_switch_start).
 * Not here: which task is trained when (experiments/fig3.c, figX1.c).
 */
#ifndef CC_SWITCH_H
#define CC_SWITCH_H

#include "cc_model.h"

typedef struct {
    cc_params *w;          /* W_MF and W_PF of the stored cerebellum (the other tensors unused) */
    cc_params *m, *v;      /* their Adam moments */
    long step[CC_NTENSOR]; /* their Adam step counts */
} cc_cereb_set;

/* A stored copy of m's current cerebellum with a fresh optimiser state (moments and steps
 * 0). NULL (and gsl_error) if m has no cerebellar feedback or memory runs out. */
cc_cereb_set *cc_cereb_set_alloc(const cc_model *m);
void cc_cereb_set_free(cc_cereb_set *s);

/* Overlap p in [0, 1] (step 1 above), then exchange the active cerebellum with s (step 2).
 * GSL_SUCCESS, or GSL_EDOM / GSL_EBADLEN (raised) for a bad p or a set of another shape. */
int cc_model_switch_cerebellum(cc_model *m, cc_cereb_set *s, double overlap);

/* dst <- src: weights, Adam moments and step counts, trainable flags. Both models must
 * have the same shapes (GSL_EBADLEN, raised, otherwise); the configuration stays dst's. */
int cc_model_copy_state(cc_model *dst, const cc_model *src);

/* The start of a switching protocol: *m, a model in the learning state of `trained`, and *set,
 * the cerebellum `trained` started from (the authors' deep copy of the untrained cerebellum)
 * with a fresh optimiser. cfg and seed must be those `trained` was allocated with: *m is
 * allocated from them, so its initial cerebellum is that of `trained`. GSL_SUCCESS; otherwise
 * the failure of a step, with *m and *set NULL. */
int cc_switch_start(const cc_model *trained, const cc_config *cfg, unsigned long seed, cc_model **m, cc_cereb_set **set);

#endif
