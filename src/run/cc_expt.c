/* cc_expt.c: shared pieces of the figure drivers (cc_expt.h). */
#include "cc_expt.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_progress.h"
#include "cc_verdict.h"

cc_config cc_expt_config(const cc_model_keys *k, const cc_task *task, cc_arch arch, cc_plasticity plasticity)
{
    cc_config c = cc_config_default();
    c.D = cc_task_input_dim(task);
    c.O = cc_task_output_dim(task);
    c.classification = cc_task_is_classification(task);
    c.N = k->N;
    c.G = k->G;
    c.alpha = k->alpha;
    c.arch = arch;
    c.plasticity = plasticity;
    c.rule = k->rule ? CC_RULE_BPTT : CC_RULE_EPROP;
    c.tau = k->tau;
    c.temporal_basis = k->temporal_basis;
    c.final_learning = k->final_learning;
    c.plastic_mf = k->plastic_mf;
    c.mf_inputs = k->mf_inputs;
    c.pons = k->pons;
    c.dropout = k->dropout;
    c.lr_rnn = k->lr_rnn;
    c.lr_readout = k->lr_readout;
    c.lr_cereb = k->lr_cereb;
    return c;
}

cc_protocol cc_expt_protocol(const cc_train_keys *k, const cc_task *task)
{
    cc_protocol p = cc_protocol_default(task, k->epochs);
    if (k->n_train > 0) p.n_train = k->n_train; /* 0: the task's own (800 for evidence accumulation) */
    p.batch = k->batch;
    p.n_val = k->n_val;
    p.n_test = k->n_test;
    p.keep_best = k->keep_best;
    return p;
}

void cc_expt_progress_note(char *buf, size_t n, int epoch, const cc_curve *c)
{
    if (isnan(c->train_loss[epoch])) /* epoch 0: no training batch yet */
        snprintf(buf, n, "loss -, validation %.4g", c->val_metric[epoch]);
    else
        snprintf(buf, n, "loss %.4g, validation %.4g", c->train_loss[epoch], c->val_metric[epoch]);
}

int cc_expt_check(const cc_model_keys *mk, const cc_train_keys *tk, const cc_task *task, cc_arch arch,
                  cc_plasticity plasticity, char *err, size_t n)
{
    cc_config c = cc_expt_config(mk, task, arch, plasticity);
    cc_protocol p = cc_expt_protocol(tk, task);
    cc_driver_check_begin();
    cc_protocol_check(&p, task, &c);
    int s = cc_driver_check_end(err, n);
    if (!s) cc_driver_note_memory(cc_protocol_memory(&p, task, &c));
    return s;
}

/* Progress line: epoch, training loss, validation metric (time left is added by cc_progress). */
static void progress_hook(void *ctx, int epoch, const cc_curve *c)
{
    char note[96];
    cc_expt_progress_note(note, sizeof note, epoch, c);
    cc_progress_update(ctx, epoch, "%s", note);
}

int cc_expt_train(cc_model *m, const cc_task *task, const cc_protocol *p, unsigned long seed, cc_curve *curve,
                  const cc_run_ctx *ctx)
{
    cc_progress pr;
    cc_progress_begin(&pr, ctx->label, "epoch", p->epochs);
    if (ctx->rec) cc_record_seed(ctx->rec, (long)seed);
    int status = cc_train(m, task, p, seed, curve, progress_hook, &pr);
    cc_progress_end(&pr);
    return status;
}

int cc_expt_write_curve(const cc_run_ctx *ctx, const cc_curve *c, const char *metric_doc)
{
    cc_tsv t;
    cc_tsv_head h = {.title = "learning curve of one run (epoch 0 = before training)",
                     .columns = "epoch val_metric val_loss train_loss cereb_loss",
                     .units = metric_doc,
                     .runs = ctx->unit};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.curve.tsv", ctx->unit);
    if (s) return s;
    for (int e = 0; e <= c->epochs; e++) {
        double row[5] = {e, c->val_metric[e], c->val_loss[e], c->train_loss[e], c->cereb_loss[e]};
        if ((s = cc_tsv_row(&t, row))) {
            cc_tsv_abort(&t);
            return s;
        }
    }
    if ((s = cc_tsv_commit(&t)) || !ctx->rec) return s;
    s = cc_record_metric(ctx->rec, "curve.val_metric_end", c->val_metric[c->epochs]); /* after the last epoch */
    return s ? s : cc_record_metric(ctx->rec, "curve.best_epoch", c->best_epoch);
}

