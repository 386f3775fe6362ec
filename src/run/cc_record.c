/* cc_record.c: JSON run records (see cc_record.h). Collects the fields in memory
 * and rewrites the whole file on begin and end; reads one back with jansson.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "cc_record.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cc_blas.h"
#include "cc_linalg.h"
#include "cc_out.h"

#ifdef CC_BLAS_OPENBLAS
char *openblas_get_config(void);
#endif

#define CC_RECORD_STR2(x) #x
#define CC_RECORD_STR(x) CC_RECORD_STR2(x)

typedef struct {
    char *key;
    char *json; /* value as JSON text */
} cc_record_pair;

struct cc_record {
    char *path, *driver, *unit;
    char *title; /* what the driver computes, in words (its summary line), or NULL */
    char **argv;
    int argc;
    char *out, *config_file, *config_id;
    int quick;
    cc_record_pair *config;
    int nconfig;
    long *seeds;
    int nseeds;
    cc_record_pair *metrics; /* json holds nothing; values below */
    double *metric_values;
    int nmetrics, capmetrics;
    char git_commit[64];
    int git_dirty;      /* 1, 0, -1 unknown */
    char **dirty_files; /* (ndirty_files <= CC_RECORD_DIRTY_MAX) the first files that make it dirty */
    int ndirty_files;
    long dirty_count;   /* every such file */
    char host[256];
    char start[32], end[32];
    struct timespec t0;
    double elapsed;
};

static char *cc_record_dup(const char *s) { return s ? strdup(s) : NULL; }

/* First line of a command's stdout (stderr silenced) into buf; exit status. */
static int cc_record_popen_line(const char *cmd, char *buf, size_t n, int *any_output)
{
    buf[0] = '\0';
    *any_output = 0;
    fflush(NULL);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    char line[256];
    while (fgets(line, sizeof line, p)) {
        if (!*any_output) {
            size_t len = strcspn(line, "\r\n");
            if (len >= n) len = n - 1;
            memcpy(buf, line, len);
            buf[len] = '\0';
        }
        *any_output = 1;
    }
    return pclose(p);
}

/* The build's inputs (cc_record.h: sources, drivers, configs, plot scripts, Makefile), from
 * the top of the repository whatever the working directory; -z: names as they are, NUL-ended. */
#define CC_RECORD_GIT_STATUS                                                                    \
    "git status --porcelain -z --untracked-files=all -- ':(top)src' ':(top)experiments' "       \
    "':(top,glob)figures/*.gp' ':(top)Makefile' 2>/dev/null"

/* Whole stdout of cmd into a malloc'd buffer (*len bytes, NUL added); the exit status, or -1. */
static int cc_record_popen_all(const char *cmd, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    fflush(NULL);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    FILE *m = open_memstream(out, len);
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, p)) > 0)
        if (m) fwrite(chunk, 1, got, m);
    int status = pclose(p);
    if (!m || fclose(m) != 0) {
        free(*out);
        *out = NULL;
        return -1;
    }
    return status;
}

/* Entries "XY name\0" of git status -z: the first CC_RECORD_DIRTY_MAX names kept, all counted. */
static void cc_record_dirty_list(cc_record *r, const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        const char *e = text + i;
        size_t k = strnlen(e, len - i);
        i += k + 1;
        if (k < 4) continue;
        if (e[0] == 'R' || e[0] == 'C') i += strnlen(text + i, len > i ? len - i : 0) + 1; /* the old name follows */
        r->dirty_count++;
        if (r->ndirty_files < CC_RECORD_DIRTY_MAX) {
            char *name = strndup(e + 3, k - 3);
            if (name) r->dirty_files[r->ndirty_files++] = name;
        }
    }
}

static void cc_record_git(cc_record *r)
{
    int any;
    char buf[128];
    snprintf(r->git_commit, sizeof r->git_commit, "unknown");
    r->git_dirty = -1;
    if (cc_record_popen_line("git rev-parse HEAD 2>/dev/null", buf, sizeof buf, &any) != 0 || strlen(buf) < 7)
        return;
    snprintf(r->git_commit, sizeof r->git_commit, "%.63s", buf);
    char *text;
    size_t len;
    r->dirty_files = calloc(CC_RECORD_DIRTY_MAX, sizeof *r->dirty_files);
    if (cc_record_popen_all(CC_RECORD_GIT_STATUS, &text, &len) == 0 && r->dirty_files) {
        cc_record_dirty_list(r, text, len);
        r->git_dirty = r->dirty_count > 0;
    }
    free(text);
}

