/* cc_cerebellum.h: the feedforward cerebellum C(m) = W_PF relu(W_MF m) and its learning.
 *
 * Forward over `rows` inputs at once (a batch, or a whole trial of batches); backward
 * of any loss on the output p into W_PF and, if plastic, W_MF. The delayed-target
 * schedule says which task target trains which prediction:
 *
 *   the prediction p_t made at loop step t from the cortical rates f(h_{t-1}) is
 *   trained on y_{t-1+tau} (equivalently C(f(h_k)) -> y_{k+tau}), as long as that
 *   target exists, was given (its step carries loss) and t + tau <= T (the original
 *   buffers tau+1 predictions and makes one extra call after the last step).
 *
 * With the temporal basis, block j (j = 0..tau) of p_t is trained on y_{t-1+j}.
 * With final learning, the predictions still buffered at the end (t = T-tau+1 .. T-1)
 * are trained on y_{T-1}.
 * Not here: what the cortex does with the output (cc_model).
 */
#ifndef CC_CEREBELLUM_H
#define CC_CEREBELLUM_H

/* g (rows, G) = relu(m (rows, N) W_MF^T) * gain;  p (rows, C) = g W_PF^T.
 * The mossy fibres come transposed, W_MFt = W_MF^T (N, G), as the parameter block
 * stores them: the layout OpenBLAS multiplies fastest at these shapes.
 * m == NULL stands for m = 0 (the rates before the first step): then g = 0.
 * `keep` (rows, G), if not NULL, is a 0/1 dropout mask applied before the ReLU. */
void cc_cereb_forward(double *g, double *p, const double *m, const double *W_MFt, const double *W_PF,
                      const double *keep, double gain, int rows, int N, int G, int C);

/* Backward of a loss with output gradient dp (rows, C) through the parallel fibres:
 *   dW_PF += dp^T g;  da = (dp W_PF) gain [g > 0] into da (rows, G) if da is not NULL.
 * The products with the mossy fibres, dW_MF^T += m^T da and dm = da W_MF, are left to the
 * caller, which makes them once over all steps (cc_model.c). */
void cc_cereb_backward(double *dW_PF, double *da, const double *dp, const double *g, const double *W_PF,
                       double gain, int rows, int G, int C);

/* Target step that trains output block j of p_t (single window: j = tau), or -1.
 * mask (T) marks steps whose targets are given; NULL = all. */
int cc_cereb_target_step(int t, int j, int tau, int T, int final_learning, const unsigned char *mask);

#endif
