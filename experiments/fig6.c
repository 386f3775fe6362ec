/* fig6.c: Fig. 6, delayed association and the silencing of preparatory activity.
 *
 * Every unit trains one model (architecture, mossy fibres, seed) on the two-cue delayed
 * association task with plastic input weights (e-prop) and tests it on the same 1000 trials
 * three times: control, cerebellar output silenced from step t_sil to the end, silenced from
 * t = 0. The cerebellar models with the configured mossy fibres are saved for Fig. 8 in models/
 * (src/run/cc_handoff.h). The merge averages the seeds into the panels:
 *   a  validation error (%) per epoch of no feedback, readout feedback, cerebellar feedback
 *   b  selectivity over the trial, z_correct - z_other averaged over trials, control against
 *      silenced from t_sil
 *   c  accuracy and cross-entropy: control, silenced from t_sil, silenced from t = 0
 *   d  fixed against plastic mossy fibres: learning curves and test accuracy
 * and checks the claims of the figure (claims.tsv). The three architectures also train for the
 * authors' protocol.epochs_authors epochs (their script's 20; same seeds, nothing saved), for
 * summary rows and a claim comparable with the authors' numbers.
 */
#include "cc_figure.h"
#include "cc_handoff.h"

static struct {
    cc_model_keys model;
    cc_train_keys train;
    int t_silence, epochs_authors, seeds_deciding;
    double acc_learned, learnt_error, chance_lo, chance_hi, selectivity_ratio_max;
} P = {.model = CC_MODEL_KEYS_DEFAULT, .train = CC_TRAIN_KEYS_DEFAULT, .t_silence = 10, .epochs_authors = 20,
       .seeds_deciding = 5, .acc_learned = 0.95, .learnt_error = 0.1, .chance_lo = 0.4, .chance_hi = 0.6,
       .selectivity_ratio_max = 0.5};

static const cc_spec SPECS[] = {
    CC_SPECS_MODEL(P.model),
    CC_SPECS_TRAIN(P.train),
    CC_SPEC_INT("silence.from", &P.t_silence, 1, 1000, "panels b, c: cerebellar output 0 from this step to the end"),
    CC_SPEC_INT("protocol.epochs_authors", &P.epochs_authors, 1, 100000,
                "the three architectures also trained this many epochs (the authors' protocol), same seeds"),
    CC_SPEC_INT("run.seeds_deciding", &P.seeds_deciding, 1, CC_GRID_MAX_SEEDS,
                "seeds of the conditions that decide the learning claims (the controls, and the authors' protocol)"),
    CC_SPEC_DOUBLE("claims.acc_learned", &P.acc_learned, 0, 1, "claim 1: cerebellar test accuracy at least this"),
    CC_SPEC_DOUBLE("claims.learnt_error", &P.learnt_error, 0, 1, "a seed learnt: its test error (1 - accuracy) at most this"),
    CC_SPEC_DOUBLE("claims.chance_lo", &P.chance_lo, 0, 1, "claims 1, 3: chance = accuracy in [chance_lo, chance_hi]"),
    CC_SPEC_DOUBLE("claims.chance_hi", &P.chance_hi, 0, 1, "claims 1, 3: chance = accuracy in [chance_lo, chance_hi]"),
    CC_SPEC_DOUBLE("claims.selectivity_ratio_max", &P.selectivity_ratio_max, 0, 1,
                   "claim 2: end-of-trial selectivity silenced / control at most this"),
    CC_SPEC_END};

/* The four models, in the order of the panels: no feedback, readout feedback, cerebellar feedback
 * with the configured mossy fibres (its models are saved for Fig. 8) and with the other setting;
 * the first three again at the authors' epochs, "<name>-e<epochs_authors>" (kind KIND_AUTHORS). */
enum { NMODEL = 4, NARCH = 3, KIND_SAVED = 1 /* the units whose models Fig. 8 uses */, KIND_AUTHORS = 2 };
static const char *const MF_NAME[2] = {"cereb_fb-mffixed", "cereb_fb-mfplastic"};

/* The condition of architecture a (0 none, 1 readout feedback, 2 cerebellar feedback with the
 * configured mossy fibres) at train.epochs (authors = 0) or at protocol.epochs_authors, in buf. */
static const char *arch_cond(char *buf, size_t n, int a, int authors)
{
    const char *name[NARCH] = {"none", "readout_fb", MF_NAME[P.model.plastic_mf]};
    if (authors) snprintf(buf, n, "%s-e%d", name[a], P.epochs_authors);
    else snprintf(buf, n, "%s", name[a]);
    return buf;
}

