/* cc_model.c: forward pass and learning of the cortico-cerebellar model (cc_model.h).
 *
 * A batch runs in three stages: the time loop (cortex, feedback, readout, e-prop
 * traces, and the cerebellum's own learning, whose loss at step t is known at step t),
 * the task loss with its output gradients, then the backward products, each one GEMM
 * over all (t, trial) rows. No allocation happens inside the time loop: the workspace
 * grows only when a batch larger than any before arrives.
 */
#include "cc_model.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_cerebellum.h"
#include "cc_cortex.h"
#include "cc_linalg.h"
#include "cc_loss.h"
#include "cc_mf.h"
#include "cc_rng.h"

/* The workspace arrays in a fixed order; their capacities are w->cap[] in that order. */
static void work_list(cc_work *w, double **list[CC_WORK_NARRAYS])
{
    double **l[CC_WORK_NARRAYS] = {&w->h, &w->r, &w->xt, &w->z, &w->dz, &w->c, &w->g, &w->keep,
                                   &w->p, &w->dp, &w->L, &w->delta, &w->eps_in, &w->eps_rec, &w->scratch,
                                   &w->u, &w->W_cortex, &w->noise, &w->pn};
    memcpy(list, l, sizeof l);
}

static void work_free(cc_work *w)
{
    double **a[CC_WORK_NARRAYS];
    work_list(w, a);
    for (int i = 0; i < CC_WORK_NARRAYS; i++) {
        free(*a[i]);
        *a[i] = NULL;
        w->cap[i] = 0;
    }
}

/* Make room for B trials of T steps. Granule rates and dropout masks are kept for the
 * current step only (the cerebellum learns within the step); the granule errors of every
 * step (scratch) exist only to learn. */
static void work_need(const cc_config *cfg, long B, long T, int learn, int noise, double need[CC_WORK_NARRAYS])
{
    const double bt = (double)B * T, bt1 = (double)B * (T + 1);
    const int Cw = cc_config_cereb_outputs(cfg);
    const double N = cfg->N, O = cfg->O, G = cfg->G, C = Cw ? Cw : 1, Din = cfg->D + cc_config_feedback_dim(cfg);
    const int has_g = cfg->arch == CC_ARCH_CEREB_FB || cfg->arch == CC_ARCH_CEREB_READOUT;
    const double n[CC_WORK_NARRAYS] = {
        bt1 * N, bt1 * N, bt * Din, bt * O, bt * O, bt * (C > O ? C : O), has_g ? B * G : 1,
        cfg->arch == CC_ARCH_CEREB_READOUT && learn ? B * G : 1, bt1 * C, bt1 * C, bt * N, bt * N, bt * Din, bt * N,
        has_g && learn ? bt1 * G : 1, (double)B * (Din + N), N * (Din + N),
        !learn && cfg->arch == CC_ARCH_CEREB_FB && noise ? bt * C : 1, cfg->pons > 0 ? bt1 * cfg->pons : 1};
    memcpy(need, n, sizeof n);
}

double cc_model_memory(const cc_config *cfg, long B_learn, long B_eval, int T)
{
    double a[CC_WORK_NARRAYS], b[CC_WORK_NARRAYS], bytes = 0.0;
    work_need(cfg, B_learn, T, 1, 1, a); /* with cerebellar output noise: the larger */
    work_need(cfg, B_eval, T, 0, 1, b);
    for (int i = 0; i < CC_WORK_NARRAYS; i++) bytes += (a[i] > b[i] ? a[i] : b[i]) * sizeof(double);
    bytes += 4.0 * cc_params_bytes(cfg); /* weights, gradient, Adam's two moments */
    if (cfg->mf_inputs > 0 && cfg->arch == CC_ARCH_CEREB_FB) bytes += (double)cfg->N * cfg->G * sizeof(double);
    if (cfg->pons > 0) bytes += (double)cfg->pons * cfg->N * sizeof(double); /* W_pons */
    return bytes;
}

static int work_reserve(cc_model *m, int B, int T, int learn)
{
    cc_work *w = &m->ws;
    w->B = B;
    w->T = T;
    double nd[CC_WORK_NARRAYS];
    work_need(&m->cfg, B, T, learn, m->cereb_noise > 0, nd);
    long need[CC_WORK_NARRAYS];
    for (int i = 0; i < CC_WORK_NARRAYS; i++) need[i] = (long)nd[i];
    double **a[CC_WORK_NARRAYS];
    work_list(w, a);
    for (int i = 0; i < CC_WORK_NARRAYS; i++) {
        if (need[i] <= w->cap[i]) continue;
        free(*a[i]);
        *a[i] = calloc((size_t)need[i], sizeof(double));
        w->cap[i] = *a[i] ? need[i] : 0;
        if (!*a[i]) GSL_ERROR("out of memory for the model workspace", GSL_ENOMEM);
    }
    if (m->granule_silenced > 0 && m->cfg.arch == CC_ARCH_CEREB_FB && !m->W_MF_silenced) {
        m->W_MF_silenced = malloc(cc_params_count(m->w, CC_W_MF) * sizeof(double));
        if (!m->W_MF_silenced) GSL_ERROR("out of memory for the silenced granule layer", GSL_ENOMEM);
    }
    return GSL_SUCCESS;
}

