/* cc_task_digits.c: the digit-drawing targets, digits 0..5 as 2-D polylines.
 *
 * Each digit is a list of waypoints in the unit square; its T-point target
 * visits them in order, with the authors' fit_points allocation of points to
 * segments (uneven: see cc_digit_segment_lengths). Digit 1 is one uniform
 * T-point line from (.5, 1) to (.5, 0).
 *
 * Not here: cues, noise, batches (cc_task.c); digits 6..9 (unused by the paper).
 */
#include <stdio.h>
#include <gsl/gsl_errno.h>

#include "cc_error.h"
#include "cc_task.h"


typedef struct {
    int P;                                  /* waypoints */
    double x[CC_DIGIT_MAX_WAYPOINTS];
    double y[CC_DIGIT_MAX_WAYPOINTS];
} cc_digit_path;

/* Waypoints (x, y) of digits 0..5 in drawing order; digit 1 is the line (.5,1) -> (.5,0). */
static const cc_digit_path CC_DIGITS[6] = {
    {9, {0, 0, 0, .5, 1, 1, 1, .5, 0}, {1, .5, 0, 0, 0, .5, 1, 1, 1}},
    {2, {.5, .5}, {1, 0}},
    {7, {0, .5, 1, .5, 0, .5, 1}, {1, 1, 1, .5, 0, 0, 0}},
    {9, {0, .5, 1, 1, .5, 1, 1, .5, 0}, {1, 1, 1, .5, .5, .5, 0, 0, 0}},
    {8, {.5, .5, .5, .5, .5, 0, .5, 1}, {1, .5, 0, .5, 1, .5, .5, .5}},
    {11, {0, .5, 1, .5, 0, 0, .5, 1, 1, .5, 0}, {1, 1, 1, 1, 1, .5, .5, .5, 0, 0, 0}},
};

int cc_digit_n_waypoints(int digit)
{
    if (digit < 0 || digit > 5) return -1;
    return digit == 1 ? 0 : CC_DIGITS[digit].P;
}

int cc_digit_segment_lengths(int *len, int P, int T)
{
    if (!len) CC_FAIL(GSL_EFAULT, "cc_digit_segment_lengths: len is NULL");
    if (P < 2) CC_FAIL(GSL_EINVAL, "cc_digit_segment_lengths: P = %d waypoints < 2", P);
    if (T < 2) CC_FAIL(GSL_EINVAL, "cc_digit_segment_lengths: T = %d < 2", T);
    int S = P - 1, q = T / S, r = T % S;    /* T = q S + r */
    for (int j = 0; j < S; j++) len[j] = q;
    if (r > 0)
        for (int j = 0; j < r - 1; j++) len[j] += 1; /* first r-1 segments (sum T-1) */
    else
        len[S - 1] -= 1;                             /* last segment (sum T-1) */
    for (int j = 0; j < S; j++)
        if (len[j] < 1)
            CC_FAIL(GSL_EINVAL,
                    "digit drawing: T = %d too short for %d waypoints (segment %d gets %d points)",
                    T, P, j, len[j]);
    return GSL_SUCCESS;
}

int cc_digit_target(double *y, int ld, int digit, int T)
{
    if (!y) CC_FAIL(GSL_EFAULT, "cc_digit_target: y is NULL");
    if (digit < 0 || digit > 5) CC_FAIL(GSL_EINVAL, "cc_digit_target: digit = %d outside 0..5", digit);
    if (T < 2) CC_FAIL(GSL_EINVAL, "cc_digit_target: T = %d < 2", T);
    if (ld < 2) CC_FAIL(GSL_EINVAL, "cc_digit_target: row stride ld = %d < 2", ld);
    const cc_digit_path *d = &CC_DIGITS[digit];

    if (digit == 1) { /* p_n = w_0 + (w_1 - w_0) n/(T-1) */
        for (int n = 0; n < T; n++) {
            double f = (double)n / (T - 1);
            y[(size_t)n * ld] = d->x[0] + (d->x[1] - d->x[0]) * f;
            y[(size_t)n * ld + 1] = d->y[0] + (d->y[1] - d->y[0]) * f;
        }
        return GSL_SUCCESS;
    }
    int len[CC_DIGIT_MAX_WAYPOINTS - 1];
    int status = cc_digit_segment_lengths(len, d->P, T);
    if (status) return status;
    int n = 0;
    for (int j = 0; j < d->P - 1; j++)
        for (int i = 0; i < len[j]; i++, n++) { /* w_j + (w_{j+1} - w_j) i/len_j, end excluded */
            double f = (double)i / len[j];
            y[(size_t)n * ld] = d->x[j] + (d->x[j + 1] - d->x[j]) * f;
            y[(size_t)n * ld + 1] = d->y[j] + (d->y[j + 1] - d->y[j]) * f;
        }
    y[(size_t)n * ld] = d->x[d->P - 1]; /* the final waypoint is point T-1 */
    y[(size_t)n * ld + 1] = d->y[d->P - 1];
    return GSL_SUCCESS;
}
