/* cc_driver.c: command line, settings, validation and dispatch of a figure driver
 * (see cc_driver.h). The only place of the library that prints to the user.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* renameat2 (RENAME_EXCHANGE) */
#endif
#include "cc_driver.h"

#include "cc_blas.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <sys/file.h>
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc_grid.h"
#include "cc_ini.h"
#include "cc_out.h"
#include "cc_progress.h"
#include "cc_train.h"

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

/* The unit whose file "units/<id>.<name>" (or "<id>.<name>") is: the longest unit id that prefixes it
 * followed by '.', or -1. */
static int cc_driver_file_owner(const cc_unit_list *units, const char *name)
{
    if (strncmp(name, "units/", 6) == 0) name += 6;
    size_t L = strlen(name), best = 0;
    int owner = -1;
    for (int i = 0; units && i < units->n; i++) {
        size_t l = strlen(units->id[i]);
        if (l > best && l < L && strncmp(name, units->id[i], l) == 0 && name[l] == '.') owner = i, best = l;
    }
    return owner;
}

/* The config id a file read at rel must carry: its unit's when it is a unit file read by a merge,
 * else this run's. */
static const char *cc_driver_expected_id(const cc_run_ctx *ctx, const char *rel)
{
    if (!ctx->unit && ctx->unit_config_ids && strncmp(rel, "units/", 6) == 0) {
        int i = cc_driver_file_owner(ctx->units, rel);
        return i >= 0 ? ctx->unit_config_ids[i] : NULL;
    }
    return ctx->config_id;
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
    const char *want = cc_driver_expected_id(ctx, rel);
    if (!want || strcmp(t->config_id, want) != 0) {
        s = CC_ERRORF(GSL_EINVAL, "%s was made with other parameters (config %s, this run %s): rerun its unit",
                      path, t->config_id[0] ? t->config_id : "none", want ? want : "none");
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

/* The staging folder of the merge in progress ("" if none): removed on an error. */
static char cc_driver_staging[CC_OUT_PATH_MAX] = "";

static void cc_driver_gsl_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    static int busy = 0;
    cc_progress_break();
    cc_driver_error("%s (%s:%d)", reason, file, line);
    if (busy) _exit(1);
    busy = 1;
    cc_out_abort_all();
    if (cc_driver_staging[0]) { /* a failed merge leaves no trace: its record goes with the staging folder */
        cc_out_remove_tree(cc_driver_staging);
        exit(gsl_errno == GSL_ENOMEM ? 1 : 2);
    }
    if (cc_driver_current_record) {
        char msg[1200];
        snprintf(msg, sizeof msg, "%s (%s:%d)", reason, file, line);
        cc_record_end(cc_driver_current_record, 0, msg);
    }
    exit(1);
}

/* ------------------------------------------------------------------ checks through gsl_error */

static char cc_driver_captured[CC_DRIVER_ERRLEN];
static int cc_driver_ncaptured = 0;
static double cc_driver_memory = 0.0;

static void cc_driver_capture_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)file, (void)line, (void)gsl_errno;
    if (!cc_driver_ncaptured++) snprintf(cc_driver_captured, sizeof cc_driver_captured, "%s", reason);
}

void cc_driver_check_begin(void)
{
    cc_driver_ncaptured = 0;
    cc_driver_captured[0] = '\0';
    gsl_set_error_handler(cc_driver_capture_handler);
}

int cc_driver_check_end(char *err, size_t n)
{
    gsl_set_error_handler(cc_driver_gsl_handler);
    if (!cc_driver_ncaptured) return GSL_SUCCESS;
    snprintf(err, n, "%s", cc_driver_captured);
    return GSL_EINVAL;
}

void cc_driver_note_memory(double bytes)
{
    if (bytes > cc_driver_memory) cc_driver_memory = bytes;
}

/* Integer value of key, or def if the driver has no such key. */
static int cc_driver_key_int(const cc_spec *specs, const char *key, int def)
{
    const cc_spec *s = cc_spec_find(specs, key);
    return s && (s->type == CC_SPEC_T_INT || s->type == CC_SPEC_T_BOOL || s->type == CC_SPEC_T_CHOICE) ? *s->ptr.i
                                                                                                        : def;
}