/* Each model on the delayed association, only W_ih plastic ([code] fixed_rnn 'inp_only', e-prop,
 * feedback columns included). */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    (void)ctx;
    const int mf = P.model.plastic_mf;
    const cc_arch arch[NMODEL] = {CC_ARCH_NONE, CC_ARCH_READOUT_FB, CC_ARCH_CEREB_FB, CC_ARCH_CEREB_FB};
    for (int i = 0; i < NMODEL + NARCH; i++) { /* then the authors' protocol: fewer epochs, the same seeds, no model saved */
        const int a = i < NMODEL ? i : i - NMODEL, authors = i >= NMODEL;
        char cname[64];
        cc_cond *c = cc_grid_add(g, "%s", a == 3 ? MF_NAME[!mf] : arch_cond(cname, sizeof cname, a, authors));
        if (!c) return GSL_ENOMEM;
        c->task = cc_task_defaults(CC_TASK_DELASS);
        c->arch = arch[a];
        c->plasticity = CC_CORTEX_INPUT;
        c->model.plastic_mf = a == 3 ? !mf : mf;
        c->kind = authors ? KIND_AUTHORS : a == 2 ? KIND_SAVED : 0;
        if (authors) c->train.epochs = P.epochs_authors;
        if ((a < 2 || authors) && P.seeds_deciding > c->seeds) c->seeds = P.seeds_deciding; /* the controls */
    }
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    cc_trained tr;
    int s = cc_grid_train(ctx, &tr);
    const int T = tr.task.T, has_cereb = ctx->cond->arch == CC_ARCH_CEREB_FB;
    const int from[3] = {-1, P.t_silence, 0}; /* control, silenced late, silenced from t = 0 */
    double *sel = malloc((size_t)7 * T * sizeof(double)); /* (3, T) selectivity of each test, then the rows (T, 4) */
    cc_stats st[3];
    if (!s && !sel) s = GSL_ENOMEM;
    for (int k = 0; !s && k < 3; k++) {
        if (k == 0 || has_cereb) {
            s = cc_panel_test_silenced(tr.m, &tr.task, tr.pr.n_test, tr.seed, from[k], &st[k], sel + (long)k * T);
            continue;
        }
        st[k].acc = st[k].xent = NAN; /* nothing to silence */
        for (int t = 0; t < T; t++) sel[(long)k * T + t] = NAN;
    }
    if (!s) {
        double row[8] = {st[0].acc, st[0].xent, st[1].acc, st[1].xent, st[2].acc, st[2].xent, tr.curve->best_epoch,
                         tr.curve->val_metric[tr.pr.epochs]};
        s = cc_expt_write_row(ctx, "test", "test on 1000 trials (last step): control, silenced from silence.from, silenced from t = 0",
                              "acc xent acc_late xent_late acc_zero xent_zero best_epoch final_val_error", row);
    }
    for (int k = 0; !s && k < T; k++) memcpy(sel + 3L * T + 4 * k, (double[4]){k, sel[k], sel[T + k], sel[2 * T + k]}, 4 * sizeof(double));
    if (!s) s = cc_panel_unit_rows(ctx, "sel", "selectivity z_correct - z_other per step, mean over the test trials", NULL,
                                   "t control silenced_late silenced_zero", T, sel + 3L * T);
    if (!s && ctx->cond->kind == KIND_SAVED) s = cc_handoff_save(ctx, "cereb_fb", tr.m, ctx->seed_index, tr.seed); /* for Fig. 8 */
    free(sel);
    cc_trained_free(&tr);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* One architecture at one protocol: the test accuracy of every seed (at the best-validation
 * checkpoint when train.keep_best), its validation error after the last epoch, and the seeds that
 * learnt (test error 1 - accuracy <= claims.learnt_error). */
typedef struct {
    cc_seedstat acc, val_end;
    double err[CC_GRID_MAX_SEEDS]; /* (acc.n) 1 - acc */
    int n_learnt;
} arch_result;

