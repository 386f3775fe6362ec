/* cc_spec.c: parse, check, store and print the typed parameters of a driver
 * (see cc_spec.h). Text in, typed field out; nothing is read from files here.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "cc_spec.h"

#include <ctype.h>
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cc_out.h"

#define CC_SPEC_QUICK "quick."

/* ------------------------------------------------------------------ scalars */

/* Whole-string integer: optional sign and decimal digits, nothing else. */
static int cc_spec_parse_int(const char *s, int *out)
{
    if (!*s || isspace((unsigned char)s[0])) return 0;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno == ERANGE || v < INT_MIN || v > INT_MAX) return 0;
    *out = (int)v;
    return 1;
}

/* Whole-string finite real in decimal notation (no inf, nan or hex). */
static int cc_spec_parse_double(const char *s, double *out)
{
    if (!*s) return 0;
    for (const char *p = s; *p; p++)
        if (!strchr("0123456789+-.eE", *p)) return 0;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

static int cc_spec_parse_bool(const char *s, int *out)
{
    static const char *T[] = {"true", "yes", "on", "1"}, *F[] = {"false", "no", "off", "0"};
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(s, T[i]) == 0) return *out = 1, 1;
        if (strcasecmp(s, F[i]) == 0) return *out = 0, 1;
    }
    return 0;
}

/* Index of name among "a|b|c", or -1. */
static int cc_spec_choice_index(const char *choices, const char *name)
{
    size_t n = strlen(name);
    int i = 0;
    for (const char *p = choices;; i++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, name, n) == 0) return i;
        if (!bar) return -1;
        p = bar + 1;
    }
}

static int cc_spec_choice_count(const char *choices)
{
    int n = 1;
    for (const char *p = choices; *p; p++) n += *p == '|';
    return n;
}

/* Name of choice i into buf. */
static int cc_spec_choice_name(const char *choices, int i, char *buf, size_t n)
{
    const char *p = choices;
    for (int k = 0; k < i && p; k++) {
        p = strchr(p, '|');
        if (p) p++;
    }
    if (!p) return snprintf(buf, n, "?");
    const char *bar = strchr(p, '|');
    int len = bar ? (int)(bar - p) : (int)strlen(p);
    return snprintf(buf, n, "%.*s", len, p);
}

static int cc_spec_in_range(const cc_spec *s, double v) { return v >= s->min && v <= s->max; }

static void cc_spec_range_text(const cc_spec *s, char *buf, size_t n)
{
    char a[32], b[32];
    cc_out_format_double(a, sizeof a, s->min);
    cc_out_format_double(b, sizeof b, s->max);
    snprintf(buf, n, "[%s, %s]", a, b);
}

/* ------------------------------------------------------------------ errors */

/* "ORIGIN: key = "value": " with a long value shortened. */
static int cc_spec_err_head(char *err, size_t errlen, const char *origin, const char *key, const char *value)
{
    int vl = (int)strlen(value);
    if (vl > 80) return snprintf(err, errlen, "%s: %s = \"%.72s...\": ", origin, key, value);
    return snprintf(err, errlen, "%s: %s = \"%s\": ", origin, key, value);
}

#define CC_SPEC_FAIL(...)                                                    \
    do {                                                                     \
        int h_ = cc_spec_err_head(err, errlen, origin, s->key, value);       \
        if (h_ >= 0 && (size_t)h_ < errlen) snprintf(err + h_, errlen - (size_t)h_, __VA_ARGS__); \
        return GSL_EINVAL;                                                   \
    } while (0)

/* Edit distance of two short strings (for "did you mean"). */
static int cc_spec_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return 99;
    int d[64][64];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c) c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c) c = d[i][j - 1] + 1;
            d[i][j] = c;
        }
    return d[la][lb];
}

static const char *cc_spec_last_part(const char *k)
{
    const char *dot = strrchr(k, '.');
    return dot ? dot + 1 : k;
}

static int cc_spec_unknown(const cc_spec *specs, const char *key, const char *origin, char *err, size_t errlen)
{
    const char *best = NULL;
    int bd = 3;
    for (const cc_spec *s = specs; s->key; s++) {
        int d = cc_spec_distance(key, s->key);
        if (strcmp(cc_spec_last_part(key), cc_spec_last_part(s->key)) == 0 && d > 0) d = 1;
        if (d < bd) bd = d, best = s->key;
    }
    if (best)
        snprintf(err, errlen, "%s: unknown key \"%s\" (did you mean \"%s\"?)", origin, key, best);
    else
        snprintf(err, errlen, "%s: unknown key \"%s\" (--help lists the keys)", origin, key);
    return GSL_EINVAL;
}