/* Cross-key rules of the shared keys (cc_expt.h), for every driver that has them. */
static int cc_driver_check_keys(const cc_spec *specs, const unsigned char *had_items, char *err, size_t n)
{
    const int batch = cc_driver_key_int(specs, "train.batch", 1), n_train = cc_driver_key_int(specs, "train.n_train", 0);
    /* n_train 0 is the task's own: 1000, or 800 for evidence accumulation */
    if (n_train > 0 && batch > n_train)
        return snprintf(err, n, "train.batch = %d is larger than train.n_train = %d (trials per epoch)", batch,
                        n_train), GSL_EINVAL;
    if (n_train == 0 && batch > 800)
        return snprintf(err, n, "train.batch = %d is larger than the task's trials per epoch (train.n_train = 0: "
                        "1000, or 800 for evidence accumulation)", batch), GSL_EINVAL;
    const int N = cc_driver_key_int(specs, "model.N", 0), mf = cc_driver_key_int(specs, "model.mf_inputs", 0);
    if (N > 0 && mf > N)
        return snprintf(err, n, "model.mf_inputs = %d is larger than model.N = %d (cortical units a granule cell "
                        "can sample)", mf, N), GSL_EINVAL;
    if (cc_driver_key_int(specs, "model.temporal_basis", 0) && cc_driver_key_int(specs, "model.final_learning", 0))
        return snprintf(err, n, "model.temporal_basis and model.final_learning are both set: final learning is "
                        "not defined with the temporal basis"), GSL_EINVAL;
    for (const cc_spec *s = specs; s->key; s++) /* a sweep that has values by default may not be emptied */
        if ((s->type == CC_SPEC_T_LIST_INT || s->type == CC_SPEC_T_LIST_DOUBLE) && strncmp(s->key, "sweep.", 6) == 0 &&
            *s->count == 0 && had_items[s - specs])
            return snprintf(err, n, "%s is an empty list: a sweep needs at least one value", s->key), GSL_EINVAL;
    return GSL_SUCCESS;
}

/* Memory of one unit when the driver noted none: its shared keys on the longest trial
 * of any task (50 steps), cerebellar feedback, plastic cortex. */
static double cc_driver_memory_from_keys(const cc_spec *specs)
{
    cc_config c = cc_config_default();
    c.N = cc_driver_key_int(specs, "model.N", c.N);
    c.G = cc_driver_key_int(specs, "model.G", c.G);
    c.O = 3;
    c.tau = cc_driver_key_int(specs, "model.tau", c.tau);
    c.temporal_basis = cc_driver_key_int(specs, "model.temporal_basis", 0);
    c.mf_inputs = cc_driver_key_int(specs, "model.mf_inputs", 0);
    c.plasticity = CC_CORTEX_INPUT_REC;
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    task.T = 50;
    cc_protocol p = cc_protocol_default(&task, 1);
    p.batch = cc_driver_key_int(specs, "train.batch", p.batch);
    p.n_val = cc_driver_key_int(specs, "train.n_val", p.n_val);
    p.n_test = cc_driver_key_int(specs, "train.n_test", p.n_test);
    return cc_protocol_memory(&p, &task, &c);
}

/* MemAvailable of /proc/meminfo in bytes, or -1 if unknown. */
static double cc_driver_mem_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f) return -1;
    char line[256];
    double kb = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %lf kB", &kb) == 1) break;
    fclose(f);
    return kb < 0 ? -1 : kb * 1024.0;
}

/* "12.3 GB" */
static void cc_driver_bytes(char *buf, size_t n, double b)
{
    const char *u[] = {"B", "kB", "MB", "GB", "TB"};
    int k = 0;
    while (b >= 1000 && k < 4) b /= 1000, k++;
    snprintf(buf, n, "%.3g %s", b, u[k]);
}

