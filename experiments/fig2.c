/* fig2.c: Fig. 2, rapid acquisition of line drawing with a fixed cortex.
 *
 * Every unit trains one model (architecture, cortical plasticity, tau, mossy fibres,
 * seed) on the six-line task and tests it, with and without its cerebellum. The
 * merge averages the seeds of each condition into the panels:
 *   a  validation MSE per epoch of the four architectures of Table 1 (fixed cortex)
 *   b  output trajectories after training (first seed), targets dotted
 *   c  test MSE of the cerebellar model with its output silenced from t = 0
 *   d  final MSE against the cerebellar time window tau
 *   e  final MSE per cortical plasticity level and architecture
 *   f  fixed against plastic mossy fibres
 * and checks the claims of the figure (claims.tsv).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_expt.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int taus[16], n_taus;
    double ratio_min, ablation_lo, ablation_hi;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .taus = {0, 1, 2, 3, 4, 5, 6},
       .n_taus = 7,
       .ratio_min = 5,
       .ablation_lo = 0.5,
       .ablation_hi = 2.0};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_LIST_INT("sweep.tau", P.taus, &P.n_taus, 0, 50, "panel d: cerebellar time windows"),
    CC_SPEC_DOUBLE("claims.ratio_min", &P.ratio_min, 1, 1000, "claim 1: no feedback / cerebellar MSE at least this"),
    CC_SPEC_DOUBLE("claims.ablation_lo", &P.ablation_lo, 0, 1, "claim 2: ablated / no-feedback MSE at least this"),
    CC_SPEC_DOUBLE("claims.ablation_hi", &P.ablation_hi, 1, 100, "claim 2: ablated / no-feedback MSE at most this"),
    CC_SPEC_END};

/* One trained condition; a unit is a condition and a seed. */
typedef struct {
    cc_arch arch;
    cc_plasticity plast;
    int tau, plastic_mf;
} cond;

enum { MAX_COND = 64 };
static const cc_arch ARCHS[4] = {CC_ARCH_NONE, CC_ARCH_READOUT_FB, CC_ARCH_CEREB_FB, CC_ARCH_CEREB_READOUT};

static int cond_find(const cond *c, int n, cond x)
{
    for (int i = 0; i < n; i++)
        if (c[i].arch == x.arch && c[i].plast == x.plast && c[i].tau == x.tau && c[i].plastic_mf == x.plastic_mf)
            return i;
    return -1;
}

static int cond_add(cond *c, int *n, cond x)
{
    int i = cond_find(c, *n, x);
    if (i >= 0) return i;
    c[*n] = x;
    return (*n)++;
}

/* The conditions of every panel, each once, in a fixed order. */
static int conditions(cond *c)
{
    int n = 0;
    const int tau = P.model.tau, mf = P.model.plastic_mf;
    for (int a = 0; a < 4; a++) cond_add(c, &n, (cond){ARCHS[a], CC_CORTEX_FIXED, tau, mf});        /* a, b, c */
    for (int i = 0; i < P.n_taus; i++) cond_add(c, &n, (cond){CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, P.taus[i], mf}); /* d */
    for (int a = 0; a < 4; a++)                                                                       /* e */
        for (int l = CC_CORTEX_FIXED; l <= CC_CORTEX_INPUT_REC; l++) cond_add(c, &n, (cond){ARCHS[a], l, tau, mf});
    for (int m = 0; m <= 1; m++) cond_add(c, &n, (cond){CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, tau, m});   /* f */
    return n;
}

static void cond_name(char *buf, size_t n, cond c)
{
    snprintf(buf, n, "%s-%s-tau%d-mf%s", cc_arch_name(c.arch), cc_plasticity_name(c.plast), c.tau,
             c.plastic_mf ? "plastic" : "fixed");
}

static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    cond c[MAX_COND];
    int n = conditions(c);
    char name[128];
    for (int i = 0; i < n; i++) {
        cond_name(name, sizeof name, c[i]);
        for (int s = 0; s < P.train.seeds; s++)
            if (cc_unit_list_add(out, "%s-s%d", name, s)) return GSL_ENOMEM;
    }
    return GSL_SUCCESS;
}

