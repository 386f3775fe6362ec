/* cc_record.h: the run record, one JSON file per unit (or merge) of a driver.
 *
 * OUT/runs/<unit>.json is written when the unit starts, with "status": "RUNNING",
 * and rewritten when it ends with "COMPLETED" or "FAILED" (and the error), always
 * atomically through cc_out. A run that is killed leaves its RUNNING record behind:
 * a visible trace. Fields: driver, unit, status, error, argv, out, config_file,
 * quick, config_id, config (every key with its typed value), seeds, git commit, dirty flag
 * and the files that make it dirty (git_commit, git_dirty, git_dirty_files: at most
 * CC_RECORD_DIRTY_MAX names, git_dirty_count: how many in all; "unknown"/null outside a
 * repository), compiler, cflags (if CC_CFLAGS is
 * defined), GSL version, BLAS name (CC_BLAS_NAME, "unknown" if undefined) and, when
 * CC_BLAS_OPENBLAS is defined, openblas_get_config(); the OpenBLAS core in use, why it is
 * used and a one-line note (blas_core, blas_core_why, blas_core_note: cc_blas.h), host, pid, start and end
 * time (ISO 8601 UTC), elapsed seconds, and the metrics (non-finite values written as null):
 * in a unit, every value of its one-row tables ("test.mse": cc_expt_write_row), the end of
 * its learning curve and its best epoch (curve.val_metric_end, curve.best_epoch), its
 * core-seconds (cpu_s), and whatever the driver adds.
 *
 * The record is kept apart from the data TSVs on purpose: it holds times and hosts,
 * the TSVs must stay byte-identical across reruns.
 *
 * git_dirty is true when a file the build uses differs from the commit: a tracked file
 * modified, or an untracked one, under src/, experiments/, figures/<name>.gp or the Makefile
 * (sources, drivers, configs, plot scripts). The data a run rewrites (data/) and files
 * that make no data (tests/, paper/) do not count.
 *
 * cc_record_read reads a record back (jansson): what a merge checks of its units, and
 * any value of it as text (cc-record, the scripts).
 *
 * Not here: deciding when a run starts or ends (cc_driver), data files (cc_out).
 */
#ifndef CC_RECORD_H
#define CC_RECORD_H

#include <stddef.h>
#include <stdio.h>

#include "cc_spec.h"

/* At most this many dirty files are named in a record (git_dirty_count counts them all). */
#define CC_RECORD_DIRTY_MAX 50
/* A record file longer than this is refused by cc_record_read (bytes: 16 MiB). */
#define CC_RECORD_READ_MAX (16u << 20)

typedef struct cc_record cc_record;

/* A record to be written at path for this driver and unit ("merge" for a merge).
 * Queries git once (silently). NULL if out of memory (raised). */
cc_record *cc_record_alloc(const char *path, const char *driver, const char *unit);
void cc_record_free(cc_record *r);

/* Context of the run: the command line, where it writes, which config file
 * (NULL: none), whether --quick was given, and the id of the parameter values
 * (NULL: none; see cc_driver.h). */
/* The driver's summary line, written as "title" after "driver" (the report's heading of a
 * figure that has no section of its own). */
int cc_record_set_title(cc_record *r, const char *title);
int cc_record_set_argv(cc_record *r, int argc, char *const *argv);
int cc_record_set_context(cc_record *r, const char *out, const char *config_file, int quick,
                          const char *config_id);

/* Snapshot of every parameter's current value. */
int cc_record_set_config(cc_record *r, const cc_spec *specs);

/* Append a seed that this unit used (in the order given). */
int cc_record_seed(cc_record *r, long seed);

/* Set (or replace) a metric. */
int cc_record_metric(cc_record *r, const char *name, double value);

/* Start the clock and write the record as RUNNING. */
int cc_record_begin(cc_record *r);

/* Stop the clock and write the record as COMPLETED (ok nonzero) or FAILED with
 * the error text (may be NULL). */
int cc_record_end(cc_record *r, int ok, const char *error);

/* ------------------------------------------------------------------ reading a record */

typedef enum { CC_RECORD_RUNNING, CC_RECORD_COMPLETED, CC_RECORD_FAILED } cc_record_status;

struct json_t; /* jansson's value: the parsed record */

/* What a record says of its run. The strings point into root: valid until
 * cc_record_info_free. */
typedef struct {
    const char *driver, *unit;  /* "fig2", "cereb_fb-s0" or "merge" */
    cc_record_status status;
    const char *config_id;      /* 16 hex digits, or NULL when the record has null */
    struct json_t *root;        /* the whole record (an object) */
} cc_record_info;

/* Read and check the record at path (at most CC_RECORD_READ_MAX bytes): a JSON object
 * with the strings "driver" and "unit", "status" one of RUNNING, COMPLETED, FAILED,
 * "config_id" a string or null, "config" an object. Returns GSL_SUCCESS (free info with
 * cc_record_info_free); GSL_EFAILED when the file cannot be read (err: strerror); GSL_EINVAL
 * when it is not a valid run record (err: why, jansson's reason with its line and column for
 * a JSON error); GSL_ENOMEM. Raises nothing: callers report input errors in their words. */
int cc_record_read(const char *path, cc_record_info *info, char *err, size_t n);
void cc_record_info_free(cc_record_info *info);

/* Value of the top-level field name (cc_record_field_text) or of the parameter key of the
 * record's "config" object (cc_record_config_text) as text: a string as it is, a real as
 * its shortest round-trip text, true/false, null, an array as its items joined by ", "
 * (as cc_spec_format writes lists). Returns the length needed (like snprintf; the text is
 * cut if that is >= n), or -1 when there is no such field or it is an object. */
int cc_record_field_text(const cc_record_info *info, const char *name, char *buf, size_t n);
int cc_record_config_text(const cc_record_info *info, const char *key, char *buf, size_t n);

/* s as a JSON string literal (quotes included): ", \ and control characters
 * escaped, other bytes (UTF-8) copied. Returns 0 or EOF on a write error. */
int cc_json_string(FILE *f, const char *s);

#endif
