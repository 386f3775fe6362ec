/* cc_ini.c: INI reader (see cc_ini.h for the syntax).
 *
 * Reads the whole file into memory, then walks it line by line. No knowledge of
 * keys, types or the [quick] convention lives here.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "cc_ini.h"
#include "cc_out.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cc_ini_init(cc_ini *ini)
{
    ini->e = NULL;
    ini->n = ini->cap = 0;
}

static char *cc_ini_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static int cc_ini_is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static int cc_ini_is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

/* 1 if s[0..n) is a valid key or section name. */
static int cc_ini_valid_name(const char *s, size_t n)
{
    if (n == 0 || s[0] == '.' || s[n - 1] == '.') return 0;
    for (size_t i = 0; i < n; i++) {
        if (!cc_ini_is_name_char(s[i])) return 0;
        if (s[i] == '.' && i + 1 < n && s[i + 1] == '.') return 0;
    }
    return 1;
}

/* Trim [*b, *e) of surrounding whitespace. */
static void cc_ini_trim(const char **b, const char **e)
{
    while (*b < *e && cc_ini_is_space(**b)) (*b)++;
    while (*e > *b && cc_ini_is_space((*e)[-1])) (*e)--;
}

/* End of the meaningful part of [b, e): a '#' or ';' at the start or after whitespace. */
static const char *cc_ini_strip_comment(const char *b, const char *e)
{
    for (const char *p = b; p < e; p++)
        if ((*p == '#' || *p == ';') && (p == b || cc_ini_is_space(p[-1]))) return p;
    return e;
}

static void cc_ini_drop_from(cc_ini *ini, size_t n0)
{
    for (size_t i = n0; i < ini->n; i++) {
        free(ini->e[i].key);
        free(ini->e[i].value);
        free(ini->e[i].file);
    }
    ini->n = n0;
}

static int cc_ini_append(cc_ini *ini, char *key, const char *vb, size_t vn, const char *name, int line)
{
    if (ini->n == ini->cap) {
        size_t cap = ini->cap ? 2 * ini->cap : 16;
        cc_ini_entry *e = realloc(ini->e, cap * sizeof *e);
        if (!e) return GSL_ENOMEM;
        ini->e = e;
        ini->cap = cap;
    }
    cc_ini_entry *x = &ini->e[ini->n];
    x->key = key;
    x->value = cc_ini_strndup(vb, vn);
    x->file = cc_ini_strndup(name, strlen(name));
    x->line = line;
    if (!x->value || !x->file) {
        free(x->value);
        free(x->file);
        return GSL_ENOMEM;
    }
    ini->n++;
    return GSL_SUCCESS;
}

const cc_ini_entry *cc_ini_find(const cc_ini *ini, const char *key)
{
    for (size_t i = 0; i < ini->n; i++)
        if (strcmp(ini->e[i].key, key) == 0) return &ini->e[i];
    return NULL;
}

int cc_ini_parse(cc_ini *ini, const char *text, const char *name, char *err, size_t errlen)
{
    size_t n0 = ini->n;
    char section[512] = "";
    int line = 0;
    int status = GSL_SUCCESS;
    const char *p = text;
    while (*p && status == GSL_SUCCESS) {
        const char *b = p, *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        p = *e ? e + 1 : e;
        line++;
        cc_ini_trim(&b, &e);
        if (b == e || *b == '#' || *b == ';') continue;
        if (*b == '[') {
            const char *close = memchr(b, ']', (size_t)(e - b));
            if (!close) {
                snprintf(err, errlen, "%s:%d: malformed section header (no ']')", name, line);
                status = GSL_EINVAL;
                break;
            }
            const char *rest = close + 1, *re = e;
            re = cc_ini_strip_comment(rest, re);
            cc_ini_trim(&rest, &re);
            const char *sb = b + 1, *se = close;
            cc_ini_trim(&sb, &se);
            if (rest != re || !cc_ini_valid_name(sb, (size_t)(se - sb)) || (size_t)(se - sb) >= sizeof section) {
                snprintf(err, errlen, "%s:%d: malformed section header \"%.*s\"", name, line, (int)(e - b), b);
                status = GSL_EINVAL;
                break;
            }
            memcpy(section, sb, (size_t)(se - sb));
            section[se - sb] = '\0';
            continue;
        }
        const char *eq = memchr(b, '=', (size_t)(e - b));
        if (!eq) {
            snprintf(err, errlen, "%s:%d: malformed line \"%.*s\" (expected 'key = value' or '[section]')", name,
                     line, (int)(e - b), b);
            status = GSL_EINVAL;
            break;
        }
        const char *kb = b, *ke = eq, *vb = eq + 1, *ve = e;
        cc_ini_trim(&kb, &ke);
        if (!cc_ini_valid_name(kb, (size_t)(ke - kb))) {
            snprintf(err, errlen, "%s:%d: malformed key \"%.*s\" (letters, digits, '_', '-', '.')", name, line,
                     (int)(ke - kb), kb);
            status = GSL_EINVAL;
            break;
        }
        ve = cc_ini_strip_comment(vb, ve);
        cc_ini_trim(&vb, &ve);
        size_t sl = strlen(section), kl = (size_t)(ke - kb);
        char *key = malloc(sl + 1 + kl + 1);
        if (!key) {
            snprintf(err, errlen, "%s:%d: out of memory", name, line);
            status = GSL_ENOMEM;
            break;
        }
        if (sl) {
            memcpy(key, section, sl);
            key[sl] = '.';
            memcpy(key + sl + 1, kb, kl);
            key[sl + 1 + kl] = '\0';
        } else {
            memcpy(key, kb, kl);
            key[kl] = '\0';
        }
        const cc_ini_entry *dup = cc_ini_find(ini, key);
        if (dup) {
            snprintf(err, errlen, "%s:%d: duplicate key \"%s\" (first set at %s:%d)", name, line, key, dup->file,
                     dup->line);
            free(key);
            status = GSL_EINVAL;
            break;
        }
        if (cc_ini_append(ini, key, vb, (size_t)(ve - vb), name, line) != GSL_SUCCESS) {
            free(key);
            snprintf(err, errlen, "%s:%d: out of memory", name, line);
            status = GSL_ENOMEM;
            break;
        }
    }
    if (status != GSL_SUCCESS) cc_ini_drop_from(ini, n0);
    return status;
}

int cc_ini_load(cc_ini *ini, const char *path, char *err, size_t errlen)
{
    char *text;
    size_t n;
    int status = cc_file_read_max(path, &text, &n, CC_INI_MAX_BYTES);
    if (status != GSL_SUCCESS) {
        if (status == GSL_EFAILED && errno == EFBIG)
            snprintf(err, errlen, "config %s: longer than %d bytes (not a config file)", path, CC_INI_MAX_BYTES);
        else
            snprintf(err, errlen, "cannot read config %s: %s", path,
                     status == GSL_ENOMEM ? "out of memory" : strerror(errno));
        return status;
    }
    if (strlen(text) != n) {
        snprintf(err, errlen, "%s: not a text file (contains a NUL byte)", path);
        free(text);
        return GSL_EINVAL;
    }
    status = cc_ini_parse(ini, text, path, err, errlen);
    free(text);
    return status;
}

void cc_ini_free(cc_ini *ini)
{
    cc_ini_drop_from(ini, 0);
    free(ini->e);
    cc_ini_init(ini);
}
