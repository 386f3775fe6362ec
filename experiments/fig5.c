/* fig5.c: Fig. 5, evidence accumulation (after Deverett et al. 2019) with cerebellar silencing.
 *
 * Every unit trains one model (architecture, cortical plasticity, alpha, cue duration T,
 * seed) on the evidence-accumulation task, then runs all the tests the panels need on the
 * same 1000 test trials: intact, cerebellum silenced from t = 0, and (main conditions)
 * silenced in the early, middle or late third of the cue period only; the fixed-cortex
 * cerebellar model also writes its belief over time and the logistic-regression weights
 * of its choices. The merge makes the panels:
 *   b  validation error per epoch of the three architectures; their test error
 *   c  change in mean training error (cerebellar - no feedback) over alpha x plasticity, with, given
 *      sweep.lr_rnn_low, a fourth plasticity level: input + recurrent at that cortical learning rate
 *   d  belief P(right) over time on right-dominant trials, intact vs silenced from t = 0
 *   e  normalised logistic weights of the choice on right - left puffs per time bin
 *   f  test error with the cerebellum silenced in one period, per plasticity level
 *   g  benefit of cerebellar feedback (no-feedback - cerebellar test error) against T
 *   h  change in error with vs without the cerebellum, during and after training
 * and, with sweep.lr_rnn_low, the supplement to c, f and h: the input + recurrent models again at
 * that cortical learning rate (summary keys lr_low_*, c_*_input_rec_low); and judges the claims of
 * the figure from the per-seed values (claims.tsv, claims_seeds.tsv). Channel 0 is "left" (label 1),
 * channel 1 "right" (label 2), label 0 a tie.
 * Not here: the model (src/model/), the belief and the choice regression (cc_evidence.h), the plot
 * (figures/fig5.gp).
 */
#include "cc_figure.h"
#include "cc_evidence.h"

enum { MAX_LIST = 16, MAX_BINS = CC_EVIDENCE_MAX_BINS, MAX_SEEDS = 100 };

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
    double acq_margin, guess_tol, flat_ratio, learnt_error, learning_share, level;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .T = 50, .delay = 5, .puff_prob = 0.3,
       .alphas = {0.1, 0.3, 0.5, 0.7, 0.9}, .n_alphas = 5, .Ts = {20, 40, 60, 80, 100}, .n_Ts = 5,
       .sweep_seeds = 3, .alpha_epochs = 20, .T_epochs = 30, .lr_rnn_low = 0, .bins = 5,
       .acq_margin = 10, .guess_tol = 5, .flat_ratio = 0.25, .learnt_error = 37, .learning_share = 0.5, .level = 0.05};

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
    CC_SPEC_DOUBLE("sweep.lr_rnn_low", &P.lr_rnn_low, 0, 1, "panels c, f, h supplement: input + recurrent plasticity again at this cortical learning rate (0: none)"),
    CC_SPEC_INT("analysis.bins", &P.bins, 1, MAX_BINS, "panel e: time bins of the cue period"),
    CC_SPEC_DOUBLE("claims.acq_margin", &P.acq_margin, 0, 100, "claim 1: cerebellar test error this many points below both controls"),
    CC_SPEC_DOUBLE("claims.guess_tol", &P.guess_tol, 0, 100, "claim 2: silenced error within this many points of the best constant guess"),
    CC_SPEC_DOUBLE("claims.flat_ratio", &P.flat_ratio, 0, 1, "claim 3: silenced belief rise at most this fraction of the intact one"),
    CC_SPEC_DOUBLE("claims.learnt_error", &P.learnt_error, 0, 100, "a seed has learnt the task when its test error (%) is at most this"),
    CC_SPEC_DOUBLE("claims.learning_share", &P.learning_share, 0, 1, "a plasticity level learns when at least this share of its seeds learnt (alpha and T of the task)"),
    CC_SPEC_DOUBLE("claims.level", &P.level, 0, 1, "level of the one-sided tests of the heat-map claims"),
    CC_SPEC_END};

/* ---------------------------------------------------------------- conditions */

static const cc_arch ARCHS[3] = {CC_ARCH_NONE, CC_ARCH_READOUT_FB, CC_ARCH_CEREB_FB};
static const char *const PLASTICITY[3] = {"fixed", "input", "input_rec"}; /* cc_plasticity_name of each level */
/* The heat map's plasticity levels: the three of the paper, then input + recurrent at sweep.lr_rnn_low. */
enum { LEVEL_LOW = 3, LEVELS_MAX = 4 };
static const char *const LEVEL[LEVELS_MAX] = {"fixed", "input", "input_rec", "input_rec_low"};
static int n_levels(void) { return P.lr_rnn_low > 0 ? LEVELS_MAX : LEVEL_LOW; }
static const cc_arch PAIR[2] = {CC_ARCH_NONE, CC_ARCH_CEREB_FB}; /* the sweeps and panels f, h */

/* The tests of a unit (its condition's kind). */
enum {
    TESTS_SWEEP = 0,  /* intact and silenced from t = 0 */
    TESTS_PERIODS,    /* also silenced in one third of the cue period (alpha and T of the task) */
    TESTS_BELIEF      /* also the belief and regression tables (there, the fixed-cortex cerebellar model) */
};

/* A condition's name "<arch>-<plasticity>-a<alpha>-T<T>", with "-lr<lr>" for the low cortical
 * learning rate (lr > 0); its units are "<name>-s<i>". */
typedef struct {
    char s[CC_GRID_NAME_MAX];
} cond_name;

static cond_name name_of(cc_arch a, cc_plasticity l, double alpha, int T, double lr)
{
    cond_name n;
    const int k = snprintf(n.s, sizeof n.s, "%s-%s-a%g-T%d", cc_arch_name(a), cc_plasticity_name(l), alpha, T);
    if (lr > 0 && k >= 0 && (size_t)k < sizeof n.s) snprintf(n.s + k, sizeof n.s - (size_t)k, "-lr%g", lr);
    return n;
}

/* A condition at the alpha and T of the task (panels b, d, e, f, h). */
static cond_name main_name(cc_arch a, cc_plasticity l) { return name_of(a, l, P.model.alpha, P.T, 0); }

/* The condition of heat-map level `level` (LEVEL) at cortical leak alpha and the T of the task. */
static cond_name level_name(cc_arch a, int level, double alpha)
{
    return level == LEVEL_LOW ? name_of(a, CC_CORTEX_INPUT_REC, alpha, P.T, P.lr_rnn_low) : name_of(a, level, alpha, P.T, 0);
}