/* Architecture a (arch_cond) at train.epochs (authors = 0) or protocol.epochs_authors into r. */
static int arch_result_read(const cc_run_ctx *ctx, int a, int authors, arch_result *r)
{
    char cname[64];
    arch_cond(cname, sizeof cname, a, authors);
    int s = cc_grid_stat(ctx, cname, "test", 0, "acc", &r->acc);
    if (!s) s = cc_grid_stat(ctx, cname, "test", 0, "final_val_error", &r->val_end);
    if (s) return s;
    for (int i = 0; i < r->acc.n; i++) r->err[i] = 1.0 - r->acc.v[i];
    const cc_sample e = {cname, r->err, r->acc.n};
    r->n_learnt = cc_sample_count_le(&e, P.learnt_error);
    return GSL_SUCCESS;
}

/* summary.tsv: accuracy, end-of-training validation error (%) and seeds learnt of the three
 * architectures, keys "<what>_<arch><suffix>" (suffix "" or "_authors"). */
static void summary_archs(cc_summary *sm, const arch_result r[NARCH], const char *suffix, const char *protocol)
{
    static const char *const KEY[NARCH] = {"none", "readout_fb", "cereb_fb"},
                             *const DOC[NARCH] = {"no feedback", "readout feedback", "cerebellar feedback"};
    char doc[256];
    for (int a = 0; a < NARCH; a++) {
        snprintf(doc, sizeof doc, "test accuracy, %s (%s)", DOC[a], protocol);
        if (*suffix) cc_panel_summary_mean_sem(sm, r[a].acc.mean, r[a].acc.sem, doc, "acc_%s%s", KEY[a], suffix); /* at train.epochs: merge()'s own keys */
        snprintf(doc, sizeof doc, "validation error (%%) after the last epoch, %s (%s)", DOC[a], protocol);
        cc_panel_summary_mean_sem(sm, 100.0 * r[a].val_end.mean, 100.0 * r[a].val_end.sem, doc, "val_error_end_%s%s", KEY[a], suffix);
        snprintf(doc, sizeof doc, "seeds whose test error is at most claims.learnt_error, %s (%s)", DOC[a], protocol);
        cc_summary_addf(sm, r[a].n_learnt, doc, "n_learnt_%s%s", KEY[a], suffix);
    }
}

/* fig6.learning (authors = 0) or fig6.learning_authors: the cerebellar model's mean test accuracy
 * >= claims.acc_learned and both cortical-only models' means in [chance_lo, chance_hi]. */
static int claim_learning(cc_claims *cl, const arch_result r[NARCH], int authors)
{
    const int E = authors ? P.epochs_authors : P.train.epochs;
    const cc_sample x[NARCH] = {cc_sample_of(&r[2].acc, "acc_cereb_fb"), cc_sample_of(&r[0].acc, "acc_none"),
                                cc_sample_of(&r[1].acc, "acc_readout_fb")};
    const cc_rule_all_arg all = {
        .n = 2,
        .part = {{.rule = cc_rule_mean_ge, .arg = {.thr = P.acc_learned}, .n = 1, .idx = {0}},
                 {.rule = cc_rule_mean_in, .arg = {.thr = P.chance_lo, .thr2 = P.chance_hi}, .n = 2, .idx = {1, 2}}}};
    char statement[256], crit[640];
    snprintf(statement, sizeof statement, "The cerebellar model learns the task (at least 95%% accurate) while both cortical-only models stay near chance%s",
             authors ? ", also at the authors' protocol (their script's training length)" : "");
    snprintf(crit, sizeof crit,
             "after %s = %d epochs, the test accuracy %s: cerebellar mean >= claims.acc_learned = %g; no-feedback and "
             "readout-feedback means in [claims.chance_lo, claims.chance_hi] = [%g, %g]; a seed learnt: test error <= "
             "claims.learnt_error = %g (counted, not judged)",
             authors ? "protocol.epochs_authors" : "train.epochs", E,
             P.train.keep_best ? "at the best-validation checkpoint (train.keep_best = true, as the authors' script; the validation "
                                 "error after the last epoch is reported, not judged)"
                               : "after the last epoch (train.keep_best = false)",
             P.acc_learned, P.chance_lo, P.chance_hi, P.learnt_error);
    const cc_claim_text t = {authors ? "fig6.learning_authors" : "fig6.learning", authors ? CC_SRC_CODE : CC_SRC_PAPER, statement, crit};
    const int S = r[2].acc.n;
    return cc_judge(cl, &t, cc_rule_all, &all, x, NARCH,
                    "test accuracy%s: cerebellar %.3f (%d of %d seeds learnt), no feedback %.3f (%d of %d), readout feedback "
                    "%.3f (%d of %d); validation error after the last epoch (%d): cerebellar %.1f %%, no feedback %.1f %%, "
                    "readout feedback %.1f %%",
                    P.train.keep_best ? " at the best checkpoint" : "", r[2].acc.mean, r[2].n_learnt, S, r[0].acc.mean,
                    r[0].n_learnt, r[0].acc.n, r[1].acc.mean, r[1].n_learnt, r[1].acc.n, E, 100.0 * r[2].val_end.mean,
                    100.0 * r[0].val_end.mean, 100.0 * r[1].val_end.mean);
}

