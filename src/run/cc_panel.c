/* cc_panel.c: tables shared by the figures' panels (cc_panel.h). */
#include "cc_panel.h"

#include <gsl/gsl_cdf.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cc_panel_curves(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const cc_panel_series *s, int n,
                    int epochs, const char *metric, double *means)
{
    char cols[2048];
    int k = snprintf(cols, sizeof cols, "epoch");
    for (int i = 0; i < n && k < (int)sizeof cols; i++) k += snprintf(cols + k, sizeof cols - k, " %s %s_sem", s[i].col, s[i].col);
    if (k >= (int)sizeof cols) return CC_ERRORF(GSL_EINVAL, "%s: too many columns", file);
    cc_tsv_head hh = *h;
    hh.columns = cols;
    double *row = malloc((size_t)(1 + 2 * n) * sizeof *row);
    if (!row) return CC_ERRORF(GSL_ENOMEM, "out of memory");
    cc_tsv t = {0};
    int st = cc_ctx_tsv_open(ctx, &t, &hh, "%s", file);
    for (int e = 0; !st && e <= epochs; e++) {
        row[0] = e;
        for (int i = 0; !st && i < n; i++) {
            st = cc_grid_mean_sem(ctx, s[i].cond, "curve", e, metric, &row[1 + 2 * i], &row[2 + 2 * i]);
            if (means) means[(long)i * (epochs + 1) + e] = row[1 + 2 * i];
        }
        if (!st) st = cc_tsv_row(&t, row);
    }
    free(row);
    return cc_tsv_end(&t, st);
}

int cc_panel_bars(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const cc_panel_series *s, int n,
                  const char *unit_file, const char *col)
{
    cc_seedstat *st = malloc((size_t)(n > 0 ? n : 1) * sizeof *st); /* large: not on the stack */
    const char **label = malloc((size_t)(n > 0 ? n : 1) * sizeof *label);
    int r = st && label ? GSL_SUCCESS : CC_ERRORF(GSL_ENOMEM, "out of memory");
    for (int i = 0; !r && i < n; i++) {
        r = cc_grid_stat(ctx, s[i].cond, unit_file, 0, col, &st[i]);
        label[i] = s[i].col;
    }
    if (!r) r = cc_panel_seed_bars(ctx, file, h, label, n, NULL, 1, st);
    free(st);
    free(label);
    return r;
}

void cc_panel_seedstat(cc_seedstat *s, const double *v, int n)
{
    s->n = n;
    for (int i = 0; i < n; i++) s->v[i] = v[i];
    cc_mean_sem(v, n, &s->mean, &s->sem);
    s->ci95 = n > 1 ? gsl_cdf_tdist_Pinv(0.975, n - 1) * s->sem : NAN; /* t_{0.975, n-1} SEM */
}

/* The column names of a table of seed bars: the pairs first, then ci95, n and v1..vK per group. */
static int seed_bar_columns(char *cols, size_t size, const char *const *groups, int ng, int K)
{
    size_t k = (size_t)snprintf(cols, size, "index label");
    for (int g = 0; g < ng && k < size; g++)
        k += groups ? (size_t)snprintf(cols + k, size - k, " %s %s_sem", groups[g], groups[g])
                    : (size_t)snprintf(cols + k, size - k, " mean sem");
    for (int g = 0; g < ng && k < size; g++) {
        const char *p = groups ? groups[g] : "", *u = groups ? "_" : "";
        k += (size_t)snprintf(cols + k, size - k, " %s%sci95 %s%sn", p, u, p, u);
        for (int j = 1; j <= K && k < size; j++) k += (size_t)snprintf(cols + k, size - k, " %s%sv%d", p, u, j);
    }
    return k < size ? GSL_SUCCESS : GSL_EINVAL;
}