/* Declare one condition, resolved: the main ones (alpha and T of the task) train train.epochs on
 * run.seeds, a sweep one sweep.T_epochs or sweep.alpha_epochs on sweep.seeds. A sweep value equal
 * to the task's shares its condition; one that only prints alike is refused. */
static int declare(cc_grid *g, cc_arch a, cc_plasticity l, double alpha, int T, double lr)
{
    const int before = g->n, is_main = alpha == P.model.alpha && T == P.T;
    cc_cond *c = cc_grid_add(g, "%s", name_of(a, l, alpha, T, lr).s);
    if (!c) return GSL_ENOMEM;
    if (g->n == before) {
        if (c->model.alpha == alpha) return GSL_SUCCESS;
        char was[32], now[32];
        cc_out_format_double(was, sizeof was, c->model.alpha);
        cc_out_format_double(now, sizeof now, alpha);
        return CC_ERRORF(GSL_EINVAL, "%s %s and sweep.alpha %s print alike (%g) and would name the same units",
                         c->model.alpha == P.model.alpha ? "model.alpha" : "sweep.alpha", was, now, alpha);
    }
    c->arch = a;
    c->plasticity = l;
    c->model.alpha = alpha;
    if (lr > 0) c->model.lr_rnn = lr;
    c->task = cc_task_defaults(CC_TASK_EVACC);
    c->task.T = T;
    c->task.delay = P.delay;
    c->task.puff_prob = P.puff_prob;
    c->train.epochs = is_main ? P.train.epochs : T != P.T ? P.T_epochs : P.alpha_epochs;
    c->seeds = is_main ? P.train.seeds : P.sweep_seeds;
    c->kind = !is_main ? TESTS_SWEEP : a == CC_ARCH_CEREB_FB && l == CC_CORTEX_FIXED ? TESTS_BELIEF : TESTS_PERIODS;
    if (c->kind == TESTS_BELIEF) cc_cond_set(c, "analysis.bins", P.bins);
    return GSL_SUCCESS;
}

/* Every panel's conditions, each once, in a fixed order (that of the unit ids). */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    const double alpha = P.model.alpha;
    int s = GSL_SUCCESS;
    for (int a = 0; !s && a < 3; a++) s = declare(g, ARCHS[a], CC_CORTEX_FIXED, alpha, P.T, 0); /* b */
    for (int l = CC_CORTEX_FIXED; l <= CC_CORTEX_INPUT_REC; l++)                             /* f, h */
        for (int a = 0; !s && a < 2; a++) s = declare(g, PAIR[a], l, alpha, P.T, 0);
    for (int i = 0; i < P.n_alphas; i++) /* c */
        for (int l = CC_CORTEX_FIXED; l <= CC_CORTEX_INPUT_REC; l++)
            for (int a = 0; !s && a < 2; a++) s = declare(g, PAIR[a], l, P.alphas[i], P.T, 0);
    for (int i = 0; i < P.n_Ts; i++) /* g */
        for (int a = 0; !s && a < 2; a++) s = declare(g, PAIR[a], CC_CORTEX_FIXED, alpha, P.Ts[i], 0);
    for (int a = 0; !s && P.lr_rnn_low > 0 && a < 2; a++) /* f, h: the low learning rate */
        s = declare(g, PAIR[a], CC_CORTEX_INPUT_REC, alpha, P.T, P.lr_rnn_low);
    for (int i = 0; P.lr_rnn_low > 0 && i < P.n_alphas; i++) /* c: the low learning rate at every alpha */
        for (int a = 0; !s && a < 2; a++) s = declare(g, PAIR[a], CC_CORTEX_INPUT_REC, P.alphas[i], P.T, P.lr_rnn_low);
    return s;
}

/* ---------------------------------------------------------------- one unit */

/* Per-unit tables of the fixed-cortex cerebellar model: belief, and regression weights over
 * `bins` bins of the cue period [0, Tcue); z intact, za silenced from t = 0. */
static int write_belief_logit(const cc_run_ctx *ctx, const cc_batch *b, const double *z, const double *za, int bins,
                              int Tcue)
{
    const int T = b->T;
    double *rows = malloc(sizeof(double) * 3 * T), logit[MAX_BINS][7], w[2][MAX_BINS], se[2][MAX_BINS];
    if (!rows) GSL_ERROR("out of memory for the belief", GSL_ENOMEM);
    for (int k = 0; k < T; k++) rows[3 * k] = k; /* t intact silenced */
    cc_evidence_belief(rows + 1, 3, z, b);
    cc_evidence_belief(rows + 2, 3, za, b);
    int s = cc_panel_unit_rows(ctx, "belief", "Fig. 5d: belief P(right) = sigma(z_right - z_left) on right-dominant test trials",
                               "probability; silenced: cerebellar output 0 from t = 0", "t intact silenced", T, rows);
    free(rows);
    if (!s) s = cc_evidence_weights(z, b, bins, Tcue, w[0], se[0]);
    if (!s) s = cc_evidence_weights(za, b, bins, Tcue, w[1], se[1]);
    for (int k = 0; k < bins; k++) {
        int lo, hi;
        cc_evidence_bin(k, bins, Tcue, &lo, &hi);
        memcpy(logit[k], (double[7]){k, lo, hi, w[0][k], se[0][k], w[1][k], se[1][k]}, sizeof logit[k]);
    }
    return s ? s : cc_panel_unit_rows(ctx, "logit", "Fig. 5e: logistic-regression weights of the choice on right - left puffs per cue bin",
                                      "log-odds per puff; steps [t_lo, t_hi); choice right if z_right > z_left at the last step; NaN: no estimate",
                                      "bin t_lo t_hi w se w_silenced se_silenced", bins, logit[0]);
}

/* Test error (%) of m on the test trials of `seed` with the cerebellum silenced on [from, until);
 * z, if not NULL, receives a copy of the readout (cc_panel_test_copy). */
static int test_err(cc_model *m, const cc_task *task, int n, unsigned long seed, int from, int until, double *err, double **z)
{
    cc_stats st;
    int s = cc_panel_test_copy(m, task, n, seed, from, until, &st, NULL, z);
    *err = 100.0 * (1.0 - st.acc);
    return s;
}

