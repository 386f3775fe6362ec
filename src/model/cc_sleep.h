/* cc_sleep.h: systems consolidation ("sleep", Fig. 8): the cerebellar drive handed to the cortex.
 *
 * During sleep the model runs on task inputs without targets and nothing learns by gradient.
 * Each session pairs the cortical rates of step k, f(h_k), with the drive that the cerebellum
 * adds to the cortex one step later, u_k = W_Ch c_{k+1} (c_{k+1} = softmax(C(f(h_k))) in
 * classification), and moves that drive into the recurrent weights:
 *   least squares (the authors' script):  X = argmin ||R X - U||,  W_hh += eta X^T
 *   local rule ("bio"):  dW_ij = sum over pairs of u_i sign(r_j) / ||r||_1, averaged over trials
 * then shrinks the cerebellar columns of W_ih: W_Ch *= (1 - eta). A session (cc_sleep_session)
 * is these steps on one batch of trials.
 * Not here: the tests and tables of the figure (experiments/fig8.c).
 */
#ifndef CC_SLEEP_H
#define CC_SLEEP_H

#include <gsl/gsl_rng.h>

#include "cc_model.h"

/* X (n, q) minimising ||R X - U||_F for R (M, n), U (M, q), M >= 1: the minimum-norm
 * least-squares solution through one SVD of R (singular values below rcond * s_max count as
 * 0), whatever the rank of R. GSL_SUCCESS, GSL_EINVAL (bad sizes) or GSL_ENOMEM, raised. */
int cc_sleep_lstsq(double *X, const double *R, const double *U, int M, int n, int q, double rcond);

/* The local rule: dW (q, n) = (1/trials) sum over the M pairs of u_i sign(r_j) / ||r||_1
 * (pairs with r = 0 skipped). For one pair, dW r = u exactly. */
void cc_sleep_bio(double *dW, const double *R, const double *U, int M, int n, int q, int trials);

/* The pairs of the last forward pass of m (cerebellar feedback), steps k = k0..k1 (rows in
 * the order (k, trial)): R (rows, N) = f(h_k), U (rows, N) = W_Ch c_{k+1}. Needs
 * 0 <= k0 <= k1 <= T-2. GSL_SUCCESS or GSL_EINVAL, raised. */
int cc_sleep_pairs(double *R, double *U, const cc_model *m, int k0, int k1);

/* W_hh += gain dW (N, N);  W_Ch *= (1 - decay). */
void cc_sleep_apply(cc_model *m, const double *dW, double gain, double decay);

/* Frobenius norm of W_Ch, the cerebellar columns of W_ih. */
double cc_sleep_wch_norm(const cc_model *m);

/* Mean over the trials and steps k = 0..T-2 of the last forward pass of m of the cosine
 * similarity between the original total input W_hh,orig f(h_k) + W_Ch,orig c_{k+1} and the
 * recurrent-only input W_hh f(h_k) of m now (pairs with a zero vector skipped).
 * W_hh_orig (N, N), W_ih_orig (N, Din): the weights before sleep. */
double cc_sleep_cosine(const cc_model *m, const double *W_hh_orig, const double *W_ih_orig);

/* The two rules of a session. */
typedef enum { CC_SLEEP_LSTSQ = 0, CC_SLEEP_BIO } cc_sleep_rule;

/* A session's settings: the pairs of steps k0..k1, rate eta, rcond of the least squares, and the
 * local rule's scale h (its update is eta dW / ((k1 - k0 + 1) / h), as the authors' script). */
typedef struct {
    int trials, k0, k1;
    double rate, rcond, bio_h;
} cc_sleep_params;

/* The buffers of a session (the pairs, the fit, the update, the batch), sized once. */
typedef struct cc_sleep_ws cc_sleep_ws;

/* Buffers for sessions of m on `task` (inputs without targets) with settings p; NULL when out of
 * memory (raised). */
cc_sleep_ws *cc_sleep_ws_alloc(const cc_model *m, const cc_task *task, const cc_sleep_params *p);
void cc_sleep_ws_free(cc_sleep_ws *ws);

/* One session: draw p->trials trials (streams `trials`, `noise`), run m on them (nothing learns),
 * pair f(h_k) with W_Ch c_{k+1} for k = k0..k1 and apply the rule: least squares
 * W_hh += eta X^T, or the local rule W_hh += eta h / (k1 - k0 + 1) dW; then W_Ch *= 1 - eta.
 * GSL_SUCCESS, or the first failure of its steps. */
int cc_sleep_session(cc_model *m, cc_sleep_ws *ws, cc_sleep_rule rule, gsl_rng *trials, gsl_rng *noise);

#endif