int cc_panel_seed_bars(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *const *labels, int n,
                       const char *const *groups, int ng, const cc_seedstat *s)
{
    if (n < 0 || ng < 1 || (!groups && ng != 1)) return CC_ERRORF(GSL_EINVAL, "%s: %d bars of %d groups", file, n, ng);
    int K = 0; /* the largest seed count of the table */
    for (int i = 0; i < n * ng; i++) K = s[i].n > K ? s[i].n : K;
    size_t size = 64 + (size_t)ng * (96 + 8 * (size_t)K);
    for (int g = 0; groups && g < ng; g++) size += (size_t)(4 + K) * strlen(groups[g]) * 2;
    char *cols = malloc(size), units[1024];
    if (!cols) return CC_ERRORF(GSL_ENOMEM, "out of memory");
    if (seed_bar_columns(cols, size, groups, ng, K)) {
        free(cols);
        return CC_ERRORF(GSL_EINVAL, "%s: too many columns", file);
    }
    snprintf(units, sizeof units, "%s%sci95: half-width of the 95 %% t interval of the mean, t_{0.975,n-1} SEM; "
             "n: seeds; v1..v%d: the value of each seed (NaN: fewer seeds)", h->units ? h->units : "",
             h->units ? "; " : "", K);
    cc_tsv_head hh = *h;
    hh.columns = cols;
    hh.units = units;
    cc_tsv t = {0};
    int st = cc_ctx_tsv_open(ctx, &t, &hh, "%s", file);
    for (int i = 0; !st && i < n; i++) {
        const cc_seedstat *r = s + (long)i * ng;
        st = cc_tsv_int(&t, i);
        if (!st) st = cc_tsv_str(&t, labels[i]);
        for (int g = 0; !st && g < ng; g++) {
            st = cc_tsv_num(&t, r[g].mean);
            if (!st) st = cc_tsv_num(&t, r[g].sem);
        }
        for (int g = 0; !st && g < ng; g++) {
            st = cc_tsv_num(&t, r[g].ci95);
            if (!st) st = cc_tsv_int(&t, r[g].n);
            for (int j = 0; !st && j < K; j++) st = cc_tsv_num(&t, j < r[g].n ? r[g].v[j] : NAN);
        }
    }
    free(cols);
    return cc_tsv_end(&t, st);
}

/* Tables copied from the first seed's unit files, and bars of values the driver computed. */

int cc_panel_first_seeds(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *unit_file,
                         int n_key, const cc_panel_column *c, int n)
{
    cc_table *tb = calloc((size_t)n, sizeof *tb); /* (n) the table of each column */
    int *col = calloc((size_t)n, sizeof *col);    /* (n) its index there */
    double *row = malloc((size_t)(n_key + n) * sizeof *row);
    int st = tb && col && row && n > 0 ? GSL_SUCCESS : CC_ERRORF(GSL_ENOMEM, "%s: out of memory or no column", file);
    for (int i = 0; !st && i < n; i++) {
        const char *unit = cc_grid_unit(ctx, c[i].cond, 0);
        if (!unit) st = CC_ERRORF(GSL_EINVAL, "%s: no condition %s in the grid", file, c[i].cond);
        if (!st) st = cc_ctx_table_read(ctx, &tb[i], "units/%s.%s.tsv", unit, unit_file);
        if (!st && (col[i] = cc_table_col(&tb[i], c[i].col)) < 0) st = GSL_EINVAL;
        if (!st && n_key > tb[0].ncol) st = CC_ERRORF(GSL_EINVAL, "%s: %d key columns of %d", file, n_key, tb[0].ncol);
        if (!st && tb[i].nrow != tb[0].nrow)
            st = CC_ERRORF(GSL_EINVAL, "%s: units/%s.%s.tsv has %d rows, the first table %d", file, unit, unit_file,
                           tb[i].nrow, tb[0].nrow);
    }
    cc_tsv t = {0};
    if (!st) st = cc_ctx_tsv_open(ctx, &t, h, "%s", file);
    for (int r = 0; !st && r < tb[0].nrow; r++) {
        for (int k = 0; k < n_key; k++) row[k] = tb[0].v[(long)r * tb[0].ncol + k];
        for (int i = 0; i < n; i++) row[n_key + i] = tb[i].v[(long)r * tb[i].ncol + col[i]];
        st = cc_tsv_row(&t, row);
    }
    st = cc_tsv_end(&t, st);
    for (int i = 0; tb && i < n; i++) cc_table_free(&tb[i]);
    free(tb);
    free(col);
    free(row);
    return st;
}

int cc_panel_copy(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *unit,
                  const char *unit_file)
{
    cc_table tb = {0};
    cc_tsv t = {0};
    int st = cc_ctx_table_read(ctx, &tb, "units/%s.%s.tsv", unit, unit_file);
    if (!st) st = cc_ctx_tsv_open(ctx, &t, h, "%s", file);
    for (int r = 0; !st && r < tb.nrow; r++) st = cc_tsv_row(&t, tb.v + (long)r * tb.ncol);
    st = cc_tsv_end(&t, st);
    cc_table_free(&tb);
    return st;
}

