/* cc_evidence.h: what a model of the evidence-accumulation task believes, and what its choice weighs.
 *
 * The task (cc_task_evacc.c): puffs on a left and a right channel during the cue period
 * [0, Tcue), Tcue = T - delay; labels 1 left, 2 right (0 a tie); readout z (T, B, O) with
 * logits z_1 (left) and z_2 (right). Two read-outs of a trained model (Fig. 5d, 5e):
 *   belief   P(right)(t) = sigma(z_2(t) - z_1(t)), the softmax over the two choices, averaged
 *            over the right-dominant trials (label 2), as the authors' script does;
 *   weights  logistic regression of the choice (right when z_2 > z_1 at the last step) on an
 *            intercept and the right - left puff count of each of `bins` bins of the cue period
 *            (after Deverett et al. 2019), fitted by cc_logit_fit.
 * Not here: the tables these go into and the normalisation over seeds (experiments/fig5.c).
 */
#ifndef CC_EVIDENCE_H
#define CC_EVIDENCE_H

#include "cc_task.h"

enum { CC_EVIDENCE_MAX_BINS = 20 };

/* Bin k of `bins` over the cue period [0, Tcue): steps [lo, hi), lo = floor(k Tcue / bins). */
void cc_evidence_bin(int k, int bins, int Tcue, int *lo, int *hi);

/* Belief P(right)(t) for t = 0..T-1 into out[t * stride]: the mean of sigma(z_2 - z_1) over the
 * trials of b with label 2; NaN at every t when there is none. */
void cc_evidence_belief(double *out, int stride, const double *z, const cc_batch *b);

/* Regression weights w (bins) of the choice on the right - left puffs of each bin, without the
 * intercept, and their standard errors se (bins); NaN where the fit does not exist (e.g. the
 * same choice on every trial). Returns GSL_SUCCESS, or GSL_EINVAL (raised) when b has no puffs
 * or bins is outside 1..CC_EVIDENCE_MAX_BINS or above Tcue, GSL_ENOMEM. */
int cc_evidence_weights(const double *z, const cc_batch *b, int bins, int Tcue, double *w, double *se);

#endif
