/* cc_grid.c: experiments declared as grids of conditions x seeds (cc_grid.h). */
#include "cc_grid.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_rng.h"

/* ------------------------------------------------------------------ declaring */

cc_cond *cc_grid_add(cc_grid *g, const char *fmt, ...)
{
    char name[CC_GRID_NAME_MAX];
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    if (m < 0 || (size_t)m >= sizeof name) {
        CC_ERRORF(GSL_EINVAL, "condition name too long: %.64s...", name);
        return NULL;
    }
    for (int i = 0; i < g->n; i++)
        if (strcmp(g->cond[i].name, name) == 0) return &g->cond[i];
    if (g->n == g->cap) {
        int cap = g->cap ? 2 * g->cap : 16;
        cc_cond *c = realloc(g->cond, (size_t)cap * sizeof *c);
        if (!c) {
            CC_ERRORF(GSL_ENOMEM, "out of memory for %d conditions", cap);
            return NULL;
        }
        g->cond = c;
        g->cap = cap;
    }
    cc_cond *c = &g->cond[g->n++];
    *c = g->base;
    snprintf(c->name, sizeof c->name, "%s", name);
    return c;
}

const cc_cond *cc_grid_find(const cc_grid *g, const char *name)
{
    for (int i = 0; g && i < g->n; i++)
        if (strcmp(g->cond[i].name, name) == 0) return &g->cond[i];
    return NULL;
}

void cc_cond_set(cc_cond *c, const char *key, double v)
{
    for (int i = 0; i < c->n_val; i++)
        if (strcmp(c->val[i].key, key) == 0) {
            c->val[i].v = v;
            return;
        }
    if (c->n_val == CC_COND_VALUES || strlen(key) >= sizeof c->val[0].key) {
        CC_ERRORF(GSL_EINVAL, "condition %s: no room for value %s", c->name, key);
        return;
    }
    snprintf(c->val[c->n_val].key, sizeof c->val[0].key, "%s", key);
    c->val[c->n_val++].v = v;
}

double cc_cond_get(const cc_cond *c, const char *key)
{
    for (int i = 0; i < c->n_val; i++)
        if (strcmp(c->val[i].key, key) == 0) return c->val[i].v;
    return NAN;
}

cc_config cc_cond_config(const cc_cond *c) { return cc_expt_config(&c->model, &c->task, c->arch, c->plasticity); }

cc_protocol cc_cond_protocol(const cc_cond *c) { return cc_expt_protocol(&c->train, &c->task); }

/* ------------------------------------------------------------------ units */

/* The base of every condition: the driver's model.*, train.* and run.* values where it has the key,
 * the library's defaults where not; the cerebellar architecture, a fixed cortex, line drawing. */
static int cc_grid_base(cc_cond *b, const cc_experiment *exp)
{
    memset(b, 0, sizeof *b);
    b->model = (cc_model_keys)CC_MODEL_KEYS_DEFAULT;
    b->train = (cc_train_keys)CC_TRAIN_KEYS_DEFAULT;
    b->arch = CC_ARCH_CEREB_FB;
    b->plasticity = CC_CORTEX_FIXED;
    b->task = cc_task_defaults(CC_TASK_LINEDRAW);
    const cc_spec keys[] = {CC_SPECS_MODEL(b->model), CC_SPECS_TRAIN(b->train), CC_SPEC_END};
    char text[4096], err[512];
    for (int i = 0; keys[i].key; i++) {
        const cc_spec *d = cc_spec_find(exp->specs, keys[i].key);
        if (!d) continue;
        if (d->type != keys[i].type) return CC_ERRORF(GSL_EINVAL, "%s: key %s of another type", exp->name, d->key);
        cc_spec_format(d, text, sizeof text);
        if (cc_spec_set(keys, keys[i].key, text, exp->name, err, sizeof err)) return CC_ERRORF(GSL_EINVAL, "%s", err);
    }
    b->seeds = b->train.seeds;
    return GSL_SUCCESS;
}