/* --max-mem text: a positive number of bytes, optional K/M/G/T suffix (powers of 1024). */
static int cc_driver_parse_size(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || !(v > 0) || !isfinite(v) || *s == ' ') return -1;
    const char *suf = "KMGT";
    if (*end) {
        const char *k = strchr(suf, *end == 'k' ? 'K' : *end == 'm' ? 'M' : *end == 'g' ? 'G' : *end == 't' ? 'T' : *end);
        if (!k || !*k) return -1;
        v *= pow(1024.0, (double)(k - suf + 1));
        end++;
        if (*end == 'B' || *end == 'b') end++;
        if (*end) return -1;
    }
    *out = v;
    return 0;
}

/* ------------------------------------------------------------------ command line */

typedef struct {
    const char *config, *out, *unit, *max_mem;
    const char *get; /* --get KEY: print its value and stop */
    int quick, help, list, list_configs, merge;
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
        } else if (strcmp(a, "--list-configs") == 0) {
            c->list = c->list_configs = 1;
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
        } else if (cc_driver_is_opt(a, "--get")) {
            if (!(v = cc_driver_optval(argc, argv, &i, "--get", err, n))) return GSL_EINVAL;
            if (c->get) {
                snprintf(err, n, "--get given twice (one key per run)");
                return GSL_EINVAL;
            }
            c->get = v;
        } else if (cc_driver_is_opt(a, "--max-mem")) {
            if (!(v = cc_driver_optval(argc, argv, &i, "--max-mem", err, n))) return GSL_EINVAL;
            double b;
            if (cc_driver_parse_size(v, &b)) {
                snprintf(err, n, "--max-mem \"%.80s\": not a size (bytes, or a number with K, M, G or T)", v);
                return GSL_EINVAL;
            }
            c->max_mem = v;
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
    if (c->list + c->merge + (c->unit != NULL) + (c->get != NULL) > 1) {
        snprintf(err, n, "choose one of --list-units (--list-configs), --unit, --merge and --get");
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
            "       %*s [--list-units | --unit ID | --merge | --get KEY]\n\n",
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
            "  --list-configs   print \"config ID\" (the id of every parameter), then one line\n"
            "                   \"UNIT ID\" per unit (the id of the unit's resolved configuration:\n"
            "                   a unit is stale when its id changes), and stop\n"
            "  --get KEY        print the current value of parameter KEY (after every\n"
            "                   setting and check) and stop\n"
            "  --unit ID        run one unit: DIR/units/ID.* and its record DIR/runs/ID.json\n"
            "  --merge          merge the unit files into the panel TSVs, summary.tsv and\n"
            "                   claims.tsv (record DIR/runs/merge.json)\n"
            "                   with none of these three: run every unit, then merge\n"
            "  --max-mem SIZE   refuse a unit that needs more memory than SIZE (bytes, or\n"
            "                   with K, M, G, T); default: the memory available\n"
            "  --help           this text\n\n"
            "Settings apply in this order: defaults below, config file, [quick] (with\n"
            "--quick), --set/--seeds. Exit status: 0 done, 1 a run failed, 2 bad input\n"
            "(nothing is written then).\n\nParameters (built-in defaults):\n");
    cc_spec_help(exp->specs, f);
}

/* 1 (errno set) if standard output could not be written. */
static int cc_driver_stdout_failed(void)
{
    errno = 0;
    int bad = fflush(stdout) != 0 || ferror(stdout);
    if (bad && !errno) errno = EIO;
    return bad;
}

/* ------------------------------------------------------------------ merge inputs */

/* The value of the "# config: " header line of a TSV text into id ("" if none). */
static void cc_driver_tsv_config(const char *text, char *id, size_t n)
{
    id[0] = '\0';
    for (const char *p = text; p && *p == '#'; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, "# config: ", 10) == 0) {
            size_t k = strcspn(p + 10, "\n");
            snprintf(id, n, "%.*s", (int)k, p + 10);
            return;
        }
}

/* Before a merge writes anything: every unit has a COMPLETED record of these
 * parameters, every units/ID.*.tsv is complete ("# end") and of these parameters. */
