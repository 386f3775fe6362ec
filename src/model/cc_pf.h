/* cc_pf.h: the parallel-fibre kernels of the cerebellum, around W_PF (C, G).
 *
 * The granule layer is wide (G = 1000) and the Purkinje layer narrow (C = 2 to a few tens),
 * so the products with W_PF are thin: BLAS spends more on packing than on arithmetic there.
 * These kernels make one pass over the granule rates instead, with the ReLU fused in:
 *
 *   forward   g <- relu(a) keep gain,  p = g W_PF^T        (cc_pf_forward)
 *   learning  dW_PF += dp^T g                               (cc_pf_grad)
 *   backprop  da = (dp W_PF) gain [g > 0]                   (cc_pf_backprop)
 *
 * Each sum has one written order (below), taken by the AVX2 and AVX-512 paths lane by lane
 * (several rows at a time, each in its own order) and by the scalar path alike: the bits do
 * not depend on the CPU (tests/test_kernels.c checks every path against the order written out).
 * Not here: the mossy-fibre product a = m W_MF^T (dense, BLAS: cc_cerebellum.c).
 */
#ifndef CC_PF_H
#define CC_PF_H

/* g (rows, G) <- relu(g) keep gain in place (keep (rows, G) may be NULL: 1), and
 * p (rows, C) = g W_PF^T. Order of p_rc = sum_j g_rj W_cj: eight partial sums s_l over
 * j = l (mod 8) for j < G - G mod 8, each in increasing j from +0; then
 * ((s_0 + s_4) + (s_2 + s_6)) + ((s_1 + s_5) + (s_3 + s_7)); then the last G mod 8 terms
 * in increasing j. */
void cc_pf_forward(double *g, double *p, const double *keep, double gain, const double *W_PF, int rows, int G,
                   int C);

/* dW_PF (C, G) += dp^T g for dp (rows, C), g (rows, G). Rows go in blocks of four (the last
 * block holds the rest), dW_cj += ((dp_0c g_0j + dp_1c g_1j) + dp_2c g_2j) + dp_3c g_3j, the
 * sum in parentheses cut to the rows of the block. */
void cc_pf_grad(double *dW_PF, const double *dp, const double *g, int rows, int G, int C);

/* da (rows, G) = (dp W_PF) gain [g > 0]: the error at the granule pre-activations, with
 * (dp W_PF)_rj = ((dp_r0 W_0j + dp_r1 W_1j) + ...) + dp_r,C-1 W_C-1,j in increasing c. */
void cc_pf_backprop(double *da, const double *dp, const double *W_PF, const double *g, double gain, int rows,
                    int G, int C);

#endif