/* ------------------------------------------------------------------ set */

/* 1 if two values of v (n) have the same %g text, with their indices in *a < *b. */
static int cc_spec_print_alike(const double *v, int n, int *a, int *b)
{
    char ti[32], tj[32];
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            snprintf(ti, sizeof ti, "%g", v[i]);
            snprintf(tj, sizeof tj, "%g", v[j]);
            if (strcmp(ti, tj) == 0) return *a = i, *b = j, 1;
        }
    return 0;
}

/* Parse value for s; store it only if store is nonzero. */
static int cc_spec_parse(const cc_spec *s, const char *value, const char *origin, int store, char *err,
                         size_t errlen)
{
    char range[80];
    cc_spec_range_text(s, range, sizeof range);
    switch (s->type) {
    case CC_SPEC_T_INT: {
        int v;
        if (!cc_spec_parse_int(value, &v)) CC_SPEC_FAIL("not an integer");
        if (!cc_spec_in_range(s, v)) CC_SPEC_FAIL("out of range %s", range);
        if (store) *s->ptr.i = v;
        return GSL_SUCCESS;
    }
    case CC_SPEC_T_DOUBLE: {
        double v;
        if (!cc_spec_parse_double(value, &v)) CC_SPEC_FAIL("not a finite real number");
        if (!cc_spec_in_range(s, v)) CC_SPEC_FAIL("out of range %s", range);
        if (store) *s->ptr.d = v;
        return GSL_SUCCESS;
    }
    case CC_SPEC_T_BOOL: {
        int v;
        if (!cc_spec_parse_bool(value, &v)) CC_SPEC_FAIL("not a boolean (true/false, yes/no, on/off, 1/0)");
        if (store) *s->ptr.i = v;
        return GSL_SUCCESS;
    }
    case CC_SPEC_T_STRING: {
        size_t n = strlen(value);
        if (n >= (size_t)s->cap) CC_SPEC_FAIL("longer than %d characters", s->cap - 1);
        for (size_t i = 0; i < n; i++) {
            if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f) CC_SPEC_FAIL("contains a control character");
            if ((value[i] == '#' || value[i] == ';') && i > 0 && isspace((unsigned char)value[i - 1]))
                CC_SPEC_FAIL("contains \"%c\" after a space (an INI comment)", value[i]);
        }
        if (store) memcpy(s->ptr.s, value, n + 1);
        return GSL_SUCCESS;
    }
    case CC_SPEC_T_CHOICE: {
        int i = cc_spec_choice_index(s->choices, value);
        if (i < 0) CC_SPEC_FAIL("not one of %s", s->choices);
        if (store) *s->ptr.i = i;
        return GSL_SUCCESS;
    }
    case CC_SPEC_T_LIST_INT:
    case CC_SPEC_T_LIST_DOUBLE: {
        /* parse all items into scratch first: the field changes only if all are good */
        int is_int = s->type == CC_SPEC_T_LIST_INT, n = 0;
        int *vi = is_int ? malloc((size_t)s->cap * sizeof *vi) : NULL;
        double *vd = is_int ? NULL : malloc((size_t)s->cap * sizeof *vd);
        char item[128];
        const char *p = value;
        int status = GSL_SUCCESS;
        if (!vi && !vd) {
            snprintf(err, errlen, "%s: %s: out of memory", origin, s->key);
            return GSL_ENOMEM;
        }
        while (*p && status == GSL_SUCCESS) { /* an empty value is an empty list */
            const char *c = strchr(p, ','), *e = c ? c : p + strlen(p), *b = p;
            while (b < e && isspace((unsigned char)*b)) b++;
            while (e > b && isspace((unsigned char)e[-1])) e--;
            size_t len = (size_t)(e - b);
            if (n == s->cap) {
                int total = n + 1;
                for (const char *q = p; *q; q++) total += *q == ',';
                cc_spec_err_head(err, errlen, origin, s->key, value);
                size_t h = strlen(err);
                snprintf(err + h, errlen - h, "%d items, at most %d", total, s->cap);
                status = GSL_EINVAL;
                break;
            }
            int ok = len > 0 && len < sizeof item;
            if (ok) {
                memcpy(item, b, len);
                item[len] = '\0';
                double v = 0;
                if (is_int) {
                    ok = cc_spec_parse_int(item, &vi[n]);
                    v = vi[n];
                } else {
                    ok = cc_spec_parse_double(item, &vd[n]);
                    v = vd[n];
                }
                if (ok && !cc_spec_in_range(s, v)) {
                    cc_spec_err_head(err, errlen, origin, s->key, value);
                    size_t h = strlen(err);
                    snprintf(err + h, errlen - h, "item %d (%s) out of range %s", n + 1, item, range);
                    status = GSL_EINVAL;
                    break;
                }
            }
            if (!ok) {
                cc_spec_err_head(err, errlen, origin, s->key, value);
                size_t h = strlen(err);
                snprintf(err + h, errlen - h, "item %d \"%.*s\" is not %s", n + 1, (int)(len > 40 ? 40 : len), b,
                         is_int ? "an integer" : "a finite real number");
                status = GSL_EINVAL;
                break;
            }
            n++;
            if (!c) break;
            p = c + 1;
            if (!*p) { /* trailing comma */
                cc_spec_err_head(err, errlen, origin, s->key, value);
                size_t h = strlen(err);
                snprintf(err + h, errlen - h, "item %d is empty", n + 1);
                status = GSL_EINVAL;
            }
        }
        int a, b; /* sweep values name units by their %g text: two that print alike would name the same */
        if (status == GSL_SUCCESS && !is_int && strncmp(s->key, "sweep.", 6) == 0 && cc_spec_print_alike(vd, n, &a, &b)) {
            char ta[32], tb[32], g[32];
            cc_out_format_double(ta, sizeof ta, vd[a]);
            cc_out_format_double(tb, sizeof tb, vd[b]);
            snprintf(g, sizeof g, "%g", vd[a]);
            cc_spec_err_head(err, errlen, origin, s->key, value);
            size_t h = strlen(err);
            if (vd[a] == vd[b])
                snprintf(err + h, errlen - h, "%s is listed twice", ta);
            else
                snprintf(err + h, errlen - h, "%s and %s print alike (%s) and would name the same units", ta, tb, g);
            status = GSL_EINVAL;
        }
        if (status == GSL_SUCCESS && store) {
            if (is_int)
                memcpy(s->ptr.i, vi, (size_t)n * sizeof *vi);
            else
                memcpy(s->ptr.d, vd, (size_t)n * sizeof *vd);
            *s->count = n;
        }
        free(vi);
        free(vd);
        return status;
    }
    case CC_SPEC_T_END:
        break;
    }
    snprintf(err, errlen, "%s: %s: bad parameter table entry", origin, s->key);
    return GSL_EINVAL;
}

