/* cc_driver.c: command line, settings, validation and dispatch of a figure driver
 * (see cc_driver.h). The only place of the library that prints to the user.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "cc_driver.h"

#include "cc_blas.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc_ini.h"
#include "cc_out.h"
#include "cc_progress.h"

#define CC_DRIVER_ERRLEN 2048
#define CC_DRIVER_ID_MAX 200

/* ------------------------------------------------------------------ unit lists */

int cc_unit_list_add(cc_unit_list *l, const char *fmt, ...)
{
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        char **id = realloc(l->id, (size_t)cap * sizeof *id);
        if (!id) GSL_ERROR("out of memory", GSL_ENOMEM);
        l->id = id;
        l->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s) GSL_ERROR("out of memory", GSL_ENOMEM);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    l->id[l->n++] = s;
    return GSL_SUCCESS;
}

int cc_unit_list_find(const cc_unit_list *l, const char *id)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->id[i], id) == 0) return i;
    return -1;
}

char *cc_unit_list_join(const cc_unit_list *l, const char *sep)
{
    size_t len = 1, sl = strlen(sep);
    for (int i = 0; i < l->n; i++) len += strlen(l->id[i]) + sl;
    char *s = malloc(len), *p = s;
    if (!s) GSL_ERROR_NULL("out of memory", GSL_ENOMEM);
    *p = '\0';
    for (int i = 0; i < l->n; i++) {
        if (i) p += sprintf(p, "%s", sep);
        p += sprintf(p, "%s", l->id[i]);
    }
    return s;
}

void cc_unit_list_free(cc_unit_list *l)
{
    for (int i = 0; i < l->n; i++) free(l->id[i]);
    free(l->id);
    l->id = NULL;
    l->n = l->cap = 0;
}

/* A bug of the driver if an id is unsafe or repeated. */
static int cc_driver_check_ids(const cc_unit_list *l, char *err, size_t n)
{
    for (int i = 0; i < l->n; i++) {
        const char *s = l->id[i];
        size_t len = strlen(s);
        int ok = len > 0 && len <= CC_DRIVER_ID_MAX && s[0] != '.' && s[0] != '-' && strcmp(s, "merge") != 0;
        for (const char *p = s; ok && *p; p++)
            ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
                 *p == '_' || *p == '-';
        if (!ok) {
            snprintf(err, n, "unit id \"%.80s\" is not file-name safe ([A-Za-z0-9._-], not \"merge\")", s);
            return GSL_EINVAL;
        }
        for (int k = 0; k < i; k++)
            if (strcmp(l->id[k], s) == 0) {
                snprintf(err, n, "unit id \"%s\" listed twice", s);
                return GSL_EINVAL;
            }
    }
    return GSL_SUCCESS;
}

/* ------------------------------------------------------------------ paths */

int cc_ctx_path(const cc_run_ctx *ctx, char *buf, size_t n, const char *fmt, ...)
{
    if (!ctx->out) return CC_ERRORF(GSL_EINVAL, "no output directory (--out)");
    int h = snprintf(buf, n, "%s/", ctx->out);
    if (h < 0 || (size_t)h >= n) return CC_ERRORF(GSL_EINVAL, "path too long under %s", ctx->out);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(buf + h, n - (size_t)h, fmt, ap);
    va_end(ap);
    if (m < 0 || (size_t)(h + m) >= n) return CC_ERRORF(GSL_EINVAL, "path too long under %s", ctx->out);
    return GSL_SUCCESS;
}

