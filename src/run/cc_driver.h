/* cc_driver.h: the main() shared by every figure driver.
 *
 * A driver declares its parameters (cc_spec table) and three callbacks, and its
 * main is one line: `return cc_driver_main(argc, argv, &EXPERIMENT);`.
 *
 * Command line (the Makefile uses the first three forms):
 *     figN --config F [--quick] --list-units           unit ids on stdout, one a line
 *     figN --config F [--quick] --out D --unit ID      one unit: D/units/ID.* + D/runs/ID.json
 *     figN --config F [--quick] --out D --merge        D/<panel>.tsv, summary.tsv, claims.tsv + D/runs/merge.json
 *     figN --config F [--quick] --out D                every unit serially, then merge
 *     figN --config F [--quick] --get KEY              the value of parameter KEY on stdout
 *     figN --help                                      options and every key with its default
 * plus --set key=value (repeatable) and --seeds N (= --set run.seeds=N). Options take
 * their value as the next argument or after '=' (--out=D).
 * Order of settings: built-in defaults, the config file, its [quick] section (only
 * with --quick), then --set/--seeds in command-line order.
 *
 * plus --max-mem SIZE (bytes, or with a K/M/G suffix): refuse a unit that would
 * need more memory than that (the default limit is MemAvailable of /proc/meminfo).
 *
 * Exit status: 0 success; 2 bad input (unknown option or key, malformed value,
 * unreadable or oversized config, settings that contradict each other, a unit that
 * needs more memory than allowed, unknown unit id, missing --out, an --out, units/,
 * runs/ or out_dirs folder that cannot be written, a merge whose unit files are missing,
 * unfinished, truncated or made with other parameters or whose run records are not
 * valid, an unknown --get key), with exactly one line
 * "figN: error: ..." on stderr and nothing written: every check is made before the
 * first directory or file is created; 1 a failure during a run (also a write error
 * on standard output, with a message). The GSL error handler installed here prints
 * "figN: error: <reason> (file:line)", deletes open temporaries, marks the current
 * run record FAILED and exits 1 (2 inside a merge, which then leaves no trace).
 *
 * Checks made for every driver, before any unit starts and even with --list-units:
 * each key's own range (cc_spec); then train.batch <= train.n_train, model.mf_inputs
 * <= model.N, not both model.temporal_basis and model.final_learning, no empty
 * sweep.* list; then the driver's validate callback (cc_expt_check there adds the
 * model's and the protocol's own checks per task and condition: tau against the
 * trial length, ...).
 *
 * The merge is all-or-nothing. It first checks that every unit has a COMPLETED run
 * record of the same parameters and that every units/ID.*.tsv is complete and of
 * these parameters (else exit 2 naming the file; records are read as JSON by
 * cc_record_read). The merge callback then writes
 * into a staging folder OUT/.merge.<pid> (ctx->out points there; its units/ is a
 * link to OUT/units), which replaces OUT/.merged in one rename (RENAME_EXCHANGE);
 * each output OUT/<name> is a symbolic link to .merged/<name>, so readers of
 * OUT/<name> see either the whole previous set or the whole new one. Leftovers of a
 * killed run (*.tmp.<pid>, .merge.<pid>) in OUT, units/, runs/, .merged/ and the
 * driver's out_dirs are removed by the next run.
 *
 * Callbacks return GSL_SUCCESS or a status (nonzero: the run failed). units()
 * must only list (no files, no output); it sees the final parameter values.
 * Not here: any figure's content.
 */
#ifndef CC_DRIVER_H
#define CC_DRIVER_H

#include <gsl/gsl_errno.h> /* callbacks return GSL status codes */
#include <stddef.h>

#include "cc_out.h"
#include "cc_record.h"
#include "cc_spec.h"

/* Ids of the independent units of a driver, in a fixed order. An id is made of
 * [A-Za-z0-9._-], does not start with '.' or '-', is not "merge", is at most 200
 * characters and is unique (the driver checks this after units()). */
typedef struct {
    char **id;  /* (n) */
    int n, cap;
} cc_unit_list;