/* Trajectories of the first test trial of each cue: cond t x y (control), x y (ablated). */
static int write_traj(const cc_run_ctx *ctx, const cc_batch *b, const double *z, const double *za)
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 2b: readout of the first test trial of each cue (ablated: cerebellum silenced from t = 0)",
                     .columns = "cond t target_x target_y x y x_ablated y_ablated",
                     .runs = ctx->unit};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.traj.tsv", ctx->unit);
    if (s) return s;
    for (int k = 0; k < 6; k++) {
        int bb = 0;
        while (bb < b->B && b->cond[bb] != k) bb++;
        if (bb == b->B) continue;
        for (int tt = 0; tt < b->T; tt++) {
            long i = ((long)tt * b->B + bb) * 2;
            double row[8] = {k, tt, b->y[i], b->y[i + 1], z[i], z[i + 1], za ? za[i] : NAN, za ? za[i + 1] : NAN};
            if ((s = cc_tsv_row(&t, row))) {
                cc_tsv_abort(&t);
                return s;
            }
        }
    }
    return cc_tsv_commit(&t);
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    cond c[MAX_COND];
    conditions(c);
    const cond x = c[ctx->unit_index / P.train.seeds];
    const int seed_index = ctx->unit_index % P.train.seeds;
    const unsigned long seed = (unsigned long)(P.train.seed0 + seed_index);
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    cc_model_keys mk = P.model;
    mk.tau = x.tau;
    mk.plastic_mf = x.plastic_mf;
    cc_config cfg = cc_expt_config(&mk, &task, x.arch, x.plast);
    cc_protocol pr = cc_expt_protocol(&P.train, &task);
    cc_model *m = cc_model_alloc(&cfg, seed);
    cc_curve *curve = cc_curve_alloc(pr.epochs);
    cc_batch *b = NULL;
    double *z = NULL, *za = NULL;
    int s = GSL_ENOMEM;
    if (!m || !curve) goto done;
    if ((s = cc_expt_train(m, &task, &pr, seed, curve, ctx))) goto done;
    if ((s = cc_expt_write_curve(ctx, curve, "val_metric: validation MSE per element; losses per element"))) goto done;
    cc_stats st, sa = {.mse = NAN};
    if ((s = cc_test(m, &task, pr.n_test, seed, &st, &b))) goto done;
    const size_t nz = (size_t)b->T * b->B * 2;
    z = malloc(nz * sizeof(double));
    memcpy(z, m->ws.z, nz * sizeof(double));
    if (x.arch == CC_ARCH_CEREB_FB) { /* silence the cerebellar output from t = 0 on the same trials */
        m->silence_from = 0;
        cc_batch_free(b);
        b = NULL;
        if ((s = cc_test(m, &task, pr.n_test, seed, &sa, &b))) goto done;
        za = malloc(nz * sizeof(double));
        memcpy(za, m->ws.z, nz * sizeof(double));
        m->silence_from = -1;
    }
    if ((s = write_traj(ctx, b, z, za))) goto done;
    double row[3] = {st.mse, sa.mse, curve->best_epoch};
    if ((s = cc_expt_write_row(ctx, "test", "test MSE per element (1000 trials)", "mse mse_ablated best_epoch", row)))
        goto done;
    cc_record_metric(ctx->rec, "test_mse", st.mse);
    cc_record_metric(ctx->rec, "test_mse_ablated", sa.mse);
    cc_record_metric(ctx->rec, "final_val_mse", curve->val_metric[pr.epochs]);
done:
    free(z);
    free(za);
    cc_batch_free(b);
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* Unit ids of condition x, one per seed. */
static char **cond_ids(const cc_run_ctx *ctx, cond x)
{
    cond c[MAX_COND];
    int i = cond_find(c, conditions(c), x);
    return i < 0 ? NULL : ctx->units->id + (long)i * P.train.seeds;
}

