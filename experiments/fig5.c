/* fig5.c: Fig. 5, evidence accumulation (after Deverett et al. 2019) with cerebellar silencing.
 *
 * Every unit trains one model (architecture, cortical plasticity, alpha, cue duration T,
 * seed) on the evidence-accumulation task, then runs all the tests the panels need on the
 * same 1000 test trials: intact, cerebellum silenced from t = 0, and (main conditions)
 * silenced in the early, middle or late third of the cue period only; the fixed-cortex
 * cerebellar model also writes its belief over time and the logistic-regression weights
 * of its choices. The merge makes the panels:
 *   b  validation error per epoch of the three architectures; their test error
 *   c  change in mean training error (cerebellar - no feedback) over alpha x plasticity
 *   d  belief P(right) over time on right-dominant trials, intact vs silenced from t = 0
 *   e  normalised logistic weights of the choice on right - left puffs per time bin
 *   f  test error with the cerebellum silenced in one period, per plasticity level
 *   g  benefit of cerebellar feedback (no-feedback - cerebellar test error) against T
 *   h  change in error with vs without the cerebellum, during and after training
 * and, with sweep.lr_rnn_low, the supplement to f and h: the input + recurrent models again at
 * that cortical learning rate (summary keys lr_low_*); and checks the claims of the figure
 * (claims.tsv). Channel 0 is "left" (label 1),
 * channel 1 "right" (label 2), label 0 a tie.
 * Not here: the model (src/model/), the fit (cc_logit), the plot (figures/fig5.gp).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cc_expt.h"
#include "cc_logit.h"

enum { MAX_LIST = 16, MAX_BINS = 20, MAX_SEEDS = 100 };

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int T, delay;
    double puff_prob;
    double alphas[MAX_LIST];
    int n_alphas;
    int Ts[MAX_LIST], n_Ts;
    int sweep_seeds, alpha_epochs, T_epochs;
    double lr_rnn_low; /* 0: none */
    int bins;
    double acq_margin, guess_tol, flat_ratio;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .T = 50,
       .delay = 5,
       .puff_prob = 0.3,
       .alphas = {0.1, 0.3, 0.5, 0.7, 0.9},
       .n_alphas = 5,
       .Ts = {20, 40, 60, 80, 100},
       .n_Ts = 5,
       .sweep_seeds = 3,
       .alpha_epochs = 20,
       .T_epochs = 30,
       .lr_rnn_low = 0,
       .bins = 5,
       .acq_margin = 10,
       .guess_tol = 5,
       .flat_ratio = 0.25};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_INT("task.T", &P.T, 2, 10000, "steps per trial"),
    CC_SPEC_INT("task.delay", &P.delay, 0, 10000, "last steps without puffs"),
    CC_SPEC_DOUBLE("task.puff_prob", &P.puff_prob, 0, 1, "probability that a step's puff is kept"),
    CC_SPEC_LIST_DOUBLE("sweep.alpha", P.alphas, &P.n_alphas, 0, 1, "panel c: cortical leaks alpha"),
    CC_SPEC_LIST_INT("sweep.T", P.Ts, &P.n_Ts, 2, 10000, "panel g: cue durations T"),
    CC_SPEC_INT("sweep.seeds", &P.sweep_seeds, 1, MAX_SEEDS, "seeds of the sweep conditions (c, g)"),
    CC_SPEC_INT("sweep.alpha_epochs", &P.alpha_epochs, 1, 100000, "panel c: epochs of the alpha sweep; mean error over them"),
    CC_SPEC_INT("sweep.T_epochs", &P.T_epochs, 1, 100000, "panel g: epochs of the T sweep"),
    CC_SPEC_DOUBLE("sweep.lr_rnn_low", &P.lr_rnn_low, 0, 1, "panels f, h supplement: input + recurrent plasticity again at this cortical learning rate (0: none)"),
    CC_SPEC_INT("analysis.bins", &P.bins, 1, MAX_BINS, "panel e: time bins of the cue period"),
    CC_SPEC_DOUBLE("claims.acq_margin", &P.acq_margin, 0, 100, "claim 1: cerebellar test error this many points below both controls"),
    CC_SPEC_DOUBLE("claims.guess_tol", &P.guess_tol, 0, 100, "claim 2: silenced error within this many points of the best constant guess"),
    CC_SPEC_DOUBLE("claims.flat_ratio", &P.flat_ratio, 0, 1, "claim 3: silenced belief rise at most this fraction of the intact one"),
    CC_SPEC_END};

/* ---------------------------------------------------------------- conditions and units */

/* One trained condition; a unit is a condition and a seed. lr: the cortical learning rate if
 * not the configuration's (the supplement to panels f and h), else 0. */
typedef struct {
    cc_arch arch;
    cc_plasticity plast;
    double alpha;
    int T;
    double lr;
} cond;

enum { MAX_COND = 128 };
static const cc_arch ARCHS[3] = {CC_ARCH_NONE, CC_ARCH_READOUT_FB, CC_ARCH_CEREB_FB};

static int cond_eq(cond a, cond b)
{
    return a.arch == b.arch && a.plast == b.plast && a.alpha == b.alpha && a.T == b.T && a.lr == b.lr;
}

static int cond_find(const cond *c, int n, cond x)
{
    for (int i = 0; i < n; i++)
        if (cond_eq(c[i], x)) return i;
    return -1;
}

static void cond_add(cond *c, int *n, cond x)
{
    if (cond_find(c, *n, x) < 0 && *n < MAX_COND) c[(*n)++] = x;
}

/* Main conditions (alpha and T of the task) feed panels b, d, e, f, h: full epochs and seeds. */
static int is_main(cond x) { return x.alpha == P.model.alpha && x.T == P.T; }
static int cond_epochs(cond x) { return is_main(x) ? P.train.epochs : x.T != P.T ? P.T_epochs : P.alpha_epochs; }
static int cond_seeds(cond x) { return is_main(x) ? P.train.seeds : P.sweep_seeds; }
static cond mk(cc_arch a, cc_plasticity l, double alpha, int T) { return (cond){a, l, alpha, T, 0.0}; }