/* W_pons (P, N) with entries N(0, 1/N): each pontine rate has the scale of one cortical rate
 * (a Gaussian random projection), from its own stream so that no other draw moves. NULL if out
 * of memory. */
static double *pons_draw(const cc_config *cfg, unsigned long seed)
{
    const long n = (long)cfg->pons * cfg->N;
    double *W = malloc((size_t)n * sizeof(double));
    gsl_rng *r = cc_rng_stream(seed, CC_STREAM_PONS);
    if (W && r)
        for (long i = 0; i < n; i++) W[i] = gsl_ran_gaussian(r, 1.0 / sqrt((double)cfg->N));
    else {
        free(W);
        W = NULL;
    }
    if (r) gsl_rng_free(r);
    return W;
}

cc_model *cc_model_alloc(const cc_config *cfg, unsigned long seed)
{
    if (cc_config_validate(cfg) != GSL_SUCCESS) return NULL;
    cc_model *m = calloc(1, sizeof *m);
    if (!m) GSL_ERROR_NULL("out of memory for the model", GSL_ENOMEM);
    m->cfg = *cfg;
    m->F = cc_config_feedback_dim(cfg);
    m->C = cc_config_cereb_outputs(cfg);
    m->Din = cfg->D + m->F;
    m->silence_from = -1;
    m->silence_until = -1;
    m->w = cc_params_alloc(cfg);
    m->grad = cc_params_alloc(cfg);
    m->adam = cc_adam_alloc(cfg);
    m->dropout_state = cc_rng_seed(seed, CC_STREAM_DROPOUT);
    m->rng_cnoise = cc_rng_stream(seed, CC_STREAM_CNOISE);
    gsl_rng *rw = cc_rng_stream(seed, CC_STREAM_WEIGHTS);
    if (!m->w || !m->grad || !m->adam || !m->rng_cnoise || !rw) {
        if (rw) gsl_rng_free(rw);
        cc_model_free(m);
        GSL_ERROR_NULL("cannot allocate the model", GSL_ENOMEM);
    }
    cc_params_init_uniform(m->w, rw);
    if (cfg->mf_inputs > 0 && cfg->arch == CC_ARCH_CEREB_FB) {
        /* sparse mossy fibres: each granule cell samples mf_inputs distinct cortical units */
        const int G = cfg->G, N = cfg->N;
        m->mf_mask = calloc((size_t)N * G, sizeof(double)); /* (N, G), like the stored W_MF^T */
        int *idx = malloc((size_t)N * sizeof(int)), *pick = malloc((size_t)cfg->mf_inputs * sizeof(int));
        if (!m->mf_mask || !idx || !pick) {
            free(idx);
            free(pick);
            gsl_rng_free(rw);
            cc_model_free(m);
            GSL_ERROR_NULL("cannot allocate the mossy-fibre mask", GSL_ENOMEM);
        }
        for (int j = 0; j < N; j++) idx[j] = j;
        for (int i = 0; i < G; i++) {
            gsl_ran_choose(rw, pick, (size_t)cfg->mf_inputs, idx, (size_t)N, sizeof(int));
            for (int k = 0; k < cfg->mf_inputs; k++) m->mf_mask[(long)pick[k] * G + i] = 1.0;
        }
        for (long i = 0; i < (long)G * N; i++) m->w->W_MF[i] *= m->mf_mask[i];
        free(idx);
        free(pick);
    }
    gsl_rng_free(rw);
    if (cfg->pons > 0 && !(m->W_pons = pons_draw(cfg, seed))) {
        cc_model_free(m);
        GSL_ERROR_NULL("cannot allocate the pontine projection", GSL_ENOMEM);
    }
    const int cb = cfg->arch == CC_ARCH_CEREB_FB;
    m->trainable[CC_W_IH] = cfg->plasticity >= CC_CORTEX_INPUT;
    m->trainable[CC_W_HH] = cfg->plasticity == CC_CORTEX_INPUT_REC;
    m->trainable[CC_W_RO] = m->trainable[CC_B_RO] = 1;
    m->trainable[CC_W_MF] = cb ? cfg->plastic_mf : 1; /* the cerebellar readout learns both layers */
    m->trainable[CC_W_PF] = 1;
    return m;
}

void cc_model_free(cc_model *m)
{
    if (!m) return;
    cc_params_free(m->w);
    cc_params_free(m->grad);
    cc_adam_free(m->adam);
    if (m->rng_cnoise) gsl_rng_free(m->rng_cnoise);
    free(m->mf_mask);
    free(m->W_pons);
    free(m->W_MF_silenced);
    work_free(&m->ws);
    free(m);
}

