/* fig8.c: Fig. 8, systems consolidation: "sleep" hands the cerebellar drive to the cortex.
 *
 * Every unit takes the trained cerebellar model of one Fig. 6 seed (src/run/cc_handoff.h;
 * the Makefile builds Fig. 6 first, experiments/fig8.needs) and runs the sleep sessions with
 * one rule (src/model/cc_sleep.h): each session draws trials of the task without targets, runs
 * the model (nothing learns by gradient), pairs the cortical rates f(h_k) with the cerebellar
 * drive W_Ch c_{k+1} of the next step, moves that drive into W_hh (least squares, or the local
 * rule) and shrinks W_Ch. Before the first session and after each one, the model is tested on
 * the Fig. 6 test trials of its seed, with the cerebellum and with its output silenced from
 * t = 0. The merge averages the seeds into the panels:
 *   a  accuracy per session, control and cerebellum silenced
 *   b  norm of W_Ch per session
 *   c  mean cosine similarity of the original total input and the new recurrent-only input
 *   d  selectivity over the trial, before sleep with the cerebellum, after sleep without it
 * and checks the claim of the figure (claims.tsv) on the per-seed accuracies.
 * The models are found from the real path of --out (input.models), and the checksum of the list
 * Fig. 6 made of them is part of every unit's configuration: a new Fig. 6 run makes the units
 * stale, and a merge refuses units made from two runs. A model file that is missing, stale
 * (another checksum than the one Fig. 6 listed) or corrupt stops the driver before anything is
 * written: one line, exit status 2.
 */
#include "cc_figure.h"
#include "cc_handoff.h"
#include "cc_rng.h"
#include "cc_sleep.h"

/* The sleep rules, each a condition of the grid (its kind) and a column group of every panel. */
enum { RULE_LSTSQ = CC_SLEEP_LSTSQ, RULE_BIO = CC_SLEEP_BIO, NRULES };
static const char *const RULE_NAMES[NRULES] = {"lstsq", "bio"};
static const char *const RULE_TITLES[NRULES] = {"least squares", "local rule"};

static struct {
    char models[1024];
    int seeds, sessions, n_test;
    cc_sleep_params sleep; /* trials, k0, k1, rate, rcond, bio_h */
    double margin, chance_hi, control_drop_max;
} P = {.models = "../fig6/models", .seeds = 5, .sessions = 50, .n_test = 1000,
       .sleep = {.trials = 10, .k0 = 0, .k1 = 12, .rate = 0.1, .rcond = 1e-10, .bio_h = 1.5}, .margin = 0.05, .chance_hi = 0.6,
       .control_drop_max = 0.05};

static const cc_spec SPECS[] = {
    CC_SPEC_STRING("input.models", P.models, "directory of the Fig. 6 models; a relative path is relative to the real path of --out"),
    CC_SPEC_INT("run.seeds", &P.seeds, 1, 1000, "Fig. 6 models used: seed indices 0..seeds-1"),
    CC_SPEC_INT("sleep.sessions", &P.sessions, 0, 100000, "sleep sessions"),
    CC_SPEC_INT("sleep.trials", &P.sleep.trials, 1, 100000, "trials per session"),
    CC_SPEC_INT("sleep.k0", &P.sleep.k0, 0, 1000, "first step k of the pairs (f(h_k), W_Ch c_{k+1})"),
    CC_SPEC_INT("sleep.k1", &P.sleep.k1, 0, 1000, "last step k of the pairs"),
    CC_SPEC_DOUBLE("sleep.rate", &P.sleep.rate, 0, 1, "W_hh += rate dW; W_Ch *= 1 - rate"),
    CC_SPEC_DOUBLE("sleep.rcond", &P.sleep.rcond, 0, 1, "least squares: singular values below rcond s_max count as 0"),
    CC_SPEC_DOUBLE("sleep.bio_h", &P.sleep.bio_h, 1e-9, 1e9, "local rule: W_hh += rate dW / (steps / bio_h)"),
    CC_SPEC_INT("test.n", &P.n_test, 1, 1000000, "test trials after each session (the Fig. 6 test trials of the seed)"),
    CC_SPEC_DOUBLE("claims.margin", &P.margin, 0, 1, "after sleep: silenced accuracy >= control accuracy - margin"),
    CC_SPEC_DOUBLE("claims.chance_hi", &P.chance_hi, 0, 1, "before sleep: silenced accuracy <= chance_hi (near chance)"),
    CC_SPEC_DOUBLE("claims.control_drop_max", &P.control_drop_max, 0, 1,
                   "control accuracy after sleep >= before - control_drop_max"),
    CC_SPEC_END};

