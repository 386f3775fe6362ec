/* cc_panel.c: tables shared by the figures' panels (cc_panel.h). */
#include "cc_panel.h"

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

/* ---- per-row panels of several conditions and columns, a silenced test, summary mean/SEM pairs (Figs. 6, 8) */

int cc_panel_rows(const cc_run_ctx *ctx, const char *file, const cc_tsv_head *h, const char *row_name, int rows,
                  const char *unit_file, const cc_panel_column *c, int n, double scale)
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

int cc_panel_summary_mean_sem(cc_summary *sm, const char *key, double mean, double sem, const char *doc)
{
    char key_sem[128];
    snprintf(key_sem, sizeof key_sem, "%s_sem", key);
    int s = cc_summary_add(sm, key, mean, doc);
    return s ? s : cc_summary_add(sm, key_sem, sem, "its SEM over seeds");
}