cc_record *cc_record_alloc(const char *path, const char *driver, const char *unit)
{
    cc_record *r = calloc(1, sizeof *r);
    if (!r) GSL_ERROR_NULL("out of memory", GSL_ENOMEM);
    r->path = cc_record_dup(path);
    r->driver = cc_record_dup(driver);
    r->unit = cc_record_dup(unit);
    if (!r->path || !r->driver || !r->unit) {
        cc_record_free(r);
        GSL_ERROR_NULL("out of memory", GSL_ENOMEM);
    }
    cc_record_git(r);
    if (gethostname(r->host, sizeof r->host) != 0) snprintf(r->host, sizeof r->host, "unknown");
    r->host[sizeof r->host - 1] = '\0';
    r->elapsed = -1;
    return r;
}

static void cc_record_free_pairs(cc_record_pair *p, int n)
{
    for (int i = 0; i < n; i++) {
        free(p[i].key);
        free(p[i].json);
    }
    free(p);
}

void cc_record_free(cc_record *r)
{
    if (!r) return;
    free(r->path);
    free(r->driver);
    free(r->title);
    free(r->unit);
    for (int i = 0; i < r->argc; i++) free(r->argv[i]);
    free(r->argv);
    free(r->out);
    free(r->config_file);
    free(r->config_id);
    cc_record_free_pairs(r->config, r->nconfig);
    free(r->seeds);
    cc_record_free_pairs(r->metrics, r->nmetrics);
    free(r->metric_values);
    for (int i = 0; i < r->ndirty_files; i++) free(r->dirty_files[i]);
    free(r->dirty_files);
    free(r);
}

int cc_record_set_title(cc_record *r, const char *title)
{
    free(r->title);
    r->title = cc_record_dup(title);
    if (title && !r->title) GSL_ERROR("out of memory", GSL_ENOMEM);
    return GSL_SUCCESS;
}

int cc_record_set_argv(cc_record *r, int argc, char *const *argv)
{
    char **a = calloc((size_t)(argc > 0 ? argc : 1), sizeof *a);
    if (!a) GSL_ERROR("out of memory", GSL_ENOMEM);
    for (int i = 0; i < argc; i++)
        if (!(a[i] = strdup(argv[i]))) {
            for (int k = 0; k < i; k++) free(a[k]);
            free(a);
            GSL_ERROR("out of memory", GSL_ENOMEM);
        }
    for (int i = 0; i < r->argc; i++) free(r->argv[i]);
    free(r->argv);
    r->argv = a;
    r->argc = argc;
    return GSL_SUCCESS;
}

int cc_record_set_context(cc_record *r, const char *out, const char *config_file, int quick,
                          const char *config_id)
{
    char *o = cc_record_dup(out), *c = cc_record_dup(config_file), *id = cc_record_dup(config_id);
    if ((out && !o) || (config_file && !c) || (config_id && !id)) {
        free(o);
        free(c);
        free(id);
        GSL_ERROR("out of memory", GSL_ENOMEM);
    }
    free(r->out);
    free(r->config_file);
    free(r->config_id);
    r->out = o;
    r->config_file = c;
    r->config_id = id;
    r->quick = quick != 0;
    return GSL_SUCCESS;
}

/* JSON text of a spec's value: strings and choices quoted, lists as arrays,
 * numbers as they are (finite: the spec refuses inf and nan). */