const cc_spec *cc_spec_find(const cc_spec *specs, const char *key)
{
    for (const cc_spec *s = specs; s->key; s++)
        if (strcmp(s->key, key) == 0) return s;
    return NULL;
}

static int cc_spec_set_or_check(const cc_spec *specs, const char *key, const char *value, const char *origin,
                                int store, char *err, size_t errlen)
{
    const cc_spec *s = cc_spec_find(specs, key);
    if (!s) return cc_spec_unknown(specs, key, origin, err, errlen);
    return cc_spec_parse(s, value, origin, store, err, errlen);
}

int cc_spec_set(const cc_spec *specs, const char *key, const char *value, const char *origin, char *err,
                size_t errlen)
{
    return cc_spec_set_or_check(specs, key, value, origin, 1, err, errlen);
}

int cc_spec_check_value(const cc_spec *specs, const char *key, const char *value, const char *origin,
                        char *err, size_t errlen)
{
    return cc_spec_set_or_check(specs, key, value, origin, 0, err, errlen);
}

int cc_spec_apply_ini(const cc_spec *specs, const cc_ini *ini, int quick, char *err, size_t errlen)
{
    size_t ql = strlen(CC_SPEC_QUICK);
    char origin[1200];
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ini->n; i++) {
            const cc_ini_entry *e = &ini->e[i];
            int is_quick = strncmp(e->key, CC_SPEC_QUICK, ql) == 0;
            if (is_quick != pass) continue;
            snprintf(origin, sizeof origin, "%s:%d", e->file, e->line);
            int status = cc_spec_set_or_check(specs, e->key + (is_quick ? ql : 0), e->value, origin,
                                              !is_quick || quick, err, errlen);
            if (status) return status;
        }
    return GSL_SUCCESS;
}

