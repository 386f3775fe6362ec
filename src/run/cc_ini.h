/* cc_ini.h: a small INI reader for the experiment configs.
 *
 * Syntax (one statement a line):
 *     # comment            ; comment            (blank lines too)
 *     [section]            keys below are named "section.key"
 *     key = value          keys before any section have no prefix
 *     key = value  # note  a trailing comment starts at '#' or ';' after whitespace
 * Keys and section names are made of [A-Za-z0-9_.-] and do not start or end with '.'.
 * Values are the text after '=', trimmed; they are not unquoted. A key may appear
 * once (after the section prefix is added): a second one is an error naming both lines.
 *
 * The reader only collects (key, value, file, line) entries in file order. It does
 * not know which keys exist or what they mean (see cc_spec), nor what "[quick]" is:
 * a "[quick]" section simply yields keys "quick.<key>".
 *
 * Errors are input errors: they are returned as a status with a message of the form
 * "FILE:LINE: what" written to the caller's buffer, never through gsl_error, so that
 * the driver can turn them into exit status 2.
 */
#ifndef CC_INI_H
#define CC_INI_H

#include <stddef.h>

typedef struct {
    char *key;    /* full key, "section.key" */
    char *value;  /* trimmed value, comment removed ("" if empty) */
    char *file;   /* file name as given to the loader */
    int line;     /* 1-based line number */
} cc_ini_entry;

typedef struct {
    cc_ini_entry *e;  /* (n) entries in file order */
    size_t n, cap;
} cc_ini;

/* Empty INI, ready for cc_ini_load / cc_ini_parse. */
void cc_ini_init(cc_ini *ini);

/* Longest config file read (bytes): a longer or endless one is refused at once. */
#define CC_INI_MAX_BYTES (1 << 20)

/* Parse the file at path (at most CC_INI_MAX_BYTES) and append its entries. GSL_SUCCESS, or GSL_EFAILED
 * (unreadable file), GSL_EINVAL (malformed line, duplicate key) or GSL_ENOMEM,
 * with a message in err ("path:line: ..."). On error ini keeps what it held before. */
int cc_ini_load(cc_ini *ini, const char *path, char *err, size_t errlen);

/* Same as cc_ini_load on text already in memory; name is used in messages. */
int cc_ini_parse(cc_ini *ini, const char *text, const char *name, char *err, size_t errlen);

/* Entry with this full key, or NULL. */
const cc_ini_entry *cc_ini_find(const cc_ini *ini, const char *key);

/* Release everything; ini is empty afterwards and may be reused. */
void cc_ini_free(cc_ini *ini);

#endif
