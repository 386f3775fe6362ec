/* cc_sleep.c: the consolidation rules of Fig. 8 (cc_sleep.h).
 *
 * Least squares by one SVD of the rate matrix R (gsl_linalg_SV_decomp, one-sided Jacobi
 * would do as well): every column of U is solved from the same factors, and a rank-deficient
 * R (saturated or silent units) still gets the minimum-norm solution, where a QR solve
 * (torch.lstsq, the original) would divide by a zero pivot. At these sizes (130 x 50) the
 * cost does not matter.
 */
#include "cc_sleep.h"

#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_error.h"

int cc_sleep_lstsq(double *X, const double *R, const double *U, int M, int n, int q, double rcond)
{
    if (M < 1 || n < 1 || q < 1) CC_FAIL(GSL_EINVAL, "sleep least squares: sizes M %d, n %d, q %d", M, n, q);
    /* SV_decomp needs rows >= columns: pad R with zero rows (they change no solution) */
    const int rows = M >= n ? M : n;
    gsl_matrix *A = gsl_matrix_calloc((size_t)rows, (size_t)n), *V = gsl_matrix_alloc((size_t)n, (size_t)n);
    gsl_vector *S = gsl_vector_alloc((size_t)n), *work = gsl_vector_alloc((size_t)n);
    double *tmp = malloc((size_t)n * sizeof(double));
    int status = GSL_ENOMEM;
    if (!A || !V || !S || !work || !tmp) {
        CC_ERRORF(GSL_ENOMEM, "sleep least squares: out of memory");
        goto done;
    }
    for (int i = 0; i < M; i++) memcpy(A->data + (size_t)i * A->tda, R + (long)i * n, (size_t)n * sizeof(double));
    if ((status = gsl_linalg_SV_decomp(A, V, S, work))) goto done; /* R = A S V^T, A now (rows, n) */
    const double smax = gsl_vector_get(S, 0), cut = rcond * smax;
    /* X = V S^+ A^T U, column by column of U */
    for (int c = 0; c < q; c++) {
        for (int k = 0; k < n; k++) { /* tmp_k = (A^T u)_k / s_k */
            const double s = gsl_vector_get(S, (size_t)k);
            double d = 0.0;
            if (s > cut && s > 0.0)
                for (int i = 0; i < M; i++) d += gsl_matrix_get(A, (size_t)i, (size_t)k) * U[(long)i * q + c];
            tmp[k] = s > cut && s > 0.0 ? d / s : 0.0;
        }
        for (int j = 0; j < n; j++) { /* X_jc = sum_k V_jk tmp_k */
            double x = 0.0;
            for (int k = 0; k < n; k++) x += gsl_matrix_get(V, (size_t)j, (size_t)k) * tmp[k];
            X[(long)j * q + c] = x;
        }
    }
    status = GSL_SUCCESS;
done:
    if (A) gsl_matrix_free(A);
    if (V) gsl_matrix_free(V);
    if (S) gsl_vector_free(S);
    if (work) gsl_vector_free(work);
    free(tmp);
    return status;
}

void cc_sleep_bio(double *dW, const double *R, const double *U, int M, int n, int q, int trials)
{
    memset(dW, 0, (size_t)q * n * sizeof(double));
    for (int p = 0; p < M; p++) {
        const double *r = R + (long)p * n, *u = U + (long)p * q;
        double l1 = 0.0;
        for (int j = 0; j < n; j++) l1 += fabs(r[j]);
        if (l1 == 0.0) continue;
        for (int i = 0; i < q; i++) /* dW_ij += u_i sign(r_j) / ||r||_1 / trials */
            for (int j = 0; j < n; j++)
                dW[(long)i * n + j] += u[i] * ((r[j] > 0) - (r[j] < 0)) / l1 / trials;
    }
}

/* u (N) = W_Ch c: the cerebellar columns D..D+C-1 of W_ih (N, Din) times c (C). */
static void drive(double *u, const double *W_ih, const double *c, int N, int Din, int D, int C)
{
    for (int i = 0; i < N; i++) {
        double s = 0.0;
        for (int j = 0; j < C; j++) s += W_ih[(long)i * Din + D + j] * c[j];
        u[i] = s;
    }
}

int cc_sleep_pairs(double *R, double *U, const cc_model *m, int k0, int k1)
{
    const cc_work *w = &m->ws;
    const int B = w->B, T = w->T, N = m->cfg.N, D = m->cfg.D, C = m->C;
    if (m->cfg.arch != CC_ARCH_CEREB_FB) CC_FAIL(GSL_EINVAL, "sleep pairs: the model has no cerebellar feedback");
    if (k0 < 0 || k1 < k0 || k1 > T - 2) CC_FAIL(GSL_EINVAL, "sleep pairs: steps %d..%d outside 0..T-2 = %d", k0, k1, T - 2);
    long row = 0;
    for (int k = k0; k <= k1; k++)
        for (int b = 0; b < B; b++, row++) {
            /* r holds f(h_{t}) at index t + 1; c holds the signal of step t at index t */
            memcpy(R + row * N, w->r + ((long)(k + 1) * B + b) * N, (size_t)N * sizeof(double));
            drive(U + row * N, m->w->W_ih, w->c + ((long)(k + 1) * B + b) * C, N, m->Din, D, C);
        }
    return GSL_SUCCESS;
}