static char *cc_record_spec_json(const cc_spec *s)
{
    int need = cc_spec_format(s, NULL, 0);
    char *v = malloc((size_t)need + 1);
    if (!v) return NULL;
    cc_spec_format(s, v, (size_t)need + 1);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f) {
        free(v);
        return NULL;
    }
    int nonfinite = (s->type == CC_SPEC_T_DOUBLE && !isfinite(*s->ptr.d));
    if (s->type == CC_SPEC_T_LIST_DOUBLE)
        for (int i = 0; i < *s->count; i++) nonfinite |= !isfinite(s->ptr.d[i]);
    if (s->type == CC_SPEC_T_STRING || s->type == CC_SPEC_T_CHOICE || nonfinite)
        cc_json_string(f, v);
    else if (s->type == CC_SPEC_T_LIST_INT || s->type == CC_SPEC_T_LIST_DOUBLE)
        fprintf(f, "[%s]", v);
    else
        fputs(v, f);
    free(v);
    if (fclose(f) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

int cc_record_set_config(cc_record *r, const cc_spec *specs)
{
    int n = 0;
    while (specs[n].key) n++;
    cc_record_pair *p = calloc((size_t)(n ? n : 1), sizeof *p);
    if (!p) GSL_ERROR("out of memory", GSL_ENOMEM);
    for (int i = 0; i < n; i++) {
        p[i].key = strdup(specs[i].key);
        p[i].json = cc_record_spec_json(&specs[i]);
        if (!p[i].key || !p[i].json) {
            cc_record_free_pairs(p, i + 1);
            GSL_ERROR("out of memory", GSL_ENOMEM);
        }
    }
    cc_record_free_pairs(r->config, r->nconfig);
    r->config = p;
    r->nconfig = n;
    return GSL_SUCCESS;
}

int cc_record_seed(cc_record *r, long seed)
{
    long *s = realloc(r->seeds, (size_t)(r->nseeds + 1) * sizeof *s);
    if (!s) GSL_ERROR("out of memory", GSL_ENOMEM);
    s[r->nseeds++] = seed;
    r->seeds = s;
    return GSL_SUCCESS;
}

int cc_record_metric(cc_record *r, const char *name, double value)
{
    for (int i = 0; i < r->nmetrics; i++)
        if (strcmp(r->metrics[i].key, name) == 0) {
            r->metric_values[i] = value;
            return GSL_SUCCESS;
        }
    if (r->nmetrics == r->capmetrics) {
        int cap = r->capmetrics ? 2 * r->capmetrics : 8;
        cc_record_pair *m = realloc(r->metrics, (size_t)cap * sizeof *m);
        if (!m) GSL_ERROR("out of memory", GSL_ENOMEM);
        r->metrics = m;
        double *v = realloc(r->metric_values, (size_t)cap * sizeof *v);
        if (!v) GSL_ERROR("out of memory", GSL_ENOMEM);
        r->metric_values = v;
        r->capmetrics = cap;
    }
    char *k = strdup(name);
    if (!k) GSL_ERROR("out of memory", GSL_ENOMEM);
    r->metrics[r->nmetrics].key = k;
    r->metrics[r->nmetrics].json = NULL;
    r->metric_values[r->nmetrics++] = value;
    return GSL_SUCCESS;
}

int cc_json_string(FILE *f, const char *s)
{
    if (!s) return fputs("null", f) == EOF ? EOF : 0;
    putc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\u%04x", *p);
            else
                putc(*p, f);
        }
    }
    return putc('"', f) == EOF ? EOF : 0;
}

static void cc_record_now_iso(char *buf, size_t n)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *cc_record_compiler(void)
{
#if defined(__clang__)
    return "clang " __VERSION__;
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#elif defined(__VERSION__)
    return __VERSION__;
#else
    return "unknown";
#endif
}

/* CC_BLAS_NAME may be given with or without quotes: -DCC_BLAS_NAME=openblas. */
static void cc_record_blas_name(char *buf, size_t n)
{
#ifdef CC_BLAS_NAME
    const char *s = CC_RECORD_STR(CC_BLAS_NAME);
    size_t len = strlen(s);
    if (len >= 2 && s[0] == '"' && s[len - 1] == '"')
        snprintf(buf, n, "%.*s", (int)(len - 2), s + 1);
    else
        snprintf(buf, n, "%s", s);
#else
    snprintf(buf, n, "unknown");
#endif
}

static void cc_record_kv_str(FILE *f, const char *key, const char *value)
{
    fprintf(f, "  \"%s\": ", key);
    cc_json_string(f, value);
    fputs(",\n", f);
}

static void cc_record_number(FILE *f, double x)
{
    char buf[40];
    if (!isfinite(x)) {
        fputs("null", f);
        return;
    }
    cc_out_format_double(buf, sizeof buf, x);
    fputs(buf, f);
}

