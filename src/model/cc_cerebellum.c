/* cc_cerebellum.c: cerebellar forward, backward and delayed-target schedule (cc_cerebellum.h). */
#include "cc_cerebellum.h"

#include <string.h>

#include "cc_linalg.h"
#include "cc_mf.h"
#include "cc_pf.h"

void cc_cereb_forward(double *g, double *p, const double *m, const double *W_MFt, const double *W_PF,
                      const double *keep, double gain, int rows, int N, int G, int C)
{
    /* rows go in blocks whose granule rates stay in cache for the ReLU and W_PF (g = relu(a)
     * keep gain, cc_pf.h), and which OpenBLAS, where it makes the product, runs in its
     * small-matrix kernel; rows are independent, so the result is that of one product
     * (cc_mf.h, bench/README.md) */
    const long per = CC_GEMM_BLOCK_MNK / ((long)N * G);
    const int step = per < 1 ? 1 : per > rows ? rows : (int)per, own = cc_mf_fma_on();
    for (int i = 0; i < rows; i += step) {
        const int n = rows - i < step ? rows - i : step;
        double *gi = g + (long)i * G;
        if (!m) memset(gi, 0, (size_t)n * G * sizeof(double));                           /* a = m W_MF^T */
        else if (own) cc_mf_product(gi, m + (long)i * N, W_MFt, n, N, G);
        else cc_gemm(CblasNoTrans, CblasNoTrans, 1.0, m + (long)i * N, n, N, W_MFt, N, G, 0.0, gi, n, G);
        cc_pf_forward(gi, p + (long)i * C, keep ? keep + (long)i * G : NULL, gain, W_PF, n, G, C); /* g, p = g W_PF^T */
    }
}

void cc_cereb_backward(double *dW_PF, double *da, const double *dp, const double *g, const double *W_PF,
                       double gain, int rows, int G, int C)
{
    cc_pf_grad(dW_PF, dp, g, rows, G, C);                         /* dW_PF += dp^T g */
    if (da) cc_pf_backprop(da, dp, W_PF, g, gain, rows, G, C); /* da = (dp W_PF) gain relu'(a) */
}

int cc_cereb_target_step(int t, int j, int tau, int T, int final_learning, const unsigned char *mask)
{
    int s = t - 1 + j;                       /* block j of p_t predicts y_{t-1+j} */
    if (t < 0 || t > T || j < 0 || j > tau) return -1;
    if (t + tau > T) {                       /* never left the buffer through a regular call */
        if (!final_learning || t > T - 1) return -1;
        s = T - 1;                           /* final learning: train on the last target */
    }
    if (s < 0 || s > T - 1) return -1;
    if (mask && !mask[s]) return -1;
    return s;
}