int cc_panel_bar_values(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, int n,
                        const char *const *labels, int npair, const double *v)
{
    cc_tsv t = {0};
    int st = cc_ctx_tsv_open(ctx, &t, h, "%s", file);
    for (int i = 0; !st && i < n; i++) {
        st = cc_tsv_int(&t, i);
        if (!st) st = cc_tsv_str(&t, labels[i]);
        for (int j = 0; !st && j < 2 * npair; j++) st = cc_tsv_num(&t, v[(long)i * 2 * npair + j]);
    }
    return cc_tsv_end(&t, st);
}

int cc_panel_traj(const cc_run_ctx *ctx, const cc_tsv_head *h, const cc_batch *b, int ncue, const double *const *z,
                  int n)
{
    double *row = malloc((size_t)(4 + 2 * n) * sizeof *row);
    cc_tsv t = {0};
    int st = row ? cc_ctx_tsv_open(ctx, &t, h, "units/%s.traj.tsv", ctx->unit) : CC_ERRORF(GSL_ENOMEM, "out of memory");
    for (int k = 0; !st && k < ncue; k++) {
        int bb = 0; /* the first trial of cue k */
        while (bb < b->B && b->cond[bb] != k) bb++;
        for (int tt = 0; !st && bb < b->B && tt < b->T; tt++) {
            const long i = ((long)tt * b->B + bb) * 2;
            row[0] = k;
            row[1] = tt;
            row[2] = b->y[i];
            row[3] = b->y[i + 1];
            for (int j = 0; j < n; j++) {
                row[4 + 2 * j] = z[j] ? z[j][i] : NAN;
                row[5 + 2 * j] = z[j] ? z[j][i + 1] : NAN;
            }
            st = cc_tsv_row(&t, row);
        }
    }
    free(row);
    return cc_tsv_end(&t, st);
}
/* Sweeps, bars of several columns and summary pairs. */

int cc_panel_sweep(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *xcol, const double *x,
                   int n, const cc_panel_line *lines, int nlines, const char *unit_file, const char *col, double *mean,
                   double *sem)
{
    char cols[2048];
    int k = snprintf(cols, sizeof cols, "%s", xcol);
    for (int j = 0; j < nlines && k < (int)sizeof cols; j++)
        k += snprintf(cols + k, sizeof cols - k, " %s %s_sem", lines[j].col, lines[j].col);
    if (k >= (int)sizeof cols) return CC_ERRORF(GSL_EINVAL, "%s: too many columns", file);
    cc_tsv_head hh = *h;
    hh.columns = cols;
    double *row = malloc((size_t)(1 + 2 * nlines) * sizeof *row);
    if (!row) return CC_ERRORF(GSL_ENOMEM, "out of memory");
    cc_tsv t = {0};
    int st = cc_ctx_tsv_open(ctx, &t, &hh, "%s", file);
    for (int i = 0; !st && i < n; i++) {
        row[0] = x[i];
        for (int j = 0; !st && j < nlines; j++) {
            st = cc_grid_mean_sem(ctx, lines[j].cond[i], unit_file, 0, col, &row[1 + 2 * j], &row[2 + 2 * j]);
            if (!st && mean) mean[(long)j * n + i] = row[1 + 2 * j];
            if (!st && sem) sem[(long)j * n + i] = row[2 + 2 * j];
        }
        if (!st) st = cc_tsv_row(&t, row);
    }
    free(row);
    return cc_tsv_end(&t, st);
}

int cc_panel_bars_of(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const cc_panel_bar *b, int n,
                     const char *unit_file, double *mean, double *sem)
{
    cc_seedstat *st = malloc((size_t)(n > 0 ? n : 1) * sizeof *st); /* large: not on the stack */
    const char **label = malloc((size_t)(n > 0 ? n : 1) * sizeof *label);
    int r = st && label ? GSL_SUCCESS : CC_ERRORF(GSL_ENOMEM, "out of memory");
    for (int i = 0; !r && i < n; i++) {
        r = cc_grid_stat(ctx, b[i].cond, unit_file, 0, b[i].col, &st[i]);
        label[i] = b[i].label;
        if (!r && mean) mean[i] = st[i].mean;
        if (!r && sem) sem[i] = st[i].sem;
    }
    if (!r) r = cc_panel_seed_bars(ctx, file, h, label, n, NULL, 1, st);
    free(st);
    free(label);
    return r;
}