int cc_spec_apply_assignment(const cc_spec *specs, const char *assignment, const char *origin, char *err,
                             size_t errlen)
{
    const char *eq = strchr(assignment, '=');
    if (!eq) {
        snprintf(err, errlen, "%s \"%s\": expected key=value", origin, assignment);
        return GSL_EINVAL;
    }
    const char *kb = assignment, *ke = eq, *vb = eq + 1, *ve = eq + 1 + strlen(eq + 1);
    while (kb < ke && isspace((unsigned char)*kb)) kb++;
    while (ke > kb && isspace((unsigned char)ke[-1])) ke--;
    while (vb < ve && isspace((unsigned char)*vb)) vb++;
    while (ve > vb && isspace((unsigned char)ve[-1])) ve--;
    size_t kl = (size_t)(ke - kb), vl = (size_t)(ve - vb);
    char *key = malloc(kl + 1), *value = malloc(vl + 1);
    if (!key || !value) {
        free(key);
        free(value);
        snprintf(err, errlen, "%s: out of memory", origin);
        return GSL_ENOMEM;
    }
    memcpy(key, kb, kl);
    key[kl] = '\0';
    memcpy(value, vb, vl);
    value[vl] = '\0';
    int status = cc_spec_set(specs, key, value, origin, err, errlen);
    free(key);
    free(value);
    return status;
}

/* ------------------------------------------------------------------ check */

static int cc_spec_key_ok(const char *k)
{
    size_t n = strlen(k);
    if (n == 0 || k[0] == '.' || k[n - 1] == '.') return 0;
    if (strcmp(k, "quick") == 0 || strncmp(k, CC_SPEC_QUICK, strlen(CC_SPEC_QUICK)) == 0) return 0;
    for (const char *p = k; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.')) return 0;
    return 1;
}

int cc_spec_check(const cc_spec *specs, char *err, size_t errlen)
{
    if (!specs) {
        snprintf(err, errlen, "parameter table missing");
        return GSL_EINVAL;
    }
    for (const cc_spec *s = specs; s->key; s++) {
        const char *k = s->key;
#define CC_SPEC_BAD(...)                                                       \
    do {                                                                       \
        int h_ = snprintf(err, errlen, "parameter table: %s: ", k);            \
        if (h_ >= 0 && (size_t)h_ < errlen) snprintf(err + h_, errlen - (size_t)h_, __VA_ARGS__); \
        return GSL_EINVAL;                                                     \
    } while (0)
        if (!cc_spec_key_ok(k)) CC_SPEC_BAD("invalid key (letters, digits, '_', '-', '.'; not under quick.)");
        for (const cc_spec *t = specs; t < s; t++)
            if (strcmp(t->key, k) == 0) CC_SPEC_BAD("declared twice");
        if (!s->ptr.i) CC_SPEC_BAD("no field");
        if (!s->doc) CC_SPEC_BAD("no doc line");
        switch (s->type) {
        case CC_SPEC_T_INT:
        case CC_SPEC_T_DOUBLE:
        case CC_SPEC_T_LIST_INT:
        case CC_SPEC_T_LIST_DOUBLE:
            if (!(s->min <= s->max)) CC_SPEC_BAD("empty range");
            break;
        case CC_SPEC_T_BOOL:
        case CC_SPEC_T_STRING:
        case CC_SPEC_T_CHOICE:
        case CC_SPEC_T_END:
            break;
        }
        switch (s->type) {
        case CC_SPEC_T_INT:
            if (!cc_spec_in_range(s, *s->ptr.i)) CC_SPEC_BAD("default %d out of range", *s->ptr.i);
            break;
        case CC_SPEC_T_DOUBLE:
            if (!cc_spec_in_range(s, *s->ptr.d)) CC_SPEC_BAD("default %g out of range", *s->ptr.d);
            break;
        case CC_SPEC_T_BOOL:
            if (*s->ptr.i != 0 && *s->ptr.i != 1) CC_SPEC_BAD("default %d is not 0 or 1", *s->ptr.i);
            break;
        case CC_SPEC_T_STRING:
            if (s->cap < 1 || !memchr(s->ptr.s, '\0', (size_t)s->cap)) CC_SPEC_BAD("string not terminated");
            break;
        case CC_SPEC_T_CHOICE: {
            if (!s->choices || !*s->choices || strstr(s->choices, "||") || s->choices[0] == '|' ||
                s->choices[strlen(s->choices) - 1] == '|')
                CC_SPEC_BAD("bad choice list");
            if (*s->ptr.i < 0 || *s->ptr.i >= cc_spec_choice_count(s->choices))
                CC_SPEC_BAD("default index %d out of the choices", *s->ptr.i);
            break;
        }
        case CC_SPEC_T_LIST_INT:
        case CC_SPEC_T_LIST_DOUBLE:
            if (!s->count || s->cap < 1) CC_SPEC_BAD("list without count or capacity");
            if (*s->count < 0 || *s->count > s->cap) CC_SPEC_BAD("default count %d not in [0, %d]", *s->count, s->cap);
            for (int i = 0; i < *s->count; i++) {
                double v = s->type == CC_SPEC_T_LIST_INT ? s->ptr.i[i] : s->ptr.d[i];
                if (!cc_spec_in_range(s, v)) CC_SPEC_BAD("default item %d out of range", i + 1);
            }
            break;
        case CC_SPEC_T_END:
            CC_SPEC_BAD("no type");
        }
#undef CC_SPEC_BAD
    }
    return GSL_SUCCESS;
}

/* ------------------------------------------------------------------ print */

int cc_spec_format(const cc_spec *s, char *buf, size_t n)
{
    char tmp[64];
    switch (s->type) {
    case CC_SPEC_T_INT:
        return snprintf(buf, n, "%d", *s->ptr.i);
    case CC_SPEC_T_DOUBLE:
        cc_out_format_double(tmp, sizeof tmp, *s->ptr.d);
        return snprintf(buf, n, "%s", tmp);
    case CC_SPEC_T_BOOL:
        return snprintf(buf, n, "%s", *s->ptr.i ? "true" : "false");
    case CC_SPEC_T_STRING:
        return snprintf(buf, n, "%s", s->ptr.s);
    case CC_SPEC_T_CHOICE:
        return cc_spec_choice_name(s->choices, *s->ptr.i, buf, n);
    case CC_SPEC_T_LIST_INT:
    case CC_SPEC_T_LIST_DOUBLE: {
        size_t used = 0;
        if (n) buf[0] = '\0';
        for (int i = 0; i < *s->count; i++) {
            if (s->type == CC_SPEC_T_LIST_INT)
                snprintf(tmp, sizeof tmp, "%d", s->ptr.i[i]);
            else
                cc_out_format_double(tmp, sizeof tmp, s->ptr.d[i]);
            int w = snprintf(used < n ? buf + used : NULL, used < n ? n - used : 0, "%s%s", i ? ", " : "", tmp);
            used += (size_t)w;
        }
        return (int)used;
    }
    case CC_SPEC_T_END:
        break;
    }
    return snprintf(buf, n, "?");
}

/* Value text of s in a malloc'd string (NULL if out of memory). */
static char *cc_spec_value_alloc(const cc_spec *s)
{
    int need = cc_spec_format(s, NULL, 0);
    char *v = malloc((size_t)need + 1);
    if (v) cc_spec_format(s, v, (size_t)need + 1);
    return v;
}

int cc_spec_dump(const cc_spec *specs, FILE *f)
{
    for (const cc_spec *s = specs; s->key; s++) {
        char *v = cc_spec_value_alloc(s);
        if (!v) GSL_ERROR("out of memory", GSL_ENOMEM);
        fprintf(f, "%s = %s\n", s->key, v);
        free(v);
    }
    return ferror(f) ? GSL_EFAILED : GSL_SUCCESS;
}

char *cc_spec_dump_string(const cc_spec *specs)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) GSL_ERROR_NULL("out of memory", GSL_ENOMEM);
    int status = cc_spec_dump(specs, f);
    if (fclose(f) != 0 || status != GSL_SUCCESS) {
        free(buf);
        GSL_ERROR_NULL("cannot format the parameters", GSL_ENOMEM);
    }
    return buf;
}