/* The cerebellar signal sent to the cortex at step t for B trials: softmax, silencing (steps
 * silence_from <= t < silence_until, or to the end), then noise (the authors' order: a silenced
 * cerebellum still emits its output noise). The noise is drawn here, or read from `noise` (B, C)
 * when an evaluation drew it beforehand. */
static void cereb_signal(cc_model *m, double *c, const double *p, int t, int B, const double *noise)
{
    const int C = m->C;
    if (m->cfg.classification) cc_softmax_rows(c, p, B, C);
    else memcpy(c, p, (size_t)B * C * sizeof(double));
    const int silenced = m->silence_from >= 0 && t >= m->silence_from && (m->silence_until < 0 || t < m->silence_until);
    int off = silenced ? C : (int)(m->silence_fraction * C);
    if (off > C) off = C;
    if (off > 0)
        for (int b = 0; b < B; b++) memset(c + (long)b * C, 0, (size_t)off * sizeof(double));
    if (m->cereb_noise > 0) /* c += sigma N(0, 1) */
        for (long i = 0; i < (long)B * C; i++) c[i] += noise ? noise[i] : gsl_ran_gaussian(m->rng_cnoise, m->cereb_noise);
}

/* Copy rows (B, k) into columns [col, col+k) of a (B, ld) array. */
static void put_cols(double *dst, int ld, int col, const double *src, int B, int k)
{
    for (int b = 0; b < B; b++) memcpy(dst + (long)b * ld + col, src + (long)b * k, (size_t)k * sizeof(double));
}

/* Steps of `mask` (T). */
static int count_steps(const unsigned char *mask, int T)
{
    int n = 0;
    for (int t = 0; t < T; t++) n += mask[t] != 0;
    return n;
}

/* Task loss of step t (one of n steps with loss); adds dE/dz_t into dz_t (B, O) if not NULL. */
static double task_loss_at(const cc_model *m, const cc_batch *bt, int t, int n, double *dz_t)
{
    const int B = bt->B, O = m->cfg.O;
    const long o = (long)t * B * O;
    if (m->cfg.classification) return cc_loss_xent(dz_t, m->ws.z + o, bt->y + o, B, O, 1.0 / ((double)B * n));
    return cc_loss_mse(dz_t, m->ws.z + o, bt->y + o, B, O, 1.0 / ((double)B * n * O));
}

/* Task loss on the steps of `mask`; adds dE/dz into dz when dz is not NULL. */
static double task_loss(const cc_model *m, const cc_batch *bt, const unsigned char *mask, double *dz)
{
    const int n = count_steps(mask, bt->T);
    double loss = 0.0;
    for (int t = 0; t < bt->T; t++)
        if (mask[t]) loss += task_loss_at(m, bt, t, n, dz ? dz + (long)t * bt->B * m->cfg.O : NULL);
    return loss;
}

/* Learning of the cerebellar readout at step t, while its granule rates g (B, G) are in
 * cache: dz_t of the task loss, dW_PF += dz_t^T g and the granule errors da_t (B, G) in the
 * scratch rows of step t (zero on steps without loss); the products with W_MF wait for the
 * whole trial (readout_learn_mf). n = steps with loss. */
static void readout_learn_step(cc_model *m, const cc_batch *bt, int t, int n, double gain)
{
    cc_work *w = &m->ws;
    const int B = bt->B, O = m->cfg.O, G = m->cfg.G;
    double *dz = w->dz + (long)t * B * O, *da = w->scratch + (long)t * B * G;
    memset(dz, 0, (size_t)B * O * sizeof(double));
    if (!bt->mask_train[t]) {
        memset(da, 0, (size_t)B * G * sizeof(double));
        return;
    }
    task_loss_at(m, bt, t, n, dz);
    cc_cereb_backward(m->grad->W_PF, da, dz, w->g, m->w->W_PF, gain, B, G, O);
}

/* dW_MF^T += R^T da over the trial (the inputs of z_t are r_t) and, for a plastic cortex,
 * the learning signal L = da W_MF. */
static void readout_learn_mf(cc_model *m, int B, int T)
{
    cc_work *w = &m->ws;
    const int N = m->cfg.N, G = m->cfg.G, TB = T * B;
    const double *R = w->r + (long)B * N; /* r_0 .. r_{T-1} */
    if (cc_mf_fma_on()) cc_mf_product_tn_add(m->grad->W_MF, R, w->scratch, N, TB, G);
    else cc_gemm(CblasTrans, CblasNoTrans, 1.0, R, TB, N, w->scratch, TB, G, 1.0, m->grad->W_MF, N, G);
    if (m->cfg.plasticity != CC_CORTEX_FIXED)
        cc_gemm(CblasNoTrans, CblasTrans, 1.0, w->scratch, TB, G, m->w->W_MF, N, G, 0.0, w->L, TB, N);
}