/* Where the Fig. 6 models are (src/run/cc_handoff.h). */
static cc_handoff fig6_models(void) { return (cc_handoff){.dir = P.models, .stem = "cereb_fb", .giver = "fig6"}; }

/* The Fig. 6 model of seed index si, checked and loaded, or one line in err (NULL); then checked
 * to be a delayed-association model with cerebellar feedback. */
static cc_model *load_model(const cc_run_ctx *ctx, int si, unsigned long *seed, char *err, size_t n)
{
    const cc_handoff from = fig6_models();
    cc_model *m = cc_handoff_load(ctx, &from, si, seed, err, n);
    if (m && (m->cfg.arch != CC_ARCH_CEREB_FB || m->cfg.D != 10 || m->cfg.O != 2 || !m->cfg.classification)) {
        snprintf(err, n, "%s/%s-s%d.ccm: not a delayed-association model with cerebellar feedback", from.dir, from.stem, si);
        cc_model_free(m);
        m = NULL;
    }
    return m;
}

/* Both rules on every Fig. 6 model. The units depend on the Fig. 6 run through the checksum of its
 * manifest (left out when there is none to read: listing without --out), so that a new Fig. 6 run
 * makes them stale and a merge refuses units of two runs; the seeds are those the manifest lists. */
static int grid(cc_grid *g, const cc_run_ctx *ctx)
{
    cc_table man = {0};
    double sum[2];
    char err[8];
    const cc_handoff from = fig6_models();
    const int known = cc_handoff_manifest_read(ctx, &from, &man, sum, err, sizeof err) == 0;
    for (int r = 0; r < NRULES; r++) {
        cc_cond *c = cc_grid_add(g, "%s", RULE_NAMES[r]);
        if (!c) break;
        c->task = cc_task_defaults(CC_TASK_DELASS);
        c->plasticity = CC_CORTEX_INPUT;
        c->kind = r;
        if (!known) continue;
        cc_cond_set(c, "fig6.manifest_hi", sum[0]);
        cc_cond_set(c, "fig6.manifest_lo", sum[1]);
        if (man.nrow > 0 && man.ncol > 1) c->train.seed0 = (int)man.v[1];
    }
    cc_table_free(&man);
    return g->n == NRULES ? GSL_SUCCESS : GSL_ENOMEM;
}

/* ---------------------------------------------------------------- one unit */

/* The columns of a row of units/<unit>.sessions.tsv. */
enum { SESSION, ACC, ACC_SIL, XENT, XENT_SIL, NORM, COSINE, NSTATS };

/* Test on the seed's test trials with the cerebellum, then silenced from t = 0, into the session's
 * row ss (NSTATS); selectivity of both into sel_c, sel_s (T) if not NULL. The cosine is taken on
 * the control pass. */
static int measure(cc_model *m, const cc_task *task, unsigned long seed, const double *Wh0, const double *Wi0,
                   double *ss, double *sel_c, double *sel_s)
{
    cc_stats control, silenced;
    int s = cc_panel_test_silenced(m, task, P.n_test, seed, -1, &control, sel_c);
    if (!s) ss[COSINE] = cc_sleep_cosine(m, Wh0, Wi0);
    if (!s) s = cc_panel_test_silenced(m, task, P.n_test, seed, 0, &silenced, sel_s);
    if (s) return s;
    ss[ACC] = control.acc, ss[ACC_SIL] = silenced.acc, ss[XENT] = control.xent, ss[XENT_SIL] = silenced.xent;
    ss[NORM] = cc_sleep_wch_norm(m);
    return GSL_SUCCESS;
}