int cc_grid_build(cc_grid *g, const cc_experiment *exp, const cc_run_ctx *ctx)
{
    cc_grid_free(g);
    int s = cc_grid_base(&g->base, exp);
    if (!s) s = exp->grid(g, ctx);
    if (s) return s;
    if (g->n == 0) return CC_ERRORF(GSL_EINVAL, "%s declares no condition", exp->name);
    for (int i = 0; i < g->n; i++)
        if (g->cond[i].seeds < 1 || g->cond[i].seeds > CC_GRID_MAX_SEEDS)
            return CC_ERRORF(GSL_EINVAL, "condition %s: %d seeds (1..%d)", g->cond[i].name, g->cond[i].seeds,
                             CC_GRID_MAX_SEEDS);
    return GSL_SUCCESS;
}

void cc_grid_free(cc_grid *g)
{
    free(g->cond);
    g->cond = NULL;
    g->n = g->cap = 0;
}

static int cc_grid_unit_id(const cc_cond *c, int i, char *buf, size_t n)
{
    return c->name[0] ? snprintf(buf, n, "%s-s%d", c->name, i) : snprintf(buf, n, "seed%d", i);
}

int cc_grid_units(const cc_grid *g, cc_unit_list *out)
{
    char id[CC_GRID_NAME_MAX + 16];
    for (int c = 0; c < g->n; c++)
        for (int i = 0; i < g->cond[c].seeds; i++) {
            cc_grid_unit_id(&g->cond[c], i, id, sizeof id);
            if (cc_unit_list_add(out, "%s", id)) return GSL_ENOMEM;
        }
    return GSL_SUCCESS;
}

int cc_grid_locate(const cc_grid *g, int unit, int *cond, int *seed_index)
{
    for (int c = 0; c < g->n; c++) {
        if (unit < g->cond[c].seeds) {
            *cond = c;
            *seed_index = unit;
            return GSL_SUCCESS;
        }
        unit -= g->cond[c].seeds;
    }
    return GSL_EINVAL;
}

