/* cc_loss.h: the task and cerebellar losses with their exact gradients.
 *
 * Each function scores `rows` rows of K outputs, multiplies by `scale` (the caller's
 * reduction, e.g. 1/(B T O) for a mean), returns the scaled loss and, if grad is not
 * NULL, ADDS the gradient with respect to the outputs to grad (gradients accumulate).
 */
#ifndef CC_LOSS_H
#define CC_LOSS_H

/* scale * sum (z - y)^2;  grad += 2 scale (z - y). */
double cc_loss_mse(double *grad, const double *z, const double *y, int rows, int K, double scale);

/* scale * sum_rows -sum_k y_k log softmax(z)_k (y one-hot or a distribution);
 * grad += scale (softmax(z) - y) * sum_k y_k. */
double cc_loss_xent(double *grad, const double *z, const double *y, int rows, int K, double scale);

/* Number of rows whose argmax of z equals the argmax of y (ties: lowest index). */
int cc_count_correct(const double *z, const double *y, int rows, int K);

#endif