static int run_unit(const cc_run_ctx *ctx)
{
    const int rule = ctx->cond->kind;
    char err[1200];
    unsigned long seed = 0;
    cc_model *m = load_model(ctx, ctx->seed_index, &seed, err, sizeof err);
    if (!m) return CC_ERRORF(GSL_EINVAL, "%s", err);
    if (ctx->rec) cc_record_seed(ctx->rec, (long)seed);
    const cc_task task = cc_task_defaults(CC_TASK_DELASS), sleep = cc_task_defaults(CC_TASK_SLEEP);
    const int N = m->cfg.N, Din = m->Din, T = task.T;
    double *Wh0 = malloc((size_t)N * N * sizeof(double)), *Wi0 = malloc((size_t)N * Din * sizeof(double));
    double *sel = calloc((size_t)9 * T, sizeof(double)); /* (4, T) selectivity, then the rows (T, 5) */
    gsl_rng *tr = cc_rng_stream(seed, CC_STREAM_USER), *no = cc_rng_stream(seed, CC_STREAM_USER + 1);
    cc_sleep_ws *ws = cc_sleep_ws_alloc(m, &sleep, &P.sleep);
    double *ss = calloc((size_t)(P.sessions + 1) * NSTATS, sizeof(double)); /* (sessions + 1, NSTATS) */
    int s = GSL_ENOMEM;
    if (!Wh0 || !Wi0 || !sel || !tr || !no || !ws || !ss) goto done;
    memcpy(Wh0, m->w->W_hh, (size_t)N * N * sizeof(double));
    memcpy(Wi0, m->w->W_ih, (size_t)N * Din * sizeof(double));
    if ((s = measure(m, &task, seed, Wh0, Wi0, ss, sel, sel + T))) goto done; /* before sleep */
    for (int k = 1; k <= P.sessions; k++) {
        if ((s = cc_sleep_session(m, ws, (cc_sleep_rule)rule, tr, no))) goto done;
        if ((s = measure(m, &task, seed, Wh0, Wi0, ss + k * NSTATS, k == P.sessions ? sel + 2 * T : NULL,
                         k == P.sessions ? sel + 3 * T : NULL)))
            goto done;
    }
    if (P.sessions == 0) memcpy(sel + 2 * T, sel, (size_t)2 * T * sizeof(double));
    for (int k = 0; k <= P.sessions; k++) ss[k * NSTATS + SESSION] = k;
    s = cc_panel_unit_rows(ctx, "sessions", "sleep sessions of one Fig. 6 model: test after each session (0: before sleep)",
                           "accuracy and cross-entropy on the last step of the test trials; silenced: cerebellar output 0 from t = 0; wch_norm: Frobenius norm of W_Ch",
                           "session acc acc_silenced xent xent_silenced wch_norm cosine", P.sessions + 1, ss);
    for (int k = 0; k < T; k++) memcpy(sel + 4L * T + 5 * k, (double[5]){k, sel[k], sel[T + k], sel[2 * T + k], sel[3 * T + k]}, 5 * sizeof(double));
    if (!s) s = cc_panel_unit_rows(ctx, "sel", "selectivity z_correct - z_other per step, mean over the test trials, before and after sleep",
                                   NULL, "t before_control before_silenced after_control after_silenced", T, sel + 4L * T);
    if (s) goto done;
    cc_record_metric(ctx->rec, "acc_before", ss[ACC]);
    cc_record_metric(ctx->rec, "acc_silenced_before", ss[ACC_SIL]);
    cc_record_metric(ctx->rec, "acc_after", ss[P.sessions * NSTATS + ACC]);
    cc_record_metric(ctx->rec, "acc_silenced_after", ss[P.sessions * NSTATS + ACC_SIL]);
done:
    free(Wh0); free(Wi0); free(sel); free(ss);
    if (tr) gsl_rng_free(tr);
    if (no) gsl_rng_free(no);
    cc_sleep_ws_free(ws);
    cc_model_free(m);
    return s;
}

/* ---------------------------------------------------------------- merge */

/* One panel: rows r = 0..rows-1 of units/<rule>-s*.<file>.tsv; for each rule and each metric (n),
 * the column "<rule><suffix>" (suffix[k]: "" or "_silenced", ...). */
static int panel(const cc_run_ctx *ctx, const char *out, const char *title, const char *units_doc, const char *row_name,
                 int rows, const char *file, int n, const char *const *metric, const char *const *suffix)
{
    char runs[128], names[2 * 8][64];
    cc_panel_metric col[2 * 8];
    snprintf(runs, sizeof runs, "units/{lstsq,bio}-s0..s%d: the Fig. 6 models of seed indices 0..%d", P.seeds - 1, P.seeds - 1);
    for (int r = 0; r < NRULES; r++)
        for (int k = 0; k < n; k++) {
            snprintf(names[r * n + k], sizeof names[0], "%s%s", RULE_NAMES[r], suffix[k]);
            col[r * n + k] = (cc_panel_metric){RULE_NAMES[r], metric[k], names[r * n + k]};
        }
    cc_tsv_head h = {.title = title, .units = units_doc, .runs = runs};
    return cc_panel_rows(ctx, out, &h, row_name, rows, file, col, NRULES * n, 1.0);
}

/* fig8.consolidation, for the least-squares rule (the authors'), on the per-seed accuracies before
 * sleep (session 0) and after the last session; the first part, the handover, gives the effect:
 *   silenced after - control after >= -claims.margin
 *   silenced before <= claims.chance_hi
 *   control after - control before >= -claims.control_drop_max */