int cc_panel_summary_mean_sem(cc_summary *sm, double mean, double sem, const char *doc, const char *key_fmt, ...)
{
    char key[256];
    va_list ap;
    va_start(ap, key_fmt);
    int k = vsnprintf(key, sizeof key - 4, key_fmt, ap);
    va_end(ap);
    if (k < 0 || k >= (int)sizeof key - 4) return CC_ERRORF(GSL_EINVAL, "summary key too long: %.64s...", key);
    int st = cc_summary_add(sm, key, mean, doc);
    strcat(key, "_sem");
    return st ? st : cc_summary_add(sm, key, sem, "its SEM over seeds");
}
/* ---- per-row panels of several conditions and columns, a silenced test, summary mean/SEM pairs (Figs. 6, 8) */

int cc_panel_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *row_name, int rows,
                  const char *unit_file, const cc_panel_metric *c, int n, double scale)
{
    char cols[2048];
    int k = snprintf(cols, sizeof cols, "%s", row_name);
    for (int i = 0; i < n && k < (int)sizeof cols; i++) k += snprintf(cols + k, sizeof cols - k, " %s %s_sem", c[i].col, c[i].col);
    if (k >= (int)sizeof cols) return CC_ERRORF(GSL_EINVAL, "%s: too many columns", file);
    cc_tsv_head hh = *h;
    hh.columns = cols;
    double *row = malloc((size_t)(1 + 2 * n) * sizeof *row);
    if (!row) return CC_ERRORF(GSL_ENOMEM, "out of memory");
    cc_tsv t = {0};
    int st = cc_ctx_tsv_open(ctx, &t, &hh, "%s", file);
    for (int r = 0; !st && r < rows; r++) {
        row[0] = r;
        for (int i = 0; !st && i < n; i++) {
            st = cc_grid_mean_sem(ctx, c[i].cond, unit_file, r, c[i].metric, &row[1 + 2 * i], &row[2 + 2 * i]);
            row[1 + 2 * i] *= scale;
            row[2 + 2 * i] *= scale;
        }
        if (!st) st = cc_tsv_row(&t, row);
    }
    free(row);
    return cc_tsv_end(&t, st);
}

int cc_panel_test_silenced(cc_model *m, const cc_task *task, int n, unsigned long seed, int from, cc_stats *st,
                           double *sel)
{
    cc_batch *b = NULL;
    m->silence_from = from;
    int s = cc_test(m, task, n, seed, st, sel ? &b : NULL);
    m->silence_from = -1;
    if (s || !sel) return s;
    for (int t = 0; t < b->T; t++) { /* z (T, B, 2) */
        double sum = 0.0;
        for (int i = 0; i < b->B; i++) {
            const double *z = m->ws.z + ((long)t * b->B + i) * 2;
            sum += z[b->cond[i]] - z[1 - b->cond[i]];
        }
        sel[t] = sum / b->B;
    }
    cc_batch_free(b);
    return GSL_SUCCESS;
}

int cc_panel_test_copy(cc_model *m, const cc_task *task, int n, unsigned long seed, int from, int until, cc_stats *st,
                       cc_batch **b, double **z)
{
    cc_batch *kept = NULL;
    if (b) cc_batch_free(*b), *b = NULL;
    m->silence_from = from;
    m->silence_until = until;
    int s = cc_test(m, task, n, seed, st, b || z ? &kept : NULL);
    m->silence_from = m->silence_until = -1;
    const size_t size = kept ? (size_t)kept->T * kept->B * kept->O * sizeof(double) : 0;
    if (!s && z && !(*z = malloc(size))) s = CC_ERRORF(GSL_ENOMEM, "out of memory for the test outputs");
    if (!s && z) memcpy(*z, m->ws.z, size);
    if (b) *b = kept;
    else cc_batch_free(kept);
    return s;
}

int cc_panel_summary_pair(cc_summary *sm, const char *key, double mean, double sem, const char *doc)
{
    char key_sem[128];
    snprintf(key_sem, sizeof key_sem, "%s_sem", key);
    int s = cc_summary_add(sm, key, mean, doc);
    return s ? s : cc_summary_add(sm, key_sem, sem, "its SEM over seeds");
}
/* Per-row tables, first-seed copies, summary pairs, chance levels; in a unit: its tables, first trials. */