/* Mean and SEM over seeds of one number of condition x. */
static int cond_stat(const cc_run_ctx *ctx, cond x, const char *file, int row, const char *col, double *mean,
                     double *sem)
{
    double v[1000];
    int s = cc_expt_collect(ctx, cond_ids(ctx, x), P.train.seeds, file, row, col, v);
    if (!s) cc_mean_sem(v, P.train.seeds, mean, sem);
    return s;
}

static cond base(cc_arch a) { return (cond){a, CC_CORTEX_FIXED, P.model.tau, P.model.plastic_mf}; }

static int panel_a(const cc_run_ctx *ctx, char *runs)
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 2a: validation MSE per epoch, fixed cortex, mean and SEM over seeds",
                     .columns = "epoch none none_sem readout_fb readout_fb_sem cereb_fb cereb_fb_sem cereb_readout cereb_readout_sem",
                     .units = "MSE per element of 200 validation trials; epoch 0 is before training",
                     .runs = runs};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "fig2a_curves.tsv");
    for (int e = 0; !s && e <= P.train.epochs; e++) {
        double row[9] = {e};
        for (int a = 0; !s && a < 4; a++) s = cond_stat(ctx, base(ARCHS[a]), "curve", e, "val_metric", &row[1 + 2 * a], &row[2 + 2 * a]);
        if (!s) s = cc_tsv_row(&t, row);
    }
    if (s) {
        cc_tsv_abort(&t);
        return s;
    }
    return cc_tsv_commit(&t);
}

static int panel_b(const cc_run_ctx *ctx)
{
    /* first seed of each architecture, side by side */
    cc_table tb[4] = {{0}};
    int s = 0;
    for (int a = 0; !s && a < 4; a++) s = cc_ctx_table_read(ctx, &tb[a], "units/%s.traj.tsv", cond_ids(ctx, base(ARCHS[a]))[0]);
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 2b: outputs of the first test trial of each cue after training (first seed)",
                     .columns = "cond t target_x target_y none_x none_y readout_fb_x readout_fb_y cereb_fb_x cereb_fb_y cereb_readout_x cereb_readout_y ablated_x ablated_y",
                     .runs = "seed index 0 of each architecture"};
    if (!s) s = cc_ctx_tsv_open(ctx, &t, &h, "fig2b_traj.tsv");
    for (int r = 0; !s && r < tb[0].nrow; r++) {
        const int nc = tb[0].ncol;
        double row[14];
        for (int k = 0; k < 4; k++) row[k] = tb[0].v[r * nc + k];
        for (int a = 0; a < 4; a++) {
            row[4 + 2 * a] = tb[a].v[r * nc + 4];
            row[5 + 2 * a] = tb[a].v[r * nc + 5];
        }
        row[12] = tb[2].v[r * nc + 6];
        row[13] = tb[2].v[r * nc + 7];
        if ((s = cc_tsv_row(&t, row))) cc_tsv_abort(&t);
    }
    if (!s) s = cc_tsv_commit(&t);
    for (int a = 0; a < 4; a++) cc_table_free(&tb[a]);
    return s;
}

/* A table of labelled bars: label mean sem. */
static int bars(const cc_run_ctx *ctx, const char *file, const char *title, int n, const char *const *labels,
                const double *mean, const double *sem)
{
    cc_tsv t;
    cc_tsv_head h = {.title = title, .columns = "index label mean sem", .units = "test MSE per element, 1000 trials, mean and SEM over seeds"};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "%s", file);
    for (int i = 0; !s && i < n; i++) {
        s = cc_tsv_int(&t, i);
        if (!s) s = cc_tsv_str(&t, labels[i]);
        if (!s) s = cc_tsv_num(&t, mean[i]);
        if (!s) s = cc_tsv_num(&t, sem[i]);
    }
    if (s) {
        cc_tsv_abort(&t);
        return s;
    }
    return cc_tsv_commit(&t);
}

