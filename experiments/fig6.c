/* fig6.c: Fig. 6, delayed association and the silencing of preparatory activity.
 *
 * Every unit trains one model (architecture, mossy fibres, seed) on the two-cue delayed
 * association task with plastic input weights (e-prop) and tests it on the same 1000 trials
 * three times: control, cerebellar output silenced from step t_sil to the end, silenced from
 * t = 0. The cerebellar models (plastic mossy fibres) are saved for Fig. 8
 * (experiments/fig6_models.h). The merge averages the seeds into the panels:
 *   a  validation error (%) per epoch of no feedback, readout feedback, cerebellar feedback
 *   b  selectivity over the trial, z_correct - z_other averaged over trials, control against
 *      silenced from t_sil
 *   c  accuracy and cross-entropy: control, silenced from t_sil, silenced from t = 0
 *   d  fixed against plastic mossy fibres: learning curves and test accuracy
 * and checks the claims of the figure (claims.tsv).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_expt.h"
#include "cc_io.h"
#include "fig6_models.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int t_silence;
    double acc_learned, chance_lo, chance_hi, selectivity_ratio_max;
} P = {.model = CC_MODEL_KEYS_DEFAULT,
       .train = CC_TRAIN_KEYS_DEFAULT,
       .t_silence = 10,
       .acc_learned = 0.95,
       .chance_lo = 0.4,
       .chance_hi = 0.6,
       .selectivity_ratio_max = 0.5};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_INT("silence.from", &P.t_silence, 1, 1000, "panels b, c: cerebellar output 0 from this step to the end"),
    CC_SPEC_DOUBLE("claims.acc_learned", &P.acc_learned, 0, 1, "claim 1: cerebellar test accuracy at least this"),
    CC_SPEC_DOUBLE("claims.chance_lo", &P.chance_lo, 0, 1, "claims 1, 3: chance = accuracy in [chance_lo, chance_hi]"),
    CC_SPEC_DOUBLE("claims.chance_hi", &P.chance_hi, 0, 1, "claims 1, 3: chance = accuracy in [chance_lo, chance_hi]"),
    CC_SPEC_DOUBLE("claims.selectivity_ratio_max", &P.selectivity_ratio_max, 0, 1,
                   "claim 2: end-of-trial selectivity silenced / control at most this"),
    CC_SPEC_END};

/* One trained condition; a unit is a condition and a seed. */
typedef struct {
    cc_arch arch;
    int plastic_mf;
} cond;

enum { NCOND = 4, COND_NONE = 0, COND_RO, COND_CB, COND_CB_OTHER_MF };

/* none, readout feedback, cerebellar feedback (the config's mossy fibres), the other mossy fibres */
static cond cond_of(int i)
{
    const int mf = P.model.plastic_mf;
    const cond c[NCOND] = {{CC_ARCH_NONE, mf}, {CC_ARCH_READOUT_FB, mf}, {CC_ARCH_CEREB_FB, mf}, {CC_ARCH_CEREB_FB, !mf}};
    return c[i];
}

static void cond_name(char *buf, size_t n, int i)
{
    cond c = cond_of(i);
    if (c.arch == CC_ARCH_CEREB_FB) snprintf(buf, n, "cereb_fb-mf%s", c.plastic_mf ? "plastic" : "fixed");
    else snprintf(buf, n, "%s", cc_arch_name(c.arch));
}

static int units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    char name[64];
    for (int i = 0; i < NCOND; i++) {
        cond_name(name, sizeof name, i);
        for (int s = 0; s < P.train.seeds; s++)
            if (cc_unit_list_add(out, "%s-s%d", name, s)) return GSL_ENOMEM;
    }
    return GSL_SUCCESS;
}

/* sel (T): mean over the B trials of z_t[label] - z_t[other] (two classes), z (T, B, 2). */
static void selectivity(double *sel, const double *z, const cc_batch *b)
{
    for (int t = 0; t < b->T; t++) {
        double s = 0.0;
        for (int i = 0; i < b->B; i++) {
            const double *zi = z + ((long)t * b->B + i) * 2;
            const int y = b->cond[i];
            s += zi[y] - zi[1 - y];
        }
        sel[t] = s / b->B;
    }
}

/* Test on the seed's 1000 test trials with the cerebellar output silenced from `from`
 * (-1: never); the selectivity per step into sel (T). */
