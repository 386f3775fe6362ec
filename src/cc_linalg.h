/* cc_linalg.h: the few dense kernels the model needs, over plain row-major arrays.
 *
 * cc_gemm wraps gsl_blas_dgemm (hence the linked CBLAS: OpenBLAS by default) with
 * matrix views, so callers pass arrays and shapes instead of building views.
 * Not here: anything model-specific.
 */
#ifndef CC_LINALG_H
#define CC_LINALG_H

#include <gsl/gsl_blas.h>

/* C (Cr, Cc) <- alpha op(A) op(B) + beta C, A stored (Ar, Ac), B stored (Br, Bc). */
void cc_gemm(CBLAS_TRANSPOSE_t tA, CBLAS_TRANSPOSE_t tB, double alpha,
             const double *A, int Ar, int Ac, const double *B, int Br, int Bc,
             double beta, double *C, int Cr, int Cc);

/* y (rows, n) += 1 (rows) x b (n): add a bias row to every row. */
void cc_add_row(double *y, const double *b, int rows, int n);

/* softmax of every row of z (rows, K) into p (may alias z). */
void cc_softmax_rows(double *p, const double *z, int rows, int K);

#endif
