/* cc_record.h: the run record, one JSON file per unit (or merge) of a driver.
 *
 * OUT/runs/<unit>.json is written when the unit starts, with "status": "RUNNING",
 * and rewritten when it ends with "COMPLETED" or "FAILED" (and the error), always
 * atomically through cc_out. A run that is killed leaves its RUNNING record behind:
 * a visible trace. Fields: driver, unit, status, error, argv, out, config_file,
 * quick, config_id, config (every key with its typed value), seeds, git commit and dirty flag
 * ("unknown"/null outside a repository), compiler, cflags (if CC_CFLAGS is
 * defined), GSL version, BLAS name (CC_BLAS_NAME, "unknown" if undefined) and, when
 * CC_BLAS_OPENBLAS is defined, openblas_get_config(); the OpenBLAS core in use, why it is
 * used and a one-line note (blas_core, blas_core_why, blas_core_note: cc_blas.h), host, pid, start and end
 * time (ISO 8601 UTC), elapsed seconds, and the summary metrics that the driver
 * adds (non-finite values are written as null).
 *
 * The record is kept apart from the data TSVs on purpose: it holds times and hosts,
 * the TSVs must stay byte-identical across reruns.
 *
 * Not here: deciding when a run starts or ends (cc_driver), data files (cc_out).
 */
#ifndef CC_RECORD_H
#define CC_RECORD_H

#include <stdio.h>

#include "cc_spec.h"

typedef struct cc_record cc_record;

/* A record to be written at path for this driver and unit ("merge" for a merge).
 * Queries git once (silently). NULL if out of memory (raised). */
cc_record *cc_record_alloc(const char *path, const char *driver, const char *unit);
void cc_record_free(cc_record *r);

/* Context of the run: the command line, where it writes, which config file
 * (NULL: none), whether --quick was given, and the id of the parameter values
 * (NULL: none; see cc_driver.h). */
int cc_record_set_argv(cc_record *r, int argc, char *const *argv);
int cc_record_set_context(cc_record *r, const char *out, const char *config_file, int quick,
                          const char *config_id);

/* Snapshot of every parameter's current value. */
int cc_record_set_config(cc_record *r, const cc_spec *specs);

/* Append a seed that this unit used (in the order given). */
int cc_record_seed(cc_record *r, long seed);

/* Set (or replace) a summary metric. */
int cc_record_metric(cc_record *r, const char *name, double value);

/* Start the clock and write the record as RUNNING. */
int cc_record_begin(cc_record *r);

/* Stop the clock and write the record as COMPLETED (ok nonzero) or FAILED with
 * the error text (may be NULL). */
int cc_record_end(cc_record *r, int ok, const char *error);

/* s as a JSON string literal (quotes included): ", \ and control characters
 * escaped, other bytes (UTF-8) copied. Returns 0 or EOF on a write error. */
int cc_json_string(FILE *f, const char *s);

#endif
