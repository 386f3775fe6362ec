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
