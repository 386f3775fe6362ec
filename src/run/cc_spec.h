/* cc_spec.h: typed parameter tables of the experiment drivers.
 *
 * A driver keeps its parameters in one static struct holding the built-in
 * defaults, and declares a table that maps each dotted key to a field:
 *
 *     static struct { int epochs; double alpha; int arch; double taus[8]; int n_taus; } P =
 *         {.epochs = 50, .alpha = 0.1, .arch = 2, .taus = {3}, .n_taus = 1};
 *     static const cc_spec SPECS[] = {
 *         CC_SPEC_INT("train.epochs", &P.epochs, 1, 100000, "epochs of training"),
 *         CC_SPEC_DOUBLE("model.alpha", &P.alpha, 0, 1, "leak of the cortical units"),
 *         CC_SPEC_CHOICE("model.arch", &P.arch, "none|readout_fb|cereb_fb|cereb_readout", "architecture"),
 *         CC_SPEC_LIST_DOUBLE("sweep.tau", P.taus, &P.n_taus, 0, 6, "cerebellar time windows"),
 *         CC_SPEC_END};
 *
 * Values are set from text: from the INI (cc_spec_apply_ini, which also handles the
 * [quick] overrides) and from "--set key=value" (cc_spec_apply_assignment). Text is
 * checked in full: integers by strtol, reals by strtod, each with no trailing junk,
 * no inf/nan, inside the declared closed range [min, max]; booleans are
 * true/false/yes/no/on/off/1/0; a choice is one of the '|'-separated names and is
 * stored as its 0-based index; a list is comma-separated, 0..capacity items, each
 * checked like a scalar (an empty value is an empty list), and no two reals of a sweep.* list
 * may print alike with %g (units are named by that text); a string must fit its
 * char array (with the NUL) and may not hold control characters or " #", " ;"
 * (so that the dump reads back as INI).
 *
 * Every refusal is an input error: a status with a message that names where the
 * value came from, the key and the value ("fig2.ini:12: train.epochs = \"3x\": not an
 * integer"), written to the caller's buffer; never gsl_error, so that the driver can
 * exit with status 2.
 *
 * Not here: reading files (cc_ini), command lines (cc_driver), cross-parameter rules
 * (the driver's validate callback).
 */
#ifndef CC_SPEC_H
#define CC_SPEC_H

#include <stddef.h>
#include <stdio.h>

#include "cc_ini.h"

typedef enum {
    CC_SPEC_T_END = 0,
    CC_SPEC_T_INT,         /* int,    range [min, max] */
    CC_SPEC_T_DOUBLE,      /* double, range [min, max] */
    CC_SPEC_T_BOOL,        /* int 0/1 */
    CC_SPEC_T_STRING,      /* char[cap] */
    CC_SPEC_T_CHOICE,      /* int index into choices "a|b|c" */
    CC_SPEC_T_LIST_INT,    /* int[cap] + int count, each item in [min, max] */
    CC_SPEC_T_LIST_DOUBLE  /* double[cap] + int count, each item in [min, max] */
} cc_spec_type;

typedef struct {
    const char *key;     /* "section.name"; must not start with "quick." */
    cc_spec_type type;
    union {
        int *i;
        double *d;
        char *s;
    } ptr;               /* the field (first element for lists and strings) */
    int *count;          /* lists: number of items held */
    int cap;             /* lists: capacity in items; strings: size of the char array */
    double min, max;     /* numbers and list items: closed range */
    const char *choices; /* choice: "a|b|c" */
    const char *doc;     /* one line for --help */
} cc_spec;

#define CC_SPEC_NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ptr must be an int*, a double* or an array as named; lists and strings take the
 * array itself (not a pointer) so that the capacity is its size. */
#define CC_SPEC_INT(KEY, PTR, MIN, MAX, DOC) \
    {.key = (KEY), .type = CC_SPEC_T_INT, .ptr.i = (PTR), .min = (MIN), .max = (MAX), .doc = (DOC)}
#define CC_SPEC_DOUBLE(KEY, PTR, MIN, MAX, DOC) \
    {.key = (KEY), .type = CC_SPEC_T_DOUBLE, .ptr.d = (PTR), .min = (MIN), .max = (MAX), .doc = (DOC)}
