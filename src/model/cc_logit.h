/* cc_logit.h: logistic regression of binary choices, fitted by maximum likelihood.
 *
 * Model: P(y_i = 1) = mu_i = 1 / (1 + exp(-eta_i)), eta = X beta, with X (n, p) row-major
 * (the caller adds the intercept column). The fit is iteratively reweighted least squares:
 * each step solves the weighted least-squares problem of the working response
 *   z_i = eta_i + (y_i - mu_i) / w_i,   w_i = mu_i (1 - mu_i)
 * with gsl_multifit_wlinear, whose covariance (X^T W X)^{-1} at convergence is the inverse
 * Fisher information: the standard errors are the square roots of its diagonal.
 * Used for the psychometric weights of the evidence-accumulation task (Fig. 5e, after
 * Deverett et al. 2019: choice on the right-minus-left puff count of each time bin).
 * Not here: what the columns mean (cc_evidence.h), penalised or multinomial fits.
 */
#ifndef CC_LOGIT_H
#define CC_LOGIT_H

typedef struct {
    int iterations; /* IRLS steps taken */
    double loglik;  /* log-likelihood at the returned beta */
} cc_logit_info;

/* Fit beta (p) and its standard errors se (p; may be NULL) to the 0/1 choices y (n).
 * Returns GSL_SUCCESS; GSL_EINVAL (raised) for bad arguments (n <= p, y not 0/1, p < 1);
 * and, without raising, GSL_EMAXITER if IRLS has not converged in max_iter steps or
 * GSL_ERANGE if the data are (quasi-)separable (some |eta_i| grows past 30: the maximum
 * likelihood estimate does not exist), so that a caller can report "not estimable". On
 * failure beta and se hold NaN. info may be NULL. */
int cc_logit_fit(const double *X, const double *y, int n, int p, int max_iter, double *beta, double *se,
                 cc_logit_info *info);

#endif
