/* cc_params.h: all weights of the model in one allocation with named views.
 *
 * Layout (row-major, each tensor contiguous, in this order):
 *   W_ih (N, D + F)  cortical input weights; the last F columns take the fed-back
 *                    signal (W_Ch for the cerebellum, W_zh for the readout)
 *   W_hh (N, N)      recurrent weights
 *   W_ro (O, N)      readout weights      b_ro (O)  readout bias
 *   W_MF (N, G)      mossy fibres, stored transposed (W_MF^T: the layout OpenBLAS
 *                    multiplies fastest at these shapes); (P, G) with P pontine units
 *   W_PF (C, G)      parallel fibres
 * A tensor an architecture does not use has size 0. Because the block is one array,
 * zeroing gradients, the optimiser, copying the cerebellum (task switching, PF
 * overlap) and saving are one loop or one call each.
 *
 * Not here: what the weights do (cc_cortex, cc_cerebellum) or how they learn (cc_adam).
 */
#ifndef CC_PARAMS_H
#define CC_PARAMS_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "cc_config.h"

typedef enum { CC_W_IH = 0, CC_W_HH, CC_W_RO, CC_B_RO, CC_W_MF, CC_W_PF, CC_NTENSOR } cc_tensor;
typedef enum { CC_GROUP_RNN = 0, CC_GROUP_READOUT, CC_GROUP_CEREB, CC_NGROUP } cc_group;

typedef struct {
    size_t size;                 /* total number of doubles */
    double *data;                /* the one allocation */
    size_t off[CC_NTENSOR];      /* offset of each tensor in data */
    int rows[CC_NTENSOR], cols[CC_NTENSOR];
    cc_group group[CC_NTENSOR];  /* optimiser group of each tensor */
    double *W_ih, *W_hh, *W_ro, *b_ro, *W_MF, *W_PF; /* named views into data */
} cc_params;

const char *cc_tensor_name(cc_tensor k); /* "W_ih", "W_hh", "W_ro", "b_ro", "W_MF", "W_PF" */

/* Allocate a zeroed block shaped for `cfg`; NULL (and gsl_error) on a bad config. */
cc_params *cc_params_alloc(const cc_config *cfg);
/* Bytes of the parameter block of cfg, without allocating it. */
double cc_params_bytes(const cc_config *cfg);
void cc_params_free(cc_params *p);

/* Number of doubles in tensor k. */
size_t cc_params_count(const cc_params *p, cc_tensor k);

/* U(-1/sqrt(fan_in), +1/sqrt(fan_in)) for every tensor, drawn in layout order from
 * `rng`: fan_in is N for both RNN matrices W_ih and W_hh (the authors' RNN module), and
 * each Linear layer's input width for the others: N for W_ro, b_ro and W_MF, G for W_PF. */
void cc_params_init_uniform(cc_params *p, gsl_rng *rng);

void cc_params_zero(cc_params *p);
/* Zero only the tensors k with which[k] != 0 (a gradient block: the fixed tensors never get
 * a gradient, so their zeros from allocation stay). */
void cc_params_zero_some(cc_params *p, const int which[CC_NTENSOR]);
/* dst <- src; both must have the same layout. */
int cc_params_copy(cc_params *dst, const cc_params *src);
/* 1 if both blocks have the same layout. */
int cc_params_same_layout(const cc_params *a, const cc_params *b);

#endif