static int cc_record_write(cc_record *r, const char *status, const char *error)
{
    cc_out o;
    FILE *f = cc_out_open(&o, r->path);
    if (!f) return GSL_EFAILED;
    char blas[128];
    cc_record_blas_name(blas, sizeof blas);
    fputs("{\n", f);
    cc_record_kv_str(f, "driver", r->driver);
    if (r->title) cc_record_kv_str(f, "title", r->title);
    cc_record_kv_str(f, "unit", r->unit);
    cc_record_kv_str(f, "status", status);
    cc_record_kv_str(f, "error", error);
    fputs("  \"argv\": [", f);
    for (int i = 0; i < r->argc; i++) {
        if (i) fputs(", ", f);
        cc_json_string(f, r->argv[i]);
    }
    fputs("],\n", f);
    cc_record_kv_str(f, "out", r->out);
    cc_record_kv_str(f, "config_file", r->config_file);
    fprintf(f, "  \"quick\": %s,\n", r->quick ? "true" : "false");
    cc_record_kv_str(f, "config_id", r->config_id);
    fputs("  \"config\": {", f);
    for (int i = 0; i < r->nconfig; i++) {
        fputs(i ? ",\n    " : "\n    ", f);
        cc_json_string(f, r->config[i].key);
        fprintf(f, ": %s", r->config[i].json);
    }
    fputs(r->nconfig ? "\n  },\n" : "},\n", f);
    fputs("  \"seeds\": [", f);
    for (int i = 0; i < r->nseeds; i++) fprintf(f, "%s%ld", i ? ", " : "", r->seeds[i]);
    fputs("],\n", f);
    cc_record_kv_str(f, "git_commit", r->git_commit);
    fprintf(f, "  \"git_dirty\": %s,\n", r->git_dirty < 0 ? "null" : r->git_dirty ? "true" : "false");
    fputs("  \"git_dirty_files\": [", f);
    for (int i = 0; i < r->ndirty_files; i++) {
        if (i) fputs(", ", f);
        cc_json_string(f, r->dirty_files[i]);
    }
    fputs("],\n", f);
    if (r->git_dirty < 0)
        fputs("  \"git_dirty_count\": null,\n", f);
    else
        fprintf(f, "  \"git_dirty_count\": %ld,\n", r->dirty_count);
    cc_record_kv_str(f, "compiler", cc_record_compiler());
#ifdef CC_CFLAGS
    cc_record_kv_str(f, "cflags", CC_RECORD_STR(CC_CFLAGS));
#endif
    cc_record_kv_str(f, "gsl_version", gsl_version);
    cc_record_kv_str(f, "blas", blas);
#ifdef CC_BLAS_OPENBLAS
    cc_record_kv_str(f, "openblas_config", openblas_get_config());
#endif
    cc_record_kv_str(f, "blas_core", cc_blas_core());        /* the kernels in use (cc_blas.h) */
    cc_record_kv_str(f, "blas_core_why", cc_blas_why());     /* detected, chosen, forced, fallback, ... */
    cc_record_kv_str(f, "blas_core_note", cc_blas_summary());
    cc_record_kv_str(f, "precision", "double"); /* every array and product is IEEE binary64 */
    cc_record_kv_str(f, "simd", cc_simd_name()); /* scalar, avx2 or avx512: the same bits either way */
    cc_record_kv_str(f, "host", r->host);
    fprintf(f, "  \"pid\": %ld,\n", (long)getpid());
    cc_record_kv_str(f, "start", r->start[0] ? r->start : NULL);
    cc_record_kv_str(f, "end", r->end[0] ? r->end : NULL);
    fputs("  \"elapsed_s\": ", f);
    if (r->elapsed >= 0)
        fprintf(f, "%.3f", r->elapsed);
    else
        fputs("null", f);
    fputs(",\n  \"metrics\": {", f);
    for (int i = 0; i < r->nmetrics; i++) {
        fputs(i ? ",\n    " : "\n    ", f);
        cc_json_string(f, r->metrics[i].key);
        fputs(": ", f);
        cc_record_number(f, r->metric_values[i]);
    }
    fputs(r->nmetrics ? "\n  }\n}\n" : "}\n}\n", f);
    return cc_out_commit(&o);
}

int cc_record_begin(cc_record *r)
{
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    cc_record_now_iso(r->start, sizeof r->start);
    r->end[0] = '\0';
    r->elapsed = -1;
    return cc_record_write(r, "RUNNING", NULL);
}

int cc_record_end(cc_record *r, int ok, const char *error)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->elapsed = (double)(t1.tv_sec - r->t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - r->t0.tv_nsec);
    cc_record_now_iso(r->end, sizeof r->end);
    return cc_record_write(r, ok ? "COMPLETED" : "FAILED", ok ? NULL : (error ? error : "failed"));
}

/* ------------------------------------------------------------------ reading a record */

static int cc_record_bad(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int cc_record_bad(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return GSL_EINVAL;
}

static const char *cc_record_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "?";
}