#define CC_SPEC_BOOL(KEY, PTR, DOC) \
    {.key = (KEY), .type = CC_SPEC_T_BOOL, .ptr.i = (PTR), .min = 0, .max = 1, .doc = (DOC)}
#define CC_SPEC_STRING(KEY, ARRAY, DOC)                                                           \
    {.key = (KEY), .type = CC_SPEC_T_STRING, .ptr.s = (ARRAY), .cap = CC_SPEC_NELEM(ARRAY), \
     .doc = (DOC)}
#define CC_SPEC_CHOICE(KEY, PTR, CHOICES, DOC) \
    {.key = (KEY), .type = CC_SPEC_T_CHOICE, .ptr.i = (PTR), .choices = (CHOICES), .doc = (DOC)}
#define CC_SPEC_LIST_INT(KEY, ARRAY, COUNT, MIN, MAX, DOC)                                          \
    {.key = (KEY), .type = CC_SPEC_T_LIST_INT, .ptr.i = (ARRAY), .count = (COUNT),                  \
     .cap = CC_SPEC_NELEM(ARRAY), .min = (MIN), .max = (MAX), .doc = (DOC)}
#define CC_SPEC_LIST_DOUBLE(KEY, ARRAY, COUNT, MIN, MAX, DOC)                                       \
    {.key = (KEY), .type = CC_SPEC_T_LIST_DOUBLE, .ptr.d = (ARRAY), .count = (COUNT),               \
     .cap = CC_SPEC_NELEM(ARRAY), .min = (MIN), .max = (MAX), .doc = (DOC)}
#define CC_SPEC_END {.key = NULL, .type = CC_SPEC_T_END}

/* Checks the table itself (valid unique keys, none under "quick.", ranges, choice
 * lists, capacities) and that the current values are legal. GSL_SUCCESS or
 * GSL_EINVAL with a message: a failure is a bug of the driver, not of its input. */
int cc_spec_check(const cc_spec *specs, char *err, size_t errlen);

/* The entry of key, or NULL. */
const cc_spec *cc_spec_find(const cc_spec *specs, const char *key);

/* Set key from text. origin says where the text came from ("fig2.ini:12", "--set").
 * GSL_SUCCESS, or GSL_EINVAL with a message; on error the field is unchanged. */
int cc_spec_set(const cc_spec *specs, const char *key, const char *value, const char *origin, char *err,
                size_t errlen);

/* Check the text as cc_spec_set would, without storing it. */
int cc_spec_check_value(const cc_spec *specs, const char *key, const char *value, const char *origin,
                        char *err, size_t errlen);

/* Apply an INI: first every key outside the [quick] section, in file order; then,
 * if quick is nonzero, every "quick.KEY" entry as KEY. The [quick] entries are
 * checked (known key, legal value) even when quick is zero, so that a typo there is
 * caught by every run. Stops at the first error. */
int cc_spec_apply_ini(const cc_spec *specs, const cc_ini *ini, int quick, char *err, size_t errlen);

/* Apply "key=value" (spaces around either side allowed), as given to --set. */
int cc_spec_apply_assignment(const cc_spec *specs, const char *assignment, const char *origin, char *err,
                             size_t errlen);

/* Current value of one entry as text that cc_spec_set reads back to the same value
 * (reals shortest round-trip, lists "a, b, c", choices by name). Returns the length
 * it needed (like snprintf); the text is cut if that is >= n. */
int cc_spec_format(const cc_spec *s, char *buf, size_t n);

/* Current value as a JSON value: number, true/false, "string" or [array]. */
int cc_spec_format_json(const cc_spec *s, char *buf, size_t n);

/* Every key as "key = value" lines: valid INI that reproduces the values. */
int cc_spec_dump(const cc_spec *specs, FILE *f);

/* Same as cc_spec_dump into a malloc'd string (free it), or NULL (GSL_ENOMEM raised). */
char *cc_spec_dump_string(const cc_spec *specs);

/* One paragraph per key for --help: "  key = value   [range or choices]" then the doc. */
int cc_spec_help(const cc_spec *specs, FILE *f);

#endif