/* Range [*lo, *hi] of the loop steps t whose prediction p_t is trained (empty: lo > hi). */
static void cereb_range(const cc_model *m, const cc_batch *bt, int *lo, int *hi)
{
    const cc_config *cf = &m->cfg;
    const int blocks = cf->temporal_basis ? cf->tau + 1 : 1;
    *lo = bt->T + 1;
    *hi = -1;
    for (int t = 0; t <= bt->T; t++)
        for (int j = 0; j < blocks; j++)
            if (cc_cereb_target_step(t, cf->temporal_basis ? j : cf->tau, cf->tau, bt->T, cf->final_learning,
                                     bt->mask_train) >= 0) {
                if (t < *lo) *lo = t;
                *hi = t;
            }
}

/* Cerebellar delayed-target loss of the prediction p (B, C) made at step t, and its
 * gradient added into dp (B, C), which is zero on entry (run_forward clears it per batch);
 * returns 0 if no block of p_t is trained. Scale: squared error / (B O nv) over the nv trained
 * blocks (the original's mean over its target, cut to the blocks it has), cross-entropy / B. */
static int cereb_target_at(const cc_model *m, const cc_batch *bt, int t, const double *p, double *dp, double *loss)
{
    const cc_config *cf = &m->cfg;
    const int B = bt->B, O = cf->O, C = m->C, tau = cf->tau;
    const int blocks = cf->temporal_basis ? tau + 1 : 1;
    int s[64], nv = 0; /* target step of each block */
    for (int j = 0; j < blocks; j++) {
        s[j] = cc_cereb_target_step(t, cf->temporal_basis ? j : tau, tau, bt->T, cf->final_learning, bt->mask_train);
        nv += s[j] >= 0;
    }
    *loss = 0.0;
    if (nv == 0) return 0;
    for (int j = 0; j < blocks; j++) {
        if (s[j] < 0) continue;
        const double *y = bt->y + (long)s[j] * B * O;
        for (int b = 0; b < B; b++) {
            const double *pb = p + (long)b * C + j * O, *yb = y + (long)b * O;
            double *db = dp + (long)b * C + j * O;
            if (cf->classification) *loss += cc_loss_xent(db, pb, yb, 1, O, 1.0 / B);   /* mean over trials */
            else *loss += cc_loss_mse(db, pb, yb, 1, O, 1.0 / ((double)B * O * nv)); /* mean over entries */
        }
    }
    return 1;
}

/* Cerebellar learning at loop step t, while the granule rates g (B, G) of p_t are in cache:
 * dW_PF += dp_t^T g and, for plastic mossy fibres, the granule errors da_t (B, G) in the
 * scratch rows of step t (zero if p_t is untrained); the mossy-fibre product waits for the
 * whole range (cereb_learn_mf). Adds the call's loss to *total and counts it in *calls. */
static void cereb_learn_step(cc_model *m, const cc_batch *bt, int t, const double *g, double *total, int *calls)
{
    cc_work *w = &m->ws;
    const int B = bt->B, G = m->cfg.G, C = m->C;
    if (t < w->cereb_lo || t > w->cereb_hi) return;
    double *dp = w->dp + (long)t * B * C, loss;
    double *da = m->trainable[CC_W_MF] ? w->scratch + (long)t * B * G : NULL;
    if (!cereb_target_at(m, bt, t, w->p + (long)t * B * C, dp, &loss)) {
        if (da) memset(da, 0, (size_t)B * G * sizeof(double));
        return;
    }
    cc_cereb_backward(m->grad->W_PF, da, dp, g, m->w->W_PF, 1.0, B, G, C);
    *total += loss;
    (*calls)++;
}

/* dW_MF^T += m^T da over the trained range: the inputs of p_t are r_{t-1} (z_{t-1} with pons). */
static void cereb_learn_mf(cc_model *m, int B)
{
    cc_work *w = &m->ws;
    if (!m->trainable[CC_W_MF] || w->cereb_hi < w->cereb_lo) return;
    const int N = cc_config_mf_width(&m->cfg), G = m->cfg.G, rows = (w->cereb_hi - w->cereb_lo + 1) * B;
    const long o = (long)w->cereb_lo * B;
    const double *in = m->cfg.pons > 0 ? w->pn : w->r;
    if (cc_mf_fma_on()) cc_mf_product_tn_add(m->grad->W_MF, in + o * N, w->scratch + o * G, N, rows, G);
    else cc_gemm(CblasTrans, CblasNoTrans, 1.0, in + o * N, rows, N, w->scratch + o * G, rows, G, 1.0, m->grad->W_MF, N,
                 G);
}

/* The mossy-fibre input of n rows of cortical rates r (n, N): r itself, or with pons its
 * projection z = r W_pons^T into zp (n, P); NULL stays NULL (r_{-1} = 0). */