int cc_panel_seed_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *unit_file, int nrow,
                  const char *keys, const char *const *labels, const cc_panel_series *s, int n, double *mean,
                  double *sem)
{
    char cols[2048];
    int k = snprintf(cols, sizeof cols, "%s%s", keys, labels ? " label" : ""), nkey = 0;
    for (int i = 0; i < n && k < (int)sizeof cols; i++) k += snprintf(cols + k, sizeof cols - k, " %s %s_sem", s[i].col, s[i].col);
    if (k >= (int)sizeof cols) return CC_ERRORF(GSL_EINVAL, "%s: too many columns", file);
    for (const char *p = keys; *(p += strspn(p, " ")); p += strcspn(p, " ")) nkey++;
    cc_tsv_head hh = *h;
    if (!hh.columns) hh.columns = cols;
    cc_seedstat *key = malloc(sizeof *key); /* large: not on the stack */
    cc_tsv t = {0};
    int st = key ? cc_ctx_tsv_open(ctx, &t, &hh, "%s", file) : CC_ERRORF(GSL_ENOMEM, "out of memory");
    if (!st && t.ncol != nkey + !!labels + 2 * n) st = CC_ERRORF(GSL_EINVAL, "%s: %d columns named, %d made", file, t.ncol, nkey + !!labels + 2 * n);
    for (int r = 0; !st && r < nrow; r++) {
        for (const char *p = keys; !st && *(p += strspn(p, " ")); p += strcspn(p, " ")) {
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)strcspn(p, " "), p);
            st = cc_grid_stat(ctx, s[0].cond, unit_file, r, name, key);
            for (int i = 1; !st && i < key->n; i++)
                if (!(key->v[i] == key->v[0] || (isnan(key->v[i]) && isnan(key->v[0]))))
                    st = CC_ERRORF(GSL_EINVAL, "units/*.%s.tsv: column %s, row %d differs between seeds", unit_file, name, r);
            if (!st) st = cc_tsv_num(&t, key->v[0]);
        }
        if (!st && labels) st = cc_tsv_str(&t, labels[r]);
        for (int i = 0; !st && i < n; i++) {
            double m, e;
            st = cc_grid_mean_sem(ctx, s[i].cond, unit_file, r, s[i].col, &m, &e);
            if (!st) st = cc_tsv_num(&t, m);
            if (!st) st = cc_tsv_num(&t, e);
            if (mean) mean[(long)i * nrow + r] = m;
            if (sem) sem[(long)i * nrow + r] = e;
        }
    }
    free(key);
    return cc_tsv_end(&t, st);
}

int cc_panel_first_seed(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *const *conds,
                        int n, const char *unit_file, int shared)
{
    cc_table *tb = calloc((size_t)n, sizeof *tb);
    if (!tb) return CC_ERRORF(GSL_ENOMEM, "out of memory");
    int st = GSL_SUCCESS, width = shared;
    for (int i = 0; !st && i < n; i++) {
        const char *unit = cc_grid_unit(ctx, conds[i], 0);
        st = unit ? cc_ctx_table_read(ctx, &tb[i], "units/%s.%s.tsv", unit, unit_file)
                  : CC_ERRORF(GSL_EINVAL, "no condition %s in the grid", conds[i]);
        if (!st && (tb[i].nrow != tb[0].nrow || tb[i].ncol < shared))
            st = CC_ERRORF(GSL_EINVAL, "units/%s.%s.tsv: %d rows of %d columns, not %d of at least %d", unit, unit_file,
                           tb[i].nrow, tb[i].ncol, tb[0].nrow, shared);
        width += tb[i].ncol - shared;
    }
    double *row = st ? NULL : malloc((size_t)width * sizeof *row);
    cc_tsv t = {0};
    if (!st) st = row ? cc_ctx_tsv_open(ctx, &t, h, "%s", file) : CC_ERRORF(GSL_ENOMEM, "out of memory");
    if (!st && t.ncol != width) st = CC_ERRORF(GSL_EINVAL, "%s: %d columns named, %d read", file, t.ncol, width);
    for (long r = 0; !st && r < tb[0].nrow; r++) {
        int c = 0;
        for (int j = 0; j < shared; j++) row[c++] = tb[0].v[r * tb[0].ncol + j];
        for (int i = 0; i < n; i++)
            for (int j = shared; j < tb[i].ncol; j++) row[c++] = tb[i].v[r * tb[i].ncol + j];
        st = cc_tsv_row(&t, row);
    }
    for (int i = 0; i < n; i++) cc_table_free(&tb[i]);
    free(tb);
    free(row);
    return cc_tsv_end(&t, st);
}

