/* cc_linalg.c: dense kernels over row-major arrays (cc_linalg.h). */
#include "cc_linalg.h"

#include <math.h>
#include <string.h>

void cc_gemm(CBLAS_TRANSPOSE_t tA, CBLAS_TRANSPOSE_t tB, double alpha,
             const double *A, int Ar, int Ac, const double *B, int Br, int Bc,
             double beta, double *C, int Cr, int Cc)
{
    if (Cr == 0 || Cc == 0) return;
    if (Ar == 0 || Ac == 0 || Br == 0 || Bc == 0) { /* empty inner dimension: C <- beta C */
        for (size_t i = 0; i < (size_t)Cr * Cc; i++) C[i] = beta == 0.0 ? 0.0 : beta * C[i];
        return;
    }
    gsl_matrix_const_view a = gsl_matrix_const_view_array(A, Ar, Ac);
    gsl_matrix_const_view b = gsl_matrix_const_view_array(B, Br, Bc);
    gsl_matrix_view c = gsl_matrix_view_array(C, Cr, Cc);
    gsl_blas_dgemm(tA, tB, alpha, &a.matrix, &b.matrix, beta, &c.matrix);
}

void cc_add_row(double *y, const double *b, int rows, int n)
{
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < n; j++) y[(size_t)r * n + j] += b[j];
}

void cc_softmax_rows(double *p, const double *z, int rows, int K)
{
    for (int r = 0; r < rows; r++) {
        const double *zr = z + (size_t)r * K;
        double *pr = p + (size_t)r * K;
        double mx = zr[0], s = 0.0;
        for (int k = 1; k < K; k++) mx = zr[k] > mx ? zr[k] : mx;
        for (int k = 0; k < K; k++) s += (pr[k] = exp(zr[k] - mx)); /* p_k = e^{z_k - max} / sum */
        for (int k = 0; k < K; k++) pr[k] /= s;
    }
}