void cc_sleep_apply(cc_model *m, const double *dW, double gain, double decay)
{
    const int N = m->cfg.N, D = m->cfg.D, Din = m->Din;
    for (long i = 0; i < (long)N * N; i++) m->w->W_hh[i] += gain * dW[i];
    for (int i = 0; i < N; i++)
        for (int j = D; j < Din; j++) m->w->W_ih[(long)i * Din + j] *= 1.0 - decay;
}

double cc_sleep_wch_norm(const cc_model *m)
{
    const int N = m->cfg.N, D = m->cfg.D, Din = m->Din;
    double s = 0.0;
    for (int i = 0; i < N; i++)
        for (int j = D; j < Din; j++) s += m->w->W_ih[(long)i * Din + j] * m->w->W_ih[(long)i * Din + j];
    return sqrt(s);
}

double cc_sleep_cosine(const cc_model *m, const double *W_hh_orig, const double *W_ih_orig)
{
    const cc_work *w = &m->ws;
    const int B = w->B, T = w->T, N = m->cfg.N, D = m->cfg.D, C = m->C, Din = m->Din;
    double total = 0.0;
    long n = 0;
    double a[4096], b[4096]; /* N <= 4096 checked below */
    if (N > 4096) return NAN;
    for (int k = 0; k + 1 < T; k++)
        for (int bb = 0; bb < B; bb++) {
            const double *r = w->r + ((long)(k + 1) * B + bb) * N, *c = w->c + ((long)(k + 1) * B + bb) * C;
            drive(a, W_ih_orig, c, N, Din, D, C); /* a = W_Ch,orig c_{k+1} + W_hh,orig r_k; b = W_hh r_k */
            double ab = 0.0, aa = 0.0, bn = 0.0;
            for (int i = 0; i < N; i++) {
                double so = 0.0, sn = 0.0;
                for (int j = 0; j < N; j++) {
                    so += W_hh_orig[(long)i * N + j] * r[j];
                    sn += m->w->W_hh[(long)i * N + j] * r[j];
                }
                a[i] += so;
                b[i] = sn;
                ab += a[i] * b[i];
                aa += a[i] * a[i];
                bn += b[i] * b[i];
            }
            if (aa > 0.0 && bn > 0.0) {
                total += ab / sqrt(aa * bn);
                n++;
            }
        }
    return n ? total / n : NAN;
}

struct cc_sleep_ws {
    cc_sleep_params p;
    cc_task task;
    int N, rows;          /* units; pairs (k1 - k0 + 1) trials */
    double *R, *U, *X, *dW; /* (rows, N), (rows, N), (N, N), (N, N) */
    cc_batch *b;
};

void cc_sleep_ws_free(cc_sleep_ws *ws)
{
    if (!ws) return;
    free(ws->R);
    free(ws->U);
    free(ws->X);
    free(ws->dW);
    cc_batch_free(ws->b);
    free(ws);
}

cc_sleep_ws *cc_sleep_ws_alloc(const cc_model *m, const cc_task *task, const cc_sleep_params *p)
{
    cc_sleep_ws *ws = calloc(1, sizeof *ws);
    if (!ws) {
        CC_ERRORF(GSL_ENOMEM, "sleep session: out of memory");
        return NULL;
    }
    const int N = m->cfg.N, rows = (p->k1 - p->k0 + 1) * p->trials;
    *ws = (cc_sleep_ws){.p = *p, .task = *task, .N = N, .rows = rows};
    ws->R = malloc((size_t)rows * N * sizeof(double));
    ws->U = malloc((size_t)rows * N * sizeof(double));
    ws->X = malloc((size_t)N * N * sizeof(double));
    ws->dW = malloc((size_t)N * N * sizeof(double));
    ws->b = cc_batch_alloc(task, p->trials);
    if (rows < 1 || !ws->R || !ws->U || !ws->X || !ws->dW || !ws->b) {
        cc_sleep_ws_free(ws);
        CC_ERRORF(GSL_ENOMEM, "sleep session: no buffers for %d pairs of %d units", rows, N);
        return NULL;
    }
    return ws;
}

int cc_sleep_session(cc_model *m, cc_sleep_ws *ws, cc_sleep_rule rule, gsl_rng *trials, gsl_rng *noise)
{
    const cc_sleep_params *p = &ws->p;
    const int N = ws->N;
    int s = cc_task_sample(ws->b, &ws->task, trials, noise);
    if (!s) s = cc_model_eval_batch(m, ws->b, NULL); /* no targets, no learning */
    if (!s) s = cc_sleep_pairs(ws->R, ws->U, m, p->k0, p->k1);
    if (s) return s;
    if (rule == CC_SLEEP_LSTSQ) { /* X = argmin ||R X - U||, dW = X^T */
        if ((s = cc_sleep_lstsq(ws->X, ws->R, ws->U, ws->rows, N, N, p->rcond))) return s;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) ws->dW[(long)i * N + j] = ws->X[(long)j * N + i];
        cc_sleep_apply(m, ws->dW, p->rate, p->rate);
    } else { /* the local rule, scaled as the original: rate dW / (steps / h) */
        cc_sleep_bio(ws->dW, ws->R, ws->U, ws->rows, N, N, p->trials);
        cc_sleep_apply(m, ws->dW, p->rate * p->bio_h / (p->k1 - p->k0 + 1), p->rate);
    }
    return GSL_SUCCESS;
}