static int test_silenced(cc_model *m, const cc_task *task, int n, unsigned long seed, int from, cc_stats *st,
                         double *sel)
{
    cc_batch *b = NULL;
    m->silence_from = from;
    int s = cc_test(m, task, n, seed, st, &b);
    m->silence_from = -1;
    if (s) return s;
    selectivity(sel, m->ws.z, b);
    cc_batch_free(b);
    return GSL_SUCCESS;
}

/* Save the model of seed index si for Fig. 8, and its checksum in units/<unit>.model.tsv. */
static int save_model(const cc_run_ctx *ctx, const cc_model *m, int si, unsigned long seed)
{
    char dir[CC_OUT_PATH_MAX], path[CC_OUT_PATH_MAX];
    int s = cc_ctx_path(ctx, dir, sizeof dir, "models");
    if (!s) s = cc_out_mkdirs(dir);
    if (!s) s = cc_ctx_path(ctx, path, sizeof path, "models/" FIG6_MODEL_FMT, si);
    if (!s) s = cc_model_save(m, path);
    if (s) return s;
    double row[4] = {si, (double)seed, 0, 0};
    if (fig6_model_checksum(path, &row[2], &row[3])) return CC_ERRORF(GSL_EFAILED, "cannot read back %s", path);
    return cc_expt_write_row(ctx, "model", "saved model: seed and the checksum closing its file", FIG6_MANIFEST_COLUMNS, row);
}