int cc_spec_help(const cc_spec *specs, FILE *f)
{
    for (const cc_spec *s = specs; s->key; s++) {
        char *v = cc_spec_value_alloc(s), range[80], what[160];
        if (!v) GSL_ERROR("out of memory", GSL_ENOMEM);
        cc_spec_range_text(s, range, sizeof range);
        switch (s->type) {
        case CC_SPEC_T_INT: snprintf(what, sizeof what, "integer in %s", range); break;
        case CC_SPEC_T_DOUBLE: snprintf(what, sizeof what, "real in %s", range); break;
        case CC_SPEC_T_BOOL: snprintf(what, sizeof what, "true or false"); break;
        case CC_SPEC_T_STRING: snprintf(what, sizeof what, "text, at most %d characters", s->cap - 1); break;
        case CC_SPEC_T_CHOICE: snprintf(what, sizeof what, "one of %s", s->choices); break;
        case CC_SPEC_T_LIST_INT: snprintf(what, sizeof what, "up to %d integers in %s, comma-separated", s->cap, range); break;
        case CC_SPEC_T_LIST_DOUBLE: snprintf(what, sizeof what, "up to %d reals in %s, comma-separated", s->cap, range); break;
        case CC_SPEC_T_END: what[0] = '\0'; break;
        }
        fprintf(f, "  %s = %s\n      %s; %s\n", s->key, v, what, s->doc);
        free(v);
    }
    return ferror(f) ? GSL_EFAILED : GSL_SUCCESS;
}
