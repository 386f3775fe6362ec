/* cc_dim.h: the dimensionality of the granule-cell representation.
 *
 * The participation ratio of a covariance matrix S with eigenvalues lambda_i,
 *     PR = (sum_i lambda_i)^2 / sum_i lambda_i^2,
 * is 1 when one direction carries all the variance and n when n directions carry equal shares.
 * It is computed from the eigenvalues (GSL's symmetric eigensolver, gsl_eigen_symm). The granule
 * rates it is applied to are those of the cerebellar feedback loop over a test batch:
 *     g_t = relu(W_MF r_{t-1})   for the loop steps t = 1..T-1
 * (t = 0 sees r_{-1} = 0, so g_0 = 0 for every trial and is left out).
 * Not here: the training or testing of the model (cc_train), the experiment (experiments/figX3.c).
 */
#ifndef CC_DIM_H
#define CC_DIM_H

#include "cc_model.h"

/* PR of the symmetric matrix S (n, n), row-major (only its lower triangle is read); *pr receives
 * it, NAN if every eigenvalue is 0. S is not modified. GSL status (raised): bad size, no memory. */
int cc_dim_participation_ratio(const double *S, int n, double *pr);

/* The covariance S (G, G) = X_c^T X_c / (M - 1) of the M rows of X (M, G), X_c the rows minus
 * their column means. GSL status (raised): M < 2, no memory. */
int cc_dim_covariance(const double *X, long M, int G, double *S);

/* The granule rates of the first n trials of the batch last evaluated by m (cc_model_eval_batch
 * or cc_test, whose workspace holds the cortical rates r), for the steps t = 1..T-1:
 * g (n (T - 1), G), row (t - 1) n + b for trial b. Only the cerebellar-feedback architecture
 * has them, and not with pontine units or silenced granule cells (their input is not r W_MF^T).
 * GSL status (raised): another architecture or those manipulations, n outside 1..B, T < 2. */
int cc_dim_granule_rates(const cc_model *m, int n, double *g);

/* The participation ratio of the granule-rate covariance of the first n trials of the batch last
 * evaluated by m (the two functions above). GSL status. */
int cc_dim_granule_pr(const cc_model *m, int n, double *pr);

/* The same for the cortical rates the granule cells read, r_{t-1} for t = 1..T-1 (N columns; the
 * dimension the mossy fibres start from), of any architecture. GSL status. */
int cc_dim_cortex_pr(const cc_model *m, int n, double *pr);

#endif
