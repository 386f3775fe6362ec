/* cc_handoff.c: trained models one figure hands to another (cc_handoff.h). */
#include "cc_handoff.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "cc_error.h"
#include "cc_expt.h"
#include "cc_grid.h"
#include "cc_io.h"

/* A 64-bit checksum as two 32-bit halves, which a TSV (and a double) hold exactly. */
static void halves(uint64_t h, double sum[2])
{
    sum[0] = (double)(h >> 32);
    sum[1] = (double)(h & 0xFFFFFFFFu);
}

/* FNV-1a 64 of n bytes (the hash cc_io.c closes a model file with). */
static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 0x100000001B3ULL;
    return h;
}

/* The checksum that closes a model file (its last 8 bytes) into sum. 0, or -1 if unreadable. */
static int file_checksum(const char *path, double sum[2])
{
    FILE *f = fopen(path, "rb");
    uint64_t h = 0;
    const int ok = f && fseek(f, -8, SEEK_END) == 0 && fread(&h, 8, 1, f) == 1;
    if (f) fclose(f);
    if (ok) halves(h, sum);
    return ok ? 0 : -1;
}

int cc_handoff_save(const cc_run_ctx *ctx, const char *stem, const cc_model *m, int si, unsigned long seed)
{
    char dir[CC_OUT_PATH_MAX], path[CC_OUT_PATH_MAX];
    int s = cc_ctx_path(ctx, dir, sizeof dir, "models");
    if (!s) s = cc_out_mkdirs(dir);
    if (!s) s = cc_ctx_path(ctx, path, sizeof path, "models/%s-s%d.ccm", stem, si);
    if (!s) s = cc_model_save(m, path);
    if (s) return s;
    double row[4] = {si, (double)seed, 0, 0};
    if (file_checksum(path, row + 2)) return CC_ERRORF(GSL_EFAILED, "cannot read back %s", path);
    return cc_expt_write_row(ctx, "model", "saved model: seed and the checksum closing its file", CC_HANDOFF_COLUMNS, row);
}

int cc_handoff_manifest_write(const cc_run_ctx *ctx, const char *title, const char *cond, int seeds)
{
    cc_tsv t = {0};
    cc_tsv_head h = {.title = title, .columns = CC_HANDOFF_COLUMNS};
    int s = cc_ctx_tsv_open(ctx, &t, &h, "models/" CC_HANDOFF_MANIFEST);
    for (int i = 0; !s && i < seeds; i++) {
        cc_table tb = {0};
        const char *unit = cc_grid_unit(ctx, cond, i);
        s = cc_ctx_table_read(ctx, &tb, "units/%s.model.tsv", unit);
        if (!s && (tb.nrow != 1 || tb.ncol != 4)) s = CC_ERRORF(GSL_EINVAL, "units/%s.model.tsv: not one row of 4", unit);
        if (!s) s = cc_tsv_row(&t, tb.v);
        cc_table_free(&tb);
    }
    return cc_tsv_end(&t, s);
}

/* Errors raised while reading are caught here and become the one line of err. */
static char caught[1024];
static void catch_error(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)file, (void)line, (void)gsl_errno;
    snprintf(caught, sizeof caught, "%s", reason);
}

/* <h->dir>/<file> from the real path of --out whatever its spelling (".", "fig8/.", a link), or
 * as given if h->dir is absolute. 0, or -1 (no --out to start from, or too long). */
static int model_path(char *buf, size_t n, const cc_run_ctx *ctx, const cc_handoff *h, const char *file)
{
    char out[CC_OUT_PATH_MAX], joined[2 * CC_OUT_PATH_MAX + 64];
    if (h->dir[0] == '/') snprintf(joined, sizeof joined, "%s/%s", h->dir, file);
    else if (!ctx->out || cc_out_resolve(ctx->out, out, sizeof out)) return -1;
    else snprintf(joined, sizeof joined, "%s/%s/%s", out, h->dir, file);
    return cc_out_resolve(joined, buf, n) ? -1 : 0;
}

int cc_handoff_manifest_read(const cc_run_ctx *ctx, const cc_handoff *h, cc_table *t, double sum[2], char *err, size_t n)
{
    char man[CC_OUT_PATH_MAX] = "(no --out)", *text = NULL;
    size_t len = 0;
    gsl_error_handler_t *old = gsl_set_error_handler(catch_error);
    caught[0] = '\0';
    const int bad = model_path(man, sizeof man, ctx, h, CC_HANDOFF_MANIFEST) || cc_table_read(t, man) ||
                    (sum && cc_file_read(man, &text, &len));
    if (bad) snprintf(err, n, "%s: the list of the %s models is missing or unreadable (run make %s): %s", man, h->giver, h->giver, caught);
    else if (sum) halves(fnv1a(text, len), sum);
    gsl_set_error_handler(old);
    free(text);
    return bad ? -1 : 0;
}

cc_model *cc_handoff_load(const cc_run_ctx *ctx, const cc_handoff *h, int si, unsigned long *seed, char *err, size_t n)
{
    char path[CC_OUT_PATH_MAX] = "", file[256];
    cc_table t = {0};
    if (cc_handoff_manifest_read(ctx, h, &t, NULL, err, n)) return NULL;
    snprintf(file, sizeof file, "%s-s%d.ccm", h->stem, si);
    model_path(path, sizeof path, ctx, h, file);
    gsl_error_handler_t *old = gsl_set_error_handler(catch_error);
    cc_model *m = NULL;
    double sum[2];
    const int listed = cc_table_col(&t, "checksum_lo") == 3 && cc_table_col(&t, "seed") == 1 && si < t.nrow &&
                       t.v[(long)si * t.ncol] == si;
    const double *row = listed ? t.v + (long)si * t.ncol : NULL; /* seed_index seed checksum_hi checksum_lo */
    caught[0] = '\0';
    if (!listed)
        snprintf(err, n, "the list of the %s models lists no model of seed index %d (rerun make %s with as many seeds)", h->giver, si, h->giver);
    else if (!(m = cc_model_load(path, *seed = (unsigned long)row[1])))
        snprintf(err, n, "%s (run make %s)", caught, h->giver); /* missing, truncated, corrupt, other version */
    else if (file_checksum(path, sum) || sum[0] != row[2] || sum[1] != row[3]) {
        snprintf(err, n, "%s: not the model that %s listed (stale or replaced): rerun make %s", path, h->giver, h->giver);
        cc_model_free(m);
        m = NULL;
    }
    cc_table_free(&t);
    gsl_set_error_handler(old);
    return m;
}