/* The supplement: input + recurrent plasticity at the low cortical learning rate. */
static cond mk_low(cc_arch a) { return (cond){a, CC_CORTEX_INPUT_REC, P.model.alpha, P.T, P.lr_rnn_low}; }

/* The conditions of every panel, each once, in a fixed order; n is returned, or -1 if more
 * than MAX_COND. */
static int conditions(cond *c)
{
    int n = 0, want = 0;
    for (int a = 0; a < 3; a++, want++) cond_add(c, &n, mk(ARCHS[a], CC_CORTEX_FIXED, P.model.alpha, P.T)); /* b */
    for (int l = CC_CORTEX_FIXED; l <= CC_CORTEX_INPUT_REC; l++)                                         /* f, h */
        for (int a = 0; a < 3; a += 2, want++) cond_add(c, &n, mk(ARCHS[a], l, P.model.alpha, P.T));
    for (int i = 0; i < P.n_alphas; i++)                                                                  /* c */
        for (int l = CC_CORTEX_FIXED; l <= CC_CORTEX_INPUT_REC; l++)
            for (int a = 0; a < 3; a += 2, want++) cond_add(c, &n, mk(ARCHS[a], l, P.alphas[i], P.T));
    for (int i = 0; i < P.n_Ts; i++)                                                                      /* g */
        for (int a = 0; a < 3; a += 2, want++) cond_add(c, &n, mk(ARCHS[a], CC_CORTEX_FIXED, P.model.alpha, P.Ts[i]));
    if (P.lr_rnn_low > 0)                                                                                 /* f, h: lr */
        for (int a = 0; a < 3; a += 2, want++) cond_add(c, &n, mk_low(ARCHS[a]));
    return want > MAX_COND ? -1 : n;
}

static void cond_name(char *buf, size_t n, cond c)
{
    const int k = snprintf(buf, n, "%s-%s-a%g-T%d", cc_arch_name(c.arch), cc_plasticity_name(c.plast), c.alpha, c.T);
    if (c.lr > 0 && k >= 0 && (size_t)k < n) snprintf(buf + k, n - (size_t)k, "-lr%g", c.lr);
}

static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    cond c[MAX_COND];
    int n = conditions(c);
    char name[128];
    for (int i = 0; i < n; i++) {
        cond_name(name, sizeof name, c[i]);
        for (int s = 0; s < cond_seeds(c[i]); s++)
            if (cc_unit_list_add(out, "%s-s%d", name, s)) return GSL_ENOMEM;
    }
    return GSL_SUCCESS;
}

/* Condition and seed index of unit number k (the order of units()). */
static void unit_decode(int k, cond *x, int *seed_index)
{
    cond c[MAX_COND];
    int n = conditions(c);
    *x = c[0];
    *seed_index = 0;
    for (int i = 0; i < n; i++) {
        if (k < cond_seeds(c[i])) {
            *x = c[i];
            *seed_index = k;
            return;
        }
        k -= cond_seeds(c[i]);
    }
}

/* ---------------------------------------------------------------- one unit */

static cc_task task_of(int T)
{
    cc_task t = cc_task_defaults(CC_TASK_EVACC);
    t.T = T;
    t.delay = P.delay;
    t.puff_prob = P.puff_prob;
    return t;
}

/* Readout of the last test: z (T, B, O) copied out of the workspace. */
static double *copy_z(const cc_model *m, const cc_batch *b)
{
    const size_t n = (size_t)b->T * b->B * b->O;
    double *z = malloc(n * sizeof(double));
    if (!z) {
        GSL_ERROR_NULL("out of memory for the test outputs", GSL_ENOMEM);
    }
    memcpy(z, m->ws.z, n * sizeof(double));
    return z;
}

/* Belief P(right)(t) = softmax over the left and right logits, sigma(z_right - z_left),
 * averaged over the trials whose label is "right" (label 2), as the authors' script does. */
static void belief(double *out, const double *z, const cc_batch *b)
{
    const int B = b->B, O = b->O;
    for (int t = 0; t < b->T; t++) {
        double s = 0.0;
        int n = 0;
        for (int i = 0; i < B; i++) {
            if (b->cond[i] != 2) continue;
            const double *zt = z + ((long)t * B + i) * O;
            s += 1.0 / (1.0 + exp(zt[1] - zt[2]));
            n++;
        }
        out[t] = n ? s / n : NAN;
    }
}

/* Cue-period bin k of `bins` over steps [0, Tcue): [lo, hi). */
static void bin_range(int k, int bins, int Tcue, int *lo, int *hi)
{
    *lo = k * Tcue / bins;
    *hi = (k + 1) * Tcue / bins;
}

/* Logistic regression of the choice (right if z_right > z_left at the last step) on an
 * intercept and the right - left puff count of each bin. w, se: (bins) without the
 * intercept; NaN when the fit does not exist (e.g. the same choice in every trial). */
static int logit_weights(const double *z, const cc_batch *b, int bins, double *w, double *se)
{
    const int B = b->B, O = b->O, T = b->T, p = bins + 1, Tcue = T - P.delay;
    double *X = malloc(sizeof(double) * B * p), *y = malloc(sizeof(double) * B), beta[MAX_BINS + 1], s[MAX_BINS + 1];
    if (!X || !y) {
        free(X);
        free(y);
        GSL_ERROR("out of memory for the regression", GSL_ENOMEM);
    }
    for (int i = 0; i < B; i++) {
        X[i * p] = 1.0;
        for (int k = 0; k < bins; k++) {
            int lo, hi;
            bin_range(k, bins, Tcue, &lo, &hi);
            double d = 0.0;
            for (int t = lo; t < hi; t++) d += b->puffs[((long)t * B + i) * 2 + 1] - b->puffs[((long)t * B + i) * 2];
            X[i * p + 1 + k] = d;
        }
        const double *zl = z + ((long)(T - 1) * B + i) * O;
        y[i] = zl[2] > zl[1];
    }
    cc_logit_fit(X, y, B, p, 100, beta, s, NULL); /* NaN where it does not exist */
    for (int k = 0; k < bins; k++) {
        w[k] = beta[k + 1];
        se[k] = s[k + 1];
    }
    free(X);
    free(y);
    return GSL_SUCCESS;
}