static const double *mf_input(const cc_model *m, const double *r, double *zp, int n)
{
    if (!r || m->cfg.pons <= 0) return r;
    cc_gemm(CblasNoTrans, CblasTrans, 1.0, r, n, m->cfg.N, m->W_pons, m->cfg.pons, m->cfg.N, 0.0, zp, n, m->cfg.pons);
    return zp;
}

/* The stored W_MF^T the forward pass uses: the model's, or its copy with the silenced granule cells cut. */
static const double *mf_weights(const cc_model *m)
{
    return m->granule_silenced > 0 ? m->W_MF_silenced : m->w->W_MF;
}

/* keep (n) <- 1 where a 32-bit draw u >= drop_below, else 0: two draws per SplitMix64 call.
 * Branch-free: with p = 0.2 a branch on the draw mispredicts one time in five. */
static void dropout_mask(double *keep, long n, unsigned long long drop_below, unsigned long long *state)
{
    for (long i = 0; i < n; i += 2) {
        const unsigned long long u = cc_splitmix64(state);
        keep[i] = (double)(long long)((((u & 0xFFFFFFFFULL) - drop_below) >> 63) ^ 1); /* u_lo >= drop_below */
        if (i + 1 < n) keep[i + 1] = (double)(long long)((((u >> 32) - drop_below) >> 63) ^ 1);
    }
}

/* What every step of one pass needs. */
typedef struct {
    int eprop, dropout, cereb_learn, readout_learn, n_loss;
    int step_readout;              /* 1: z_t of every architecture at its step (evaluation) */
    double gain;                   /* dropout's 1 / (1 - p) */
    unsigned long long drop_below; /* a unit is dropped when a 32-bit draw u < p 2^32 */
    const double *noise;           /* (T, B, C) cerebellar noise drawn beforehand, or NULL */
    double cereb_total;            /* sum of the cerebellar losses, and their number */
    int cereb_calls;
} pass;

/* Step t of the time loop for the trials b0 .. b0+n-1 of the batch (all of them when
 * learning): cortex, feedback, readout, e-prop traces, cerebellar learning. Every array is
 * indexed in the whole batch's (t, trial) layout; g and u hold the n rows of this step only. */
static void forward_step(cc_model *m, const cc_batch *bt, pass *k, int t, int b0, int n)
{
    const cc_config *cf = &m->cfg;
    cc_work *w = &m->ws;
    const int B = bt->B, D = cf->D, N = cf->N, O = cf->O, G = cf->G, C = m->C, Din = m->Din;
    const long row = (long)t * B + b0; /* row of (t, b0); index 0 of h and r is t = -1 */
    const cc_params *P = m->w;
    const double *h_prev = w->h + row * N, *r_prev = w->r + row * N;
    double *h = w->h + (row + B) * N, *r = w->r + (row + B) * N;
    double *xt = w->xt + row * Din, *z = w->z + row * O;
    put_cols(xt, Din, 0, bt->x + row * D, n, D);
    if (cf->arch == CC_ARCH_CEREB_FB) {
        double *p = w->p + row * C, *c = w->c + row * C;
        /* p_t = C(r_{t-1}), or C(z_{t-1}) with pons */
        const double *in = mf_input(m, t ? r_prev : NULL, w->pn + row * (cf->pons > 0 ? cf->pons : 0), n);
        cc_cereb_forward(w->g, p, in, mf_weights(m), P->W_PF, NULL, 1.0, n, cc_config_mf_width(cf), G, C);
        if (k->cereb_learn) cereb_learn_step(m, bt, t, w->g, &k->cereb_total, &k->cereb_calls);
        cereb_signal(m, c, p, t, n, k->noise ? k->noise + row * C : NULL);
        put_cols(xt, Din, D, c, n, C);
    } else if (cf->arch == CC_ARCH_READOUT_FB) {
        double *fb = w->c + row * O; /* reuse c for z_{t-1} as fed back */
        if (t == 0) /* z_{-1} = 0: fed back as 0, or softmax(0) = 1/O in classification */
            for (long i = 0; i < (long)n * O; i++) fb[i] = cf->classification ? 1.0 / O : 0.0;
        else if (cf->classification) cc_softmax_rows(fb, w->z + (row - B) * O, n, O);
        else memcpy(fb, w->z + (row - B) * O, (size_t)n * O * sizeof(double));
        put_cols(xt, Din, D, fb, n, O);
    }
    put_cols(w->u, Din + N, 0, xt, n, Din);                                  /* u = [xt_t | r_{t-1}] */
    put_cols(w->u, Din + N, Din, r_prev, n, N);
    cc_cortex_step(h, r, h_prev, w->u, w->W_cortex, cf->alpha, n, N, Din, m->cortex_silenced);
    if (cf->arch == CC_ARCH_CEREB_READOUT) {
        double *keep = k->dropout ? w->keep : NULL;
        if (keep) dropout_mask(keep, (long)n * G, k->drop_below, &m->dropout_state);
        cc_cereb_forward(w->g, z, r, P->W_MF, P->W_PF, keep, k->gain, n, N, G, O); /* z_t = C(r_t) */
        if (k->readout_learn) readout_learn_step(m, bt, t, k->n_loss, k->gain);
    } else if (cf->arch == CC_ARCH_READOUT_FB || k->step_readout) { /* readout feedback needs z_t at t + 1 */
        cc_gemm(CblasNoTrans, CblasTrans, 1.0, r, n, N, P->W_ro, O, N, 0.0, z, n, O); /* z_t = W_ro r_t */
        cc_add_row(z, P->b_ro, n, O);                                                    /*     + b_ro */
    }
    if (k->eprop) {
        cc_eprop_trace(w->eps_in + row * Din, t ? w->eps_in + (row - B) * Din : NULL, xt, cf->alpha, (long)n * Din);
        if (cf->plasticity == CC_CORTEX_INPUT_REC)
            cc_eprop_trace(w->eps_rec + row * N, t ? w->eps_rec + (row - B) * N : NULL, r_prev, cf->alpha,
                           (long)n * N);
    }
}