int cc_expt_write_row(const cc_run_ctx *ctx, const char *name, const char *title, const char *names,
                      const double *v)
{
    cc_tsv t;
    cc_tsv_head h = {.title = title, .columns = names, .runs = ctx->unit};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.%s.tsv", ctx->unit, name);
    if (s) return s;
    if ((s = cc_tsv_row(&t, v))) {
        cc_tsv_abort(&t);
        return s;
    }
    if ((s = cc_tsv_commit(&t))) return s;
    char key[160]; /* each column into the record's metrics, "<name>.<column>" */
    for (const char *c = names; ctx->rec && *c; v++) {
        const size_t len = strcspn(c, " ");
        snprintf(key, sizeof key, "%s.%.*s", name, (int)len, c);
        if ((s = cc_record_metric(ctx->rec, key, *v))) return s;
        c += len + strspn(c + len, " ");
    }
    return GSL_SUCCESS;
}

void cc_mean_sem(const double *x, int n, double *mean, double *sem)
{
    double m = 0.0, v = 0.0;
    for (int i = 0; i < n; i++) m += x[i];
    m = n ? m / n : NAN;
    for (int i = 0; i < n; i++) v += (x[i] - m) * (x[i] - m);
    *mean = m;
    *sem = n > 1 ? sqrt(v / (n - 1) / n) : 0.0;
}

void cc_min_max(const double *x, int n, double *lo, double *hi)
{
    *lo = INFINITY, *hi = -INFINITY;
    for (int i = 0; i < n; i++) *lo = fmin(*lo, x[i]), *hi = fmax(*hi, x[i]);
}

int cc_count_ge(const double *x, int n, double thr)
{
    int k = 0;
    for (int i = 0; i < n; i++) k += x[i] >= thr;
    return k;
}

int cc_expt_collect(const cc_run_ctx *ctx, char *const *ids, int n, const char *name, int row, const char *col,
                    double *x)
{
    for (int i = 0; i < n; i++) {
        cc_table t = {0};
        int s = cc_ctx_table_read(ctx, &t, "units/%s.%s.tsv", ids[i], name);
        if (s) return s;
        int c = cc_table_col(&t, col);
        if (c < 0 || row < 0 || row >= t.nrow) {
            cc_table_free(&t);
            return CC_ERRORF(GSL_EINVAL, "units/%s.%s.tsv: no row %d of column %s", ids[i], name, row, col);
        }
        x[i] = t.v[(long)row * t.ncol + c];
        cc_table_free(&t);
    }
    return GSL_SUCCESS;
}

/* Open OUT/<file> through cc_out and write a '#' title line. */
static FILE *open_text(cc_out *o, const cc_run_ctx *ctx, const char *file, const char *title, const char *columns)
{
    char path[CC_OUT_PATH_MAX];
    if (cc_ctx_path(ctx, path, sizeof path, "%s", file)) return NULL;
    FILE *f = cc_out_open(o, path);
    if (f) fprintf(f, "# %s\n# config: %s\n# %s\n", title, ctx->config_id, columns);
    return f;
}

/* Text for a TSV cell: tabs and newlines become spaces. */
static void put_cell(FILE *f, const char *s)
{
    for (; *s; s++) fputc(*s == '\t' || *s == '\n' ? ' ' : *s, f);
}

int cc_summary_open(cc_summary *s, const cc_run_ctx *ctx, const char *title)
{
    s->f = open_text(&s->out, ctx, "summary.tsv", title, "key\tvalue\tdescription");
    return s->f ? GSL_SUCCESS : GSL_EFAILED;
}

