/* cc_task_linedraw.c: the six line-drawing targets (straight lines or arcs).
 *
 * Target 0 stays at the origin; target k = 1..5 goes from the origin to
 * e_k = (sin th, cos th), th = 2 pi (k-1)/5, along one half of an ellipse whose
 * major axis is the segment 0 -> e_k (the authors' draw_semi_ellipse with
 * mag 1 and unequal spacing: cosine timing). arc 0 gives straight lines,
 * arc 1 semicircles.
 *
 * Not here: cues, noise, batches (cc_task.c).
 */
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>

#include "cc_error.h"
#include "cc_task.h"


int cc_linedraw_target(double *y, int ld, int k, int T, double arc)
{
    if (!y) CC_FAIL(GSL_EFAULT, "cc_linedraw_target: y is NULL");
    if (k < 0 || k > 5) CC_FAIL(GSL_EINVAL, "cc_linedraw_target: target k = %d outside 0..5", k);
    if (T < 2) CC_FAIL(GSL_EINVAL, "cc_linedraw_target: T = %d < 2", T);
    if (ld < 2) CC_FAIL(GSL_EINVAL, "cc_linedraw_target: row stride ld = %d < 2", ld);
    if (!isfinite(arc)) CC_FAIL(GSL_EINVAL, "cc_linedraw_target: arc = %g is not finite", arc);

    if (k == 0) { /* the "stay" target */
        for (int n = 0; n < T; n++) y[(size_t)n * ld] = y[(size_t)n * ld + 1] = 0.0;
        return GSL_SUCCESS;
    }
    double th = 2.0 * M_PI * (k - 1) / 5.0;
    double ex = sin(th), ey = cos(th);      /* end point e, |e| = mag = 1 */
    double cx = 0.5 * ex, cy = 0.5 * ey;    /* centre c = e/2 */
    double a = 0.5, b = a * arc;            /* semi-axes along and across 0 -> e */
    /* alpha = atan(e_y / e_x), with atan(+-inf) = +-pi/2 when e_x = 0 (as numpy) */
    double al = ex != 0.0 ? atan(ey / ex) : (ey > 0.0 ? M_PI_2 : -M_PI_2);
    double ux = cos(al), uy = sin(al);      /* major-axis direction, +-e */
    double vx = -uy, vy = ux;               /* minor-axis direction */
    /* start the half-ellipse at the origin: s from 0 if c + a u = 0 (u = -e), else from pi */
    int u_is_minus_e = fabs(cx + a * ux) < 1e-8 && fabs(cy + a * uy) < 1e-8;
    double s0 = u_is_minus_e ? 0.0 : M_PI;
    for (int n = 0; n < T; n++) {
        double s = s0 + M_PI * n / (T - 1);  /* phases linspace(s0, s0 + pi, T) */
        /* p_n = c + a cos(s) u + b sin(s) v */
        y[(size_t)n * ld] = cx + a * cos(s) * ux + b * sin(s) * vx;
        y[(size_t)n * ld + 1] = cy + a * cos(s) * uy + b * sin(s) * vy;
    }
    y[0] = y[1] = 0.0; /* p_0 forced to the origin */
    return GSL_SUCCESS;
}