/* Time loop: fills h, r, xt, z, c, g, p and, when learning, the e-prop traces and the
 * cerebellar gradients (cereb_learn_step); returns the mean loss of the cerebellar calls.
 * Learning runs every step over the whole batch. Evaluation runs the trials in chunks through
 * all steps, each step in blocks of cc_model_eval_rows() trials: the same products on the same
 * rows whatever the chunk, so the same bits as all trials step after step (eval_chunk < 0),
 * with a chunk's rates in cache. */
static double run_forward(cc_model *m, const cc_batch *bt, int learn)
{
    const cc_config *cf = &m->cfg;
    cc_work *w = &m->ws;
    const int B = bt->B, T = bt->T, N = cf->N, O = cf->O, G = cf->G, C = m->C;
    const long BN = (long)B * N;
    const cc_params *P = m->w;
    pass k = {0};
    k.eprop = learn && cf->rule == CC_RULE_EPROP && cf->plasticity != CC_CORTEX_FIXED;
    k.dropout = learn && cf->arch == CC_ARCH_CEREB_READOUT && cf->dropout > 0;
    k.gain = k.dropout ? 1.0 / (1.0 - cf->dropout) : 1.0;
    /* a unit is dropped when a 32-bit draw u < p 2^32: P = p to within 2^-32 */
    k.drop_below = (unsigned long long)ceil(cf->dropout * 4294967296.0);
    k.cereb_learn = learn && cf->arch == CC_ARCH_CEREB_FB;
    k.readout_learn = learn && cf->arch == CC_ARCH_CEREB_READOUT;
    k.n_loss = count_steps(bt->mask_train, T);
    k.step_readout = !learn;
    if (k.cereb_learn) { /* dp of untrained steps stays 0: no value of an earlier batch remains */
        cereb_range(m, bt, &w->cereb_lo, &w->cereb_hi);
        memset(w->dp, 0, (size_t)(T + 1) * B * C * sizeof(double));
    }
    cc_cortex_concat(w->W_cortex, P->W_ih, P->W_hh, N, m->Din); /* the weights may have changed */
    memset(w->h, 0, BN * sizeof(double)); /* h_{-1} = r_{-1} = 0 */
    memset(w->r, 0, BN * sizeof(double));
    if (cf->pons > 0) memset(w->pn, 0, (size_t)B * cf->pons * sizeof(double)); /* z_{-1} = 0 */
    if (m->granule_silenced > 0 && cf->arch == CC_ARCH_CEREB_FB) { /* the first k columns of W_MF^T cut */
        const int Nm = cc_config_mf_width(cf), k = m->granule_silenced < G ? m->granule_silenced : G;
        memcpy(m->W_MF_silenced, P->W_MF, (size_t)Nm * G * sizeof(double));
        for (int i = 0; i < Nm; i++) memset(m->W_MF_silenced + (long)i * G, 0, (size_t)k * sizeof(double));
    }
    if (!learn) {
        if (cf->arch == CC_ARCH_CEREB_FB && m->cereb_noise > 0) { /* in the order of the steps, then trials */
            for (long i = 0; i < (long)T * B * C; i++) w->noise[i] = gsl_ran_gaussian(m->rng_cnoise, m->cereb_noise);
            k.noise = w->noise;
        }
        const int R = cc_model_eval_rows(m);
        int chunk = m->eval_chunk < 0 || m->eval_chunk >= B ? B : m->eval_chunk > 0 ? m->eval_chunk : R;
        chunk = (chunk + R - 1) / R * R; /* whole blocks: the same products as any other chunk size */
        for (int c0 = 0; c0 < B; c0 += chunk) {
            const int c1 = B - c0 < chunk ? B : c0 + chunk;
            for (int t = 0; t < T; t++)
                for (int b = c0; b < c1; b += R) forward_step(m, bt, &k, t, b, c1 - b < R ? c1 - b : R);
        }
        return 0.0;
    }
    for (int t = 0; t < T; t++) forward_step(m, bt, &k, t, 0, B);
    if (cf->arch == CC_ARCH_NONE || cf->arch == CC_ARCH_CEREB_FB) { /* no step reads z: all steps at once */
        cc_gemm(CblasNoTrans, CblasTrans, 1.0, w->r + BN, T * B, N, P->W_ro, O, N, 0.0, w->z, T * B, O);
        cc_add_row(w->z, P->b_ro, T * B, O);
    }
    if (k.cereb_learn && cf->tau == 0) { /* extra call: p_T = C(r_{T-1}) trains on y_{T-1} */
        const double *in = mf_input(m, w->r + T * BN, w->pn + (long)T * B * (cf->pons > 0 ? cf->pons : 0), B);
        cc_cereb_forward(w->g, w->p + (long)T * B * C, in, mf_weights(m), P->W_PF, NULL, 1.0, B, cc_config_mf_width(cf), G, C);
        cereb_learn_step(m, bt, T, w->g, &k.cereb_total, &k.cereb_calls);
    }
    if (k.cereb_learn) cereb_learn_mf(m, B);
    if (k.readout_learn) readout_learn_mf(m, B, T);
    return k.cereb_calls ? k.cereb_total / k.cereb_calls : 0.0;
}