static int run_unit(const cc_run_ctx *ctx)
{
    const cc_cond *c = ctx->cond;
    const unsigned long seed = ctx->seed;
    const cc_task task = c->task;
    const cc_config cfg = cc_cond_config(c);
    const cc_protocol pr = cc_cond_protocol(c);
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
    const int cereb = c->arch == CC_ARCH_CEREB_FB, Tcue = task.T - task.delay, want_z = cereb && c->kind == TESTS_BELIEF;
    if ((s = cc_panel_test_copy(m, &task, pr.n_test, seed, -1, -1, &st, &b, want_z ? &z : NULL))) goto done;
    int share[3] = {0, 0, 0}, most = 0; /* trials per label; the most frequent: the best constant guess */
    for (int i = 0; i < b->B; i++) share[b->cond[i]]++;
    for (int k = 0; k < 3; k++) most = share[k] > most ? share[k] : most;
    double row[13] = {100.0 * (1.0 - st.acc), st.xent, NAN, NAN, NAN, NAN, NAN,
                      100.0 * share[0] / b->B, 100.0 * share[1] / b->B, 100.0 * share[2] / b->B,
                      100.0 * (1.0 - (double)most / b->B), curve->best_epoch, pr.epochs};
    if (cereb) { /* the same trials (cc_test draws them from the seed) silenced from t = 0, then in one third of the cue period only */
        if ((s = test_err(m, &task, pr.n_test, seed, 0, -1, &row[2], want_z ? &za : NULL))) goto done;
        for (int k = 0; c->kind != TESTS_SWEEP && k < 3; k++)
            if ((s = test_err(m, &task, pr.n_test, seed, k * Tcue / 3, (k + 1) * Tcue / 3, &row[3 + k], NULL))) goto done;
        row[6] = row[2];
        if (want_z && (s = write_belief_logit(ctx, b, z, za, (int)cc_cond_get(c, "analysis.bins"), Tcue))) goto done;
    }
    s = cc_expt_write_row(ctx, "test", "test error (%) on 1000 trials at the best checkpoint; silenced: cerebellar output 0 from t = 0, or in one third of the cue period only",
                          "err xent err_silenced err_early err_middle err_late err_whole share_tie share_left share_right err_constant best_epoch epochs",
                          row);
done:
    free(z);
    free(za);
    cc_batch_free(b);
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* What the panels compute for the summary and the claims. */
typedef struct {
    cc_seedstat test[6];               /* b: none, readout_fb, cereb_fb, silenced, constant guess; best epoch */
    double delta[MAX_LIST][LEVELS_MAX];                 /* c: change at alpha i and level l, mean over seeds */
    double delta_seed[MAX_LIST][LEVELS_MAX][MAX_SEEDS]; /* c: the same, per seed */
    double train_err[2][MAX_LIST][LEVELS_MAX][MAX_SEEDS]; /* c: mean training error per seed: none, cerebellar */
    double rise[2], belief_end[2];     /* d: intact, silenced */
    double rise_seed[2][MAX_SEEDS];    /* d: the rise per seed */
    int n_fit[2];                      /* e: seeds with a regression estimate, intact and silenced */
    double mean_w[2], mean_fit_se[2];  /* e: means over bins */
    cc_seedstat periods[3][5];         /* f: per plasticity: intact, silenced early, middle, late, whole */
    double benefit[MAX_LIST];          /* g: per T */
    cc_seedstat change[3][2];          /* h: per plasticity: during, after */
    double low[7];                     /* supplement: see supplement_lr */
} results;

/* Mean validation error over epochs 1..E of each of the first ns seeds of condition cond: v (ns). */
static int mean_train_error(const cc_run_ctx *ctx, const char *cond, int ns, int E, double *v)
{
    double e[MAX_SEEDS];
    for (int i = 0; i < ns; i++) v[i] = 0.0;
    for (int ep = 1; ep <= E; ep++) {
        int s = cc_panel_seed_values(ctx, cond, ns, "curve", ep, "val_metric", e);
        if (s) return s;
        for (int i = 0; i < ns; i++) v[i] += e[i] / E;
    }
    return GSL_SUCCESS;
}

/* b: learning curves, and the test bars (three architectures, the silenced cerebellar model, the
 * best constant guess), with the best epoch of the cerebellar model. */
static int panel_b(const cc_run_ctx *ctx, const char *runs, results *r)
{
    cond_name fixed[3];
    cc_panel_series series[3];
    for (int a = 0; a < 3; a++) {
        fixed[a] = main_name(ARCHS[a], CC_CORTEX_FIXED);
        series[a] = (cc_panel_series){fixed[a].s, cc_arch_name(ARCHS[a])};
    }
    cc_tsv_head h = {.title = "Fig. 5b: validation error per epoch, fixed cortex, mean and SEM over seeds",
                     .units = "error (%) of 200 validation trials; epoch 0 is before training", .runs = runs};
    int s = cc_panel_curves(ctx, "fig5b_curves.tsv", &h, series, 3, P.train.epochs, "val_metric", NULL);
    static const char *const col[6] = {"err", "err", "err", "err_silenced", "err_constant", "best_epoch"};
    for (int i = 0; !s && i < 6; i++) s = cc_grid_stat(ctx, fixed[i < 3 ? i : 2].s, "test", 0, col[i], &r->test[i]);
    static const char *const label[5] = {"none", "readout_fb", "cereb_fb", "cereb_silenced", "constant_guess"};
    cc_tsv_head hb = {.title = "Fig. 5b: test error at the best checkpoint (1000 trials), and the best constant guess",
                      .units = "error (%), mean and SEM over seeds", .runs = runs};
    return s ? s : cc_panel_seed_bars(ctx, "fig5b_test.tsv", &hb, label, 5, NULL, 1, r->test);
}

/* c: heat map of mean training error, cerebellar - no feedback, over the first sweep.seeds seeds;
 * its levels: LEVEL (the fourth, input + recurrent at sweep.lr_rnn_low, only when that is set). */
static int panel_c(const cc_run_ctx *ctx, results *r)
{
    char runs[160];
    snprintf(runs, sizeof runs, "seeds 0..%d of each condition, epochs 1..%d", P.sweep_seeds - 1, P.alpha_epochs);
    cc_tsv_head h = {.title = "Fig. 5c: change in mean training error of the cerebellar model relative to no feedback",
                     .columns = "alpha_i plast_i alpha delta delta_sem err_cereb err_none",
                     .units = "percentage points; mean validation error over the training epochs, paired by seed; plast_i 0 fixed, 1 input, 2 input+recurrent, 3 input+recurrent at sweep.lr_rnn_low",
                     .runs = runs};
    cc_tsv t = {0};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig5c_heatmap.tsv");
    const int ns = P.sweep_seeds;
    for (int i = 0; !s && i < P.n_alphas; i++)
        for (int l = 0; !s && l < n_levels(); l++) {
            double *none = r->train_err[0][i][l], *cereb = r->train_err[1][i][l], mean_cereb, mean_none, d_sem, sem;
            s = mean_train_error(ctx, level_name(CC_ARCH_CEREB_FB, l, P.alphas[i]).s, ns, P.alpha_epochs, cereb);
            if (!s) s = mean_train_error(ctx, level_name(CC_ARCH_NONE, l, P.alphas[i]).s, ns, P.alpha_epochs, none);
            if (s) break;
            for (int k = 0; k < ns; k++) r->delta_seed[i][l][k] = cereb[k] - none[k];
            cc_mean_sem(r->delta_seed[i][l], ns, &r->delta[i][l], &d_sem);
            cc_mean_sem(cereb, ns, &mean_cereb, &sem);
            cc_mean_sem(none, ns, &mean_none, &sem);
            s = cc_tsv_row(&t, (double[]){i, l, P.alphas[i], r->delta[i][l], d_sem, mean_cereb, mean_none});
        }
    return cc_tsv_end(&t, s);
}

/* d: belief, mean and SEM, then each seed; its rise P(T-1) - P(0) and its end, mean over seeds. */
static int panel_d(const cc_run_ctx *ctx, results *r)
{
    const cond_name cb = main_name(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    const int ns = P.train.seeds;
    char cols[4096] = "t intact silenced intact_sem silenced_sem";
    for (int i = 0; i < ns; i++) snprintf(cols + strlen(cols), sizeof cols - strlen(cols), " intact_s%d", i);
    for (int i = 0; i < ns; i++) snprintf(cols + strlen(cols), sizeof cols - strlen(cols), " silenced_s%d", i);
    cc_tsv_head h = {.title = "Fig. 5d: belief P(right) on right-dominant test trials, fixed cortex: intact and cerebellum silenced from t = 0",
                     .columns = cols, .units = "probability sigma(z_right - z_left); mean and SEM over seeds, then each seed", .runs = "every seed of the fixed-cortex cerebellar model"};
    cc_tsv t = {0};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig5d_belief.tsv");
    double first[2][MAX_SEEDS], last[2][MAX_SEEDS], sem;
    for (int k = 0; !s && k < P.T; k++) {
        double row[5 + 2 * MAX_SEEDS] = {k};
        for (int c = 0; !s && c < 2; c++) { /* intact, silenced */
            double *v = row + 5 + c * ns;
            s = cc_panel_seed_values(ctx, cb.s, ns, "belief", k, c ? "silenced" : "intact", v);
            cc_mean_sem(v, ns, &row[1 + c], &row[3 + c]);
            if (k == 0) memcpy(first[c], v, sizeof(double) * ns);
            if (k == P.T - 1) memcpy(last[c], v, sizeof(double) * ns);
        }
        if (!s) s = cc_tsv_row(&t, row);
    }
    for (int c = 0; !s && c < 2; c++) {
        for (int i = 0; i < ns; i++) r->rise_seed[c][i] = last[c][i] - first[c][i];
        cc_mean_sem(r->rise_seed[c], ns, &r->rise[c], &sem);
        cc_mean_sem(last[c], ns, &r->belief_end[c], &sem);
    }
    return cc_tsv_end(&t, s);
}

/* e: weights normalised per seed by the mean intact weight over bins; mean and SEM over
 * seeds with a finite fit; fit SEs (normalised the same way) averaged over those seeds. */
static int panel_e(const cc_run_ctx *ctx, results *r)
{
    const cond_name cb = main_name(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED);
    const int ns = P.train.seeds, nb = P.bins;
    static const char *const wcol[2] = {"w", "w_silenced"}, *const secol[2] = {"se", "se_silenced"};
    double w[2][MAX_BINS][MAX_SEEDS], se[2][MAX_BINS][MAX_SEEDS], wn[2][MAX_BINS][MAX_SEEDS], sn[2][MAX_BINS][MAX_SEEDS];
    int s = 0, *n = r->n_fit;
    for (int k = 0; !s && k < nb; k++)
        for (int c = 0; !s && c < 2; c++) {
            s = cc_panel_seed_values(ctx, cb.s, ns, "logit", k, wcol[c], w[c][k]);
            if (!s) s = cc_panel_seed_values(ctx, cb.s, ns, "logit", k, secol[c], se[c][k]);
        }
    n[0] = n[1] = 0;
    for (int i = 0; !s && i < ns; i++) {
        double norm = 0.0;
        for (int k = 0; k < nb; k++) norm += w[0][k][i] / nb;
        if (!(norm > 0.0)) continue; /* no intact fit, or no positive weight to scale by */
        for (int c = 0; c < 2; c++) {
            int ok = 1;
            for (int k = 0; k < nb; k++) ok &= isfinite(w[c][k][i]);
            if (!ok) continue;
            for (int k = 0; k < nb; k++) {
                wn[c][k][n[c]] = w[c][k][i] / norm;
                sn[c][k][n[c]] = se[c][k][i] / norm;
            }
            n[c]++;
        }
    }
    char runs[128];
    snprintf(runs, sizeof runs, "seeds with an estimate: %d intact, %d silenced, of %d", n[0], n[1], ns);
    cc_tsv_head h = {.title = "Fig. 5e: normalised logistic weights of the choice on right - left puffs per cue bin, fixed cortex",
                     .columns = "bin t_mid w w_sem w_fit_se w_silenced w_silenced_sem w_silenced_fit_se",
                     .units = "weight / mean intact weight over bins (per seed); mean and SEM over seeds; fit_se: mean standard error of the fits",
                     .runs = runs};
    cc_tsv t = {0};
    if (!s) s = cc_ctx_tsv_open(ctx, &t, &h, "fig5e_logit.tsv");
    r->mean_w[0] = r->mean_w[1] = r->mean_fit_se[0] = r->mean_fit_se[1] = 0.0;
    for (int k = 0; !s && k < nb; k++) {
        int lo, hi;
        cc_evidence_bin(k, nb, P.T - P.delay, &lo, &hi);
        double row[8] = {k, 0.5 * (lo + hi - 1)}, sem;
        for (int c = 0; c < 2; c++) {
            double *mean = &row[2 + 3 * c];
            if (n[c]) {
                cc_mean_sem(wn[c][k], n[c], &mean[0], &mean[1]);
                cc_mean_sem(sn[c][k], n[c], &mean[2], &sem);
            } else {
                mean[0] = mean[1] = mean[2] = NAN;
            }
            r->mean_w[c] += mean[0] / nb;
            r->mean_fit_se[c] += mean[2] / nb;
        }
        s = cc_tsv_row(&t, row);
    }
    return cc_tsv_end(&t, s);
}

/* f: error with the cerebellum silenced in one period, per plasticity level. */
static int panel_f(const cc_run_ctx *ctx, results *r)
{
    static const char *const cols[5] = {"err", "err_early", "err_middle", "err_late", "err_whole"};
    cc_tsv_head h = {.title = "Fig. 5f: test error of the cerebellar model silenced in one period only, per cortical plasticity",
                     .units = "error (%), 1000 test trials, mean and SEM over seeds; early/middle/late: one third of the cue period; whole: from t = 0 to the end",
                     .runs = "every seed of the cerebellar model at each plasticity level (alpha and T of the task)"};
    static const char *const groups[5] = {"intact", "early", "middle", "late", "whole"};
    int s = GSL_SUCCESS;
    for (int l = 0; l < 3; l++)
        for (int k = 0; !s && k < 5; k++) s = cc_grid_stat(ctx, main_name(CC_ARCH_CEREB_FB, l).s, "test", 0, cols[k], &r->periods[l][k]);
    return s ? s : cc_panel_seed_bars(ctx, "fig5f_periods.tsv", &h, PLASTICITY, 3, groups, 5, &r->periods[0][0]);
}

/* g: benefit (no feedback - cerebellar test error) per T, over the first sweep.seeds seeds. */
static int panel_g(const cc_run_ctx *ctx, results *r)
{
    char runs[128];
    snprintf(runs, sizeof runs, "seeds 0..%d of each T, %d epochs", P.sweep_seeds - 1, P.T_epochs);
    cc_tsv_head h = {.title = "Fig. 5g: benefit of cerebellar feedback over no feedback against the cue duration T, fixed cortex",
                     .columns = "T benefit benefit_sem err_none err_none_sem err_cereb err_cereb_sem err_constant",
                     .units = "percentage points of test error (no feedback - cerebellar, paired by seed); errors in %",
                     .runs = runs};
    cc_tsv t = {0};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig5g_duration.tsv");
    const int ns = P.sweep_seeds;
    for (int i = 0; !s && i < P.n_Ts; i++) {
        double none[MAX_SEEDS], cereb[MAX_SEEDS], constant[MAX_SEEDS], d[MAX_SEEDS], row[8] = {P.Ts[i]}, sem;
        const cond_name cn = name_of(CC_ARCH_NONE, CC_CORTEX_FIXED, P.model.alpha, P.Ts[i], 0),
                        cc = name_of(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, P.model.alpha, P.Ts[i], 0);
        s = cc_panel_seed_values(ctx, cn.s, ns, "test", 0, "err", none);
        if (!s) s = cc_panel_seed_values(ctx, cc.s, ns, "test", 0, "err", cereb);
        if (!s) s = cc_panel_seed_values(ctx, cc.s, ns, "test", 0, "err_constant", constant);
        if (s) break;
        for (int k = 0; k < ns; k++) d[k] = none[k] - cereb[k]; /* paired by seed */
        cc_mean_sem(d, ns, &row[1], &row[2]);
        cc_mean_sem(none, ns, &row[3], &row[4]);
        cc_mean_sem(cereb, ns, &row[5], &row[6]);
        cc_mean_sem(constant, ns, &row[7], &sem);
        r->benefit[i] = row[1];
        s = cc_tsv_row(&t, row);
    }
    return cc_tsv_end(&t, s);
}

/* h: change in test error with - without the cerebellum, during training (cerebellar -
 * no-feedback model) and after training (intact - silenced from t = 0), per plasticity. */
static int panel_h(const cc_run_ctx *ctx, results *r)
{
    cc_tsv_head h = {.title = "Fig. 5h: change in test error with vs without the cerebellum, during and after training, per cortical plasticity",
                     .units = "percentage points, paired by seed; during: cerebellar - no-feedback model; after: cerebellar model intact - silenced from t = 0",
                     .runs = "every seed at each plasticity level (alpha and T of the task)"};
    const int ns = P.train.seeds;
    static const char *const groups[2] = {"during", "after"};
    int s = GSL_SUCCESS;
    for (int l = 0; !s && l < 3; l++) {
        double cereb[MAX_SEEDS], none[MAX_SEEDS], silenced[MAX_SEEDS], d[MAX_SEEDS];
        const cond_name cb = main_name(CC_ARCH_CEREB_FB, l);
        s = cc_panel_seed_values(ctx, cb.s, ns, "test", 0, "err", cereb);
        if (!s) s = cc_panel_seed_values(ctx, main_name(CC_ARCH_NONE, l).s, ns, "test", 0, "err", none);
        if (!s) s = cc_panel_seed_values(ctx, cb.s, ns, "test", 0, "err_silenced", silenced);
        if (s) break;
        for (int k = 0; k < 2; k++) { /* d_i = cereb_i - (none_i | silenced_i), paired by seed */
            for (int i = 0; i < ns; i++) d[i] = cereb[i] - (k ? silenced[i] : none[i]);
            cc_panel_seedstat(&r->change[l][k], d, ns);
        }
    }
    return s ? s : cc_panel_seed_bars(ctx, "fig5h_during_after.tsv", &h, PLASTICITY, 3, groups, 2, &r->change[0][0]);
}

/* The supplement to panels f and h: the input + recurrent models at the low cortical learning
 * rate; low: error of no feedback, its SEM, cerebellar, its SEM, cerebellar silenced from t = 0,
 * its SEM, mean best epoch of the cerebellar model. */
static int supplement_lr(const cc_run_ctx *ctx, results *r)
{
    const cond_name none = name_of(CC_ARCH_NONE, CC_CORTEX_INPUT_REC, P.model.alpha, P.T, P.lr_rnn_low),
                    cereb = name_of(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT_REC, P.model.alpha, P.T, P.lr_rnn_low);
    double *low = r->low, sem;
    int s = cc_grid_mean_sem(ctx, none.s, "test", 0, "err", &low[0], &low[1]);
    if (!s) s = cc_grid_mean_sem(ctx, cereb.s, "test", 0, "err", &low[2], &low[3]);
    if (!s) s = cc_grid_mean_sem(ctx, cereb.s, "test", 0, "err_silenced", &low[4], &low[5]);
    if (!s) s = cc_grid_mean_sem(ctx, cereb.s, "test", 0, "best_epoch", &low[6], &sem);
    return s;
}

/* The heat map's trends: mean change over levels 0..2 (those of the paper) at the first and last
 * alpha, and over alpha at each level; each per seed, then its mean over seeds. */
typedef struct {
    double row_first[MAX_SEEDS], row_last[MAX_SEEDS], col[LEVELS_MAX][MAX_SEEDS];
    double mean_row_first, mean_row_last, mean_col[LEVELS_MAX];
    int judged; /* the level the plasticity claim compares with a fixed cortex (plastic_level) */
} trends;

static void heatmap_trends(const results *r, trends *t)
{
    const int ns = P.sweep_seeds, na = P.n_alphas;
    double sem;
    for (int k = 0; k < ns; k++) {
        t->row_first[k] = t->row_last[k] = 0.0;
        for (int l = 0; l < LEVEL_LOW; l++) {
            t->row_first[k] += r->delta_seed[0][l][k] / LEVEL_LOW;
            t->row_last[k] += r->delta_seed[na - 1][l][k] / LEVEL_LOW;
        }
        for (int l = 0; l < n_levels(); l++) {
            t->col[l][k] = 0.0;
            for (int i = 0; i < na; i++) t->col[l][k] += r->delta_seed[i][l][k] / na;
        }
    }
    cc_mean_sem(t->row_first, ns, &t->mean_row_first, &sem);
    cc_mean_sem(t->row_last, ns, &t->mean_row_last, &sem);
    for (int l = 0; l < n_levels(); l++) cc_mean_sem(t->col[l], ns, &t->mean_col[l], &sem);
}

/* The seeds of the cerebellar model of each heat-map level at the alpha and T of the task that
 * learnt (test error <= claims.learnt_error), of n; and whether that level learns. */
typedef struct {
    int learnt[LEVELS_MAX], n[LEVELS_MAX], learns[LEVELS_MAX];
} learning;

static int level_learning(const cc_run_ctx *ctx, learning *g)
{
    static cc_seedstat err;
    for (int l = 0; l < n_levels(); l++) {
        int s = cc_grid_stat(ctx, level_name(CC_ARCH_CEREB_FB, l, P.model.alpha).s, "test", 0, "err", &err);
        if (s) return s;
        const cc_sample x = cc_sample_of(&err, LEVEL[l]);
        g->learnt[l] = cc_sample_count_le(&x, P.learnt_error);
        g->n[l] = err.n;
        g->learns[l] = g->learnt[l] >= P.learning_share * err.n; /* k >= share n */
    }
    return GSL_SUCCESS;
}

/* The plasticity level the trend is judged on: the most plastic whose cerebellar model learns, in
 * the order input + recurrent, input + recurrent at sweep.lr_rnn_low; else input (learnt or not:
 * the claim's measured text says). */
static int plastic_level(const learning *g)
{
    if (g->learns[CC_CORTEX_INPUT_REC]) return CC_CORTEX_INPUT_REC;
    if (n_levels() > LEVEL_LOW && g->learns[LEVEL_LOW]) return LEVEL_LOW;
    return CC_CORTEX_INPUT;
}

/* summary.tsv: the numbers the report quotes. */
static int summary(const cc_run_ctx *ctx, const results *r, const trends *tr, const learning *g)
{
    cc_summary sm;
    int s = cc_summary_open(&sm, ctx, "Fig. 5: numbers quoted in the report");
    if (s) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds of the main conditions (alpha and T of the task)");
    cc_summary_add(&sm, "sweep_seeds", P.sweep_seeds, "seeds of the alpha and T sweeps");
    cc_summary_add(&sm, "epochs", P.train.epochs, "training epochs of the main conditions");
    cc_summary_add(&sm, "alpha_epochs", P.alpha_epochs, "training epochs of the alpha sweep (and the window of its mean error)");
    cc_summary_add(&sm, "T_epochs", P.T_epochs, "training epochs of the T sweep");
    cc_panel_summary_pair(&sm, "err_none", r->test[0].mean, r->test[0].sem, "test error (%), no feedback, fixed cortex");
    cc_panel_summary_pair(&sm, "err_readout_fb", r->test[1].mean, r->test[1].sem, "test error (%), readout feedback, fixed cortex");
    cc_panel_summary_pair(&sm, "err_cereb_fb", r->test[2].mean, r->test[2].sem, "test error (%), cerebellar feedback, fixed cortex");
    cc_panel_summary_pair(&sm, "err_silenced", r->test[3].mean, r->test[3].sem, "test error (%), cerebellar model silenced from t = 0");
    cc_summary_add(&sm, "err_constant", r->test[4].mean, "error (%) of the best constant guess on the test trials");
    cc_summary_add(&sm, "best_epoch_cereb", r->test[5].mean, "mean best-checkpoint epoch of the cerebellar model");
    cc_summary_add(&sm, "belief_rise_intact", r->rise[0], "belief P(right), last step - first step, intact (right-dominant trials)");
    cc_summary_add(&sm, "belief_rise_silenced", r->rise[1], "the same with the cerebellum silenced from t = 0");
    cc_summary_add(&sm, "belief_end_intact", r->belief_end[0], "belief P(right) at the last step, intact");
    cc_summary_add(&sm, "belief_end_silenced", r->belief_end[1], "belief P(right) at the last step, silenced");
    cc_summary_add(&sm, "logit_seeds_intact", r->n_fit[0], "seeds with a regression estimate, intact");
    cc_summary_add(&sm, "logit_seeds_silenced", r->n_fit[1], "seeds with a regression estimate, silenced");
    cc_summary_add(&sm, "logit_mean_silenced", r->mean_w[1], "mean normalised weight over bins, silenced (intact = 1)");
    cc_summary_add(&sm, "logit_fit_se", r->mean_fit_se[0], "mean normalised fit SE of a weight, intact");
    static const char *const period[5] = {"intact", "early", "middle", "late", "whole"};
    char doc[160];
    for (int l = 0; l < 3; l++) {
        const char *plast = cc_plasticity_name(l);
        for (int k = 0; k < 5; k++) {
            snprintf(doc, sizeof doc, "test error (%%), %s cortex, cerebellum %s%s", plast, k ? "silenced: " : "", period[k]);
            cc_summary_addf(&sm, r->periods[l][k].mean, doc, "f_%s_%s", plast, period[k]);
        }
        cc_summary_addf(&sm, r->change[l][0].mean, "change in test error (points), cerebellar - no feedback", "h_during_%s", plast);
        cc_summary_addf(&sm, r->change[l][1].mean, "change in test error (points), intact - silenced", "h_after_%s", plast);
    }
    for (int i = 0; i < P.n_alphas; i++)
        for (int l = 0; l < n_levels(); l++)
            cc_summary_addf(&sm, r->delta[i][l],
                            l == LEVEL_LOW ? "change in mean training error (points), cerebellar - no feedback, input + recurrent at sweep.lr_rnn_low"
                                           : "change in mean training error (points), cerebellar - no feedback",
                            "c_a%g_%s", P.alphas[i], LEVEL[l]);
    for (int i = 0; i < P.n_Ts; i++) cc_summary_addf(&sm, r->benefit[i], "benefit (points): no-feedback - cerebellar test error", "g_T%d", P.Ts[i]);
    cc_summary_add(&sm, "c_row_first", tr->mean_row_first, "heat map: mean change over plasticity (fixed, input, input + recurrent) at the first alpha");
    cc_summary_add(&sm, "c_row_last", tr->mean_row_last, "heat map: mean change over plasticity (fixed, input, input + recurrent) at the last alpha");
    cc_summary_add(&sm, "c_col_fixed", tr->mean_col[CC_CORTEX_FIXED], "heat map: mean change over alpha, fixed cortex");
    cc_summary_add(&sm, "c_col_input", tr->mean_col[CC_CORTEX_INPUT], "heat map: mean change over alpha, input plasticity");
    cc_summary_add(&sm, "c_col_rec", tr->mean_col[CC_CORTEX_INPUT_REC], "heat map: mean change over alpha, input + recurrent plasticity");
    if (P.lr_rnn_low > 0)
        cc_summary_add(&sm, "c_col_rec_low", tr->mean_col[LEVEL_LOW], "heat map: mean change over alpha, input + recurrent at sweep.lr_rnn_low");
    for (int l = 0; l < n_levels(); l++) {
        snprintf(doc, sizeof doc, "seeds of the cerebellar model, %s, alpha and T of the task, with test error <= claims.learnt_error", LEVEL[l]);
        cc_summary_addf(&sm, g->learnt[l], doc, "learnt_%s", LEVEL[l]);
    }
    cc_summary_add(&sm, "plastic_level", tr->judged, "plasticity level the heat-map plasticity claim is judged on (1 input, 2 input_rec, 3 input_rec_low)");
    if (P.lr_rnn_low > 0) {
        cc_summary_add(&sm, "lr_rnn", P.model.lr_rnn, "cortical learning rate of the plastic conditions (e-prop)");
        cc_summary_add(&sm, "lr_rnn_low", P.lr_rnn_low, "the low cortical learning rate of the supplement to panels f and h");
        cc_panel_summary_pair(&sm, "lr_low_none", r->low[0], r->low[1], "test error (%), no feedback, input + recurrent at the low cortical learning rate");
        cc_panel_summary_pair(&sm, "lr_low_cereb", r->low[2], r->low[3], "test error (%), cerebellar feedback, the same");
        cc_panel_summary_pair(&sm, "lr_low_cereb_silenced", r->low[4], r->low[5], "the cerebellar model silenced from t = 0");
        cc_summary_add(&sm, "lr_low_cereb_best_epoch", r->low[6], "mean best-checkpoint epoch of that cerebellar model");
    }
    return cc_summary_commit(&sm);
}

/* fig5.acquisition, .silencing, .belief: the main conditions (alpha and T of the task). */
static int claims_main(cc_claims *cl, const results *r)
{
    const cc_seedstat *none = &r->test[0], *readout = &r->test[1], *cereb = &r->test[2], *silenced = &r->test[3], *constant = &r->test[4];
    int s;
    char crit[512];
    /* acquisition: min(none, readout) - cerebellar mean test error >= acq_margin */
    const cc_sample acq[3] = {cc_sample_of(cereb, "cerebellar"), cc_sample_of(none, "no feedback"),
                              cc_sample_of(readout, "readout feedback")};
    snprintf(crit, sizeof crit,
             "mean test error of each control - cerebellar >= claims.acq_margin = %g points; a seed learnt when its test error <= claims.learnt_error = %g %%",
             P.acq_margin, P.learnt_error);
    s = cc_judge(cl, &(cc_claim_text){"fig5.acquisition", CC_SRC_PAPER,
                                      "With a fixed cortex the cerebellar model ends with a clearly lower error than both controls", crit},
                 cc_rule_diff_ge, &(cc_rule_arg){.thr = P.acq_margin}, acq, 3,
                 "test error none %.1f%%, readout %.1f%%, cerebellar %.1f%%; seeds learnt: none %d of %d, readout %d of %d, cerebellar %d of %d",
                 none->mean, readout->mean, cereb->mean, cc_sample_count_le(&acq[1], P.learnt_error), none->n,
                 cc_sample_count_le(&acq[2], P.learnt_error), readout->n, cc_sample_count_le(&acq[0], P.learnt_error), cereb->n);
    /* silencing: |silenced - best constant guess| <= guess_tol */
    const cc_sample guess[2] = {cc_sample_of(constant, "best constant guess"), cc_sample_of(silenced, "silenced from t = 0")};
    snprintf(crit, sizeof crit, "|mean silenced test error - mean error of the best constant guess| <= claims.guess_tol = %g points", P.guess_tol);
    if (!s)
        s = cc_judge(cl, &(cc_claim_text){"fig5.silencing", CC_SRC_PAPER,
                                          "Silencing the cerebellum from t = 0 brings the error to the best-constant-guess level", crit},
                     cc_rule_absdiff_le, &(cc_rule_arg){.thr = P.guess_tol}, guess, 2, "silenced %.1f%%, best constant guess %.1f%%", silenced->mean, constant->mean);
    /* belief: mean silenced rise <= flat_ratio x mean intact rise */
    const int ns = P.train.seeds;
    const cc_sample rise[2] = {{"intact rise", r->rise_seed[0], ns}, {"silenced rise", r->rise_seed[1], ns}};
    snprintf(crit, sizeof crit, "mean rise of P(right) (last - first step) silenced / intact <= claims.flat_ratio = %g", P.flat_ratio);
    if (!s)
        s = cc_judge(cl, &(cc_claim_text){"fig5.belief", CC_SRC_PAPER, "Silencing from t = 0 flattens the belief", crit},
                     cc_rule_ratio_le, &(cc_rule_arg){.thr = P.flat_ratio}, rise, 2, "rise of P(right) over the trial: intact %.3f, silenced %.3f", r->rise[0], r->rise[1]);
    return s;
}

/* fig5.heatmap-*: the heat map of panel c, per seed. */
static int claims_heatmap(cc_claims *cl, const results *r, const trends *tr, const learning *g)
{
    const int ns = P.sweep_seeds, na = P.n_alphas, lp = tr->judged;
    int s;
    const cc_rule_arg test = {.level = P.level};
    char crit[768];
    /* sign: the per-seed change below 0 by a one-sided paired t test, i.e. Welch's test against a
     * sample of zeros (its degrees of freedom are then n - 1); effect: -mean change */
    static const double zeros[MAX_SEEDS];
    const cc_sample sign[2] = {{"change, fixed cortex", r->delta_seed[0][CC_CORTEX_FIXED], ns}, {"zero", zeros, ns}};
    int neg = 0;
    for (int k = 0; k < ns; k++) neg += r->delta_seed[0][CC_CORTEX_FIXED][k] < 0;
    snprintf(crit, sizeof crit,
             "per-seed change (cerebellar - no feedback) at alpha %g (the first of the sweep), fixed cortex, below 0 by a one-sided paired t test, p < claims.level = %g; effect: -mean change",
             P.alphas[0], P.level);
    s = cc_judge(cl, &(cc_claim_text){"fig5.heatmap-sign", CC_SRC_PAPER,
                                      "At low alpha with a fixed cortex the cerebellum lowers the training error (sign of the heat map)", crit},
                 cc_rule_greater, &test, sign, 2, "change %.1f points; %d of %d seeds below 0", r->delta[0][CC_CORTEX_FIXED], neg, ns);
    /* alpha: per-seed mean change over the paper's three levels, last alpha > first alpha */
    const cc_sample rows[2] = {{"first alpha", tr->row_first, ns}, {"last alpha", tr->row_last, ns}};
    snprintf(crit, sizeof crit,
             "per-seed mean change over plasticity (fixed, input, input + recurrent) at alpha %g greater than at alpha %g, Welch one-sided p < claims.level = %g",
             P.alphas[na - 1], P.alphas[0], P.level);
    if (!s)
        s = cc_judge(cl, &(cc_claim_text){"fig5.heatmap-alpha", CC_SRC_PAPER, "The benefit shrinks as alpha grows", crit},
                     cc_rule_greater, &test, rows, 2, "%.1f points at alpha %g, %.1f at alpha %g", tr->mean_row_first,
                     P.alphas[0], tr->mean_row_last, P.alphas[na - 1]);
    /* plasticity: fixed against the most plastic level whose cerebellar model learns */
    const cc_sample cols[2] = {{LEVEL[CC_CORTEX_FIXED], tr->col[CC_CORTEX_FIXED], ns}, {LEVEL[lp], tr->col[lp], ns}};
    char measured[512], low[96] = "";
    int k = snprintf(measured, sizeof measured, "mean change over alpha: fixed %.1f, %s %.1f; cerebellar seeds learnt at alpha %g:",
                     tr->mean_col[CC_CORTEX_FIXED], LEVEL[lp], tr->mean_col[lp], P.model.alpha);
    for (int l = 0; l < n_levels() && k > 0 && (size_t)k < sizeof measured; l++)
        k += snprintf(measured + k, sizeof measured - (size_t)k, g->learns[l] ? "%s %s %d of %d" : "%s %s not testable: %d of %d seeds learn",
                      l ? "," : "", LEVEL[l], g->learnt[l], g->n[l]);
    if (P.lr_rnn_low > 0) snprintf(low, sizeof low, ", input_rec_low (input + recurrent at sweep.lr_rnn_low = %g)", P.lr_rnn_low);
    snprintf(crit, sizeof crit,
             "per-seed mean change over alpha greater at the most plastic level whose cerebellar model learns (in the order input_rec%s, input) than with a fixed cortex, Welch one-sided p < claims.level = %g; "
             "a level learns when at least claims.learning_share = %g of its seeds at alpha %g reach test error <= claims.learnt_error = %g %%; judged on %s",
             low, P.level, P.learning_share, P.model.alpha, P.learnt_error, LEVEL[lp]);
    if (!s)
        s = cc_judge(cl, &(cc_claim_text){"fig5.heatmap-plasticity", CC_SRC_PAPER, "The benefit shrinks as cortical plasticity grows", crit},
                     cc_rule_greater, &test, cols, 2, "%s", measured);
    return s;
}

static int merge(const cc_run_ctx *ctx)
{
    char runs[256];
    snprintf(runs, sizeof runs, "units/*-a%g-T%d-s0..s%d, seeds %d..%d", P.model.alpha, P.T, P.train.seeds - 1,
             P.train.seed0, P.train.seed0 + P.train.seeds - 1);
    static results r; /* large: not on the stack */
    static trends tr;
    learning g;
    int s = panel_b(ctx, runs, &r);
    if (!s) s = panel_c(ctx, &r);
    if (!s) s = panel_d(ctx, &r);
    if (!s) s = panel_e(ctx, &r);
    if (!s) s = panel_f(ctx, &r);
    if (!s) s = panel_g(ctx, &r);
    if (!s) s = panel_h(ctx, &r);
    if (!s && P.lr_rnn_low > 0) s = supplement_lr(ctx, &r);
    if (!s) s = level_learning(ctx, &g);
    if (s) return s;
    heatmap_trends(&r, &tr);
    tr.judged = plastic_level(&g);
    if ((s = summary(ctx, &r, &tr, &g))) return s;
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 5 claims, judged from the per-seed values"))) return s;
    if (!(s = claims_main(&cl, &r))) s = claims_heatmap(&cl, &r, &tr, &g);
    return s ? s : cc_claims_commit(&cl);
}

/* The figure's own cross-key rules (each condition's model and task, e.g. task.delay below every T, are
 * checked by the grid before). */
static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.train.seeds > MAX_SEEDS) return snprintf(err, n, "run.seeds: at most %d", MAX_SEEDS), GSL_EINVAL;
    if (P.sweep_seeds > P.train.seeds)
        return snprintf(err, n, "sweep.seeds (%d) must not exceed run.seeds (%d)", P.sweep_seeds, P.train.seeds), GSL_EINVAL;
    if (P.alpha_epochs > P.train.epochs)
        return snprintf(err, n, "sweep.alpha_epochs (%d) must not exceed train.epochs (%d)", P.alpha_epochs, P.train.epochs), GSL_EINVAL;
    if (P.T - P.delay < 3 || P.T - P.delay < P.bins)
        return snprintf(err, n, "the cue period (task.T - task.delay) needs at least 3 and analysis.bins steps"), GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {.name = "fig5", .specs = SPECS, .validate = validate, .grid = grid, .run_unit = run_unit, .merge = merge,
    .summary = "Fig. 5: evidence accumulation: architectures, alpha x plasticity, silencing, belief, regression, cue duration"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
