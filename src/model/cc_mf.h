/* cc_mf.h: the mossy-fibre products, the model's largest, by fused multiply-adds: the forward
 * product a = m W_MF^T and the gradient of W_MF.
 *
 * C (n, G) = A (n, K) B (K, G), row-major, every element in one written order:
 *
 *   c_rj = fma(a_r,K-1, b_K-1,j, ... fma(a_r1, b_1j, fma(a_r0, b_0j, +0)) ...)
 *
 * that is, one rounding per term in increasing k. That order is the one OpenBLAS 0.3.21's
 * SkylakeX and Cooperlake kernels take for these shapes, and its Haswell kernels for an even
 * number of rows (all the model's blocks), so the results equal theirs; but they no longer
 * depend on the OpenBLAS core or the CPU. The AVX-512 path keeps a tile of 10 rows by 16
 * columns in registers through the K steps (about 110 GFLOP/s on an AMD Zen 5 against 30 to 38
 * for OpenBLAS's Haswell kernels on the same shapes); the AVX2 path tiles 6 rows by 8 columns.
 * Not here: the learning signal of a plastic cortex through W_MF (BLAS, cc_model.c).
 */
#ifndef CC_MF_H
#define CC_MF_H

/* 1 if the products below have a vector path on this CPU (AVX-512F, or AVX2 with FMA, within
 * cc_simd_cap); else the callers use the BLAS (cc_cereb_forward, cc_model.c). */
int cc_mf_fma_on(void);

/* C (n, G) = A (n, K) B (K, G) in the order above; C must not overlap A or B. */
void cc_mf_product(double *C, const double *A, const double *B, int n, int K, int G);

/* C (n, G) += A^T B with A stored (K, n): c_rj <- c_rj + (the sum above, a_rk = A[k n + r]), one
 * rounding for the addition: the gradient dW_MF^T += R^T da (cc_model.c). OpenBLAS 0.3.21's
 * Haswell, SkylakeX and Cooperlake kernels compute exactly this for these shapes (inner sizes
 * 10 to 200 measured). */
void cc_mf_product_tn_add(double *C, const double *A, const double *B, int n, int K, int G);

#endif
