/* cc_panel.c: tables shared by the figures' panels (cc_panel.h). */
#include "cc_panel.h"

#include <stdarg.h>
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
    cc_tsv_head hh = *h;
    hh.columns = "index label mean sem";
    cc_tsv t = {0};
    int st = cc_ctx_tsv_open(ctx, &t, &hh, "%s", file);
    for (int i = 0; !st && i < n; i++) {
        double mean, sem;
        st = cc_grid_mean_sem(ctx, s[i].cond, unit_file, 0, col, &mean, &sem);
        if (!st) st = cc_tsv_int(&t, i);
        if (!st) st = cc_tsv_str(&t, s[i].col);
        if (!st) st = cc_tsv_num(&t, mean);
        if (!st) st = cc_tsv_num(&t, sem);
    }
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
    cc_tsv_head hh = *h;
    hh.columns = "index label mean sem";
    cc_tsv t = {0};
    int st = cc_ctx_tsv_open(ctx, &t, &hh, "%s", file);
    for (int i = 0; !st && i < n; i++) {
        double m = 0.0, e = 0.0;
        st = cc_grid_mean_sem(ctx, b[i].cond, unit_file, 0, b[i].col, &m, &e);
        if (!st) st = cc_tsv_int(&t, i);
        if (!st) st = cc_tsv_str(&t, b[i].label);
        if (!st) st = cc_tsv_num(&t, m);
        if (!st) st = cc_tsv_num(&t, e);
        if (!st && mean) mean[i] = m;
        if (!st && sem) sem[i] = e;
    }
    return cc_tsv_end(&t, st);
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
