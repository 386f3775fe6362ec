/* cc_loss.c: MSE and cross-entropy with gradients (cc_loss.h). */
#include "cc_loss.h"

#include <math.h>

double cc_loss_mse(double *grad, const double *z, const double *y, int rows, int K, double scale)
{
    double s = 0.0;
    for (long i = 0; i < (long)rows * K; i++) {
        double e = z[i] - y[i];
        s += e * e;
        if (grad) grad[i] += 2.0 * scale * e;
    }
    return scale * s;
}

double cc_loss_xent(double *grad, const double *z, const double *y, int rows, int K, double scale)
{
    double s = 0.0;
    for (int r = 0; r < rows; r++) {
        const double *zr = z + (long)r * K, *yr = y + (long)r * K;
        double mx = zr[0], sum = 0.0, ysum = 0.0, ydotz = 0.0;
        for (int k = 1; k < K; k++) mx = zr[k] > mx ? zr[k] : mx;
        for (int k = 0; k < K; k++) {
            sum += exp(zr[k] - mx);
            ysum += yr[k];
            ydotz += yr[k] * zr[k];
        }
        double lse = mx + log(sum);          /* log sum_k e^{z_k} */
        s += ysum * lse - ydotz;             /* -sum_k y_k (z_k - lse) */
        if (grad)
            for (int k = 0; k < K; k++)
                grad[(long)r * K + k] += scale * (ysum * exp(zr[k] - lse) - yr[k]);
    }
    return scale * s;
}

static int argmax(const double *v, int K)
{
    int a = 0;
    for (int k = 1; k < K; k++)
        if (v[k] > v[a]) a = k;
    return a;
}

int cc_count_correct(const double *z, const double *y, int rows, int K)
{
    int n = 0;
    for (int r = 0; r < rows; r++) n += argmax(z + (long)r * K, K) == argmax(y + (long)r * K, K);
    return n;
}