static int cc_driver_merge_check(const cc_run_ctx *ctx, char *err, size_t n)
{
    char path[2 * CC_OUT_PATH_MAX], reason[512];
    for (int i = 0; i < ctx->units->n; i++) {
        const char *id = ctx->units->id[i], *why = NULL;
        snprintf(path, sizeof path, "%s/runs/%s.json", ctx->out, id);
        cc_record_info rec;
        int rs = cc_record_read(path, &rec, reason, sizeof reason);
        if (rs == GSL_EFAILED)
            return snprintf(err, n, "merge refused: unit %s has not run (%.1000s: %s): run it first", id, path, reason),
                   GSL_EINVAL;
        if (rs)
            return snprintf(err, n, "merge refused: %.1000s is not a valid run record (%s): rerun unit %s", path, reason,
                            id),
                   GSL_EINVAL;
        if (rec.status != CC_RECORD_COMPLETED)
            why = rec.status == CC_RECORD_RUNNING ? "did not finish (RUNNING: killed?)" : "did not complete";
        else if (!rec.config_id || strcmp(rec.config_id, ctx->unit_config_ids[i]) != 0)
            why = "was made with other parameters";
        cc_record_info_free(&rec);
        if (why) return snprintf(err, n, "merge refused: unit %s %s (%.1000s): rerun it", id, why, path), GSL_EINVAL;
    }
    snprintf(path, sizeof path, "%s/units", ctx->out);
    DIR *d = opendir(path);
    if (!d) return snprintf(err, n, "merge refused: cannot read %.1000s: %s", path, strerror(errno)), GSL_EINVAL;
    struct dirent *e;
    int status = GSL_SUCCESS;
    while (!status && (e = readdir(d))) {
        const char *name = e->d_name;
        size_t L = strlen(name);
        if (L < 5 || strcmp(name + L - 4, ".tsv") != 0 || strstr(name, ".tmp.")) continue;
        int owner = cc_driver_file_owner(ctx->units, name);
        if (owner < 0) continue; /* not a file of this configuration's units: the merge does not read it */
        char file[2 * CC_OUT_PATH_MAX], *text, id[64];
        size_t len;
        snprintf(file, sizeof file, "%s/units/%s", ctx->out, name);
        if (cc_file_read(file, &text, &len)) {
            status = GSL_EINVAL;
            snprintf(err, n, "merge refused: cannot read %.1000s: %s", file, strerror(errno));
            break;
        }
        cc_driver_tsv_config(text, id, sizeof id);
        if (strlen(text) != len || len < 6 || strcmp(text + len - 6, "# end\n") != 0 ||
            (len > 6 && text[len - 7] != '\n')) {
            status = GSL_EINVAL;
            snprintf(err, n, "merge refused: %.1000s is truncated or corrupt (no final \"# end\" line): rerun unit %s",
                     file, ctx->units->id[owner]);
        } else if (id[0] && strcmp(id, ctx->unit_config_ids[owner]) != 0) {
            status = GSL_EINVAL;
            snprintf(err, n, "merge refused: %.1000s was made with other parameters (config %s, this run %s): rerun unit %s",
                     file, id, ctx->unit_config_ids[owner], ctx->units->id[owner]);
        }
        free(text);
    }
    closedir(d);
    return status;
}

/* ------------------------------------------------------------------ runs */

static int cc_driver_run_rec(const cc_experiment *exp, cc_run_ctx *ctx, int index, int of, const char *rec_out);

/* Run one unit (index >= 0) or the merge (index -1) with its run record. */
static int cc_driver_run(const cc_experiment *exp, cc_run_ctx *ctx, int index, int of)
{
    return cc_driver_run_rec(exp, ctx, index, of, ctx->out);
}

/* Publish the staging folder stage as OUT/.merged, each of its entries as the link
 * OUT/<name> -> .merged/<name>; the record stage/runs/merge.json to OUT/runs/. */