static int merge(const cc_run_ctx *ctx)
{
    char runs[256];
    snprintf(runs, sizeof runs, "units/*-s0..s%d, seeds %d..%d", P.train.seeds - 1, P.train.seed0,
             P.train.seed0 + P.train.seeds - 1);
    int s = panel_a(ctx, runs);
    if (!s) s = panel_b(ctx);
    /* c: ablation */
    double mean[16], sem[16];
    const cond cb = base(CC_ARCH_CEREB_FB), nf = base(CC_ARCH_NONE), ro = base(CC_ARCH_READOUT_FB);
    if (!s) s = cond_stat(ctx, nf, "test", 0, "mse", &mean[0], &sem[0]);
    if (!s) s = cond_stat(ctx, ro, "test", 0, "mse", &mean[1], &sem[1]);
    if (!s) s = cond_stat(ctx, cb, "test", 0, "mse", &mean[2], &sem[2]);
    if (!s) s = cond_stat(ctx, cb, "test", 0, "mse_ablated", &mean[3], &sem[3]);
    if (!s) s = cond_stat(ctx, base(CC_ARCH_CEREB_READOUT), "test", 0, "mse", &mean[4], &sem[4]);
    const double nf_mse = mean[0], ro_mse = mean[1], cb_mse = mean[2], abl_mse = mean[3], cbro_mse = mean[4];
    const char *lab_c[] = {"none", "readout_fb", "cereb_fb", "cereb_silenced", "cereb_readout"};
    if (!s) s = bars(ctx, "fig2c_ablation.tsv", "Fig. 2c: test MSE, cerebellar model with and without its cerebellum (silenced from t = 0), and the other architectures", 5, lab_c, mean, sem);
    /* d: tau */
    char tl[16][16];
    const char *lab_d[16];
    for (int i = 0; !s && i < P.n_taus; i++) {
        s = cond_stat(ctx, (cond){CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, P.taus[i], P.model.plastic_mf}, "test", 0, "mse", &mean[i], &sem[i]);
        snprintf(tl[i], sizeof tl[i], "tau=%d", P.taus[i]);
        lab_d[i] = tl[i];
    }
    if (!s) s = bars(ctx, "fig2d_tau.tsv", "Fig. 2d: test MSE of the cerebellar model against its time window tau", P.n_taus, lab_d, mean, sem);
    /* e: plasticity x architecture */
    const char *lab_e[12];
    char el[12][48];
    for (int a = 0; !s && a < 4; a++)
        for (int l = 0; !s && l < 3; l++) {
            s = cond_stat(ctx, (cond){ARCHS[a], l, P.model.tau, P.model.plastic_mf}, "test", 0, "mse", &mean[3 * a + l], &sem[3 * a + l]);
            snprintf(el[3 * a + l], sizeof el[0], "%s/%s", cc_arch_name(ARCHS[a]), cc_plasticity_name(l));
            lab_e[3 * a + l] = el[3 * a + l];
        }
    if (!s) s = bars(ctx, "fig2e_plasticity.tsv", "Fig. 2e: test MSE per architecture and cortical plasticity (fixed, input e-prop, input+recurrent e-prop)", 12, lab_e, mean, sem);
    double plast_best_nf = fmin(mean[0], fmin(mean[1], mean[2])), plast_best_ro = fmin(mean[3], fmin(mean[4], mean[5]));
    /* f: mossy fibres */
    const char *lab_f[] = {"fixed", "plastic"};
    for (int m = 0; !s && m < 2; m++) s = cond_stat(ctx, (cond){CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, P.model.tau, m}, "test", 0, "mse", &mean[m], &sem[m]);
    if (!s) s = bars(ctx, "fig2f_mossy.tsv", "Fig. 2f: test MSE of the cerebellar model with fixed or plastic mossy fibres", 2, lab_f, mean, sem);
    if (s) return s;
    const double fixed_mf_mse = mean[0], plastic_mf_mse = mean[1];
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. 2: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.train.seeds, "seeds per condition");
    cc_summary_add(&sm, "epochs", P.train.epochs, "training epochs");
    cc_summary_add(&sm, "n_train", P.train.n_train, "training trials per epoch");
    cc_summary_add(&sm, "mse_none", nf_mse, "test MSE, no feedback, fixed cortex");
    cc_summary_add(&sm, "mse_readout_fb", ro_mse, "test MSE, readout feedback, fixed cortex");
    cc_summary_add(&sm, "mse_cereb_fb", cb_mse, "test MSE, cerebellar feedback, fixed cortex");
    cc_summary_add(&sm, "mse_cereb_readout", cbro_mse, "test MSE, no feedback with a cerebellar readout");
    cc_summary_add(&sm, "mse_cereb_silenced", abl_mse, "test MSE, cerebellar model with its output silenced from t = 0");
    cc_summary_add(&sm, "mse_fixed_mf", fixed_mf_mse, "test MSE, cerebellar feedback with fixed mossy fibres");
    cc_summary_add(&sm, "mse_plastic_mf", plastic_mf_mse, "test MSE, cerebellar feedback with plastic mossy fibres");
    cc_summary_add(&sm, "mse_none_best_plastic", plast_best_nf, "lowest test MSE of the no-feedback model over plasticity levels");
    cc_summary_add(&sm, "mse_readout_fb_best_plastic", plast_best_ro, "lowest test MSE of the readout-feedback model over plasticity levels");
    cc_summary_add(&sm, "ratio_none_cereb", nf_mse / cb_mse, "no-feedback MSE / cerebellar MSE");
    cc_summary_add(&sm, "ratio_readout_cereb", ro_mse / cb_mse, "readout-feedback MSE / cerebellar MSE");
    cc_summary_add(&sm, "ratio_silenced_none", abl_mse / nf_mse, "silenced cerebellar MSE / no-feedback MSE");
    if ((s = cc_summary_commit(&sm))) return s;
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 2 claims, from the test MSE means over seeds"))) return s;
    char crit[128];
    snprintf(crit, sizeof crit, "both ratios >= %g", P.ratio_min);
    cc_claims_add(&cl, "fig2.acquisition",
                  "With a fixed cortex the cerebellar-feedback model ends at least 5x lower in MSE than no feedback and than readout feedback",
                  crit, nf_mse / cb_mse >= P.ratio_min && ro_mse / cb_mse >= P.ratio_min,
                  "MSE none %.4f, readout %.4f, cerebellar %.4f; ratios %.1f and %.1f", nf_mse, ro_mse, cb_mse,
                  nf_mse / cb_mse, ro_mse / cb_mse);
    snprintf(crit, sizeof crit, "silenced / no-feedback MSE in [%g, %g]", P.ablation_lo, P.ablation_hi);
    cc_claims_add(&cl, "fig2.ablation",
                  "Silencing the cerebellum of the trained cerebellar model brings its MSE back near the no-feedback level",
                  crit, abl_mse / nf_mse >= P.ablation_lo && abl_mse / nf_mse <= P.ablation_hi,
                  "MSE silenced %.4f, no feedback %.4f; ratio %.2f", abl_mse, nf_mse, abl_mse / nf_mse);
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    cond c[MAX_COND];
    if (P.n_taus > 16 || conditions(c) > MAX_COND) return snprintf(err, n, "too many conditions"), GSL_EINVAL;
    if (P.train.seeds > 1000) return snprintf(err, n, "run.seeds: at most 1000"), GSL_EINVAL;
    const cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    for (int i = 0, nc = conditions(c); i < nc; i++) {
        cc_model_keys mk = P.model;
        mk.tau = c[i].tau;
        mk.plastic_mf = c[i].plastic_mf;
        if (cc_expt_check(&mk, &P.train, &task, c[i].arch, c[i].plast, err, n)) return GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {
    .name = "fig2",
    .summary = "Fig. 2: line drawing with a fixed cortex: architectures, ablation, tau, plasticity, mossy fibres",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