/* root[name] into *v if it is of type t (or null, when null_ok); else GSL_EINVAL and why. */
static int cc_record_need(const json_t *root, const char *name, json_type t, int null_ok, json_t **v, char *err,
                          size_t n)
{
    static const char *want[] = {[JSON_OBJECT] = "an object", [JSON_STRING] = "a string"};
    *v = json_object_get(root, name);
    if (!*v) return cc_record_bad(err, n, "no \"%s\" field", name);
    if (json_typeof(*v) == t || (null_ok && json_is_null(*v))) return GSL_SUCCESS;
    return cc_record_bad(err, n, "\"%s\" is %s, not %s%s", name, cc_record_type_name(*v), want[t],
                         null_ok ? " or null" : "");
}

int cc_record_read(const char *path, cc_record_info *info, char *err, size_t n)
{
    memset(info, 0, sizeof *info);
    char *text;
    size_t len;
    int status = cc_file_read_max(path, &text, &len, CC_RECORD_READ_MAX);
    if (status == GSL_ENOMEM) return snprintf(err, n, "out of memory"), GSL_ENOMEM;
    if (status && errno == EFBIG) return cc_record_bad(err, n, "longer than %u MiB", CC_RECORD_READ_MAX >> 20);
    if (status) return snprintf(err, n, "%s", strerror(errno)), GSL_EFAILED;
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je); /* two "status" fields: refused */
    free(text);
    if (!root) return cc_record_bad(err, n, "line %d, column %d: %s", je.line, je.column, je.text);
    info->root = root;
    json_t *driver, *unit, *st, *id, *config;
    if (!json_is_object(root))
        status = cc_record_bad(err, n, "the file holds %s, not an object", cc_record_type_name(root));
    if (!status) status = cc_record_need(root, "driver", JSON_STRING, 0, &driver, err, n);
    if (!status) status = cc_record_need(root, "unit", JSON_STRING, 0, &unit, err, n);
    if (!status) status = cc_record_need(root, "status", JSON_STRING, 0, &st, err, n);
    if (!status) status = cc_record_need(root, "config_id", JSON_STRING, 1, &id, err, n);
    if (!status) status = cc_record_need(root, "config", JSON_OBJECT, 0, &config, err, n);
    if (!status) {
        const char *s = json_string_value(st);
        if (strcmp(s, "RUNNING") == 0)
            info->status = CC_RECORD_RUNNING;
        else if (strcmp(s, "COMPLETED") == 0)
            info->status = CC_RECORD_COMPLETED;
        else if (strcmp(s, "FAILED") == 0)
            info->status = CC_RECORD_FAILED;
        else
            status = cc_record_bad(err, n, "\"status\" is \"%.40s\", not RUNNING, COMPLETED or FAILED", s);
    }
    if (status) {
        cc_record_info_free(info);
        return status;
    }
    info->driver = json_string_value(driver);
    info->unit = json_string_value(unit);
    info->config_id = json_string_value(id); /* NULL for null */
    return GSL_SUCCESS;
}

void cc_record_info_free(cc_record_info *info)
{
    json_decref(info->root);
    memset(info, 0, sizeof *info);
}

/* v as text (cc_record.h); -1 for an object, or an array holding one. */
static int cc_record_value_text(const json_t *v, char *buf, size_t n)
{
    char tmp[64];
    switch (json_typeof(v)) {
    case JSON_STRING: return snprintf(buf, n, "%s", json_string_value(v));
    case JSON_INTEGER: return snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    case JSON_REAL:
        cc_out_format_double(tmp, sizeof tmp, json_real_value(v)); /* the writer's own text of it */
        return snprintf(buf, n, "%s", tmp);
    case JSON_TRUE: return snprintf(buf, n, "true");
    case JSON_FALSE: return snprintf(buf, n, "false");
    case JSON_NULL: return snprintf(buf, n, "null");
    case JSON_OBJECT: return -1;
    case JSON_ARRAY: break;
    }
    size_t used = 0;
    if (n) buf[0] = '\0';
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *item = json_array_get(v, i);
        if (json_is_object(item) || json_is_array(item)) return -1;
        if (i) used += (size_t)snprintf(used < n ? buf + used : NULL, used < n ? n - used : 0, ", ");
        used += (size_t)cc_record_value_text(item, used < n ? buf + used : NULL, used < n ? n - used : 0);
    }
    return (int)used;
}

int cc_record_field_text(const cc_record_info *info, const char *name, char *buf, size_t n)
{
    const json_t *v = json_object_get(info->root, name);
    return v ? cc_record_value_text(v, buf, n) : -1;
}

int cc_record_config_text(const cc_record_info *info, const char *key, char *buf, size_t n)
{
    const json_t *v = json_object_get(json_object_get(info->root, "config"), key);
    return v ? cc_record_value_text(v, buf, n) : -1;
}
