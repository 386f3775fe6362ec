/* cc_task_timing.c: interval-timing trials (extension X6, not a task of the paper).
 *
 * Trial design. A cue at t = 0 (the 10-bit code of condition k, as in the other cued tasks)
 * says which of n_delays intervals applies; the delays are evenly spaced in [d_min, d_max],
 * d_k = d_min + round(k (d_max - d_min) / (n_delays - 1)). After the cue the input is noise only,
 * so the cortex has to carry the time since the cue itself. The target is one response channel
 * holding a Gaussian pulse centred on the cued step, y_n = exp(-(n - d_k)^2 / (2 width^2)), zero
 * elsewhere up to T - 1; loss and evaluation apply at every step (as in drawing), so the model
 * must both stay silent before d_k and respond at it.
 * Why a pulse: it has one well-defined response time, its peak, which the model's output also
 * has whatever its amplitude, so the timing error |t_response - d_k| (cc_timing_response: the
 * step of the output's first maximum) is read without a threshold to choose; and its smooth
 * flanks give the MSE a gradient towards the right step from the neighbouring steps.
 *
 * Not here: input noise and loss masks (cc_task.c), the model's timing error over a test set
 * (the driver, experiments/figX6.c).
 */
#include <math.h>
#include <gsl/gsl_errno.h>

#include "cc_error.h"
#include "cc_task.h"

int cc_timing_delay(const cc_task *task, int k)
{
    if (task->n_delays <= 1) return task->d_min;
    /* d_k = d_min + round(k (d_max - d_min) / (n_delays - 1)) */
    return task->d_min + (int)lround((double)k * (task->d_max - task->d_min) / (task->n_delays - 1));
}

int cc_timing_target(double *y, int ld, int d, int T, double width)
{
    if (!y) CC_FAIL(GSL_EFAULT, "cc_timing_target: y is NULL");
    if (d < 0 || d >= T) CC_FAIL(GSL_EINVAL, "cc_timing_target: delay %d outside 0..T-1 (T = %d)", d, T);
    if (!(width > 0.0) || !isfinite(width)) CC_FAIL(GSL_EINVAL, "cc_timing_target: width = %g must be finite and > 0", width);
    for (int n = 0; n < T; n++) y[(long)n * ld] = exp(-(n - d) * (double)(n - d) / (2.0 * width * width));
    return GSL_SUCCESS;
}

int cc_timing_response(const double *z, int ld, int T)
{
    int best = 0;
    for (int n = 1; n < T; n++)
        if (z[(long)n * ld] > z[(long)best * ld]) best = n; /* the first maximum: strict > */
    return best;
}