static int cc_driver_publish(const char *out, const char *stage)
{
    char merged[2 * CC_OUT_PATH_MAX], p[3 * CC_OUT_PATH_MAX], q[3 * CC_OUT_PATH_MAX], t[CC_OUT_PATH_MAX], lk[CC_OUT_PATH_MAX];
    snprintf(merged, sizeof merged, "%s/.merged", out);
    snprintf(p, sizeof p, "%s/units", stage);
    unlink(p);
    DIR *d = opendir(stage);
    if (!d) return CC_ERRORF(GSL_EFAILED, "cannot read %s: %s", stage, strerror(errno));
    struct dirent *e;
    int status = GSL_SUCCESS;
    /* 1. a link OUT/<name> -> .merged/<name> for every output (it shows the old set until step 2) */
    while (!status && (e = readdir(d))) {
        const char *nm = e->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, "..") || !strcmp(nm, "runs")) continue;
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", stage, nm);
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) continue; /* a subfolder: moved in place in step 3 */
        snprintf(p, sizeof p, "%s/%s", out, nm);
        snprintf(t, sizeof t, ".merged/%s", nm);
        if (lstat(p, &st) == 0) {
            if (S_ISLNK(st.st_mode)) {
                ssize_t k = readlink(p, lk, sizeof lk - 1);
                if (k >= 0 && (lk[k] = '\0', strcmp(lk, t) == 0)) continue;
            } else if (S_ISDIR(st.st_mode)) {
                status = CC_ERRORF(GSL_EFAILED, "cannot publish the merge: %s is a directory", p);
                break;
            }
        }
        snprintf(q, sizeof q, "%s/.%s.link.tmp.%s", out, nm, cc_out_owner());
        unlink(q);
        if (symlink(t, q) != 0 || rename(q, p) != 0) {
            status = CC_ERRORF(GSL_EFAILED, "cannot publish %s: %s", p, strerror(errno));
            unlink(q);
        }
    }
    closedir(d);
    if (status) return status;
    /* 2. the whole set at once */
    struct stat st;
    if (lstat(merged, &st) == 0) {
        if (renameat2(AT_FDCWD, stage, AT_FDCWD, merged, RENAME_EXCHANGE) != 0) {
            /* no atomic exchange on this file system: two renames */
            snprintf(q, sizeof q, "%s.old", stage);
            if (rename(merged, q) != 0 || rename(stage, merged) != 0 || rename(q, stage) != 0)
                return CC_ERRORF(GSL_EFAILED, "cannot publish %s: %s", merged, strerror(errno));
        }
    } else if (rename(stage, merged) != 0) {
        return CC_ERRORF(GSL_EFAILED, "cannot publish %s: %s", merged, strerror(errno));
    }
    /* 3. the record, links left dangling by outputs no longer written, the old set */
    snprintf(p, sizeof p, "%s/runs/merge.json", merged);
    snprintf(q, sizeof q, "%s/runs", out);
    if (cc_out_mkdirs(q)) return GSL_EFAILED;
    snprintf(q, sizeof q, "%s/runs/merge.json", out);
    if (rename(p, q) != 0) return CC_ERRORF(GSL_EFAILED, "cannot move %s to %s: %s", p, q, strerror(errno));
    snprintf(p, sizeof p, "%s/runs", merged);
    rmdir(p);
    /* subfolders the merge wrote into (e.g. models/manifest.tsv): their files are moved into
     * the real OUT/<sub>/, each in one rename (they are not part of the set that switches at once) */
    if ((d = opendir(merged))) {
        while (!status && (e = readdir(d))) {
            struct stat ss;
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            snprintf(p, sizeof p, "%s/%s", merged, e->d_name);
            if (lstat(p, &ss) != 0 || !S_ISDIR(ss.st_mode)) continue;
            snprintf(q, sizeof q, "%s/%s", out, e->d_name);
            if (cc_out_mkdirs(q)) return GSL_EFAILED;
            DIR *sd = opendir(p);
            struct dirent *f;
            while (sd && (f = readdir(sd))) {
                if (!strcmp(f->d_name, ".") || !strcmp(f->d_name, "..")) continue;
                char a[4 * CC_OUT_PATH_MAX], b[4 * CC_OUT_PATH_MAX];
                snprintf(a, sizeof a, "%s/%s", p, f->d_name);
                snprintf(b, sizeof b, "%s/%s", q, f->d_name);
                if (rename(a, b) != 0) status = CC_ERRORF(GSL_EFAILED, "cannot move %s to %s: %s", a, b, strerror(errno));
            }
            if (sd) closedir(sd);
            rmdir(p);
        }
        closedir(d);
        if (status) return status;
    }
    if ((d = opendir(out))) {
        while ((e = readdir(d))) {
            snprintf(p, sizeof p, "%s/%s", out, e->d_name);
            ssize_t k = readlink(p, lk, sizeof lk - 1);
            if (k < 0) continue;
            lk[k] = '\0';
            if (strncmp(lk, ".merged/", 8) == 0 && stat(p, &st) != 0) unlink(p);
        }
        closedir(d);
    }
    cc_out_remove_tree(stage);
    int fd = open(out, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    return GSL_SUCCESS;
}

