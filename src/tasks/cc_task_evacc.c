/* cc_task_evacc.c: evidence-accumulation trials (after Deverett et al. 2019).
 *
 * Two input channels ("cheeks"). At each step t < T - delay one side is chosen
 * uniformly and its puff is kept with probability puff_prob; the last `delay`
 * steps carry no puff. The label is 1 + the side with more puffs (side 0 -> 1,
 * side 1 -> 2), or 0 on a tie; y is its one-hot at every step.
 *
 * Not here: input noise and loss masks (cc_task.c), templates (there are none).
 */
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "cc_error.h"
#include "cc_task.h"


int cc_evacc_fill(cc_batch *batch, const cc_task *task, gsl_rng *trials)
{
    if (!batch || !task || !trials) CC_FAIL(GSL_EFAULT, "cc_evacc_fill: NULL argument");
    if (!batch->puffs) CC_FAIL(GSL_EINVAL, "cc_evacc_fill: batch has no puff array (not allocated for evacc)");
    if (batch->D != 2 || batch->O != 3 || batch->T != task->T)
        CC_FAIL(GSL_EINVAL, "cc_evacc_fill: batch (T %d, D %d, O %d) does not match evacc (T %d, D 2, O 3)",
                batch->T, batch->D, batch->O, task->T);
    if (task->delay < 0 || task->T <= task->delay)
        CC_FAIL(GSL_EINVAL, "cc_evacc_fill: delay = %d must be in [0, T = %d)", task->delay, task->T);
    const int B = batch->B, T = batch->T, Tcue = T - task->delay;
    const size_t n_in = (size_t)T * B * 2;
    memset(batch->puffs, 0, n_in * sizeof *batch->puffs);
    for (int b = 0; b < B; b++) {
        int count[2] = {0, 0};
        for (int t = 0; t < Tcue; t++) {
            int side = (int)gsl_rng_uniform_int(trials, 2);           /* side ~ U{0, 1} */
            if (gsl_rng_uniform(trials) > task->puff_prob) continue;  /* dropped: u > p */
            batch->puffs[((size_t)t * B + b) * 2 + side] = 1.0;
            count[side]++;
        }
        /* label = 0 on a tie, else 1 + argmax_c count_c */
        int label = count[0] == count[1] ? 0 : (count[0] > count[1] ? 1 : 2);
        batch->cond[b] = label;
        for (int t = 0; t < T; t++)
            for (int o = 0; o < 3; o++)
                batch->y[((size_t)t * B + b) * 3 + o] = o == label ? 1.0 : 0.0;
    }
    memcpy(batch->x, batch->puffs, n_in * sizeof *batch->x); /* x = puffs before noise */
    return GSL_SUCCESS;
}