static int run_unit(const char *id, const cc_run_ctx *ctx)
{
    (void)id;
    const int ci = ctx->unit_index / P.train.seeds, si = ctx->unit_index % P.train.seeds;
    const cond x = cond_of(ci);
    const unsigned long seed = (unsigned long)(P.train.seed0 + si);
    cc_task task = cc_task_defaults(CC_TASK_DELASS);
    cc_model_keys mk = P.model;
    mk.plastic_mf = x.plastic_mf;
    /* [code] delass: only W_ih is plastic (fixed_rnn 'inp_only'), feedback columns included */
    cc_config cfg = cc_expt_config(&mk, &task, x.arch, CC_CORTEX_INPUT);
    cc_protocol pr = cc_expt_protocol(&P.train, &task);
    cc_model *m = cc_model_alloc(&cfg, seed);
    cc_curve *curve = cc_curve_alloc(pr.epochs);
    const int T = task.T;
    double *sel = calloc((size_t)3 * T, sizeof(double));
    int s = GSL_ENOMEM;
    if (!m || !curve || !sel) goto done;
    if ((s = cc_expt_train(m, &task, &pr, seed, curve, ctx))) goto done;
    if ((s = cc_expt_write_curve(ctx, curve, "val_metric: validation error fraction (1 - accuracy on the last step); val_loss: cross-entropy"))) goto done;
    const int cb = x.arch == CC_ARCH_CEREB_FB;
    cc_stats st[3] = {{0}};
    const int from[3] = {-1, P.t_silence, 0};
    for (int k = 0; k < (cb ? 3 : 1); k++)
        if ((s = test_silenced(m, &task, pr.n_test, seed, from[k], &st[k], sel + (long)k * T))) goto done;
    if (!cb)
        for (int k = 1; k < 3; k++) {
            st[k].acc = st[k].xent = NAN;
            for (int t = 0; t < T; t++) sel[(long)k * T + t] = NAN;
        }
    double row[8] = {st[0].acc, st[0].xent, st[1].acc, st[1].xent, st[2].acc, st[2].xent, curve->best_epoch,
                     curve->val_metric[pr.epochs]};
    if ((s = cc_expt_write_row(ctx, "test", "test on 1000 trials (last step): control, silenced from silence.from, silenced from t = 0",
                               "acc xent acc_late xent_late acc_zero xent_zero best_epoch final_val_error", row)))
        goto done;
    cc_tsv t;
    cc_tsv_head h = {.title = "selectivity z_correct - z_other per step, mean over the test trials",
                     .columns = "t control silenced_late silenced_zero", .runs = ctx->unit};
    if ((s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.sel.tsv", ctx->unit))) goto done;
    for (int tt = 0; tt < T && !s; tt++) {
        double r[4] = {tt, sel[tt], sel[T + tt], sel[2 * T + tt]};
        s = cc_tsv_row(&t, r);
    }
    if (s) {
        cc_tsv_abort(&t);
        goto done;
    }
    if ((s = cc_tsv_commit(&t))) goto done;
    if (ci == COND_CB && (s = save_model(ctx, m, si, seed))) goto done;
    cc_record_metric(ctx->rec, "test_acc", st[0].acc);
    cc_record_metric(ctx->rec, "test_acc_silenced_late", st[1].acc);
    cc_record_metric(ctx->rec, "test_acc_silenced_zero", st[2].acc);
done:
    free(sel);
    cc_curve_free(curve);
    cc_model_free(m);
    return s;
}

/* ---------------------------------------------------------------- merge */

static char **cond_ids(const cc_run_ctx *ctx, int ci) { return ctx->units->id + (long)ci * P.train.seeds; }

/* Mean and SEM over seeds of one number of condition ci; per-seed values into v if not NULL. */
static int cond_stat(const cc_run_ctx *ctx, int ci, const char *file, int row, const char *col, double *mean,
                     double *sem, double *v)
{
    double w[1000];
    double *x = v ? v : w;
    int s = cc_expt_collect(ctx, cond_ids(ctx, ci), P.train.seeds, file, row, col, x);
    if (!s) cc_mean_sem(x, P.train.seeds, mean, sem);
    return s;
}

/* A table of rows r = 0..n-1: r, then mean and SEM of each (condition, column) pair, in %
 * (scale 100) or as is. */
static int per_row_table(const cc_run_ctx *ctx, const char *out, const char *title, const char *columns,
                         const char *units_doc, const char *file, int n, int npairs, const int *ci,
                         const char *const *col, double scale)
{
    char runs[128];
    snprintf(runs, sizeof runs, "units/*-s0..s%d, seeds %d..%d", P.train.seeds - 1, P.train.seed0,
             P.train.seed0 + P.train.seeds - 1);
    cc_tsv t;
    cc_tsv_head h = {.title = title, .columns = columns, .units = units_doc, .runs = runs};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "%s", out);
    for (int r = 0; !s && r < n; r++) {
        double row[32] = {r};
        for (int k = 0; !s && k < npairs; k++) {
            s = cond_stat(ctx, ci[k], file, r, col[k], &row[1 + 2 * k], &row[2 + 2 * k], NULL);
            row[1 + 2 * k] *= scale;
            row[2 + 2 * k] *= scale;
        }
        if (!s) s = cc_tsv_row(&t, row);
    }
    if (s) {
        cc_tsv_abort(&t);
        return s;
    }
    return cc_tsv_commit(&t);
}

/* A table of labelled bars: index label mean sem [mean2 sem2]. */
static int bars(const cc_run_ctx *ctx, const char *file, const char *title, const char *units_doc, int n,
                const char *const *labels, const double *m1, const double *s1, const double *m2, const double *s2)
{
    cc_tsv t;
    cc_tsv_head h = {.title = title, .columns = m2 ? "index label acc acc_sem xent xent_sem" : "index label acc acc_sem",
                     .units = units_doc};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "%s", file);
    for (int i = 0; !s && i < n; i++) {
        s = cc_tsv_int(&t, i);
        if (!s) s = cc_tsv_str(&t, labels[i]);
        if (!s) s = cc_tsv_num(&t, m1[i]);
        if (!s) s = cc_tsv_num(&t, s1[i]);
        if (!s && m2) s = cc_tsv_num(&t, m2[i]);
        if (!s && m2) s = cc_tsv_num(&t, s2[i]);
    }
    if (s) {
        cc_tsv_abort(&t);
        return s;
    }
    return cc_tsv_commit(&t);
}

/* models/manifest.tsv: every saved model with its checksum (read by Fig. 8). */
static int manifest(const cc_run_ctx *ctx)
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. 6 models saved for Fig. 8: file models/cereb_fb-s<seed_index>.ccm, checksum closing it",
                     .columns = FIG6_MANIFEST_COLUMNS};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "models/" FIG6_MANIFEST);
    for (int i = 0; !s && i < P.train.seeds; i++) {
        cc_table tb = {0};
        s = cc_ctx_table_read(ctx, &tb, "units/%s.model.tsv", cond_ids(ctx, COND_CB)[i]);
        if (!s && (tb.nrow != 1 || tb.ncol != 4)) s = CC_ERRORF(GSL_EINVAL, "units/%s.model.tsv: not one row of 4", cond_ids(ctx, COND_CB)[i]);
        if (!s) s = cc_tsv_row(&t, tb.v);
        cc_table_free(&tb);
    }
    if (s) {
        cc_tsv_abort(&t);
        return s;
    }
    return cc_tsv_commit(&t);
}