/* The merge, written into OUT/.merge.<pid>@<host> and published together (cc_driver.h). */
static int cc_driver_merge(const cc_experiment *exp, cc_run_ctx *ctx)
{
    char stage[CC_OUT_PATH_MAX], p[2 * CC_OUT_PATH_MAX];
    if (cc_out_mkdirs(ctx->out)) return GSL_EFAILED;
    int fd = open(ctx->out, O_RDONLY);
    if (fd < 0) return CC_ERRORF(GSL_EFAILED, "cannot open %s: %s", ctx->out, strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return CC_ERRORF(GSL_EFAILED, "another merge into %s is running", ctx->out);
    }
    snprintf(stage, sizeof stage, "%s/.merge.%s", ctx->out, cc_out_owner());
    snprintf(p, sizeof p, "%s/units", stage);
    cc_out_remove_tree(stage);
    snprintf(cc_driver_staging, sizeof cc_driver_staging, "%s", stage);
    if (mkdir(stage, 0777) != 0 || symlink("../units", p) != 0) {
        int s = CC_ERRORF(GSL_EFAILED, "cannot create %s: %s", stage, strerror(errno));
        close(fd);
        return s;
    }
    cc_run_ctx sc = *ctx;
    sc.out = stage;
    int status = cc_driver_run_rec(exp, &sc, -1, 0, ctx->out);
    if (!status) status = cc_driver_publish(ctx->out, stage);
    if (status) cc_out_remove_tree(stage);
    cc_driver_staging[0] = '\0';
    close(fd); /* releases the lock */
    return status;
}

/* Remove every units/<unit>.*.tsv of unit index: a unit's files are replaced as a whole, so that a
 * table an earlier version of the driver wrote (and this one does not) cannot block the merge. */
static void cc_driver_clear_unit(const cc_run_ctx *ctx, int index)
{
    char dir[CC_OUT_PATH_MAX + 8], file[2 * CC_OUT_PATH_MAX];
    snprintf(dir, sizeof dir, "%s/units", ctx->out);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t L = strlen(e->d_name);
        if (L < 5 || strcmp(e->d_name + L - 4, ".tsv") != 0 || cc_driver_file_owner(ctx->units, e->d_name) != index) continue;
        snprintf(file, sizeof file, "%s/%s", dir, e->d_name);
        unlink(file);
    }
    if (d) closedir(d);
}

