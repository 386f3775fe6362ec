/* cc_cerebellum.c: cerebellar forward, backward and delayed-target schedule (cc_cerebellum.h). */
#include "cc_cerebellum.h"

#include "cc_linalg.h"

void cc_cereb_forward(double *g, double *p, const double *m, const double *W_MF, const double *W_PF,
                      const double *keep, double gain, int rows, int N, int G, int C)
{
    cc_gemm(CblasNoTrans, CblasTrans, 1.0, m, rows, N, W_MF, G, N, 0.0, g, rows, G); /* a = m W_MF^T */
    const long n = (long)rows * G;
    if (keep)
        for (long i = 0; i < n; i++) g[i] = g[i] > 0.0 ? g[i] * keep[i] * gain : 0.0;
    else
        for (long i = 0; i < n; i++) g[i] = g[i] > 0.0 ? g[i] * gain : 0.0; /* relu(a) */
    cc_gemm(CblasNoTrans, CblasTrans, 1.0, g, rows, G, W_PF, C, G, 0.0, p, rows, C); /* p = g W_PF^T */
}

void cc_cereb_backward(double *dW_PF, double *dW_MF, double *dm, double *scratch,
                       const double *dp, const double *g, const double *m,
                       const double *W_MF, const double *W_PF, double gain,
                       int rows, int N, int G, int C)
{
    cc_gemm(CblasTrans, CblasNoTrans, 1.0, dp, rows, C, g, rows, G, 1.0, dW_PF, C, G); /* dW_PF += dp^T g */
    if (!dW_MF && !dm) return;
    cc_gemm(CblasNoTrans, CblasNoTrans, 1.0, dp, rows, C, W_PF, C, G, 0.0, scratch, rows, G); /* dg = dp W_PF */
    const long n = (long)rows * G;
    for (long i = 0; i < n; i++) scratch[i] = g[i] > 0.0 ? scratch[i] * gain : 0.0; /* da = dg relu'(a) */
    if (dW_MF) cc_gemm(CblasTrans, CblasNoTrans, 1.0, scratch, rows, G, m, rows, N, 1.0, dW_MF, G, N);
    if (dm) cc_gemm(CblasNoTrans, CblasNoTrans, 1.0, scratch, rows, G, W_MF, G, N, 1.0, dm, rows, N);
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