int cc_ctx_tsv_open(const cc_run_ctx *ctx, cc_tsv *t, const cc_tsv_head *h, const char *fmt, ...)
{
    char path[CC_OUT_PATH_MAX], rel[CC_OUT_PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(rel, sizeof rel, fmt, ap);
    va_end(ap);
    if (m < 0 || (size_t)m >= sizeof rel) return CC_ERRORF(GSL_EINVAL, "path too long: %.64s...", rel);
    int s = cc_ctx_path(ctx, path, sizeof path, "%s", rel);
    if (s) return s;
    cc_tsv_head hh = *h;
    hh.config_id = ctx->config_id;
    return cc_tsv_open(t, path, &hh);
}

int cc_ctx_table_read(const cc_run_ctx *ctx, cc_table *t, const char *fmt, ...)
{
    char path[CC_OUT_PATH_MAX], rel[CC_OUT_PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(rel, sizeof rel, fmt, ap);
    va_end(ap);
    t->nrow = t->ncol = 0;
    t->names = NULL;
    t->v = NULL;
    t->config_id[0] = '\0';
    if (m < 0 || (size_t)m >= sizeof rel) return CC_ERRORF(GSL_EINVAL, "path too long: %.64s...", rel);
    int s = cc_ctx_path(ctx, path, sizeof path, "%s", rel);
    if (!s) s = cc_table_read(t, path);
    if (s) return s;
    if (!ctx->config_id || strcmp(t->config_id, ctx->config_id) != 0) {
        s = CC_ERRORF(GSL_EINVAL, "%s was made with other parameters (config %s, this run %s): rerun its unit",
                      path, t->config_id[0] ? t->config_id : "none", ctx->config_id ? ctx->config_id : "none");
        cc_table_free(t);
    }
    return s;
}

/* FNV-1a 64-bit hash of s as 16 hex digits. */
static void cc_driver_hash(const char *s, char out[17])
{
    unsigned long long h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    snprintf(out, 17, "%016llx", h);
}

/* 0 if out can be created or written: its deepest existing ancestor (or itself)
 * is a directory we may write into. */
static int cc_driver_check_out(const char *out, char *err, size_t n)
{
    char p[CC_OUT_PATH_MAX];
    if (!*out || strlen(out) > 3000) {
        snprintf(err, n, "--out \"%.80s\": empty or too long", out);
        return GSL_EINVAL;
    }
    snprintf(p, sizeof p, "%s", out);
    for (;;) {
        struct stat st;
        if (stat(p, &st) == 0) {
            if (!S_ISDIR(st.st_mode)) {
                snprintf(err, n, "--out %.900s: %.900s is not a directory", out, p);
                return GSL_EINVAL;
            }
            if (access(p, W_OK | X_OK) != 0) {
                snprintf(err, n, "--out %.900s: cannot write in %.900s: %s", out, p, strerror(errno));
                return GSL_EINVAL;
            }
            return GSL_SUCCESS;
        }
        char *slash = strrchr(p, '/');
        while (slash && slash > p && slash[1] == '\0') { /* trailing slashes */
            *slash = '\0';
            slash = strrchr(p, '/');
        }
        if (!slash) {
            snprintf(p, sizeof p, ".");
            continue;
        }
        if (slash == p) {
            p[1] = '\0';
            continue;
        }
        *slash = '\0';
    }
}

/* ------------------------------------------------------------------ error handler */

static const char *cc_driver_name = "driver";
static cc_record *cc_driver_current_record = NULL;

/* "NAME: error: message" as one line (control characters shown as '?'). */
static void cc_driver_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cc_driver_error(const char *fmt, ...)
{
    char msg[CC_DRIVER_ERRLEN + 256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (char *p = msg; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    fprintf(stderr, "%s: error: %s\n", cc_driver_name, msg);
    fflush(stderr);
}

static void cc_driver_gsl_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    static int busy = 0;
    (void)gsl_errno;
    cc_progress_break();
    cc_driver_error("%s (%s:%d)", reason, file, line);
    if (busy) _exit(1);
    busy = 1;
    cc_out_abort_all();
    if (cc_driver_current_record) {
        char msg[1200];
        snprintf(msg, sizeof msg, "%s (%s:%d)", reason, file, line);
        cc_record_end(cc_driver_current_record, 0, msg);
    }
    exit(1);
}

/* ------------------------------------------------------------------ command line */

typedef struct {
    const char *config, *out, *unit;
    int quick, help, list, merge;
    const char **sets;   /* (nsets) --set texts, or --seeds values */
    int *set_is_seeds;   /* (nsets) 1 for --seeds */
    int nsets;
} cc_driver_cli;

/* Value of option opt at argv[*i]: after '=' or the next argument. */
static const char *cc_driver_optval(int argc, char **argv, int *i, const char *opt, char *err, size_t n)
{
    const char *a = argv[*i];
    size_t ol = strlen(opt);
    if (a[ol] == '=') return a + ol + 1;
    if (*i + 1 >= argc) {
        snprintf(err, n, "%s needs a value (see --help)", opt);
        return NULL;
    }
    return argv[++*i];
}

/* 1 if argv entry a is option opt, alone or as opt=value. */
static int cc_driver_is_opt(const char *a, const char *opt)
{
    size_t ol = strlen(opt);
    return strncmp(a, opt, ol) == 0 && (a[ol] == '\0' || a[ol] == '=');
}

static int cc_driver_parse_cli(int argc, char **argv, cc_driver_cli *c, char *err, size_t n)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            c->help = 1;
        } else if (strcmp(a, "--quick") == 0) {
            c->quick = 1;
        } else if (strcmp(a, "--list-units") == 0) {
            c->list = 1;
        } else if (strcmp(a, "--merge") == 0) {
            c->merge = 1;
        } else if (cc_driver_is_opt(a, "--config")) {
            if (!(v = cc_driver_optval(argc, argv, &i, "--config", err, n))) return GSL_EINVAL;
            if (c->config) {
                snprintf(err, n, "--config given twice");
                return GSL_EINVAL;
            }
            c->config = v;
        } else if (cc_driver_is_opt(a, "--out")) {
            if (!(v = cc_driver_optval(argc, argv, &i, "--out", err, n))) return GSL_EINVAL;
            if (c->out) {
                snprintf(err, n, "--out given twice");
                return GSL_EINVAL;
            }
            c->out = v;
        } else if (cc_driver_is_opt(a, "--unit")) {
            if (!(v = cc_driver_optval(argc, argv, &i, "--unit", err, n))) return GSL_EINVAL;
            if (c->unit) {
                snprintf(err, n, "--unit given twice (one unit per run)");
                return GSL_EINVAL;
            }
            c->unit = v;
        } else if (cc_driver_is_opt(a, "--set") || cc_driver_is_opt(a, "--seeds")) {
            int seeds = cc_driver_is_opt(a, "--seeds");
            if (!(v = cc_driver_optval(argc, argv, &i, seeds ? "--seeds" : "--set", err, n))) return GSL_EINVAL;
            c->sets[c->nsets] = v;
            c->set_is_seeds[c->nsets++] = seeds;
        } else if (a[0] == '-') {
            snprintf(err, n, "unknown option \"%s\" (see --help)", a);
            return GSL_EINVAL;
        } else {
            snprintf(err, n, "unexpected argument \"%s\" (see --help)", a);
            return GSL_EINVAL;
        }
    }
    if (c->list + c->merge + (c->unit != NULL) > 1) {
        snprintf(err, n, "choose one of --list-units, --unit and --merge");
        return GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

static void cc_driver_help(const cc_experiment *exp, FILE *f)
{
    const char *nm = exp->name;
    fprintf(f, "%s: %s\n\n", nm, exp->summary ? exp->summary : "");
    fprintf(f,
            "usage: %s [--config FILE] [--set key=value]... [--quick] [--out DIR]\n"
            "       %*s [--list-units | --unit ID | --merge]\n\n",
            nm, (int)strlen(nm), "");
    fprintf(f,
            "  --config FILE    parameters from an INI file; keys are section.key; keys of its\n"
            "                   [quick] section (written in full, e.g. train.epochs = 2) apply\n"
            "                   only with --quick\n"
            "  --set key=value  set one parameter after the file (repeatable, in order)\n");
    if (cc_spec_find(exp->specs, "run.seeds"))
        fprintf(f, "  --seeds N        same as --set run.seeds=N\n");
    fprintf(f,
            "  --quick          apply the [quick] overrides: a fast smoke run\n"
            "  --out DIR        output directory (needed except with --list-units)\n"
            "  --list-units     print the unit ids, one a line, and stop\n"
            "  --unit ID        run one unit: DIR/units/ID.* and its record DIR/runs/ID.json\n"
            "  --merge          merge the unit files into the panel TSVs, summary.tsv and\n"
            "                   claims.tsv (record DIR/runs/merge.json)\n"
            "                   with none of these three: run every unit, then merge\n"
            "  --help           this text\n\n"
            "Settings apply in this order: defaults below, config file, [quick] (with\n"
            "--quick), --set/--seeds. Exit status: 0 done, 1 a run failed, 2 bad input\n"
            "(nothing is written then).\n\nParameters (built-in defaults):\n");
    cc_spec_help(exp->specs, f);
}

/* ------------------------------------------------------------------ runs */

/* Run one unit (index >= 0) or the merge (index -1) with its run record. */
static int cc_driver_run(const cc_experiment *exp, cc_run_ctx *ctx, int index, int of)
{
    char path[CC_OUT_PATH_MAX], label[512];
    const char *id = index >= 0 ? ctx->units->id[index] : "merge";
    if (cc_ctx_path(ctx, path, sizeof path, "runs/%s.json", id)) return GSL_EINVAL;
    if (index < 0)
        snprintf(label, sizeof label, "%s merge", ctx->name);
    else if (of > 1)
        snprintf(label, sizeof label, "%s unit %s [%d/%d]", ctx->name, id, index + 1, of);
    else
        snprintf(label, sizeof label, "%s unit %s", ctx->name, id);
    cc_record *rec = cc_record_alloc(path, ctx->name, id);
    if (!rec) return GSL_ENOMEM;
    int status = cc_record_set_argv(rec, ctx->argc, ctx->argv);
    if (!status) status = cc_record_set_context(rec, ctx->out, ctx->config_file, ctx->quick, ctx->config_id);
    if (!status) status = cc_record_set_config(rec, exp->specs);
    if (!status) status = cc_record_begin(rec);
    if (status) {
        cc_record_free(rec);
        return status;
    }
    ctx->unit = index >= 0 ? id : NULL;
    ctx->unit_index = index;
    ctx->label = label;
    ctx->rec = rec;
    cc_driver_current_record = rec;
    status = index >= 0 ? exp->run_unit(id, ctx) : exp->merge(ctx);
    cc_progress_break();
    int left = cc_out_abort_all(); /* files neither committed nor aborted: dropped */
    char msg[512];
    if (status) {
        snprintf(msg, sizeof msg, "%s%s failed: status %d (%s)", index >= 0 ? "unit " : "merge",
                 index >= 0 ? id : "", status, gsl_strerror(status));
        cc_driver_error("%s", msg);
    } else if (left) {
        status = GSL_EFAILED;
        snprintf(msg, sizeof msg, "%s%s left %d output file(s) uncommitted (a bug of the driver)",
                 index >= 0 ? "unit " : "merge", index >= 0 ? id : "", left);
        cc_driver_error("%s", msg);
    }
    cc_driver_current_record = NULL;
    int rs = cc_record_end(rec, status == 0, status ? msg : NULL);
    cc_record_free(rec);
    ctx->rec = NULL;
    ctx->label = NULL;
    ctx->unit = NULL;
    ctx->unit_index = -1;
    return status ? status : rs;
}

/* ------------------------------------------------------------------ main */

int cc_driver_main(int argc, char **argv, const cc_experiment *exp)
{
    char err[CC_DRIVER_ERRLEN] = "", outdir[CC_OUT_PATH_MAX], config_id[17] = "";
    int code = 0, status, index = -1;
    cc_blas_setup(argc, argv); /* may restart the program once with a better OpenBLAS core (cc_blas.h) */
    cc_driver_name = exp->name ? exp->name : (argc > 0 ? argv[0] : "driver");
    gsl_set_error_handler(cc_driver_gsl_handler);

    cc_ini ini;
    cc_ini_init(&ini);
    cc_unit_list units = {0};
    char *dump = NULL;
    cc_driver_cli cli = {0};
    cli.sets = calloc((size_t)argc + 1, sizeof *cli.sets);
    cli.set_is_seeds = calloc((size_t)argc + 1, sizeof *cli.set_is_seeds);
    cc_run_ctx ctx = {.name = cc_driver_name, .unit_index = -1, .argc = argc, .argv = argv};

#define CC_DRIVER_FAIL(CODE, ...)      \
    do {                               \
        cc_driver_error(__VA_ARGS__);  \
        code = (CODE);                 \
        goto done;                     \
    } while (0)

    if (!cli.sets || !cli.set_is_seeds) CC_DRIVER_FAIL(1, "out of memory");
    if (!exp->units || !exp->run_unit || !exp->merge) CC_DRIVER_FAIL(1, "driver lacks a callback");
    if (cc_spec_check(exp->specs, err, sizeof err)) CC_DRIVER_FAIL(1, "%s", err);

    /* 1. command line */
    if (cc_driver_parse_cli(argc, argv, &cli, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    if (cli.help) {
        cc_driver_help(exp, stdout);
        code = fflush(stdout) == 0 ? 0 : 1;
        goto done;
    }
    if (cli.out) { /* without trailing slashes */
        size_t n = strlen(cli.out);
        if (n > 3000) CC_DRIVER_FAIL(2, "--out: path too long");
        while (n > 1 && cli.out[n - 1] == '/') n--;
        snprintf(outdir, sizeof outdir, "%.*s", (int)n, cli.out);
        ctx.out = outdir;
    }
    ctx.config_file = cli.config;
    ctx.quick = cli.quick;

    /* 2. settings: file, [quick], --set/--seeds */
    if (cli.config) {
        if (cc_ini_load(&ini, cli.config, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
        if (cc_spec_apply_ini(exp->specs, &ini, cli.quick, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    }
    for (int i = 0; i < cli.nsets; i++) {
        int s;
        if (cli.set_is_seeds[i]) {
            if (!cc_spec_find(exp->specs, "run.seeds"))
                CC_DRIVER_FAIL(2, "--seeds: %s has no parameter run.seeds", cc_driver_name);
            s = cc_spec_set(exp->specs, "run.seeds", cli.sets[i], "--seeds", err, sizeof err);
        } else {
            s = cc_spec_apply_assignment(exp->specs, cli.sets[i], "--set", err, sizeof err);
        }
        if (s) CC_DRIVER_FAIL(2, "%s", err);
    }
    dump = cc_spec_dump_string(exp->specs);
    if (!dump) CC_DRIVER_FAIL(1, "out of memory");
    ctx.config = dump;
    cc_driver_hash(dump, config_id);
    ctx.config_id = config_id;
    if (exp->validate && exp->validate(&ctx, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);

    /* 3. units */
    status = exp->units(&units, &ctx);
    if (status) CC_DRIVER_FAIL(1, "listing the units failed: %s", gsl_strerror(status));
    if (cc_driver_check_ids(&units, err, sizeof err)) CC_DRIVER_FAIL(1, "%s", err);
    ctx.units = &units;
    if (cli.list) {
        for (int i = 0; i < units.n; i++) printf("%s\n", units.id[i]);
        code = fflush(stdout) == 0 ? 0 : 1;
        goto done;
    }

    /* 4. the rest of the input checks, then the first write */
    if (!cli.out) CC_DRIVER_FAIL(2, "--out DIR is needed with --unit, --merge or to run everything");
    if (cli.unit && (index = cc_unit_list_find(&units, cli.unit)) < 0)
        CC_DRIVER_FAIL(2, "unknown unit \"%s\" (--list-units lists the %d units)", cli.unit, units.n);
    if (cc_driver_check_out(ctx.out, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);

    if (cli.unit)
        code = cc_driver_run(exp, &ctx, index, 1) ? 1 : 0;
    else if (cli.merge)
        code = cc_driver_run(exp, &ctx, -1, 0) ? 1 : 0;
    else {
        for (int i = 0; i < units.n && !code; i++) code = cc_driver_run(exp, &ctx, i, units.n) ? 1 : 0;
        if (!code) code = cc_driver_run(exp, &ctx, -1, 0) ? 1 : 0;
    }
#undef CC_DRIVER_FAIL
done:
    free(dump);
    cc_unit_list_free(&units);
    cc_ini_free(&ini);
    free(cli.sets);
    free(cli.set_is_seeds);
    return code;
}
