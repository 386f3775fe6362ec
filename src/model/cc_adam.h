/* cc_adam.h: Adam over the parameter block, one learning rate per group.
 *
 *   m <- b1 m + (1 - b1) g          v <- b2 v + (1 - b2) g^2
 *   w <- w - lr / (1 - b1^k) * m / (sqrt(v) / sqrt(1 - b2^k) + eps)
 * (PyTorch's form, k = step count of the tensor). Frozen tensors are skipped, so
 * their moments stay zero. Not here: the gradients themselves.
 */
#ifndef CC_ADAM_H
#define CC_ADAM_H

#include "cc_params.h"

typedef struct {
    cc_params *m, *v;           /* first and second moments, same layout as the weights */
    long step[CC_NTENSOR];      /* steps taken per tensor (bias correction) */
    double lr[CC_NGROUP];       /* learning rate per group */
    double beta1, beta2, eps;
} cc_adam;

cc_adam *cc_adam_alloc(const cc_config *cfg);
void cc_adam_free(cc_adam *a);

/* One step on every tensor k with trainable[k] != 0: w -= Adam(g). */
void cc_adam_update(cc_adam *a, cc_params *w, const cc_params *g, const int trainable[CC_NTENSOR]);

/* Forget the moments and step counts of the tensors of `group` (a new optimiser
 * group, as when a task switch hands a fresh cerebellum to the optimiser). */
void cc_adam_reset_group(cc_adam *a, const cc_params *layout, cc_group group);

#endif
