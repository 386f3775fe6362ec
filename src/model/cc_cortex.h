/* cc_cortex.h: the leaky tanh RNN (cortex) and its two learning rules.
 *
 *   h_t = alpha h_{t-1} + W_ih xt_t + W_hh f(h_{t-1}),   r_t = f(h_t) = tanh(h_t)
 * where xt_t = [x_t ; feedback_t]. No bias, h_{-1} = 0. Rows are trials of a batch.
 *
 * Learning, given the learning signal L_t = dE/dr_t through the readout:
 *   e-prop:  eps_t = alpha eps_{t-1} + v_t   (v = xt for W_ih, r_{t-1} for W_hh)
 *            dW += sum_t (L_t * psi_t)^T eps_t,  psi_t = f'(h_t) = 1 - r_t^2
 *   BPTT:    delta_t = psi_t * (L_t + delta_{t+1} W_hh) + alpha delta_{t+1}
 *            dW_ih += sum_t delta_t^T xt_t,  dW_hh += sum_t delta_t^T r_{t-1}
 * Both end in the same product dW += Delta^T V over all (t, trial) rows, so the time
 * loop only builds Delta and the traces; one GEMM per weight matrix follows.
 * The input trace is one (B, Din) array shared by all post-synaptic units.
 * Not here: feedback signals (cc_model), the readout (cc_model), optimiser.
 */
#ifndef CC_CORTEX_H
#define CC_CORTEX_H

/* W (N, Din + N) = [W_ih | W_hh], row by row: both input matrices side by side, so that
 * one product per step serves both (the matrices are small: one call costs less than two). */
void cc_cortex_concat(double *W, const double *W_ih, const double *W_hh, int N, int Din);

/* One step for B trials: h (B, N) = alpha h_prev + u W^T, r = tanh(h), with
 * u (B, Din + N) = [xt_t | r_{t-1}] and W = [W_ih | W_hh] (cc_cortex_concat).
 * The first n_silenced units have r forced to 0 (cortical silencing, Fig. S15). */
void cc_cortex_step(double *h, double *r, const double *h_prev, const double *u, const double *W, double alpha,
                    int B, int N, int Din, int n_silenced);

/* eps (rows, n) = alpha eps_prev + v; eps_prev may be NULL (zero, start of a trial). */
void cc_eprop_trace(double *eps, const double *eps_prev, const double *v, double alpha, long n);

/* e-prop: Delta (rows, N) = L * psi, psi = 1 - r^2 (0 for silenced units). */
void cc_eprop_deltas(double *delta, const double *L, const double *r, long rows, int N, int n_silenced);

/* BPTT over T steps of B trials: delta (T, B, N) from L (T, B, N) and r (T, B, N) = r_0..r_{T-1}. */
void cc_bptt_deltas(double *delta, const double *L, const double *r, const double *W_hh, double alpha,
                    int T, int B, int N, int n_silenced);

#endif