static int merge(const cc_run_ctx *ctx)
{
    const int E = P.train.epochs, T = cc_task_defaults(CC_TASK_DELASS).T, S = P.train.seeds, mf = P.model.plastic_mf;
    const char *cereb = MF_NAME[mf], *cereb_other = MF_NAME[!mf], *mf_label[2] = {"fixed", "plastic"};
    char runs[128];
    snprintf(runs, sizeof runs, "units/*-s0..s%d, seeds %d..%d (the controls: s0..s%d, run.seeds_deciding)", S - 1,
             P.train.seed0, P.train.seed0 + S - 1, (P.seeds_deciding > S ? P.seeds_deciding : S) - 1);
    /* a: learning curves in % */
    const cc_panel_metric curves[3] = {{"none", "val_metric", "none"}, {"readout_fb", "val_metric", "readout_fb"},
                                       {cereb, "val_metric", "cereb_fb"}};
    cc_tsv_head ha = {.title = "Fig. 6a: validation error per epoch, mean and SEM over seeds",
                      .units = "error % of 200 validation trials (last step); epoch 0 is before training", .runs = runs};
    int s = cc_panel_rows(ctx, "fig6a_curves.tsv", &ha, "epoch", E + 1, "curve", curves, 3, 100.0);
    /* b: selectivity */
    const cc_panel_metric tests[3] = {{cereb, "control", "control"}, {cereb, "silenced_late", "silenced_late"},
                                      {cereb, "silenced_zero", "silenced_zero"}};
    cc_tsv_head hb = {.title = "Fig. 6b: selectivity z_correct - z_other per step of the cerebellar model, mean and SEM over seeds",
                      .units = "readout difference (logits), mean over 1000 test trials per seed; silenced_late: cerebellar output 0 from silence.from on",
                      .runs = runs};
    if (!s) s = cc_panel_rows(ctx, "fig6b_selectivity.tsv", &hb, "t", T, "sel", tests, 3, 1.0);
    /* d: mossy fibres as configured and the other setting, curves */
    const cc_panel_metric mossy[2] = {{cereb, "val_metric", mf_label[mf]}, {cereb_other, "val_metric", mf_label[!mf]}};
    cc_tsv_head hd = {.title = "Fig. 6d: validation error per epoch of the cerebellar model, mossy fibres as configured and the other setting",
                      .units = "error % of 200 validation trials", .runs = runs};
    if (!s) s = cc_panel_rows(ctx, "fig6d_curves.tsv", &hd, "epoch", E + 1, "curve", mossy, 2, 100.0);
    /* c: silencing; d: test accuracy of both mossy fibres */
    static cc_seedstat test[3][2], acc_mf[2], best_epoch, best_epoch_authors, sel_ctl, sel_late, val_error; /* test: acc, xent */
    static arch_result res[NARCH], res_authors[NARCH]; /* at train.epochs, at protocol.epochs_authors */
    const char *acc_col[3] = {"acc", "acc_late", "acc_zero"}, *xent_col[3] = {"xent", "xent_late", "xent_zero"};
    for (int k = 0; !s && k < 3; k++) {
        s = cc_grid_stat(ctx, cereb, "test", 0, acc_col[k], &test[k][0]);
        if (!s) s = cc_grid_stat(ctx, cereb, "test", 0, xent_col[k], &test[k][1]);
    }
    for (int k = 0; !s && k < 2; k++) s = cc_grid_stat(ctx, mossy[k].cond, "test", 0, "acc", &acc_mf[k]);
    for (int a = 0; !s && a < NARCH; a++) s = arch_result_read(ctx, a, 0, &res[a]);
    for (int a = 0; !s && a < NARCH; a++) s = arch_result_read(ctx, a, 1, &res_authors[a]);
    const cc_seedstat *acc_none = &res[0].acc, *acc_ro = &res[1].acc;
    if (!s) s = cc_grid_stat(ctx, cereb, "sel", T - 1, "control", &sel_ctl);
    if (!s) s = cc_grid_stat(ctx, cereb, "sel", T - 1, "silenced_late", &sel_late);
    const char *lab_c[3] = {"control", "silenced_late", "silenced_zero"}, *lab_d[2] = {mf_label[mf], mf_label[!mf]};
    static const char *const groups[2] = {"acc", "xent"};
    const cc_tsv_head hc = {.title = "Fig. 6c: test accuracy and cross-entropy of the cerebellar model, control and silenced",
                            .units = "accuracy (fraction) and cross-entropy on the last step of 1000 test trials, mean and SEM over seeds"},
                      hm = {.title = "Fig. 6d: test accuracy of the cerebellar model, mossy fibres as configured and the other setting",
                            .units = "accuracy on the last step of 1000 test trials, mean and SEM over seeds"};
    if (!s) s = cc_panel_seed_bars(ctx, "fig6c_silencing.tsv", &hc, lab_c, 3, groups, 2, &test[0][0]);
    if (!s) s = cc_panel_seed_bars(ctx, "fig6d_mossy.tsv", &hm, lab_d, 2, groups, 1, acc_mf);
    if (!s) s = cc_handoff_manifest_write(ctx, "Fig. 6 models saved for Fig. 8: file models/cereb_fb-s<seed_index>.ccm, checksum closing it", cereb, S);
    /* seeds: converged, choice kept under late silencing, per-seed selectivity ratios */
    const int n_learned = cc_count_ge(test[0][0].v, S, P.acc_learned), n_kept = cc_count_ge(test[1][0].v, S, P.acc_learned),
              n_none_learned = cc_count_ge(acc_none->v, acc_none->n, P.acc_learned),
              n_ro_learned = cc_count_ge(acc_ro->v, acc_ro->n, P.acc_learned);
    double ratios[CC_GRID_MAX_SEEDS], ratio_min, ratio_max, late_min, late_max, first_min, first_max;
    for (int i = 0; i < S; i++) ratios[i] = sel_late.v[i] / sel_ctl.v[i];
    cc_min_max(ratios, S, &ratio_min, &ratio_max);
    cc_min_max(test[1][0].v, S, &late_min, &late_max);
    double first[CC_GRID_MAX_SEEDS]; /* the first epoch at which each cerebellar seed's validation error was 1% or less */
    int n_first = 0;
    for (int i = 0; i < S; i++) first[i] = NAN;
    for (int e = 1; !s && e <= E; e++) {
        s = cc_grid_stat(ctx, cereb, "curve", e, "val_metric", &val_error);
        for (int i = 0; !s && i < S; i++)
            if (isnan(first[i]) && val_error.v[i] <= 0.01) first[i] = e, n_first++;
    }
    cc_min_max(first, S, &first_min, &first_max);
    if (!s) s = cc_grid_stat(ctx, cereb, "test", 0, "best_epoch", &best_epoch);
    char cereb_authors[64];
    arch_cond(cereb_authors, sizeof cereb_authors, 2, 1);
    if (!s) s = cc_grid_stat(ctx, cereb_authors, "test", 0, "best_epoch", &best_epoch_authors);
    if (s) return s;
    const double ratio = sel_late.mean / sel_ctl.mean;
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. 6: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", S, "seeds per condition of the cerebellar model");
    cc_summary_add(&sm, "seeds_deciding", acc_none->n, "seeds of the controls and of the authors' protocol (run.seeds_deciding)");
    cc_summary_add(&sm, "epochs", E, "training epochs");
    cc_summary_add(&sm, "t_silence", P.t_silence, "late silencing: cerebellar output 0 from this step to the end");
    cc_summary_add(&sm, "acc_none", acc_none->mean, "test accuracy, no feedback");
    cc_summary_add(&sm, "acc_readout_fb", acc_ro->mean, "test accuracy, readout feedback");
    cc_panel_summary_pair(&sm, "acc_cereb_fb", test[0][0].mean, test[0][0].sem, "test accuracy, cerebellar feedback");
    cc_panel_summary_pair(&sm, "acc_silenced_late", test[1][0].mean, test[1][0].sem, "test accuracy, cerebellar output silenced from t_silence");
    cc_summary_add(&sm, "acc_silenced_late_min", late_min, "lowest per-seed accuracy silenced from t_silence");
    cc_summary_add(&sm, "acc_silenced_late_max", late_max, "highest per-seed accuracy silenced from t_silence");
    cc_summary_add(&sm, "acc_silenced_zero", test[2][0].mean, "test accuracy, cerebellar output silenced from t = 0");
    cc_summary_add(&sm, "xent_cereb_fb", test[0][1].mean, "test cross-entropy, control");
    cc_summary_add(&sm, "xent_silenced_late", test[1][1].mean, "test cross-entropy, silenced from t_silence");
    cc_summary_add(&sm, "xent_silenced_zero", test[2][1].mean, "test cross-entropy, silenced from t = 0");
    cc_summary_add(&sm, "sel_end", sel_ctl.mean, "end-of-trial selectivity, control");
    cc_summary_add(&sm, "sel_end_silenced_late", sel_late.mean, "end-of-trial selectivity, silenced from t_silence");
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
    cc_summary_add(&sm, "acc_plastic_mf", acc_mf[!mf].mean, "test accuracy, plastic mossy fibres");
    cc_summary_add(&sm, "acc_fixed_mf", acc_mf[mf].mean, "test accuracy, fixed mossy fibres");
    cc_summary_add(&sm, "best_epoch_cereb_fb", best_epoch.mean, "mean best-validation epoch, cerebellar model");
    summary_archs(&sm, res, "", "train.epochs");
    cc_summary_add(&sm, "epochs_authors", P.epochs_authors, "training epochs of the authors' protocol (protocol.epochs_authors)");
    summary_archs(&sm, res_authors, "_authors", "protocol.epochs_authors");
    cc_summary_add(&sm, "best_epoch_cereb_fb_authors", best_epoch_authors.mean,
                   "mean best-validation epoch, cerebellar model (protocol.epochs_authors)");
    if ((s = cc_summary_commit(&sm))) return s;
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 6 claims, judged on the per-seed values"))) return s;
    s = claim_learning(&cl, res, 0);
    if (!s) s = claim_learning(&cl, res_authors, 1);
    char crit[256];
    snprintf(crit, sizeof crit, "mean silenced / mean control end-of-trial selectivity <= claims.selectivity_ratio_max = %g",
             P.selectivity_ratio_max);
    const cc_sample sel[2] = {cc_sample_of(&sel_ctl, "sel_end"), cc_sample_of(&sel_late, "sel_end_silenced_late")};
    if (!s)
        s = cc_judge(&cl, &(cc_claim_text){"fig6.selectivity", CC_SRC_PAPER, "Silencing the cerebellar output from step 10 shrinks the end-of-trial selectivity by at least half", crit},
                     cc_rule_ratio_le, &(cc_rule_arg){.thr = P.selectivity_ratio_max}, sel, 2,
                     "selectivity control %.3f, silenced %.3f; ratio %.3f (per seed %.3f to %.3f)", sel_ctl.mean, sel_late.mean,
                     ratio, ratio_min, ratio_max);
    snprintf(crit, sizeof crit, "mean accuracy silenced from t = 0 in [claims.chance_lo, claims.chance_hi] = [%g, %g]", P.chance_lo,
             P.chance_hi);
    const cc_sample zero = cc_sample_of(&test[2][0], "acc_silenced_zero");
    double zero_min, zero_max;
    cc_min_max(test[2][0].v, test[2][0].n, &zero_min, &zero_max);
    if (!s)
        s = cc_judge(&cl, &(cc_claim_text){"fig6.silenced_zero", CC_SRC_PAPER, "Silencing the cerebellar output from t = 0 gives chance", crit},
                     cc_rule_mean_in, &(cc_rule_arg){.thr = P.chance_lo, .thr2 = P.chance_hi}, &zero, 1,
                     "accuracy %.3f (per seed %.3f to %.3f)", test[2][0].mean, zero_min, zero_max);
    return s ? s : cc_claims_commit(&cl);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    const int T = cc_task_defaults(CC_TASK_DELASS).T;
    if (P.t_silence >= T) return snprintf(err, n, "silence.from = %d: must be inside the trial (T = %d)", P.t_silence, T), GSL_EINVAL;
    if (!(P.chance_lo < P.chance_hi)) return snprintf(err, n, "claims.chance_lo must be below claims.chance_hi"), GSL_EINVAL;
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {.name = "fig6", .specs = SPECS, .validate = validate, .grid = grid, .run_unit = run_unit, .merge = merge, .out_dirs = "models",
    .grid_keys = "protocol.*", /* the authors' epochs reach their units as the conditions' train.epochs */
    .summary = "Fig. 6: delayed association: architectures, late and complete cerebellar silencing, mossy fibres"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