/* Per-unit tables of the fixed-cortex cerebellar model: belief and regression weights. */
static int write_belief_logit(const cc_run_ctx *ctx, const cc_batch *b, const double *z, const double *za)
{
    const int T = b->T;
    double *bc = malloc(sizeof(double) * T), *ba = malloc(sizeof(double) * T);
    int s = GSL_ENOMEM;
    cc_tsv t;
    if (!bc || !ba) goto done;
    belief(bc, z, b);
    belief(ba, za, b);
    cc_tsv_head h = {.title = "Fig. 5d: belief P(right) = sigma(z_right - z_left) on right-dominant test trials",
                     .columns = "t intact silenced", .units = "probability; silenced: cerebellar output 0 from t = 0",
                     .runs = ctx->unit};
    if ((s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.belief.tsv", ctx->unit))) goto done;
    for (int k = 0; k < T && !s; k++) s = cc_tsv_row(&t, (double[]){k, bc[k], ba[k]});
    if (s) {
        cc_tsv_abort(&t);
        goto done;
    }
    if ((s = cc_tsv_commit(&t))) goto done;
    double w[MAX_BINS], se[MAX_BINS], wa[MAX_BINS], sea[MAX_BINS];
    logit_weights(z, b, P.bins, w, se);
    logit_weights(za, b, P.bins, wa, sea);
    cc_tsv_head hl = {.title = "Fig. 5e: logistic-regression weights of the choice on right - left puffs per cue bin",
                      .columns = "bin t_lo t_hi w se w_silenced se_silenced",
                      .units = "log-odds per puff; steps [t_lo, t_hi); choice right if z_right > z_left at the last step; NaN: no estimate",
                      .runs = ctx->unit};
    if ((s = cc_ctx_tsv_open(ctx, &t, &hl, "units/%s.logit.tsv", ctx->unit))) goto done;
    for (int k = 0; k < P.bins && !s; k++) {
        int lo, hi;
        bin_range(k, P.bins, T - P.delay, &lo, &hi);
        s = cc_tsv_row(&t, (double[]){k, lo, hi, w[k], se[k], wa[k], sea[k]});
    }
    if (s) cc_tsv_abort(&t);
    else s = cc_tsv_commit(&t);
done:
    free(bc);
    free(ba);
    return s;
}

/* Test error (%) of m on the test trials of `seed` with the cerebellum silenced on [from, until). */
static int test_silenced(cc_model *m, const cc_task *task, int n, unsigned long seed, int from, int until, double *err)
{
    cc_stats st;
    m->silence_from = from;
    m->silence_until = until;
    int s = cc_test(m, task, n, seed, &st, NULL);
    m->silence_from = m->silence_until = -1;
    *err = 100.0 * (1.0 - st.acc);
    return s;
}

/* Processor time of this process (s): the unit's cost in core-seconds, whatever the load. */
static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    const double cpu0 = cpu_seconds();
    cond x;
    int seed_index;
    unit_decode(ctx->unit_index, &x, &seed_index);
    const unsigned long seed = (unsigned long)(P.train.seed0 + seed_index);
    cc_task task = task_of(x.T);
    cc_model_keys mkeys = P.model;
    mkeys.alpha = x.alpha;
    cc_config cfg = cc_expt_config(&mkeys, &task, x.arch, x.plast);
    if (x.lr > 0) cfg.lr_rnn = x.lr; /* the supplement to panels f and h */
    cc_protocol pr = cc_expt_protocol(&P.train, &task);
    pr.epochs = cond_epochs(x);
    cc_model *m = cc_model_alloc(&cfg, seed);
    cc_curve *curve = cc_curve_alloc(pr.epochs);
    cc_batch *b = NULL;
    double *z = NULL, *za = NULL;
    int s = GSL_ENOMEM;
    if (!m || !curve) goto done;
    if ((s = cc_expt_train(m, &task, &pr, seed, curve, ctx))) goto done;
    for (int e = 0; e <= pr.epochs; e++) curve->val_metric[e] *= 100.0; /* error in % */
    if ((s = cc_expt_write_curve(ctx, curve, "val_metric: validation error (%) on 200 trials; losses: cross-entropy"))) goto done;
    cc_stats st;
    if ((s = cc_test(m, &task, pr.n_test, seed, &st, &b))) goto done;
    const int cereb = x.arch == CC_ARCH_CEREB_FB, Tcue = x.T - P.delay;
    int share[3] = {0, 0, 0};
    for (int i = 0; i < b->B; i++) share[b->cond[i]]++;
    const int most = share[0] > share[1] ? (share[0] > share[2] ? share[0] : share[2]) : (share[1] > share[2] ? share[1] : share[2]);
    double row[13] = {100.0 * (1.0 - st.acc), st.xent, NAN, NAN, NAN, NAN, NAN,
                      100.0 * share[0] / b->B, 100.0 * share[1] / b->B, 100.0 * share[2] / b->B,
                      100.0 * (1.0 - (double)most / b->B), curve->best_epoch, pr.epochs};
    if (cereb) {
        const int want_z = is_main(x) && x.plast == CC_CORTEX_FIXED;
        if (want_z && !(z = copy_z(m, b))) goto done;
        if ((s = test_silenced(m, &task, pr.n_test, seed, 0, -1, &row[2]))) goto done; /* from t = 0 */
        if (want_z && !(za = copy_z(m, b))) goto done; /* same trials: cc_test draws them from the seed */
        if (is_main(x))
            for (int k = 0; k < 3; k++) /* one third of the cue period only */
                if ((s = test_silenced(m, &task, pr.n_test, seed, k * Tcue / 3, (k + 1) * Tcue / 3, &row[3 + k]))) goto done;
        row[6] = row[2];
        if (want_z && (s = write_belief_logit(ctx, b, z, za))) goto done;
    }
    s = cc_expt_write_row(ctx, "test", "test error (%) on 1000 trials at the best checkpoint; silenced: cerebellar output 0 from t = 0, or in one third of the cue period only",
                          "err xent err_silenced err_early err_middle err_late err_whole share_tie share_left share_right err_constant best_epoch epochs",
                          row);
    if (s) goto done;
    cc_record_metric(ctx->rec, "test_err", row[0]);
    if (cereb) cc_record_metric(ctx->rec, "test_err_silenced", row[2]);
    cc_record_metric(ctx->rec, "cpu_s", cpu_seconds() - cpu0);
done:
    free(z);
    free(za);
    cc_batch_free(b);
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* Unit ids of condition x, one per seed, or NULL. */
static char **cond_ids(const cc_run_ctx *ctx, cond x)
{
    cond c[MAX_COND];
    int n = conditions(c), k = 0;
    for (int i = 0; i < n; i++) {
        if (cond_eq(c[i], x)) return ctx->units->id + k;
        k += cond_seeds(c[i]);
    }
    return NULL;
}

/* One number of condition x for its first ns seeds: v (ns). */
static int cond_values(const cc_run_ctx *ctx, cond x, int ns, const char *file, int row, const char *col, double *v)
{
    char **ids = cond_ids(ctx, x);
    if (!ids) return CC_ERRORF(GSL_EINVAL, "fig5 merge: no units of a condition");
    return cc_expt_collect(ctx, ids, ns, file, row, col, v);
}

static int cond_stat(const cc_run_ctx *ctx, cond x, int ns, const char *file, int row, const char *col, double *mean,
                     double *sem)
{
    double v[MAX_SEEDS];
    int s = cond_values(ctx, x, ns, file, row, col, v);
    if (!s) cc_mean_sem(v, ns, mean, sem);
    return s;
}

/* Mean and SEM of a[i] - b[i] (paired by seed). */
static void diff_stat(const double *a, const double *b, int n, double *mean, double *sem)
{
    double d[MAX_SEEDS];
    for (int i = 0; i < n; i++) d[i] = a[i] - b[i];
    cc_mean_sem(d, n, mean, sem);
}

/* Mean validation error over epochs 1..E of each of the first ns seeds of x: v (ns). */
static int mean_train_error(const cc_run_ctx *ctx, cond x, int ns, int E, double *v)
{
    for (int i = 0; i < ns; i++) v[i] = 0.0;
    double e[MAX_SEEDS];
    for (int ep = 1; ep <= E; ep++) {
        int s = cond_values(ctx, x, ns, "curve", ep, "val_metric", e);
        if (s) return s;
        for (int i = 0; i < ns; i++) v[i] += e[i] / E;
    }
    return GSL_SUCCESS;
}

static cond base(cc_arch a, cc_plasticity l) { return mk(a, l, P.model.alpha, P.T); }

static int table_end(cc_tsv *t, int s)
{
    if (s) {
        cc_tsv_abort(t);
        return s;
    }
    return cc_tsv_commit(t);
}

static int panel_b(const cc_run_ctx *ctx, const char *runs, double *test_mean, double *test_sem)
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 5b: validation error per epoch, fixed cortex, mean and SEM over seeds",
                     .columns = "epoch none none_sem readout_fb readout_fb_sem cereb_fb cereb_fb_sem",
                     .units = "error (%) of 200 validation trials; epoch 0 is before training", .runs = runs};
    const int ns = P.train.seeds;
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig5b_curves.tsv");
    if (s) return s;
    for (int e = 0; !s && e <= P.train.epochs; e++) {
        double row[7] = {e};
        for (int a = 0; !s && a < 3; a++)
            s = cond_stat(ctx, base(ARCHS[a], CC_CORTEX_FIXED), ns, "curve", e, "val_metric", &row[1 + 2 * a], &row[2 + 2 * a]);
        if (!s) s = cc_tsv_row(&t, row);
    }
    if ((s = table_end(&t, s))) return s;
    /* test bars: three architectures, the silenced cerebellar model, the best constant guess */
    for (int a = 0; !s && a < 3; a++) s = cond_stat(ctx, base(ARCHS[a], CC_CORTEX_FIXED), ns, "test", 0, "err", &test_mean[a], &test_sem[a]);
    const cond cb = base(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    if (!s) s = cond_stat(ctx, cb, ns, "test", 0, "err_silenced", &test_mean[3], &test_sem[3]);
    if (!s) s = cond_stat(ctx, cb, ns, "test", 0, "err_constant", &test_mean[4], &test_sem[4]);
    if (!s) s = cond_stat(ctx, cb, ns, "test", 0, "best_epoch", &test_mean[5], &test_sem[5]);
    const char *lab[5] = {"none", "readout_fb", "cereb_fb", "cereb_silenced", "constant_guess"};
    cc_tsv_head hb = {.title = "Fig. 5b: test error at the best checkpoint (1000 trials), and the best constant guess",
                      .columns = "index label mean sem", .units = "error (%), mean and SEM over seeds", .runs = runs};
    if (!s) s = cc_ctx_tsv_open(ctx, &t, &hb, "fig5b_test.tsv");
    else return s;
    for (int i = 0; !s && i < 5; i++) {
        s = cc_tsv_int(&t, i);
        if (!s) s = cc_tsv_str(&t, lab[i]);
        if (!s) s = cc_tsv_num(&t, test_mean[i]);
        if (!s) s = cc_tsv_num(&t, test_sem[i]);
    }
    return table_end(&t, s);
}

/* c: heat map of mean training error, cerebellar - no feedback; delta[i * 3 + l]. */
static int panel_c(const cc_run_ctx *ctx, double *delta)
{
    cc_tsv t;
    char runs[160];
    snprintf(runs, sizeof runs, "seeds 0..%d of each condition, epochs 1..%d", P.sweep_seeds - 1, P.alpha_epochs);
    cc_tsv_head h = {.title = "Fig. 5c: change in mean training error of the cerebellar model relative to no feedback",
                     .columns = "alpha_i plast_i alpha delta delta_sem err_cereb err_none",
                     .units = "percentage points; mean validation error over the training epochs, paired by seed; plast_i 0 fixed, 1 input, 2 input+recurrent",
                     .runs = runs};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig5c_heatmap.tsv");
    if (s) return s;
    const int ns = P.sweep_seeds;
    for (int i = 0; !s && i < P.n_alphas; i++)
        for (int l = 0; !s && l < 3; l++) {
            double vc[MAX_SEEDS], vn[MAX_SEEDS], mc, mn, d, ds, sem;
            s = mean_train_error(ctx, mk(CC_ARCH_CEREB_FB, l, P.alphas[i], P.T), ns, P.alpha_epochs, vc);
            if (!s) s = mean_train_error(ctx, mk(CC_ARCH_NONE, l, P.alphas[i], P.T), ns, P.alpha_epochs, vn);
            if (s) break;
            diff_stat(vc, vn, ns, &d, &ds);
            cc_mean_sem(vc, ns, &mc, &sem);
            cc_mean_sem(vn, ns, &mn, &sem);
            delta[i * 3 + l] = d;
            s = cc_tsv_row(&t, (double[]){i, l, P.alphas[i], d, ds, mc, mn});
        }
    return table_end(&t, s);
}

/* d: belief per seed and its mean. rise[0, 1]: mean over seeds of P(T-1) - P(0), intact and silenced. */
static int panel_d(const cc_run_ctx *ctx, double rise[2], double rise_sem[2], double endp[2])
{
    const cond cb = base(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    const int ns = P.train.seeds, T = P.T;
    char **ids = cond_ids(ctx, cb);
    cc_table tb[MAX_SEEDS];
    memset(tb, 0, sizeof tb);
    int s = 0;
    for (int i = 0; !s && i < ns; i++) s = cc_ctx_table_read(ctx, &tb[i], "units/%s.belief.tsv", ids[i]);
    char cols[4096] = "t intact silenced intact_sem silenced_sem";
    for (int i = 0; i < ns; i++) snprintf(cols + strlen(cols), sizeof cols - strlen(cols), " intact_s%d", i);
    for (int i = 0; i < ns; i++) snprintf(cols + strlen(cols), sizeof cols - strlen(cols), " silenced_s%d", i);
    cc_tsv t = {0};
    cc_tsv_head h = {.title = "Fig. 5d: belief P(right) on right-dominant test trials, fixed cortex: intact and cerebellum silenced from t = 0",
                     .columns = cols, .units = "probability sigma(z_right - z_left); mean and SEM over seeds, then each seed", .runs = "every seed of the fixed-cortex cerebellar model"};
    if (!s) s = cc_ctx_tsv_open(ctx, &t, &h, "fig5d_belief.tsv");
    double r0[2][MAX_SEEDS], r1[2][MAX_SEEDS];
    for (int k = 0; !s && k < T; k++) {
        double row[5 + 2 * MAX_SEEDS], v[2][MAX_SEEDS];
        row[0] = k;
        for (int i = 0; i < ns; i++)
            for (int c = 0; c < 2; c++) {
                v[c][i] = tb[i].v[k * tb[i].ncol + 1 + c];
                row[5 + c * ns + i] = v[c][i];
                if (k == 0) r0[c][i] = v[c][i];
                if (k == T - 1) r1[c][i] = v[c][i];
            }
        cc_mean_sem(v[0], ns, &row[1], &row[3]);
        cc_mean_sem(v[1], ns, &row[2], &row[4]);
        s = cc_tsv_row(&t, row);
    }
    if (!s) {
        double sem;
        for (int c = 0; c < 2; c++) {
            diff_stat(r1[c], r0[c], ns, &rise[c], &rise_sem[c]);
            cc_mean_sem(r1[c], ns, &endp[c], &sem);
        }
    }
    for (int i = 0; i < ns; i++) cc_table_free(&tb[i]);
    return s ? (cc_tsv_abort(&t), s) : cc_tsv_commit(&t);
}

/* e: weights normalised per seed by the mean intact weight over bins; mean and SEM over
 * seeds with a finite fit; fit SEs (normalised the same way) averaged over those seeds. */
static int panel_e(const cc_run_ctx *ctx, int *n_fit, double *mean_w, double *mean_ws)
{
    const cond cb = base(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    const int ns = P.train.seeds, nb = P.bins;
    char **ids = cond_ids(ctx, cb);
    cc_table tb[MAX_SEEDS];
    memset(tb, 0, sizeof tb);
    int s = 0;
    for (int i = 0; !s && i < ns; i++) s = cc_ctx_table_read(ctx, &tb[i], "units/%s.logit.tsv", ids[i]);
    double wn[2][MAX_BINS][MAX_SEEDS], sn[2][MAX_BINS][MAX_SEEDS];
    int n[2] = {0, 0};
    for (int i = 0; !s && i < ns; i++) {
        const cc_table *q = &tb[i];
        double norm = 0.0;
        for (int k = 0; k < nb; k++) norm += q->v[k * q->ncol + 3] / nb;
        if (!(norm > 0.0)) continue; /* no intact fit, or no positive weight to scale by */
        for (int c = 0; c < 2; c++) {
            int ok = 1;
            for (int k = 0; k < nb; k++) ok &= isfinite(q->v[k * q->ncol + 3 + 2 * c]);
            if (!ok) continue;
            for (int k = 0; k < nb; k++) {
                wn[c][k][n[c]] = q->v[k * q->ncol + 3 + 2 * c] / norm;
                sn[c][k][n[c]] = q->v[k * q->ncol + 4 + 2 * c] / norm;
            }
            n[c]++;
        }
    }
    cc_tsv t = {0};
    char runs[128];
    snprintf(runs, sizeof runs, "seeds with an estimate: %d intact, %d silenced, of %d", n[0], n[1], ns);
    cc_tsv_head h = {.title = "Fig. 5e: normalised logistic weights of the choice on right - left puffs per cue bin, fixed cortex",
                     .columns = "bin t_mid w w_sem w_fit_se w_silenced w_silenced_sem w_silenced_fit_se",
                     .units = "weight / mean intact weight over bins (per seed); mean and SEM over seeds; fit_se: mean standard error of the fits",
                     .runs = runs};
    if (!s) s = cc_ctx_tsv_open(ctx, &t, &h, "fig5e_logit.tsv");
    mean_w[0] = mean_w[1] = mean_ws[0] = mean_ws[1] = 0.0;
    for (int k = 0; !s && k < nb; k++) {
        int lo, hi;
        bin_range(k, nb, P.T - P.delay, &lo, &hi);
        double row[8] = {k, 0.5 * (lo + hi - 1)}, sem;
        for (int c = 0; c < 2; c++) {
            if (n[c]) {
                cc_mean_sem(wn[c][k], n[c], &row[2 + 3 * c], &row[3 + 3 * c]);
                cc_mean_sem(sn[c][k], n[c], &row[4 + 3 * c], &sem);
            } else {
                row[2 + 3 * c] = row[3 + 3 * c] = row[4 + 3 * c] = NAN;
            }
            mean_w[c] += row[2 + 3 * c] / nb;
            mean_ws[c] += row[4 + 3 * c] / nb;
        }
        s = cc_tsv_row(&t, row);
    }
    n_fit[0] = n[0];
    n_fit[1] = n[1];
    for (int i = 0; i < ns; i++) cc_table_free(&tb[i]);
    return s ? (cc_tsv_abort(&t), s) : cc_tsv_commit(&t);
}

/* f: error with the cerebellum silenced in one period, per plasticity level; err[l][0..4] =
 * intact, early, middle, late, whole. */
static int panel_f(const cc_run_ctx *ctx, double err[3][5])
{
    static const char *const cols[5] = {"err", "err_early", "err_middle", "err_late", "err_whole"};
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 5f: test error of the cerebellar model silenced in one period only, per cortical plasticity",
                     .columns = "plast_i plasticity intact intact_sem early early_sem middle middle_sem late late_sem whole whole_sem",
                     .units = "error (%), 1000 test trials, mean and SEM over seeds; early/middle/late: one third of the cue period; whole: from t = 0 to the end",
                     .runs = "every seed of the cerebellar model at each plasticity level (alpha and T of the task)"};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig5f_periods.tsv");
    if (s) return s;
    for (int l = 0; !s && l < 3; l++) {
        s = cc_tsv_int(&t, l);
        if (!s) s = cc_tsv_str(&t, cc_plasticity_name(l));
        for (int k = 0; !s && k < 5; k++) {
            double m, sem;
            s = cond_stat(ctx, base(CC_ARCH_CEREB_FB, l), P.train.seeds, "test", 0, cols[k], &m, &sem);
            err[l][k] = m;
            if (!s) s = cc_tsv_num(&t, m);
            if (!s) s = cc_tsv_num(&t, sem);
        }
    }
    return table_end(&t, s);
}

/* g: benefit (no feedback - cerebellar test error) per T. */
static int panel_g(const cc_run_ctx *ctx, double *benefit)
{
    cc_tsv t;
    char runs[128];
    snprintf(runs, sizeof runs, "seeds 0..%d of each T, %d epochs", P.sweep_seeds - 1, P.T_epochs);
    cc_tsv_head h = {.title = "Fig. 5g: benefit of cerebellar feedback over no feedback against the cue duration T, fixed cortex",
                     .columns = "T benefit benefit_sem err_none err_none_sem err_cereb err_cereb_sem err_constant",
                     .units = "percentage points of test error (no feedback - cerebellar, paired by seed); errors in %",
                     .runs = runs};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig5g_duration.tsv");
    if (s) return s;
    const int ns = P.sweep_seeds;
    for (int i = 0; !s && i < P.n_Ts; i++) {
        double vn[MAX_SEEDS], vc[MAX_SEEDS], row[8] = {P.Ts[i]}, sem;
        const cond n = mk(CC_ARCH_NONE, CC_CORTEX_FIXED, P.model.alpha, P.Ts[i]), c = mk(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, P.model.alpha, P.Ts[i]);
        s = cond_values(ctx, n, ns, "test", 0, "err", vn);
        if (!s) s = cond_values(ctx, c, ns, "test", 0, "err", vc);
        if (!s) s = cond_stat(ctx, c, ns, "test", 0, "err_constant", &row[7], &sem);
        if (s) break;
        diff_stat(vn, vc, ns, &row[1], &row[2]);
        cc_mean_sem(vn, ns, &row[3], &row[4]);
        cc_mean_sem(vc, ns, &row[5], &row[6]);
        benefit[i] = row[1];
        s = cc_tsv_row(&t, row);
    }
    return table_end(&t, s);
}

/* h: change in test error with - without the cerebellum, during training (cerebellar -
 * no-feedback model) and after training (intact - silenced from t = 0), per plasticity. */
static int panel_h(const cc_run_ctx *ctx, double during[3], double after[3])
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 5h: change in test error with vs without the cerebellum, during and after training, per cortical plasticity",
                     .columns = "plast_i plasticity during during_sem after after_sem",
                     .units = "percentage points, paired by seed; during: cerebellar - no-feedback model; after: cerebellar model intact - silenced from t = 0",
                     .runs = "every seed at each plasticity level (alpha and T of the task)"};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig5h_during_after.tsv");
    if (s) return s;
    const int ns = P.train.seeds;
    for (int l = 0; !s && l < 3; l++) {
        double vc[MAX_SEEDS], vn[MAX_SEEDS], va[MAX_SEEDS], row[4];
        s = cond_values(ctx, base(CC_ARCH_CEREB_FB, l), ns, "test", 0, "err", vc);
        if (!s) s = cond_values(ctx, base(CC_ARCH_NONE, l), ns, "test", 0, "err", vn);
        if (!s) s = cond_values(ctx, base(CC_ARCH_CEREB_FB, l), ns, "test", 0, "err_silenced", va);
        if (s) break;
        diff_stat(vc, vn, ns, &row[0], &row[1]);
        diff_stat(vc, va, ns, &row[2], &row[3]);
        during[l] = row[0];
        after[l] = row[2];
        s = cc_tsv_int(&t, l);
        if (!s) s = cc_tsv_str(&t, cc_plasticity_name(l));
        for (int k = 0; !s && k < 4; k++) s = cc_tsv_num(&t, row[k]);
    }
    return table_end(&t, s);
}