static int merge(const cc_run_ctx *ctx)
{
    const int E = P.train.epochs, T = cc_task_defaults(CC_TASK_DELASS).T, S = P.train.seeds;
    /* a: learning curves in % */
    const int ca[3] = {COND_NONE, COND_RO, COND_CB};
    const char *vm[3] = {"val_metric", "val_metric", "val_metric"};
    int s = per_row_table(ctx, "fig6a_curves.tsv", "Fig. 6a: validation error per epoch, mean and SEM over seeds",
                          "epoch none none_sem readout_fb readout_fb_sem cereb_fb cereb_fb_sem",
                          "error % of 200 validation trials (last step); epoch 0 is before training", "curve", E + 1, 3,
                          ca, vm, 100.0);
    /* b: selectivity */
    const int cbb[3] = {COND_CB, COND_CB, COND_CB};
    const char *sc[3] = {"control", "silenced_late", "silenced_zero"};
    if (!s)
        s = per_row_table(ctx, "fig6b_selectivity.tsv",
                          "Fig. 6b: selectivity z_correct - z_other per step of the cerebellar model, mean and SEM over seeds",
                          "t control control_sem silenced_late silenced_late_sem silenced_zero silenced_zero_sem",
                          "readout difference (logits), mean over 1000 test trials per seed; silenced_late: cerebellar output 0 from silence.from on",
                          "sel", T, 3, cbb, sc, 1.0);
    /* d: mossy fibres, curves */
    const int cd[2] = {COND_CB, COND_CB_OTHER_MF};
    const int plastic_first = P.model.plastic_mf;
    const char *vm2[2] = {"val_metric", "val_metric"};
    if (!s)
        s = per_row_table(ctx, "fig6d_curves.tsv", "Fig. 6d: validation error per epoch of the cerebellar model, mossy fibres as configured and the other setting",
                          plastic_first ? "epoch plastic plastic_sem fixed fixed_sem" : "epoch fixed fixed_sem plastic plastic_sem",
                          "error % of 200 validation trials", "curve", E + 1, 2, cd, vm2, 100.0);
    if (s) return s;
    /* c: silencing */
    double am[4], as[4], xm[4], xs[4], acc_none, acc_ro, sem_unused, sel_ctl[1000], sel_late[1000];
    const char *cols_a[3] = {"acc", "acc_late", "acc_zero"}, *cols_x[3] = {"xent", "xent_late", "xent_zero"};
    double acc_seed[3][1000];
    for (int k = 0; !s && k < 3; k++) {
        s = cond_stat(ctx, COND_CB, "test", 0, cols_a[k], &am[k], &as[k], acc_seed[k]);
        if (!s) s = cond_stat(ctx, COND_CB, "test", 0, cols_x[k], &xm[k], &xs[k], NULL);
    }
    if (!s) s = cond_stat(ctx, COND_NONE, "test", 0, "acc", &acc_none, &sem_unused, NULL);
    if (!s) s = cond_stat(ctx, COND_RO, "test", 0, "acc", &acc_ro, &sem_unused, NULL);
    double sel_end, sel_end_sem, sel_end_late, sel_end_late_sem;
    if (!s) s = cond_stat(ctx, COND_CB, "sel", T - 1, "control", &sel_end, &sel_end_sem, sel_ctl);
    if (!s) s = cond_stat(ctx, COND_CB, "sel", T - 1, "silenced_late", &sel_end_late, &sel_end_late_sem, sel_late);
    const char *lab_c[3] = {"control", "silenced_late", "silenced_zero"};
    if (!s) s = bars(ctx, "fig6c_silencing.tsv", "Fig. 6c: test accuracy and cross-entropy of the cerebellar model, control and silenced",
                     "accuracy (fraction) and cross-entropy on the last step of 1000 test trials, mean and SEM over seeds", 3, lab_c, am, as, xm, xs);
    /* d: final accuracy, fixed and plastic */
    double dm[2], ds[2], best_ep[2], best_sem[2];
    for (int k = 0; !s && k < 2; k++) {
        s = cond_stat(ctx, cd[k], "test", 0, "acc", &dm[k], &ds[k], NULL);
        if (!s) s = cond_stat(ctx, cd[k], "test", 0, "best_epoch", &best_ep[k], &best_sem[k], NULL);
    }
    const double acc_plastic = plastic_first ? dm[0] : dm[1], acc_fixed = plastic_first ? dm[1] : dm[0];
    const char *lab_d[2] = {plastic_first ? "plastic" : "fixed", plastic_first ? "fixed" : "plastic"};
    if (!s) s = bars(ctx, "fig6d_mossy.tsv", "Fig. 6d: test accuracy of the cerebellar model, mossy fibres as configured and the other setting",
                     "accuracy on the last step of 1000 test trials, mean and SEM over seeds", 2, lab_d, dm, ds, NULL, NULL);
    if (!s) s = manifest(ctx);
    if (s) return s;
    /* seeds: converged, choice kept under late silencing, per-seed selectivity ratios */
    int n_learned = 0, n_kept = 0;
    double ratio_min = INFINITY, ratio_max = -INFINITY, late_min = INFINITY, late_max = -INFINITY;
    for (int i = 0; i < S; i++) {
        n_learned += acc_seed[0][i] >= P.acc_learned;
        n_kept += acc_seed[1][i] >= P.acc_learned;
        double r = sel_late[i] / sel_ctl[i];
        ratio_min = fmin(ratio_min, r);
        ratio_max = fmax(ratio_max, r);
        late_min = fmin(late_min, acc_seed[1][i]);
        late_max = fmax(late_max, acc_seed[1][i]);
    }
    const double ratio = sel_end_late / sel_end;
    /* the cortical-only models seed by seed; the first epoch of each cerebellar seed under 1% */
    double acc_none_seed[1000], acc_ro_seed[1000], first_min = INFINITY, first_max = -INFINITY;
    int n_ro_learned = 0, n_none_learned = 0, n_first = 0;
    if ((s = cond_stat(ctx, COND_NONE, "test", 0, "acc", &acc_none, &sem_unused, acc_none_seed))) return s;
    if ((s = cond_stat(ctx, COND_RO, "test", 0, "acc", &acc_ro, &sem_unused, acc_ro_seed))) return s;
    for (int i = 0; i < S; i++) {
        n_none_learned += acc_none_seed[i] >= P.acc_learned;
        n_ro_learned += acc_ro_seed[i] >= P.acc_learned;
        cc_table tb = {0};
        if ((s = cc_ctx_table_read(ctx, &tb, "units/%s.curve.tsv", cond_ids(ctx, COND_CB)[i]))) return s;
        const int c = cc_table_col(&tb, "val_metric");
        for (int e = 1; c >= 0 && e < tb.nrow; e++)
            if (tb.v[(long)e * tb.ncol + c] <= 0.01) {
                first_min = fmin(first_min, e);
                first_max = fmax(first_max, e);
                n_first++;
                break;
            }
        cc_table_free(&tb);
        if (c < 0) return GSL_EINVAL;
    }
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. 6: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", S, "seeds per condition");
    cc_summary_add(&sm, "epochs", E, "training epochs");
    cc_summary_add(&sm, "t_silence", P.t_silence, "late silencing: cerebellar output 0 from this step to the end");
    cc_summary_add(&sm, "acc_none", acc_none, "test accuracy, no feedback");
    cc_summary_add(&sm, "acc_readout_fb", acc_ro, "test accuracy, readout feedback");
    cc_summary_add(&sm, "acc_cereb_fb", am[0], "test accuracy, cerebellar feedback");
    cc_summary_add(&sm, "acc_cereb_fb_sem", as[0], "its SEM over seeds");
    cc_summary_add(&sm, "acc_silenced_late", am[1], "test accuracy, cerebellar output silenced from t_silence");
    cc_summary_add(&sm, "acc_silenced_late_sem", as[1], "its SEM over seeds");
    cc_summary_add(&sm, "acc_silenced_late_min", late_min, "lowest per-seed accuracy silenced from t_silence");
    cc_summary_add(&sm, "acc_silenced_late_max", late_max, "highest per-seed accuracy silenced from t_silence");
    cc_summary_add(&sm, "acc_silenced_zero", am[2], "test accuracy, cerebellar output silenced from t = 0");
    cc_summary_add(&sm, "xent_cereb_fb", xm[0], "test cross-entropy, control");
    cc_summary_add(&sm, "xent_silenced_late", xm[1], "test cross-entropy, silenced from t_silence");
    cc_summary_add(&sm, "xent_silenced_zero", xm[2], "test cross-entropy, silenced from t = 0");
    cc_summary_add(&sm, "sel_end", sel_end, "end-of-trial selectivity, control");
    cc_summary_add(&sm, "sel_end_silenced_late", sel_end_late, "end-of-trial selectivity, silenced from t_silence");
    cc_summary_add(&sm, "sel_ratio", ratio, "silenced / control end-of-trial selectivity (means over seeds)");
    cc_summary_add(&sm, "sel_ratio_min", ratio_min, "lowest per-seed ratio");
    cc_summary_add(&sm, "sel_ratio_max", ratio_max, "highest per-seed ratio");
    cc_summary_add(&sm, "n_learned", n_learned, "seeds whose control accuracy reaches claims.acc_learned");
    cc_summary_add(&sm, "n_choice_kept", n_kept, "seeds whose accuracy silenced from t_silence still reaches claims.acc_learned");
    cc_summary_add(&sm, "n_none_learned", n_none_learned, "no-feedback seeds whose test accuracy reaches claims.acc_learned");
    cc_summary_add(&sm, "n_readout_fb_learned", n_ro_learned, "readout-feedback seeds whose test accuracy reaches claims.acc_learned");
    cc_summary_add(&sm, "n_first_1pct", n_first, "cerebellar seeds whose validation error reached 1% or less at some epoch");
    cc_summary_add(&sm, "first_1pct_min", n_first ? first_min : NAN, "earliest epoch at which one of them first did");
    cc_summary_add(&sm, "first_1pct_max", n_first ? first_max : NAN, "latest epoch at which one of them first did");
    cc_summary_add(&sm, "acc_plastic_mf", acc_plastic, "test accuracy, plastic mossy fibres");
    cc_summary_add(&sm, "acc_fixed_mf", acc_fixed, "test accuracy, fixed mossy fibres");
    cc_summary_add(&sm, "best_epoch_cereb_fb", best_ep[0], "mean best-validation epoch, cerebellar model");
    if ((s = cc_summary_commit(&sm))) return s;
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 6 claims, from the test means over seeds"))) return s;
    char crit[160];
    snprintf(crit, sizeof crit, "cerebellar accuracy >= %g; both others in [%g, %g]", P.acc_learned, P.chance_lo, P.chance_hi);
    const int near_none = acc_none >= P.chance_lo && acc_none <= P.chance_hi;
    const int near_ro = acc_ro >= P.chance_lo && acc_ro <= P.chance_hi;
    cc_claims_add(&cl, "fig6.learning",
                  "The cerebellar model learns the task (at least 95% accurate) while both cortical-only models stay near chance",
                  crit, am[0] >= P.acc_learned && near_none && near_ro,
                  "accuracy cerebellar %.3f, no feedback %.3f, readout feedback %.3f", am[0], acc_none, acc_ro);
    snprintf(crit, sizeof crit, "silenced / control end-of-trial selectivity <= %g", P.selectivity_ratio_max);
    cc_claims_add(&cl, "fig6.selectivity",
                  "Silencing the cerebellar output from step 10 shrinks the end-of-trial selectivity by at least half",
                  crit, ratio <= P.selectivity_ratio_max,
                  "selectivity control %.3f, silenced %.3f; ratio %.3f (per seed %.3f to %.3f)", sel_end, sel_end_late,
                  ratio, ratio_min, ratio_max);
    snprintf(crit, sizeof crit, "accuracy in [%g, %g]", P.chance_lo, P.chance_hi);
    cc_claims_add(&cl, "fig6.silenced_zero", "Silencing the cerebellar output from t = 0 gives chance", crit,
                  am[2] >= P.chance_lo && am[2] <= P.chance_hi, "accuracy %.3f", am[2]);
    return cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.train.seeds > 1000) return snprintf(err, n, "run.seeds: at most 1000"), GSL_EINVAL;
    if (P.t_silence >= cc_task_defaults(CC_TASK_DELASS).T)
        return snprintf(err, n, "silence.from = %d: must be inside the trial (T = 15)", P.t_silence), GSL_EINVAL;
    if (!(P.chance_lo < P.chance_hi)) return snprintf(err, n, "claims.chance_lo must be below claims.chance_hi"), GSL_EINVAL;
    const cc_task task = cc_task_defaults(CC_TASK_DELASS); /* the shared cross-key rules (tau, sizes, memory) */
    return cc_expt_check(&P.model, &P.train, &task, CC_ARCH_CEREB_FB, CC_CORTEX_INPUT, err, n);
}

static const cc_experiment EXPERIMENT = {
    .name = "fig6",
    .summary = "Fig. 6: delayed association: architectures, late and complete cerebellar silencing, mossy fibres",
    .specs = SPECS,
    .validate = validate,
    .units = units,
    .run_unit = run_unit,
    .merge = merge};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
