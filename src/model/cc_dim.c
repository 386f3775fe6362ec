/* cc_dim.c: participation ratio of the granule-rate covariance (cc_dim.h). */
#include "cc_dim.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_error.h"
#include "cc_linalg.h"

int cc_dim_participation_ratio(const double *S, int n, double *pr)
{
    if (!S || !pr) CC_FAIL(GSL_EFAULT, "cc_dim_participation_ratio: NULL argument");
    if (n < 1) CC_FAIL(GSL_EINVAL, "cc_dim_participation_ratio: size %d < 1", n);
    gsl_matrix *A = gsl_matrix_alloc((size_t)n, (size_t)n);
    gsl_vector *lambda = gsl_vector_alloc((size_t)n);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc((size_t)n);
    int s = GSL_ENOMEM;
    if (A && lambda && w) {
        memcpy(A->data, S, (size_t)n * n * sizeof(double)); /* gsl_eigen_symm destroys its input */
        s = gsl_eigen_symm(A, lambda, w);
    }
    if (!s) {
        double sum = 0, sum2 = 0; /* sum_i lambda_i, sum_i lambda_i^2 */
        for (int i = 0; i < n; i++) {
            const double l = gsl_vector_get(lambda, (size_t)i);
            sum += l;
            sum2 += l * l;
        }
        *pr = sum2 > 0 ? sum * sum / sum2 : NAN;
    }
    if (w) gsl_eigen_symm_free(w);
    if (lambda) gsl_vector_free(lambda);
    if (A) gsl_matrix_free(A);
    if (s == GSL_ENOMEM) CC_FAIL(s, "cc_dim_participation_ratio: out of memory (n = %d)", n);
    if (s) CC_FAIL(s, "cc_dim_participation_ratio: the eigensolver failed (n = %d)", n);
    return GSL_SUCCESS;
}

int cc_dim_covariance(const double *X, long M, int G, double *S)
{
    if (!X || !S) CC_FAIL(GSL_EFAULT, "cc_dim_covariance: NULL argument");
    if (M < 2 || G < 1) CC_FAIL(GSL_EINVAL, "cc_dim_covariance: %ld rows of %d columns (need 2 rows or more)", M, G);
    double *Xc = malloc((size_t)M * G * sizeof *Xc), *mean = calloc((size_t)G, sizeof *mean);
    if (!Xc || !mean) {
        free(Xc);
        free(mean);
        CC_FAIL(GSL_ENOMEM, "cc_dim_covariance: out of memory (%ld x %d)", M, G);
    }
    for (long r = 0; r < M; r++) /* column means, in row order */
        for (int j = 0; j < G; j++) mean[j] += X[r * G + j];
    for (int j = 0; j < G; j++) mean[j] /= (double)M;
    for (long r = 0; r < M; r++)
        for (int j = 0; j < G; j++) Xc[r * G + j] = X[r * G + j] - mean[j];
    /* S = Xc^T Xc / (M - 1) */
    cc_gemm(CblasTrans, CblasNoTrans, 1.0 / (double)(M - 1), Xc, (int)M, G, Xc, (int)M, G, 0.0, S, G, G);
    free(Xc);
    free(mean);
    return GSL_SUCCESS;
}

int cc_dim_granule_rates(const cc_model *m, int n, double *g)
{
    if (!m || !g) CC_FAIL(GSL_EFAULT, "cc_dim_granule_rates: NULL argument");
    if (m->cfg.arch != CC_ARCH_CEREB_FB)
        CC_FAIL(GSL_EINVAL, "cc_dim_granule_rates: architecture %s has no cerebellar loop", cc_arch_name(m->cfg.arch));
    if (m->cfg.pons > 0 || m->granule_silenced > 0) /* these rates read r_{t-1} through the model's own W_MF */
        CC_FAIL(GSL_EINVAL, "cc_dim_granule_rates: not defined with pontine units or silenced granule cells");
    const int B = m->ws.B, T = m->ws.T, N = m->cfg.N, G = m->cfg.G;
    if (n < 1 || n > B) CC_FAIL(GSL_EINVAL, "cc_dim_granule_rates: %d trials, the batch has %d", n, B);
    if (T < 2) CC_FAIL(GSL_EINVAL, "cc_dim_granule_rates: %d steps (need 2 or more)", T);
    for (int t = 1; t < T; t++) {
        /* r_{t-1} of trials 0..n-1: index t of ws.r (index 0 is r_{-1} = 0) */
        const double *r = m->ws.r + (long)t * B * N;
        double *gt = g + (long)(t - 1) * n * G;
        cc_gemm(CblasNoTrans, CblasNoTrans, 1.0, r, n, N, m->w->W_MF, N, G, 0.0, gt, n, G); /* r W_MF^T */
        for (long i = 0; i < (long)n * G; i++) gt[i] = gt[i] > 0 ? gt[i] : 0.0;          /* relu */
    }
    return GSL_SUCCESS;
}

int cc_dim_granule_pr(const cc_model *m, int n, double *pr)
{
    if (!m || !pr) CC_FAIL(GSL_EFAULT, "cc_dim_granule_pr: NULL argument");
    const int G = m->cfg.G;
    const long M = (long)n * (m->ws.T - 1);
    if (M < 2 || n < 1) CC_FAIL(GSL_EINVAL, "cc_dim_granule_pr: %d trials of %d steps give too few rates", n, m->ws.T);
    double *g = malloc((size_t)M * G * sizeof *g), *S = malloc((size_t)G * G * sizeof *S);
    int s = g && S ? GSL_SUCCESS : CC_ERRORF(GSL_ENOMEM, "cc_dim_granule_pr: out of memory (%ld x %d)", M, G);
    if (!s) s = cc_dim_granule_rates(m, n, g);
    if (!s) s = cc_dim_covariance(g, M, G, S);
    if (!s) s = cc_dim_participation_ratio(S, G, pr);
    free(g);
    free(S);
    return s;
}

int cc_dim_cortex_pr(const cc_model *m, int n, double *pr)
{
    if (!m || !pr) CC_FAIL(GSL_EFAULT, "cc_dim_cortex_pr: NULL argument");
    const int B = m->ws.B, T = m->ws.T, N = m->cfg.N;
    if (n < 1 || n > B || T < 2) CC_FAIL(GSL_EINVAL, "cc_dim_cortex_pr: %d trials of %d steps, the batch has %d", n, T, B);
    const long M = (long)n * (T - 1);
    double *r = malloc((size_t)M * N * sizeof *r), *S = malloc((size_t)N * N * sizeof *S);
    int s = r && S ? GSL_SUCCESS : CC_ERRORF(GSL_ENOMEM, "cc_dim_cortex_pr: out of memory (%ld x %d)", M, N);
    for (int t = 1; !s && t < T; t++) /* r_{t-1} of trials 0..n-1, in the row order of the granule rates */
        memcpy(r + (long)(t - 1) * n * N, m->ws.r + (long)t * B * N, (size_t)n * N * sizeof *r);
    if (!s) s = cc_dim_covariance(r, M, N, S);
    if (!s) s = cc_dim_participation_ratio(S, N, pr);
    free(r);
    free(S);
    return s;
}