/* Append a printf-formatted id. GSL_SUCCESS or GSL_ENOMEM (raised). */
int cc_unit_list_add(cc_unit_list *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Index of id, or -1. */
int cc_unit_list_find(const cc_unit_list *l, const char *id);
/* All ids joined by sep, malloc'd (free it), or NULL (raised). */
char *cc_unit_list_join(const cc_unit_list *l, const char *sep);
void cc_unit_list_free(cc_unit_list *l);

typedef struct cc_grid cc_grid; /* cc_grid.h */
typedef struct cc_cond cc_cond;

/* What a callback knows about the run. */
typedef struct {
    const char *name;           /* driver name, "fig2" */
    const char *out;            /* --out directory; NULL when only listing */
    const char *config_file;    /* --config, or NULL */
    int quick;                  /* --quick given */
    const char *config;         /* every parameter as "key = value" lines */
    const char *config_id;      /* 16 hex digits, FNV-1a hash of config: tells which
                                   parameters made a file (see cc_ctx_tsv_open); inside a
                                   unit, the id of that unit's resolved configuration */
    const char *figure_config_id; /* the id of config, whatever runs */
    char (*unit_config_ids)[17];  /* (units->n) each unit's config id (NULL inside units()) */
    const cc_unit_list *units;  /* every unit (NULL inside units()) */
    const char *unit;           /* unit being run; NULL in units() and merge() */
    int unit_index;             /* its index in units, -1 otherwise */
    const cc_grid *grid;        /* the conditions of a grid driver (cc_grid.h), else NULL */
    const cc_cond *cond;        /* inside a unit of a grid: its condition, seed index and seed */
    int seed_index;
    unsigned long seed;
    const char *label;          /* "fig2 unit ID" / "fig2 merge", for cc_progress */
    cc_record *rec;             /* run record of this unit or merge; NULL in units() */
    int argc;
    char *const *argv;
} cc_run_ctx;

typedef struct {
    const char *name;     /* "fig2": error prefix, record "driver" */
    const char *summary;  /* one line for --help */
    const cc_spec *specs; /* parameters, CC_SPEC_END-terminated */
    /* Optional cross-parameter checks after all settings: GSL_SUCCESS, or nonzero
     * with a message in err (exit 2). */
    int (*validate)(const cc_run_ctx *ctx, char *err, size_t errlen);
    int (*units)(cc_unit_list *out, const cc_run_ctx *ctx);
    int (*run_unit)(const cc_run_ctx *ctx); /* one unit: ctx->unit, and in a grid ctx->cond, ctx->seed */
    int (*merge)(const cc_run_ctx *ctx);
    /* A grid driver (cc_grid.h) declares its conditions here instead of units(): the units, the
     * per-condition checks (before validate) and each unit's resolved configuration follow. */
    int (*grid)(cc_grid *g, const cc_run_ctx *ctx);
    const char *grid_keys;     /* space-separated keys ("x.*": a section) turned into conditions */
    const char *analysis_keys; /* space-separated keys read by the merge only */
    /* space-separated folders of --out the driver writes besides units/ and runs/ ("models"): each
     * checked writable before anything runs (exit 2), and cleared of the leftovers of killed runs */
    const char *out_dirs;
} cc_experiment;

/* Parse the command line, apply the settings, dispatch. Returns the exit status
 * (0, 1 or 2) for main to return; exits 1 itself only from the GSL error handler. */
int cc_driver_main(int argc, char **argv, const cc_experiment *exp);

/* The library's own checks (cc_config_validate, cc_protocol_check, ...) report
 * through gsl_error, which ends a run with status 1. Between cc_driver_check_begin()
 * and cc_driver_check_end() a gsl_error is only recorded: end returns nonzero with
 * the first reason in err, so that a validate callback can refuse with status 2. */
void cc_driver_check_begin(void);
int cc_driver_check_end(char *err, size_t n);

/* Memory (bytes) that one unit will allocate, noted by a validate callback (see
 * cc_expt_check): the largest noted is checked against the memory available before
 * any unit runs. A driver that notes nothing is checked on an estimate made from
 * its model.* and train.* keys and the longest trial of any task. */
void cc_driver_note_memory(double bytes);

/* "OUT/<formatted>" into buf. GSL_SUCCESS, or GSL_EINVAL (no --out, or too long; raised). */
int cc_ctx_path(const cc_run_ctx *ctx, char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* cc_tsv_open on OUT/<formatted>, with h->config_id set to ctx->config_id. */
int cc_ctx_tsv_open(const cc_run_ctx *ctx, cc_tsv *t, const cc_tsv_head *h, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* cc_table_read of OUT/<formatted>, refused (GSL_EINVAL, raised: "... was made with
 * other parameters, rerun its unit") unless its "# config:" id is ctx->config_id.
 * This keeps a merge from mixing unit files of another configuration (a --quick
 * run, an older config) into the figure's data. */
int cc_ctx_table_read(const cc_run_ctx *ctx, cc_table *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