static int claim_consolidation(const cc_run_ctx *ctx)
{
    enum { SIL_BEFORE, CTL_BEFORE, SIL_AFTER, CTL_AFTER, NX };
    static cc_seedstat st[NX];
    const char *name[NX] = {"acc_silenced_before", "acc_before", "acc_silenced_after", "acc_after"};
    const char *col[NX] = {"acc_silenced", "acc", "acc_silenced", "acc"};
    const int row[NX] = {0, 0, P.sessions, P.sessions};
    cc_sample x[NX];
    int s = GSL_SUCCESS;
    for (int k = 0; !s && k < NX; k++) {
        s = cc_grid_stat(ctx, RULE_NAMES[RULE_LSTSQ], "sessions", row[k], col[k], &st[k]);
        x[k] = cc_sample_of(&st[k], name[k]);
    }
    if (s) return s;
    const cc_rule_all_arg all = {
        .n = 3,
        .part = {{.rule = cc_rule_diff_ge, .arg = {.thr = -P.margin}, .n = 2, .idx = {CTL_AFTER, SIL_AFTER}},
                 {.rule = cc_rule_mean_le, .arg = {.thr = P.chance_hi}, .n = 1, .idx = {SIL_BEFORE}},
                 {.rule = cc_rule_diff_ge, .arg = {.thr = -P.control_drop_max}, .n = 2, .idx = {CTL_BEFORE, CTL_AFTER}}}};
    int handed = 0; /* seeds whose silenced accuracy after sleep is within claims.margin of their control */
    for (int i = 0; i < st[SIL_AFTER].n; i++) handed += st[SIL_AFTER].v[i] >= st[CTL_AFTER].v[i] - P.margin;
    char crit[512];
    snprintf(crit, sizeof crit,
             "means over the Fig. 6 models, least squares: silenced after - control after >= -claims.margin = -%g (the effect); "
             "silenced before <= claims.chance_hi = %g; control after - control before >= -claims.control_drop_max = -%g",
             P.margin, P.chance_hi, P.control_drop_max);
    cc_claims cl;
    if ((s = cc_claims_open(&cl, ctx, "Fig. 8 claim, judged on the per-seed values of the Fig. 6 models (least squares, the authors' rule)")))
        return s;
    s = cc_judge(&cl, &(cc_claim_text){"fig8.consolidation", CC_SRC_PAPER, "After sleep the cortex alone solves the task (silenced accuracy rises from near chance to near the control) while the control accuracy stays high", crit},
                 cc_rule_all, &all, x, NX, "silenced %.3f -> %.3f, control %.3f -> %.3f; %d of %d models within claims.margin after sleep",
                 st[SIL_BEFORE].mean, st[SIL_AFTER].mean, st[CTL_BEFORE].mean, st[CTL_AFTER].mean, handed, st[SIL_AFTER].n);
    return s ? s : cc_claims_commit(&cl);
}