/* The supplement to panels f and h: the input + recurrent models at the low cortical learning
 * rate; v: error of no feedback, its SEM, cerebellar, its SEM, cerebellar silenced from t = 0,
 * its SEM, mean best epoch of the cerebellar model. */
static int supplement_lr(const cc_run_ctx *ctx, double v[7])
{
    const int ns = P.train.seeds;
    int s = cond_stat(ctx, mk_low(CC_ARCH_NONE), ns, "test", 0, "err", &v[0], &v[1]);
    if (!s) s = cond_stat(ctx, mk_low(CC_ARCH_CEREB_FB), ns, "test", 0, "err", &v[2], &v[3]);
    if (!s) s = cond_stat(ctx, mk_low(CC_ARCH_CEREB_FB), ns, "test", 0, "err_silenced", &v[4], &v[5]);
    double sem;
    if (!s) s = cond_stat(ctx, mk_low(CC_ARCH_CEREB_FB), ns, "test", 0, "best_epoch", &v[6], &sem);
    return s;
}

static int merge(const cc_run_ctx *ctx)
{
    char runs[256];
    snprintf(runs, sizeof runs, "units/*-a%g-T%d-s0..s%d, seeds %d..%d", P.model.alpha, P.T, P.train.seeds - 1,
             P.train.seed0, P.train.seed0 + P.train.seeds - 1);
    double tm[6], ts[6], delta[3 * MAX_LIST], rise[2], rise_sem[2], endp[2], mw[2], mws[2], per[3][5], ben[MAX_LIST],
        during[3], after[3];
    int nfit[2];
    int s = panel_b(ctx, runs, tm, ts);
    if (!s) s = panel_c(ctx, delta);
    if (!s) s = panel_d(ctx, rise, rise_sem, endp);
    if (!s) s = panel_e(ctx, nfit, mw, mws);
    if (!s) s = panel_f(ctx, per);
    if (!s) s = panel_g(ctx, ben);
    if (!s) s = panel_h(ctx, during, after);
    double low[7];
    if (!s && P.lr_rnn_low > 0) s = supplement_lr(ctx, low);
    if (s) return s;
    /* trends of the heat map: row means over plasticity, column means over alpha */
    double row_first = 0, row_last = 0, col_fixed = 0, col_rec = 0;
    const int na = P.n_alphas;
    for (int l = 0; l < 3; l++) {
        row_first += delta[l] / 3;
        row_last += delta[(na - 1) * 3 + l] / 3;
    }
    for (int i = 0; i < na; i++) {
        col_fixed += delta[i * 3] / na;
        col_rec += delta[i * 3 + 2] / na;
    }
    const double nf = tm[0], ro = tm[1], cb = tm[2], sil = tm[3], cst = tm[4];
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. 5: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds of the main conditions (alpha and T of the task)");
    cc_summary_add(&sm, "sweep_seeds", P.sweep_seeds, "seeds of the alpha and T sweeps");
    cc_summary_add(&sm, "epochs", P.train.epochs, "training epochs of the main conditions");
    cc_summary_add(&sm, "alpha_epochs", P.alpha_epochs, "training epochs of the alpha sweep (and the window of its mean error)");
    cc_summary_add(&sm, "T_epochs", P.T_epochs, "training epochs of the T sweep");
    cc_summary_add(&sm, "err_none", nf, "test error (%), no feedback, fixed cortex");
    cc_summary_add(&sm, "err_none_sem", ts[0], "its SEM over seeds");
    cc_summary_add(&sm, "err_readout_fb", ro, "test error (%), readout feedback, fixed cortex");
    cc_summary_add(&sm, "err_readout_fb_sem", ts[1], "its SEM");
    cc_summary_add(&sm, "err_cereb_fb", cb, "test error (%), cerebellar feedback, fixed cortex");
    cc_summary_add(&sm, "err_cereb_fb_sem", ts[2], "its SEM");
    cc_summary_add(&sm, "err_silenced", sil, "test error (%), cerebellar model silenced from t = 0");
    cc_summary_add(&sm, "err_silenced_sem", ts[3], "its SEM");
    cc_summary_add(&sm, "err_constant", cst, "error (%) of the best constant guess on the test trials");
    cc_summary_add(&sm, "best_epoch_cereb", tm[5], "mean best-checkpoint epoch of the cerebellar model");
    cc_summary_add(&sm, "belief_rise_intact", rise[0], "belief P(right), last step - first step, intact (right-dominant trials)");
    cc_summary_add(&sm, "belief_rise_silenced", rise[1], "the same with the cerebellum silenced from t = 0");
    cc_summary_add(&sm, "belief_end_intact", endp[0], "belief P(right) at the last step, intact");
    cc_summary_add(&sm, "belief_end_silenced", endp[1], "belief P(right) at the last step, silenced");
    cc_summary_add(&sm, "logit_seeds_intact", nfit[0], "seeds with a regression estimate, intact");
    cc_summary_add(&sm, "logit_seeds_silenced", nfit[1], "seeds with a regression estimate, silenced");
    cc_summary_add(&sm, "logit_mean_silenced", mw[1], "mean normalised weight over bins, silenced (intact = 1)");
    cc_summary_add(&sm, "logit_fit_se", mws[0], "mean normalised fit SE of a weight, intact");
    const char *pn[3] = {"fixed", "input", "input_rec"};
    char key[64], doc[160];
    for (int l = 0; l < 3; l++) {
        for (int k = 0; k < 5; k++) {
            static const char *const nm[5] = {"intact", "early", "middle", "late", "whole"};
            snprintf(key, sizeof key, "f_%s_%s", pn[l], nm[k]);
            snprintf(doc, sizeof doc, "test error (%%), %s cortex, cerebellum %s%s", pn[l], k ? "silenced: " : "", nm[k]);
            cc_summary_add(&sm, key, per[l][k], doc);
        }
        snprintf(key, sizeof key, "h_during_%s", pn[l]);
        cc_summary_add(&sm, key, during[l], "change in test error (points), cerebellar - no feedback");
        snprintf(key, sizeof key, "h_after_%s", pn[l]);
        cc_summary_add(&sm, key, after[l], "change in test error (points), intact - silenced");
    }
    for (int i = 0; i < na; i++)
        for (int l = 0; l < 3; l++) {
            snprintf(key, sizeof key, "c_a%g_%s", P.alphas[i], pn[l]);
            cc_summary_add(&sm, key, delta[i * 3 + l], "change in mean training error (points), cerebellar - no feedback");
        }
    for (int i = 0; i < P.n_Ts; i++) {
        snprintf(key, sizeof key, "g_T%d", P.Ts[i]);
        cc_summary_add(&sm, key, ben[i], "benefit (points): no-feedback - cerebellar test error");
    }
    cc_summary_add(&sm, "c_row_first", row_first, "heat map: mean change over plasticity at the first alpha");
    cc_summary_add(&sm, "c_row_last", row_last, "heat map: mean change over plasticity at the last alpha");
    cc_summary_add(&sm, "c_col_fixed", col_fixed, "heat map: mean change over alpha, fixed cortex");
    cc_summary_add(&sm, "c_col_rec", col_rec, "heat map: mean change over alpha, input + recurrent plasticity");
    if (P.lr_rnn_low > 0) {
        static const char *const lk[7] = {"lr_low_none", "lr_low_none_sem", "lr_low_cereb", "lr_low_cereb_sem",
                                          "lr_low_cereb_silenced", "lr_low_cereb_silenced_sem", "lr_low_cereb_best_epoch"};
        static const char *const ld[7] = {"test error (%), no feedback, input + recurrent at the low cortical learning rate",
                                          "its SEM", "test error (%), cerebellar feedback, the same", "its SEM",
                                          "the cerebellar model silenced from t = 0", "its SEM",
                                          "mean best-checkpoint epoch of that cerebellar model"};
        cc_summary_add(&sm, "lr_rnn", P.model.lr_rnn, "cortical learning rate of the plastic conditions (e-prop)");
        cc_summary_add(&sm, "lr_rnn_low", P.lr_rnn_low, "the low cortical learning rate of the supplement to panels f and h");
        for (int k = 0; k < 7; k++) cc_summary_add(&sm, lk[k], low[k], ld[k]);
    }
    if ((s = cc_summary_commit(&sm))) return s;

    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 5 claims, from the means over seeds"))) return s;
    char crit[160];
    snprintf(crit, sizeof crit, "cerebellar test error at least %g points below both controls", P.acq_margin);
    cc_claims_add(&cl, "fig5.acquisition",
                  "With a fixed cortex the cerebellar model ends with a clearly lower error than both controls", crit,
                  cb <= nf - P.acq_margin && cb <= ro - P.acq_margin,
                  "test error none %.1f%%, readout %.1f%%, cerebellar %.1f%%", nf, ro, cb);
    snprintf(crit, sizeof crit, "|silenced - best constant guess| <= %g points", P.guess_tol);
    cc_claims_add(&cl, "fig5.silencing",
                  "Silencing the cerebellum from t = 0 brings the error to the best-constant-guess level", crit,
                  fabs(sil - cst) <= P.guess_tol, "silenced %.1f%%, best constant guess %.1f%%", sil, cst);
    snprintf(crit, sizeof crit, "belief rise silenced <= %g x intact", P.flat_ratio);
    cc_claims_add(&cl, "fig5.belief", "Silencing from t = 0 flattens the belief", crit,
                  rise[1] <= P.flat_ratio * rise[0],
                  "rise of P(right) over the trial: intact %.3f, silenced %.3f", rise[0], rise[1]);
    cc_claims_add(&cl, "fig5.heatmap-sign",
                  "At low alpha with a fixed cortex the cerebellum lowers the training error (sign of the heat map)",
                  "change at the first alpha of the sweep, fixed cortex < 0", delta[0] < 0, "change %.1f points", delta[0]);
    cc_claims_add(&cl, "fig5.heatmap-alpha", "The benefit shrinks as alpha grows",
                  "mean change over plasticity: last alpha > first alpha of the sweep", row_last > row_first,
                  "%.1f points at alpha %g, %.1f at alpha %g", row_first, P.alphas[0], row_last, P.alphas[na - 1]);
    cc_claims_add(&cl, "fig5.heatmap-plasticity", "The benefit shrinks as cortical plasticity grows",
                  "mean change over alpha: input+recurrent > fixed", col_rec > col_fixed,
                  "%.1f points fixed, %.1f input+recurrent", col_fixed, col_rec);
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    cond c[MAX_COND];
    if (conditions(c) < 0) return snprintf(err, n, "too many conditions (at most %d)", MAX_COND), GSL_EINVAL;
    if (P.train.seeds > MAX_SEEDS) return snprintf(err, n, "run.seeds: at most %d", MAX_SEEDS), GSL_EINVAL;
    if (P.sweep_seeds > P.train.seeds)
        return snprintf(err, n, "sweep.seeds (%d) must not exceed run.seeds (%d)", P.sweep_seeds, P.train.seeds), GSL_EINVAL;
    if (P.alpha_epochs > P.train.epochs)
        return snprintf(err, n, "sweep.alpha_epochs (%d) must not exceed train.epochs (%d)", P.alpha_epochs, P.train.epochs), GSL_EINVAL;
    if (P.delay >= P.T) return snprintf(err, n, "task.delay must be below task.T"), GSL_EINVAL;
    for (int i = 0; i < P.n_Ts; i++)
        if (P.delay >= P.Ts[i]) return snprintf(err, n, "sweep.T: every T must exceed task.delay"), GSL_EINVAL;
    if (P.T - P.delay < 3 || P.T - P.delay < P.bins)
        return snprintf(err, n, "the cue period (task.T - task.delay) needs at least 3 and analysis.bins steps"), GSL_EINVAL;
    for (int i = -1; i < P.n_Ts; i++) { /* the shared cross-key rules (sizes, memory) at every trial length */
        const cc_task task = task_of(i < 0 ? P.T : P.Ts[i]);
        if (cc_expt_check(&P.model, &P.train, &task, CC_ARCH_CEREB_FB, CC_CORTEX_INPUT_REC, err, n)) return GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {
    .name = "fig5",
    .summary = "Fig. 5: evidence accumulation: architectures, alpha x plasticity, silencing, belief, regression, cue duration",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