int cc_model_eval_rows(const cc_model *m)
{
    if (m->eval_rows > 0) return m->eval_rows;
    const long per = CC_GEMM_BLOCK_MNK / ((long)m->cfg.N * m->cfg.G);
    return per < 1 ? 1 : per > 1000000 ? 1000000 : (int)per;
}

static int check_batch(const cc_model *m, const cc_batch *b)
{
    if (!b || b->B < 1 || b->T < 1) GSL_ERROR("model: empty batch", GSL_EINVAL);
    if (b->D != m->cfg.D || b->O != m->cfg.O)
        GSL_ERROR("model: batch input/target widths do not match the model", GSL_EBADLEN);
    if (!!b->classification != !!m->cfg.classification)
        GSL_ERROR("model: classification flag of batch and model differ", GSL_EINVAL);
    if (m->cfg.temporal_basis && m->cfg.tau > CC_TAU_BASIS_MAX) GSL_ERROR("model: tau too large for the temporal basis (see cc_config_validate)", GSL_EINVAL);
    return GSL_SUCCESS;
}

/* Evaluation scores on mask_eval. */
static void score(const cc_model *m, const cc_batch *bt, cc_stats *st)
{
    const int B = bt->B, O = m->cfg.O;
    st->mse = st->xent = st->acc = 0.0;
    if (m->cfg.classification) {
        long correct = 0, n = 0;
        for (int t = 0; t < bt->T; t++) {
            if (!bt->mask_eval[t]) continue;
            correct += cc_count_correct(m->ws.z + (long)t * B * O, bt->y + (long)t * B * O, B, O);
            n += B;
        }
        st->acc = n ? (double)correct / n : 0.0;
        st->xent = task_loss(m, bt, bt->mask_eval, NULL);
    } else {
        st->mse = task_loss(m, bt, bt->mask_eval, NULL);
    }
}

/* The tensors whose gradient a batch writes (from the configuration) or Adam reads
 * (trainable): the ones to zero before the batch. With fixed mossy fibres that skips
 * 50 000 of 52 000 doubles. */
static void grad_targets(const cc_model *m, int which[CC_NTENSOR])
{
    const cc_config *cf = &m->cfg;
    const int readout = cf->arch == CC_ARCH_CEREB_READOUT;
    for (int k = 0; k < CC_NTENSOR; k++) which[k] = m->trainable[k];
    which[CC_W_IH] |= cf->plasticity != CC_CORTEX_FIXED;
    which[CC_W_HH] |= cf->plasticity == CC_CORTEX_INPUT_REC;
    which[CC_W_RO] |= !readout;
    which[CC_B_RO] |= !readout;
    which[CC_W_PF] |= readout || cf->arch == CC_ARCH_CEREB_FB;
    which[CC_W_MF] |= readout; /* cerebellar feedback writes it only when trainable */
}