static int merge(const cc_run_ctx *ctx)
{
    const int S = P.sessions, T = cc_task_defaults(CC_TASK_DELASS).T;
    const char *acc[2] = {"acc", "acc_silenced"}, *acc_suffix[2] = {"", "_silenced"}, *norm[1] = {"wch_norm"},
               *cosine[1] = {"cosine"}, *none[1] = {""},
               *sel[4] = {"before_control", "before_silenced", "after_control", "after_silenced"},
               *sel_suffix[4] = {"_before_control", "_before_silenced", "_after_control", "_after_silenced"};
    int s = panel(ctx, "fig8a_accuracy.tsv", "Fig. 8a: test accuracy per sleep session, mean and SEM over the Fig. 6 seeds",
                  "accuracy on the last step of the test trials; silenced: cerebellar output 0 from t = 0; session 0 is before sleep",
                  "session", S + 1, "sessions", 2, acc, acc_suffix);
    if (!s)
        s = panel(ctx, "fig8b_norm.tsv", "Fig. 8b: norm of W_Ch per sleep session, mean and SEM over seeds",
                  "Frobenius norm of the cerebellar columns of W_ih", "session", S + 1, "sessions", 1, norm, none);
    if (!s)
        s = panel(ctx, "fig8c_cosine.tsv",
                  "Fig. 8c: mean cosine similarity of the original total input W_hh,orig f(h) + W_Ch,orig c and the recurrent input W_hh f(h)",
                  "mean over test trials and steps of the control pass after each session", "session", S + 1, "sessions", 1,
                  cosine, none);
    if (!s)
        s = panel(ctx, "fig8d_selectivity.tsv", "Fig. 8d: selectivity z_correct - z_other per step, before and after sleep",
                  "readout difference (logits), mean over the test trials; silenced: cerebellar output 0 from t = 0", "t", T,
                  "sel", 4, sel, sel_suffix);
    if (s) return s;
    /* before and after sleep; the first session after which the mean silenced accuracy is within the margin of the control */
    const int at[8] = {0, 0, S, S, 0, S, 0, S};
    const char *col[8] = {"acc", "acc_silenced", "acc", "acc_silenced", "wch_norm", "wch_norm", "cosine", "cosine"};
    double v[NRULES][8], e[NRULES][8];
    int first[NRULES] = {-1, -1};
    for (int r = 0; r < NRULES; r++) {
        for (int k = 0; !s && k < 8; k++) s = cc_grid_mean_sem(ctx, RULE_NAMES[r], "sessions", at[k], col[k], &v[r][k], &e[r][k]);
        for (int k = 0; !s && k <= S && first[r] < 0; k++) {
            double a, as, c, cs;
            s = cc_grid_mean_sem(ctx, RULE_NAMES[r], "sessions", k, "acc", &c, &cs);
            if (!s) s = cc_grid_mean_sem(ctx, RULE_NAMES[r], "sessions", k, "acc_silenced", &a, &as);
            if (!s && a >= c - P.margin) first[r] = k;
        }
    }
    if (s) return s;
    cc_summary sm;
    if ((s = cc_summary_open(&sm, ctx, "Fig. 8: numbers quoted in the report"))) return s;
    cc_summary_add(&sm, "seeds", P.seeds, "Fig. 6 models (seeds)");
    cc_summary_add(&sm, "sessions", S, "sleep sessions");
    cc_summary_add(&sm, "trials", P.sleep.trials, "trials per session");
    const char *what[8] = {"acc_before", "acc_silenced_before", "acc_after", "acc_silenced_after", "norm_before", "norm_after", "cos_before", "cos_after"};
    const char *desc[8] = {"test accuracy before sleep, with the cerebellum", "test accuracy before sleep, cerebellum silenced",
                           "test accuracy after the last session, with the cerebellum", "test accuracy after the last session, cerebellum silenced",
                           "norm of W_Ch before sleep", "norm of W_Ch after the last session", "mean cosine similarity before sleep",
                           "mean cosine similarity after the last session"};
    for (int r = 0; r < NRULES; r++)
        for (int k = 0; k < 8; k++) {
            char doc[160];
            snprintf(doc, sizeof doc, "%s (%s)", desc[k], RULE_TITLES[r]);
            if (k < 4) cc_panel_summary_mean_sem(&sm, v[r][k], e[r][k], doc, "%s_%s", RULE_NAMES[r], what[k]);
            else cc_summary_addf(&sm, v[r][k], doc, "%s_%s", RULE_NAMES[r], what[k]);
        }
    cc_summary_add(&sm, "lstsq_first_session", first[RULE_LSTSQ] >= 0 ? first[RULE_LSTSQ] : NAN,
                   "first session after which the mean silenced accuracy is within claims.margin of the control (least squares)");
    cc_summary_add(&sm, "bio_first_session", first[RULE_BIO] >= 0 ? first[RULE_BIO] : NAN, "the same for the local rule");
    if ((s = cc_summary_commit(&sm))) return s;
    return claim_consolidation(ctx);
}

static int validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    const int T = cc_task_defaults(CC_TASK_DELASS).T;
    const int k0 = P.sleep.k0, k1 = P.sleep.k1;
    if (k1 < k0 || k1 > T - 2) return snprintf(err, n, "sleep.k0..k1 = %d..%d: need k0 <= k1 <= T - 2 = %d", k0, k1, T - 2), GSL_EINVAL;
    if (!ctx->out) return GSL_SUCCESS; /* listing the units reads no model */
    for (int si = 0; si < P.seeds; si++) { /* every model, before anything is written */
        unsigned long seed;
        cc_model *m = load_model(ctx, si, &seed, err, n);
        if (!m) return GSL_EINVAL;
        cc_model_free(m);
    }
    return GSL_SUCCESS;
}

static const cc_experiment EXPERIMENT = {.name = "fig8", .specs = SPECS, .validate = validate, .grid = grid, .run_unit = run_unit, .merge = merge,
    .summary = "Fig. 8: systems consolidation: sleep sessions move the cerebellar drive of the Fig. 6 models into W_hh"};

int main(int argc, char **argv) { return cc_driver_main(argc, argv, &EXPERIMENT); }