int cc_summary_add(cc_summary *s, const char *key, double value, const char *description)
{
    char num[64];
    cc_out_format_double(num, sizeof num, value);
    fprintf(s->f, "%s\t%s\t", key, num);
    put_cell(s->f, description);
    fputc('\n', s->f);
    return ferror(s->f) ? GSL_EFAILED : GSL_SUCCESS;
}

int cc_summary_addf(cc_summary *s, double value, const char *description, const char *key_fmt, ...)
{
    char key[256];
    va_list ap;
    va_start(ap, key_fmt);
    const int k = vsnprintf(key, sizeof key, key_fmt, ap);
    va_end(ap);
    if (k < 0 || k >= (int)sizeof key) return CC_ERRORF(GSL_EINVAL, "summary key too long: %.64s...", key);
    return cc_summary_add(s, key, value, description);
}

int cc_summary_commit(cc_summary *s)
{
    fputs("# end\n", s->f);
    return cc_out_commit(&s->out);
}

int cc_claims_open(cc_claims *c, const cc_run_ctx *ctx, const char *title)
{
    c->n = c->failed = 0;
    c->ctx = ctx;
    c->seeds_f = NULL;
    c->f = open_text(&c->out, ctx, "claims.tsv", title, "claim_id\tsource\tstatement\tmeasured\tcriterion\teffect\tci_lo\tci_hi\tseeds\tstability\tresult");
    return c->f ? GSL_SUCCESS : GSL_EFAILED;
}

int cc_claims_commit(cc_claims *c)
{
    fputs("# end\n", c->f);
    if (c->seeds_f) {
        fputs("# end\n", c->seeds_f);
        if (cc_out_commit(&c->seeds_out)) {
            cc_out_abort(&c->out);
            return GSL_EFAILED;
        }
    }
    return cc_out_commit(&c->out);
}

/* The per-seed values behind each verdict: claims_seeds.tsv, "claim_id sample seed value". */
static int claims_seeds_open(cc_claims *c, const cc_run_ctx *ctx)
{
    c->seeds_f = open_text(&c->seeds_out, ctx, "claims_seeds.tsv", "the per-seed values behind each claim's verdict",
                           "claim_id\tsample\tseed\tvalue");
    return c->seeds_f ? GSL_SUCCESS : GSL_EFAILED;
}

int cc_claims_judge(cc_claims *c, const cc_claim_text *t, const cc_claim_data *d, const char *measured_fmt, ...)
{
    char measured[1024], num[4][64];
    va_list ap;
    va_start(ap, measured_fmt);
    vsnprintf(measured, sizeof measured, measured_fmt, ap);
    va_end(ap);
    cc_verdict v;
    int s = cc_claim_evaluate(d, &v);
    if (s) return s;
    if (!c->seeds_f && (s = claims_seeds_open(c, c->ctx))) return s;
    put_cell(c->f, t->id);
    fprintf(c->f, "\t%s\t", cc_claim_source_name(t->source));
    put_cell(c->f, t->statement);
    fputc('\t', c->f);
    put_cell(c->f, measured);
    fputc('\t', c->f);
    put_cell(c->f, t->criterion);
    cc_out_format_double(num[0], sizeof num[0], v.effect);
    cc_out_format_double(num[1], sizeof num[1], v.lo);
    cc_out_format_double(num[2], sizeof num[2], v.hi);
    cc_out_format_double(num[3], sizeof num[3], v.stability);
    fprintf(c->f, "\t%s\t%s\t%s\t%d\t%s\t%s\n", num[0], num[1], num[2], v.seeds_min, num[3], v.result);
    for (int j = 0; j < d->k; j++)
        for (int i = 0; i < d->x[j].n; i++) {
            cc_out_format_double(num[0], sizeof num[0], d->x[j].v[i]);
            fprintf(c->seeds_f, "%s\t%s\t%d\t%s\n", t->id, d->x[j].name, i, num[0]);
        }
    c->n++;
    c->failed += strcmp(v.result, "PASS") != 0;
    return ferror(c->f) || ferror(c->seeds_f) ? GSL_EFAILED : GSL_SUCCESS;
}