static int cc_driver_run_rec(const cc_experiment *exp, cc_run_ctx *ctx, int index, int of, const char *rec_out)
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
    /* a unit: its condition, seed and resolved configuration; the merge: every parameter */
    int seed_store = 0, ci = 0, si = 0;
    cc_spec *unit_specs = index >= 0 ? cc_grid_unit_specs(ctx->grid, exp, index, &seed_store) : NULL;
    ctx->config_id = index >= 0 ? ctx->unit_config_ids[index] : ctx->figure_config_id;
    int status = index >= 0 && !unit_specs ? GSL_ENOMEM : GSL_SUCCESS;
    if (!status) status = cc_record_set_title(rec, exp->summary);
    if (!status) status = cc_record_set_argv(rec, ctx->argc, ctx->argv);
    if (!status) status = cc_record_set_context(rec, rec_out, ctx->config_file, ctx->quick, ctx->config_id);
    if (!status) status = cc_record_set_config(rec, unit_specs ? unit_specs : exp->specs);
    if (!status) status = cc_record_begin(rec);
    if (status) {
        free(unit_specs);
        cc_record_free(rec);
        ctx->config_id = ctx->figure_config_id;
        return status;
    }
    if (index >= 0) cc_driver_clear_unit(ctx, index);
    ctx->unit = index >= 0 ? id : NULL;
    ctx->unit_index = index;
    ctx->cond = NULL;
    if (index >= 0 && ctx->grid && !cc_grid_locate(ctx->grid, index, &ci, &si)) {
        ctx->cond = &ctx->grid->cond[ci];
        ctx->seed_index = si;
        ctx->seed = (unsigned long)seed_store;
    }
    ctx->label = label;
    ctx->rec = rec;
    cc_driver_current_record = rec;
    const clock_t cpu0 = clock();
    status = index >= 0 ? exp->run_unit(ctx) : exp->merge(ctx);
    if (index >= 0 && !status) cc_record_metric(rec, "cpu_s", (double)(clock() - cpu0) / CLOCKS_PER_SEC); /* the unit's core-seconds */
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
    free(unit_specs);
    ctx->rec = NULL;
    ctx->label = NULL;
    ctx->unit = NULL;
    ctx->unit_index = -1;
    ctx->cond = NULL;
    ctx->config_id = ctx->figure_config_id;
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
    static cc_grid grid;
    char (*unit_ids)[17] = NULL;
    char *dump = NULL;
    unsigned char *had_items = NULL;
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
    if (!(exp->units || exp->grid) || !exp->run_unit || !exp->merge) CC_DRIVER_FAIL(1, "driver lacks a callback");
    if (cc_spec_check(exp->specs, err, sizeof err)) CC_DRIVER_FAIL(1, "%s", err);

    /* 1. command line */
    if (cc_driver_parse_cli(argc, argv, &cli, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    if (cli.help) {
        cc_driver_help(exp, stdout);
        if (cc_driver_stdout_failed()) CC_DRIVER_FAIL(1, "cannot write the help to standard output: %s", strerror(errno));
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

    /* 2. settings: file, [quick], --set/--seeds (which lists had items by default: see cc_driver_check_keys) */
    int nspecs = 0;
    while (exp->specs[nspecs].key) nspecs++;
    had_items = calloc((size_t)nspecs + 1, 1);
    if (!had_items) CC_DRIVER_FAIL(1, "out of memory");
    for (int i = 0; i < nspecs; i++) had_items[i] = exp->specs[i].count && *exp->specs[i].count > 0;
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
    ctx.config_id = ctx.figure_config_id = config_id;
    if (cc_driver_check_keys(exp->specs, had_items, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    if (exp->grid) { /* the conditions, and the library's checks of each */
        cc_driver_check_begin();
        status = cc_grid_build(&grid, exp, &ctx);
        if (cc_driver_check_end(err, sizeof err) || status) CC_DRIVER_FAIL(2, "%s", err[0] ? err : "the grid of conditions failed");
        ctx.grid = &grid;
        if (cc_grid_check(&grid, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    }
    if (exp->validate && exp->validate(&ctx, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    if (cli.get) { /* one value, as the config would give it (the Makefile reads verify.* this way) */
        const cc_spec *s = cc_spec_find(exp->specs, cli.get);
        if (!s) CC_DRIVER_FAIL(2, "--get: unknown key \"%.200s\" (--help lists the keys)", cli.get);
        int need = cc_spec_format(s, NULL, 0);
        char *v = malloc((size_t)need + 1);
        if (!v) CC_DRIVER_FAIL(1, "out of memory");
        cc_spec_format(s, v, (size_t)need + 1);
        printf("%s\n", v);
        free(v);
        if (cc_driver_stdout_failed()) CC_DRIVER_FAIL(1, "cannot write the value to standard output: %s", strerror(errno));
        goto done;
    }

    /* 3. units, and the id of each unit's resolved configuration */
    status = exp->grid ? cc_grid_units(&grid, &units) : exp->units(&units, &ctx);
    if (status) CC_DRIVER_FAIL(1, "listing the units failed: %s", gsl_strerror(status));
    if (cc_driver_check_ids(&units, err, sizeof err)) CC_DRIVER_FAIL(1, "%s", err);
    ctx.units = &units;
    unit_ids = calloc((size_t)units.n + 1, sizeof *unit_ids);
    if (!unit_ids) CC_DRIVER_FAIL(1, "out of memory");
    for (int i = 0; i < units.n; i++) {
        int seed_store = 0;
        cc_spec *us = cc_grid_unit_specs(exp->grid ? &grid : NULL, exp, i, &seed_store);
        char *text = us ? cc_spec_dump_string(us) : NULL;
        free(us);
        if (!text) CC_DRIVER_FAIL(1, "out of memory");
        cc_driver_hash(text, unit_ids[i]);
        free(text);
    }
    ctx.unit_config_ids = unit_ids;
    if (cli.list_configs) {
        printf("config %s\n", config_id);
        for (int i = 0; i < units.n; i++) printf("%s %s\n", units.id[i], unit_ids[i]);
        if (cc_driver_stdout_failed())
            CC_DRIVER_FAIL(1, "cannot write the unit list to standard output: %s", strerror(errno));
        goto done;
    }
    if (cli.list) {
        for (int i = 0; i < units.n; i++) printf("%s\n", units.id[i]);
        if (cc_driver_stdout_failed())
            CC_DRIVER_FAIL(1, "cannot write the unit list to standard output: %s", strerror(errno));
        goto done;
    }

    /* 4. the rest of the input checks, then the first write */
    if (!cli.out) CC_DRIVER_FAIL(2, "--out DIR is needed with --unit, --merge or to run everything");
    if (cli.unit && (index = cc_unit_list_find(&units, cli.unit)) < 0)
        CC_DRIVER_FAIL(2, "unknown unit \"%s\" (--list-units lists the %d units)", cli.unit, units.n);
    if (cc_driver_check_out(ctx.out, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    char subdirs[16][64] = {"units", "runs", ".merged"}; /* and the driver's out_dirs */
    int nsub = 3;
    for (const char *p = exp->out_dirs; p && *p && nsub < 16;) {
        p += strspn(p, " ");
        size_t L = strcspn(p, " ");
        if (L && L < sizeof subdirs[0]) snprintf(subdirs[nsub++], sizeof subdirs[0], "%.*s", (int)L, p);
        p += L;
    }
    for (int i = 0; i < nsub; i++) {
        char sub[CC_OUT_PATH_MAX];
        snprintf(sub, sizeof sub, "%s/%s", ctx.out, subdirs[i]);
        if (cc_driver_check_out(sub, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    }
    if (!cli.merge) { /* memory of the units to run */
        double need = cc_driver_memory > 0 ? cc_driver_memory : cc_driver_memory_from_keys(exp->specs);
        double avail = cc_driver_mem_available(), limit = avail;
        const char *what = "available (MemAvailable)";
        if (cli.max_mem) {
            cc_driver_parse_size(cli.max_mem, &limit);
            what = "allowed by --max-mem";
        }
        if (limit > 0 && need > limit) {
            char a[32], b[32];
            cc_driver_bytes(a, sizeof a, need);
            cc_driver_bytes(b, sizeof b, limit);
            CC_DRIVER_FAIL(2, "a unit needs about %s (model.N, model.G, train.batch, train.n_val, train.n_test), "
                           "more than the %s %s", a, b, what);
        }
    }
    if (cli.merge && cc_driver_merge_check(&ctx, err, sizeof err)) CC_DRIVER_FAIL(2, "%s", err);
    /* leftovers of killed runs: temporaries and staging folders of processes gone */
    for (int i = -1; i < nsub; i++) {
        char sub[CC_OUT_PATH_MAX];
        snprintf(sub, sizeof sub, "%s%s%s", ctx.out, i < 0 ? "" : "/", i < 0 ? "" : subdirs[i]);
        cc_out_remove_stale(sub);
    }

    if (cli.unit)
        code = cc_driver_run(exp, &ctx, index, 1) ? 1 : 0;
    else if (cli.merge)
        code = cc_driver_merge(exp, &ctx) ? 1 : 0;
    else {
        for (int i = 0; i < units.n && !code; i++) code = cc_driver_run(exp, &ctx, i, units.n) ? 1 : 0;
        if (!code) code = cc_driver_merge(exp, &ctx) ? 1 : 0;
    }
#undef CC_DRIVER_FAIL
done:
    free(had_items);
    free(dump);
    free(unit_ids);
    cc_grid_free(&grid);
    cc_unit_list_free(&units);
    cc_ini_free(&ini);
    free(cli.sets);
    free(cli.set_is_seeds);
    return code;
}