int cc_model_grad_batch(cc_model *m, const cc_batch *bt, cc_stats *st)
{
    if (check_batch(m, bt) != GSL_SUCCESS) return GSL_EINVAL;
    if (work_reserve(m, bt->B, bt->T, 1) != GSL_SUCCESS) return GSL_ENOMEM;
    const cc_config *cf = &m->cfg;
    cc_work *w = &m->ws;
    cc_params *P = m->w, *dP = m->grad;
    const int B = bt->B, T = bt->T, N = cf->N, O = cf->O, G = cf->G, Din = m->Din;
    const long TB = (long)T * B;
    int zero[CC_NTENSOR];
    grad_targets(m, zero);
    cc_params_zero_some(dP, zero); /* the others stay at their zeros from allocation */
    cc_stats s = {0};
    s.cereb_loss = run_forward(m, bt, 1); /* the cerebellum learns on its own targets as it goes */
    if (cf->arch == CC_ARCH_CEREB_READOUT) { /* learnt within the time loop, dz included */
        s.loss = task_loss(m, bt, bt->mask_train, NULL);
    } else {
        memset(w->dz, 0, (size_t)TB * O * sizeof(double));
        s.loss = task_loss(m, bt, bt->mask_train, w->dz);
    }
    const double *R = w->r + (long)B * N; /* r_0 .. r_{T-1}, (T, B, N) */
    const int plastic_cortex = cf->plasticity != CC_CORTEX_FIXED;
    /* readout: dW_ro += dZ^T R, db += sum dZ;  learning signal L = dE/dr = dZ W_ro (the
     * cerebellar readout did both in the time loop: readout_learn_step, readout_learn_mf) */
    if (cf->arch != CC_ARCH_CEREB_READOUT) {
        cc_gemm(CblasTrans, CblasNoTrans, 1.0, w->dz, (int)TB, O, R, (int)TB, N, 1.0, dP->W_ro, O, N);
        for (long i = 0; i < TB; i++)
            for (int o = 0; o < O; o++) dP->b_ro[o] += w->dz[i * O + o];
        if (plastic_cortex)
            cc_gemm(CblasNoTrans, CblasNoTrans, 1.0, w->dz, (int)TB, O, P->W_ro, O, N, 0.0, w->L, (int)TB, N);
    }
    /* cortex: Delta from e-prop or BPTT, then dW_ih += Delta^T V_in, dW_hh += Delta^T V_rec */
    if (plastic_cortex) {
        const double *Vin, *Vrec;
        if (cf->rule == CC_RULE_EPROP) {
            cc_eprop_deltas(w->delta, w->L, R, TB, N, m->cortex_silenced);
            Vin = w->eps_in;
            Vrec = w->eps_rec;
        } else {
            cc_bptt_deltas(w->delta, w->L, R, P->W_hh, cf->alpha, T, B, N, m->cortex_silenced);
            Vin = w->xt;
            Vrec = w->r; /* r_{t-1} for t = 0..T-1 */
        }
        cc_gemm(CblasTrans, CblasNoTrans, 1.0, w->delta, (int)TB, N, Vin, (int)TB, Din, 1.0, dP->W_ih, N, Din);
        if (cf->plasticity == CC_CORTEX_INPUT_REC)
            cc_gemm(CblasTrans, CblasNoTrans, 1.0, w->delta, (int)TB, N, Vrec, (int)TB, N, 1.0, dP->W_hh, N, N);
    }
    if (m->mf_mask)
        for (long i = 0; i < (long)G * N; i++) dP->W_MF[i] *= m->mf_mask[i];
    score(m, bt, &s);
    if (st) *st = s;
    return GSL_SUCCESS;
}

int cc_model_train_batch(cc_model *m, const cc_batch *bt, cc_stats *st)
{
    int status = cc_model_grad_batch(m, bt, st);
    if (status != GSL_SUCCESS) return status;
    cc_adam_update(m->adam, m->w, m->grad, m->trainable);
    return GSL_SUCCESS;
}

int cc_model_eval_batch(cc_model *m, const cc_batch *bt, cc_stats *st)
{
    if (check_batch(m, bt) != GSL_SUCCESS) return GSL_EINVAL;
    if (work_reserve(m, bt->B, bt->T, 0) != GSL_SUCCESS) return GSL_ENOMEM;
    run_forward(m, bt, 0);
    cc_stats s = {0};
    s.loss = task_loss(m, bt, bt->mask_train, NULL);
    score(m, bt, &s);
    if (st) *st = s;
    return GSL_SUCCESS;
}

int cc_model_copy_cerebellum(cc_params *dst, const cc_params *src)
{
    if (!cc_params_same_layout(dst, src)) GSL_ERROR("copy cerebellum: layouts differ", GSL_EBADLEN);
    for (int k = CC_W_MF; k <= CC_W_PF; k++)
        memcpy(dst->data + dst->off[k], src->data + src->off[k], cc_params_count(src, k) * sizeof(double));
    return GSL_SUCCESS;
}

int cc_model_copy_pf_overlap(cc_params *dst, const cc_params *src, double fraction)
{
    if (!cc_params_same_layout(dst, src)) GSL_ERROR("PF overlap: layouts differ", GSL_EBADLEN);
    if (!(fraction >= 0.0 && fraction <= 1.0)) GSL_ERROR("PF overlap: fraction outside [0, 1]", GSL_EDOM);
    size_t n = (size_t)(fraction * (double)cc_params_count(src, CC_W_PF)); /* floor(p C G) */
    memcpy(dst->W_PF, src->W_PF, n * sizeof(double));
    return GSL_SUCCESS;
}
