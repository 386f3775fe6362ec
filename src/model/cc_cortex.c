/* cc_cortex.c: leaky tanh RNN step, e-prop traces and BPTT deltas (cc_cortex.h). */
#include "cc_cortex.h"

#include <math.h>
#include <string.h>

#include "cc_linalg.h"

void cc_cortex_concat(double *W, const double *W_ih, const double *W_hh, int N, int Din)
{
    for (int j = 0; j < N; j++) {
        memcpy(W + (long)j * (Din + N), W_ih + (long)j * Din, (size_t)Din * sizeof(double));
        memcpy(W + (long)j * (Din + N) + Din, W_hh + (long)j * N, (size_t)N * sizeof(double));
    }
}

void cc_cortex_step(double *h, double *r, const double *h_prev, const double *u, const double *W, double alpha,
                    int B, int N, int Din, int n_silenced)
{
    const long n = (long)B * N;
    const int K = Din + N;
    for (long i = 0; i < n; i++) h[i] = alpha * h_prev[i];                            /* alpha h_{t-1} */
    cc_gemm(CblasNoTrans, CblasTrans, 1.0, u, B, K, W, N, K, 1.0, h, B, N);         /* + W_ih xt_t + W_hh r_{t-1} */
    cc_tanh(r, h, n);                                                                /* r_t = f(h_t) */
    if (n_silenced > 0)
        for (int b = 0; b < B; b++) memset(r + (long)b * N, 0, (size_t)n_silenced * sizeof(double));
}

void cc_eprop_trace(double *eps, const double *eps_prev, const double *v, double alpha, long n)
{
    if (eps_prev)
        for (long i = 0; i < n; i++) eps[i] = alpha * eps_prev[i] + v[i];
    else
        memcpy(eps, v, (size_t)n * sizeof(double));
}

/* psi = f'(h) = 1 - r^2, zero for silenced units (their rate is clamped). */
static inline double psi(const double *r, long i, int N, int n_silenced)
{
    return n_silenced > 0 && (int)(i % N) < n_silenced ? 0.0 : 1.0 - r[i] * r[i];
}

void cc_eprop_deltas(double *delta, const double *L, const double *r, long rows, int N, int n_silenced)
{
    const long n = rows * N;
    for (long i = 0; i < n; i++) delta[i] = L[i] * psi(r, i, N, n_silenced);
}

void cc_bptt_deltas(double *delta, const double *L, const double *r, const double *W_hh, double alpha,
                    int T, int B, int N, int n_silenced)
{
    const long bn = (long)B * N;
    for (int t = T - 1; t >= 0; t--) {
        double *d = delta + t * bn;
        const double *Lt = L + t * bn, *rt = r + t * bn;
        if (t == T - 1) {
            for (long i = 0; i < bn; i++) d[i] = Lt[i] * psi(rt, i, N, n_silenced);
            continue;
        }
        const double *dn = delta + (t + 1) * bn;
        memcpy(d, Lt, (size_t)bn * sizeof(double));
        cc_gemm(CblasNoTrans, CblasNoTrans, 1.0, dn, B, N, W_hh, N, N, 1.0, d, B, N); /* L_t + delta_{t+1} W_hh */
        for (long i = 0; i < bn; i++) d[i] = d[i] * psi(rt, i, N, n_silenced) + alpha * dn[i];
    }
}