int cc_panel_summary_named(cc_summary *sm, const char *key_fmt, const char *sem_fmt, const char *name,
                              double mean, double sem, const char *doc)
{
    char key[128];
    snprintf(key, sizeof key, key_fmt, name);
    int st = cc_summary_add(sm, key, mean, doc);
    snprintf(key, sizeof key, sem_fmt, name);
    return cc_summary_add(sm, key, sem, "its SEM over seeds") ? GSL_EFAILED : st;
}

void cc_panel_chance_mse(const cc_task *task, double *zero, double *blind)
{
    double y[6][2 * 200], z = 0.0, c = 0.0;
    *zero = *blind = NAN;
    if (task->T > 200) return;
    for (int k = 0; k < 6; k++) cc_task_template(y[k], task, k);
    for (int i = 0; i < 2 * task->T; i++) {
        double m = 0.0; /* mean target of step i over the cues */
        for (int k = 0; k < 6; k++) m += y[k][i] / 6.0;
        for (int k = 0; k < 6; k++) {
            z += y[k][i] * y[k][i];
            c += (y[k][i] - m) * (y[k][i] - m);
        }
    }
    *zero = z / (6.0 * 2 * task->T);
    *blind = c / (6.0 * 2 * task->T);
}

int cc_panel_unit_rows(const cc_run_ctx *ctx, const char *name, const char *title, const char *units,
                       const char *columns, int nrow, const double *v)
{
    cc_tsv t = {0};
    cc_tsv_head h = {.title = title, .columns = columns, .units = units, .runs = ctx->unit};
    int st = cc_ctx_tsv_open(ctx, &t, &h, "units/%s.%s.tsv", ctx->unit, name);
    for (int i = 0; !st && i < nrow; i++) st = cc_tsv_row(&t, v + (long)i * t.ncol);
    return cc_tsv_end(&t, st);
}

int cc_panel_first_trials(cc_tsv *t, const double *lead, int nlead, const cc_batch *b, const double *const *z, int nz)
{
    double row[32];
    if (nlead + 4 + 2 * nz > 32) return CC_ERRORF(GSL_EINVAL, "first trials: %d columns (at most 32)", nlead + 4 + 2 * nz);
    int st = GSL_SUCCESS;
    for (int k = 0; !st && k < 6; k++) {
        int bb = 0;
        while (bb < b->B && b->cond[bb] != k) bb++;
        for (int tt = 0; !st && bb < b->B && tt < b->T; tt++) {
            const long i = ((long)tt * b->B + bb) * 2; /* (t, b, x|y) */
            int c = 0;
            for (int j = 0; j < nlead; j++) row[c++] = lead[j];
            row[c++] = k, row[c++] = tt, row[c++] = b->y[i], row[c++] = b->y[i + 1];
            for (int j = 0; j < nz; j++) row[c++] = z[j] ? z[j][i] : NAN, row[c++] = z[j] ? z[j][i + 1] : NAN;
            st = cc_tsv_row(t, row);
        }
    }
    return st;
}
/* Per-seed values, and tables of labelled rows of numbers (Fig. 5). */

int cc_panel_seed_values(const cc_run_ctx *ctx, const char *cond, int n, const char *file, int row, const char *col,
                         double *v)
{
    const cc_cond *c = cc_grid_find(ctx->grid, cond);
    if (!c) return CC_ERRORF(GSL_EINVAL, "no condition %s in the grid", cond);
    if (n < 1 || n > c->seeds) return CC_ERRORF(GSL_EINVAL, "condition %s: %d seeds asked of %d", cond, n, c->seeds);
    char *ids[CC_GRID_MAX_SEEDS];
    for (int i = 0; i < n; i++) ids[i] = (char *)cc_grid_unit(ctx, cond, i);
    return cc_expt_collect(ctx, ids, n, file, row, col, v);
}

int cc_panel_labelled_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *const *labels,
                           const double *v, int n, int nv)
{
    cc_tsv t = {0};
    int st = cc_ctx_tsv_open(ctx, &t, h, "%s", file);
    for (int i = 0; !st && i < n; i++) {
        st = cc_tsv_int(&t, i);
        if (!st) st = cc_tsv_str(&t, labels[i]);
        for (int k = 0; !st && k < nv; k++) st = cc_tsv_num(&t, v[(long)i * nv + k]);
    }
    return cc_tsv_end(&t, st);
}
