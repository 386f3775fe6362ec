/* cc_evidence.c: belief and choice weights of the evidence-accumulation task (cc_evidence.h). */
#include "cc_evidence.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

#include "cc_logit.h"

enum { LEFT = 1, RIGHT = 2 }; /* label and logit index of each choice */

void cc_evidence_bin(int k, int bins, int Tcue, int *lo, int *hi)
{
    *lo = k * Tcue / bins;
    *hi = (k + 1) * Tcue / bins;
}

void cc_evidence_belief(double *out, int stride, const double *z, const cc_batch *b)
{
    const int B = b->B, O = b->O;
    for (int t = 0; t < b->T; t++) {
        double sum = 0.0;
        int n = 0;
        for (int i = 0; i < B; i++) {
            if (b->cond[i] != RIGHT) continue;
            const double *zt = z + ((long)t * B + i) * O;
            sum += 1.0 / (1.0 + exp(zt[LEFT] - zt[RIGHT])); /* sigma(z_2 - z_1) */
            n++;
        }
        out[(long)t * stride] = n ? sum / n : NAN;
    }
}

int cc_evidence_weights(const double *z, const cc_batch *b, int bins, int Tcue, double *w, double *se)
{
    if (!b->puffs || bins < 1 || bins > CC_EVIDENCE_MAX_BINS || bins > Tcue || Tcue > b->T)
        GSL_ERROR("choice weights need the puffs of an evidence-accumulation batch and 1 <= bins <= min(20, Tcue)", GSL_EINVAL);
    const int B = b->B, O = b->O, p = bins + 1;
    double *X = malloc(sizeof(double) * B * p), *y = malloc(sizeof(double) * B), beta[CC_EVIDENCE_MAX_BINS + 1],
           s[CC_EVIDENCE_MAX_BINS + 1];
    if (!X || !y) {
        free(X);
        free(y);
        GSL_ERROR("out of memory for the choice regression", GSL_ENOMEM);
    }
    for (int i = 0; i < B; i++) { /* X_i = [1, d_i1 .. d_i,bins], d_ik = sum over bin k of (right - left) */
        X[i * p] = 1.0;
        for (int k = 0; k < bins; k++) {
            int lo, hi;
            cc_evidence_bin(k, bins, Tcue, &lo, &hi);
            double d = 0.0;
            for (int t = lo; t < hi; t++) d += b->puffs[((long)t * B + i) * 2 + 1] - b->puffs[((long)t * B + i) * 2];
            X[i * p + 1 + k] = d;
        }
        const double *zl = z + ((long)(b->T - 1) * B + i) * O;
        y[i] = zl[RIGHT] > zl[LEFT]; /* the choice: right */
    }
    cc_logit_fit(X, y, B, p, 100, beta, s, NULL); /* NaN where the estimate does not exist */
    for (int k = 0; k < bins; k++) {
        w[k] = beta[k + 1];
        se[k] = s[k + 1];
    }
    free(X);
    free(y);
    return GSL_SUCCESS;
}
