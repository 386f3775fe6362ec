/* cc_logit.c: logistic regression by IRLS on gsl_multifit_wlinear (cc_logit.h). */
#include "cc_logit.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_multifit.h>
#include <math.h>

#include "cc_error.h"

/* log-likelihood sum_i y_i eta_i - log(1 + e^{eta_i}), written to stay finite */
static double loglik(const double *y, const gsl_vector *eta, int n)
{
    double l = 0.0;
    for (int i = 0; i < n; i++) {
        const double e = gsl_vector_get(eta, i);
        l += y[i] * e - (e > 0 ? e + log1p(exp(-e)) : log1p(exp(e)));
    }
    return l;
}

int cc_logit_fit(const double *X, const double *y, int n, int p, int max_iter, double *beta, double *se,
                 cc_logit_info *info)
{
    if (!X || !y || !beta) CC_FAIL(GSL_EFAULT, "cc_logit_fit: NULL argument");
    if (p < 1 || n <= p || max_iter < 1)
        CC_FAIL(GSL_EINVAL, "cc_logit_fit: need p >= 1, n > p and max_iter >= 1 (n %d, p %d)", n, p);
    for (int i = 0; i < n; i++)
        if (y[i] != 0.0 && y[i] != 1.0) CC_FAIL(GSL_EINVAL, "cc_logit_fit: choice %d is %g, not 0 or 1", i, y[i]);
    for (int k = 0; k < p; k++) {
        beta[k] = NAN;
        if (se) se[k] = NAN;
    }
    gsl_matrix_const_view Xv = gsl_matrix_const_view_array(X, (size_t)n, (size_t)p);
    gsl_vector *w = gsl_vector_alloc(n), *z = gsl_vector_alloc(n), *eta = gsl_vector_calloc(n);
    gsl_vector *b = gsl_vector_calloc(p), *b_new = gsl_vector_alloc(p);
    gsl_matrix *cov = gsl_matrix_alloc(p, p);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, p);
    int status = GSL_ENOMEM, it = 0;
    double chisq;
    if (!w || !z || !eta || !b || !b_new || !cov || !ws) goto done;
    status = GSL_EMAXITER;
    for (it = 1; it <= max_iter; it++) {
        /* working weights and response at the current eta = X beta (beta = 0 at the start) */
        for (int i = 0; i < n; i++) {
            const double e = gsl_vector_get(eta, i), mu = 1.0 / (1.0 + exp(-e));
            const double wi = fmax(mu * (1.0 - mu), 1e-12);
            gsl_vector_set(w, i, wi);
            gsl_vector_set(z, i, e + (y[i] - mu) / wi);
        }
        int s = gsl_multifit_wlinear(&Xv.matrix, w, z, b_new, cov, &chisq, ws);
        if (s) {
            status = s;
            goto done;
        }
        double step = 0.0, scale = 0.0;
        for (int k = 0; k < p; k++) {
            step = fmax(step, fabs(gsl_vector_get(b_new, k) - gsl_vector_get(b, k)));
            scale = fmax(scale, fabs(gsl_vector_get(b_new, k)));
        }
        gsl_vector_memcpy(b, b_new);
        gsl_blas_dgemv(CblasNoTrans, 1.0, &Xv.matrix, b, 0.0, eta); /* eta = X beta */
        double emax = 0.0;
        for (int i = 0; i < n; i++) emax = fmax(emax, fabs(gsl_vector_get(eta, i)));
        if (emax > 30.0) { /* fitted probabilities within e^-30 of 0 or 1: separation */
            status = GSL_ERANGE;
            break;
        }
        if (step <= 1e-10 * fmax(1.0, scale)) {
            status = GSL_SUCCESS;
            break;
        }
    }
    if (status == GSL_SUCCESS) {
        /* covariance (X^T W X)^{-1} at the converged weights: recompute them at the final beta */
        for (int i = 0; i < n; i++) {
            const double e = gsl_vector_get(eta, i), mu = 1.0 / (1.0 + exp(-e));
            gsl_vector_set(w, i, fmax(mu * (1.0 - mu), 1e-12));
            gsl_vector_set(z, i, e + (y[i] - mu) / gsl_vector_get(w, i));
        }
        if ((status = gsl_multifit_wlinear(&Xv.matrix, w, z, b_new, cov, &chisq, ws)) == GSL_SUCCESS)
            for (int k = 0; k < p; k++) {
                beta[k] = gsl_vector_get(b, k);
                if (se) se[k] = sqrt(gsl_matrix_get(cov, k, k));
            }
    }
    if (info) {
        info->iterations = it > max_iter ? max_iter : it;
        info->loglik = loglik(y, eta, n);
    }
done:
    gsl_multifit_linear_free(ws);
    gsl_matrix_free(cov);
    gsl_vector_free(b_new);
    gsl_vector_free(b);
    gsl_vector_free(eta);
    gsl_vector_free(z);
    gsl_vector_free(w);
    return status;
}