int cc_grid_check(const cc_grid *g, char *err, size_t n)
{
    for (int i = 0; i < g->n; i++) {
        const cc_cond *c = &g->cond[i];
        char why[512];
        if (cc_expt_check(&c->model, &c->train, &c->task, c->arch, c->plasticity, why, sizeof why))
            return snprintf(err, n, "%s (condition %s)", why, c->name[0] ? c->name : "of every seed"), GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

/* ------------------------------------------------------------------ a unit's configuration */

/* 1 if key matches one of the space-separated patterns ("sec.*": every key of section sec). */
static int cc_grid_key_in(const char *key, const char *patterns)
{
    for (const char *p = patterns; p && *p;) {
        p += strspn(p, " ");
        size_t L = strcspn(p, " ");
        if (L >= 2 && p[L - 1] == '*' ? strncmp(key, p, L - 1) == 0 : L && strlen(key) == L && !strncmp(key, p, L))
            return 1;
        p += L;
    }
    return 0;
}

int cc_grid_is_analysis_key(const cc_experiment *exp, const char *key)
{
    return cc_grid_key_in(key, "claims.* verify.* analysis.*") || cc_grid_key_in(key, exp->analysis_keys);
}

static int cc_grid_is_grid_key(const cc_experiment *exp, const char *key)
{
    return cc_grid_key_in(key, "model.* train.* task.* sweep.* run.*") || cc_grid_key_in(key, exp->grid_keys);
}

static const char ARCH_CHOICES[] = "none|readout_fb|cereb_fb|cereb_readout";
static const char PLASTICITY_CHOICES[] = "fixed|input|input_rec";
static const char TASK_CHOICES[] = "linedraw|digitdraw|evacc|delass|sleep|timing";

cc_spec *cc_grid_unit_specs(const cc_grid *g, const cc_experiment *exp, int unit, int *seed_store)
{
    int nd = 0;
    while (exp->specs[nd].key) nd++;
    cc_spec *out = calloc((size_t)nd + 64 + CC_COND_VALUES, sizeof *out);
    if (!out) {
        CC_ERRORF(GSL_ENOMEM, "out of memory");
        return NULL;
    }
    int k = 0;
    if (g && g->n) {
        int ci = 0, si = 0;
        if (cc_grid_locate(g, unit, &ci, &si)) {
            free(out);
            CC_ERRORF(GSL_EINVAL, "no unit %d in the grid", unit);
            return NULL;
        }
        cc_cond *c = &g->cond[ci];
        *seed_store = (int)(c->train.seed0 + si);
        cc_task *t = &c->task;
        const cc_spec resolved[] = {
            CC_SPEC_CHOICE("task", (int *)&t->kind, TASK_CHOICES, "task"),
            CC_SPEC_INT("task.T", &t->T, 0, 1e9, "steps per trial"),
            CC_SPEC_DOUBLE("task.arc", &t->arc, -1e300, 1e300, "line drawing: 0 lines, 1 arcs"),
            CC_SPEC_DOUBLE("task.noise_std", &t->noise_std, -1e300, 1e300, "input noise std"),
            CC_SPEC_DOUBLE("task.puff_prob", &t->puff_prob, -1e300, 1e300, "evidence accumulation: puff probability"),
            CC_SPEC_INT("task.delay", &t->delay, 0, 1e9, "evidence accumulation: last steps without puffs"),
            CC_SPEC_INT("task.window", &t->window, 0, 1e9, "delayed association: label steps"),
            CC_SPEC_CHOICE("model.arch", (int *)&c->arch, ARCH_CHOICES, "architecture"),
            CC_SPEC_CHOICE("model.plasticity", (int *)&c->plasticity, PLASTICITY_CHOICES, "cortical plasticity"),
            CC_SPECS_MODEL(c->model),
            CC_SPEC_INT("train.epochs", &c->train.epochs, 0, 1e9, "training epochs"),
            CC_SPEC_INT("train.n_train", &c->train.n_train, 0, 1e9, "training trials per epoch (0: the task's)"),
            CC_SPEC_INT("train.batch", &c->train.batch, 0, 1e9, "trials per Adam step"),
            CC_SPEC_INT("train.n_val", &c->train.n_val, 0, 1e9, "validation trials"),
            CC_SPEC_INT("train.n_test", &c->train.n_test, 0, 1e9, "test trials"),
            CC_SPEC_BOOL("train.keep_best", &c->train.keep_best, "best-validation weights before testing"),
            CC_SPEC_INT("run.seed", seed_store, 0, 2e9, "the seed of this unit"),
            CC_SPEC_INT("run.kind", &c->kind, 0, 1e9, "the driver's unit protocol (0: default)"),
            CC_SPEC_END};
        for (int i = 0; resolved[i].key; i++) out[k++] = resolved[i];
        /* the keys of a reversed delayed association and of interval timing, only in such units (the
         * configurations, hence the config ids, of every other unit are unchanged) */
        if (t->kind == CC_TASK_DELASS && t->reverse)
            out[k++] = (cc_spec)CC_SPEC_BOOL("task.reverse", &t->reverse, "delayed association: cue k -> choice 1 - k");
        if (t->kind == CC_TASK_TIMING) {
            const cc_spec timing[] = {
                CC_SPEC_INT("task.d_min", &t->d_min, 0, 1e9, "interval timing: shortest delay"),
                CC_SPEC_INT("task.d_max", &t->d_max, 0, 1e9, "interval timing: longest delay"),
                CC_SPEC_INT("task.n_delays", &t->n_delays, 0, 1e9, "interval timing: delays, evenly spaced"),
                CC_SPEC_DOUBLE("task.width", &t->width, -1e300, 1e300, "interval timing: std of the response pulse"),
                CC_SPEC_END};
            for (int i = 0; timing[i].key; i++) out[k++] = timing[i];
        }
        if (c->model.pons) /* only where set: the records of every other unit stay as they were */
            out[k++] = (cc_spec)CC_SPEC_INT("model.pons", &c->model.pons, 0, CC_SIZE_MAX, "pontine units (0: none)");
        for (int i = 0; i < c->n_val; i++)
            out[k++] = (cc_spec)CC_SPEC_DOUBLE(c->val[i].key, &c->val[i].v, -1e308, 1e308, "the driver's value");
    }
    for (int i = 0; i < nd; i++) {
        const char *key = exp->specs[i].key;
        if (cc_grid_is_analysis_key(exp, key)) continue;
        if (g && g->n && cc_grid_is_grid_key(exp, key)) continue;
        out[k++] = exp->specs[i];
    }
    out[k] = (cc_spec)CC_SPEC_END;
    return out;
}

/* ------------------------------------------------------------------ training a unit */

int cc_grid_train(const cc_run_ctx *ctx, cc_trained *t)
{
    int s = cc_grid_model(ctx, t);
    return s ? s : cc_grid_fit(ctx, t);
}

void cc_trained_free(cc_trained *t)
{
    cc_curve_free(t->curve);
    cc_model_free(t->m);
    t->curve = NULL;
    t->m = NULL;
}

/* ------------------------------------------------------------------ merging */

const char *cc_grid_unit(const cc_run_ctx *ctx, const char *cond, int i)
{
    const cc_grid *g = ctx->grid;
    int first = 0;
    for (int c = 0; g && c < g->n; c++) {
        if (strcmp(g->cond[c].name, cond) == 0)
            return i >= 0 && i < g->cond[c].seeds && ctx->units ? ctx->units->id[first + i] : NULL;
        first += g->cond[c].seeds;
    }
    return NULL;
}

int cc_grid_stat(const cc_run_ctx *ctx, const char *cond, const char *file, int row, const char *col,
                 cc_seedstat *out)
{
    const cc_cond *c = cc_grid_find(ctx->grid, cond);
    if (!c) return CC_ERRORF(GSL_EINVAL, "no condition %s in the grid", cond);
    char *ids[CC_GRID_MAX_SEEDS];
    for (int i = 0; i < c->seeds; i++) ids[i] = (char *)cc_grid_unit(ctx, cond, i);
    int s = cc_expt_collect(ctx, ids, c->seeds, file, row, col, out->v);
    if (s) return s;
    out->n = c->seeds;
    cc_mean_sem(out->v, out->n, &out->mean, &out->sem);
    out->ci95 = out->n > 1 ? gsl_cdf_tdist_Pinv(0.975, out->n - 1) * out->sem : NAN;
    return GSL_SUCCESS;
}

int cc_grid_mean_sem(const cc_run_ctx *ctx, const char *cond, const char *file, int row, const char *col,
                     double *mean, double *sem)
{
    static cc_seedstat st; /* large: not on the stack */
    int s = cc_grid_stat(ctx, cond, file, row, col, &st);
    if (!s) {
        *mean = st.mean;
        *sem = st.sem;
    }
    return s;
}

/* ------------------------------------------------------------------ training a unit in two steps */

int cc_grid_model(const cc_run_ctx *ctx, cc_trained *t)
{
    memset(t, 0, sizeof *t);
    const cc_cond *c = ctx->cond;
    if (!c) return CC_ERRORF(GSL_EINVAL, "a model of the grid outside a unit of a grid");
    t->task = c->task;
    t->cfg = cc_cond_config(c);
    t->pr = cc_cond_protocol(c);
    t->seed = ctx->seed;
    t->m = cc_model_alloc(&t->cfg, t->seed);
    t->curve = cc_curve_alloc(t->pr.epochs);
    return t->m && t->curve ? GSL_SUCCESS : GSL_ENOMEM;
}

int cc_grid_train_more(const cc_run_ctx *ctx, cc_model *m, const cc_task *task, int epochs, unsigned k, cc_curve *curve)
{
    cc_train_keys tk = ctx->cond->train;
    tk.epochs = epochs;
    tk.keep_best = 0;
    const cc_protocol pr = cc_expt_protocol(&tk, task);
    return cc_expt_train(m, task, &pr, cc_rng_seed(ctx->seed, CC_STREAM_USER + k), curve, ctx);
}

int cc_grid_fit(const cc_run_ctx *ctx, cc_trained *t)
{
    int s = cc_expt_train(t->m, &t->task, &t->pr, t->seed, t->curve, ctx);
    if (!s)
        s = cc_expt_write_curve(ctx, t->curve,
                                t->cfg.classification
                                    ? "val_metric: validation error fraction (last step); losses: cross-entropy"
                                    : "val_metric: validation MSE per element; losses per element");
    return s;
}
