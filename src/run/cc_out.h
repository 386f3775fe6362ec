/* cc_out.h: output files that are either complete or absent, and the TSV format
 * of the package's data files.
 *
 * Atomic files. cc_out_open creates the parent directories (mkdir -p) and opens
 * "PATH.tmp.<pid>@<host>"; cc_out_commit flushes, fsyncs, closes and renames it to PATH
 * (then fsyncs the directory); cc_out_abort closes and deletes it. A run that dies
 * in between leaves at most a *.tmp.<pid> file, never a PATH that looks complete.
 * Every cc_out that was opened must be committed or aborted. Open temporaries are
 * also kept in a process-wide registry (its own memory, not the caller's cc_out),
 * so that cc_out_abort_all can drop those left over: the driver calls it from its
 * error handler and after every unit (a file left open is then reported as a bug).
 * A cc_out dropped that way is closed: abort on it is a no-op, commit an error.
 *
 * TSV data files (cc_tsv_*), the format that gnuplot, R and pandas all read:
 *     # <title>
 *     # units: <units of the columns>            (optional)
 *     # runs: <which units / seeds made it>      (optional)
 *     # config: <id of the parameters>           (optional, see cc_ctx_tsv_open)
 *     # <free comment lines>                     (optional)
 *     name1<TAB>name2<TAB>...                    column names: one plain line
 *     1<TAB>0.16<TAB>...                         body, one row a line
 *     # end                                      written by cc_tsv_commit
 * Comments are whole lines starting with '#'. Column names are [A-Za-z_][A-Za-z0-9_]*
 * and appear only in the plain names line. Numbers are written in the shortest
 * form that reads back to the same double (at most %.17g digits), NaN/Inf/-Inf
 * for non-finite values, so that reruns give byte-identical files. Text cells are
 * allowed (labels: no whitespace, not starting with '#'). The "# end" line marks a
 * complete file; the reader refuses a file without it.
 * Reading: gnuplot `set datafile separator tab` (names usable as using 'name');
 * R `read.table(f, header=TRUE, sep="\t", comment.char="#")`; pandas
 * `read_csv(f, sep="\t", comment="#")`.
 *
 * Errors (cannot create, write, rename; missing, malformed or truncated TSV) are
 * raised with gsl_error, with the path in the reason, and returned as status codes.
 *
 * Not here: what the files contain (the drivers), run records (cc_record).
 */
#ifndef CC_OUT_H
#define CC_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "cc_error.h"

#define CC_OUT_PATH_MAX 4096



/* ------------------------------------------------------------------ atomic files */

typedef struct cc_out {
    FILE *f;                          /* NULL when not open */
    char path[CC_OUT_PATH_MAX];       /* final name */
    char tmp[CC_OUT_PATH_MAX + 160];  /* path.tmp.<pid>@<host> */
} cc_out;

/* mkdir -p dir (mode 0777 less umask). GSL_SUCCESS or GSL_EFAILED (raised). */
int cc_out_mkdirs(const char *dir);

/* Open path for writing through a temporary; NULL on failure (raised), and o is
 * then closed (cc_out_abort on it is a no-op). */
FILE *cc_out_open(cc_out *o, const char *path);

/* Publish the file under its final name. GSL_SUCCESS or GSL_EFAILED (raised; the
 * temporary is deleted and path is left as it was). o is closed afterwards. */
int cc_out_commit(cc_out *o);

/* Close and delete the temporary; path is left as it was. No-op if o is closed. */
void cc_out_abort(cc_out *o);

/* Abort every cc_out still open in this process; returns how many there were. */
int cc_out_abort_all(void);

/* "<pid>@<host>": the suffix of this process's temporaries ("PATH.tmp.<pid>@<host>"). */
const char *cc_out_owner(void);

/* rm -rf path (a file, a symbolic link or a directory tree). 0, or -1 if something stayed. */
int cc_out_remove_tree(const char *path);

/* Remove the leftovers of killed runs directly under dir: "*.tmp.<pid>@<host>" files
 * and ".merge.<pid>@<host>" staging folders of this host whose process no longer
 * exists (a live pid's are another run's, in progress; another host's are left
 * alone). Returns how many were removed; raises nothing. */
int cc_out_remove_stale(const char *dir);

/* x as the shortest text that strtod reads back to x (up to 17 significant
 * digits); "NaN", "Inf", "-Inf" for non-finite values. snprintf-style return. */
int cc_out_format_double(char *buf, size_t n, double x);

/* ------------------------------------------------------------------ TSV writer */

typedef struct {
    const char *title;   /* one line: what the table is, e.g. "Fig. 2a: validation MSE per epoch" */
    const char *columns; /* column names separated by spaces: "epoch mse_mean mse_sem" */
    const char *units;   /* one line or NULL: "epoch 1-based; mse per output and step" */
    const char *runs;    /* one line or NULL: which units / seeds the rows come from */
    const char *config_id; /* NULL, or a word identifying the parameters ("# config: ID") */
    const char *comment; /* free text or NULL; each '\n'-separated line becomes a '#' line */
} cc_tsv_head;

typedef struct {
    cc_out out;
    int ncol;            /* columns declared */
    int col;             /* cells written in the current row */
    long rows;           /* complete rows */
} cc_tsv;

/* Open path and write the header. GSL_SUCCESS, or GSL_EINVAL (bad title or
 * column names) or GSL_EFAILED, raised; on error nothing is left behind. */
int cc_tsv_open(cc_tsv *t, const char *path, const cc_tsv_head *h);

/* Cells of the current row, left to right; a row ends after ncol cells. */
int cc_tsv_num(cc_tsv *t, double x);
int cc_tsv_int(cc_tsv *t, long x);
int cc_tsv_str(cc_tsv *t, const char *label);

/* A whole numeric row x (ncol). */
int cc_tsv_row(cc_tsv *t, const double *x);

/* Write "# end" and publish. GSL_EINVAL if a row is incomplete (file aborted). */
int cc_tsv_commit(cc_tsv *t);

/* Drop the file. */
void cc_tsv_abort(cc_tsv *t);

/* The end of a table written under status s: commit it if s is GSL_SUCCESS, else drop it and
 * return s. */
int cc_tsv_end(cc_tsv *t, int s);

/* ------------------------------------------------------------------ TSV reader */

/* Read a whole file into a NUL-terminated malloc'd buffer of *len bytes (free it).
 * GSL_SUCCESS, GSL_EFAILED (cannot open or read it: errno says why) or GSL_ENOMEM;
 * raises nothing, so that callers can report in their own words. */
int cc_file_read(const char *path, char **text, size_t *len);
/* Same, refusing a file longer than max bytes (0: no limit) with GSL_EFAILED and
 * errno EFBIG after reading at most max + 4096 bytes, so that an endless file
 * (/dev/zero, a pipe that never ends) fails at once. */
int cc_file_read_max(const char *path, char **text, size_t *len, size_t max);


typedef struct {
    int nrow, ncol;
    char **names;   /* (ncol) column names */
    double *v;      /* (nrow, ncol) row-major: v[r*ncol + c] */
    char config_id[64]; /* from a "# config: ID" line, "" if none */
} cc_table;

/* Read a numeric TSV written by cc_tsv_*. GSL_SUCCESS, or GSL_EFAILED for a
 * missing/unreadable file, GSL_EINVAL for a malformed one (no names line, wrong
 * number of cells, a cell that is not a number, no final "# end" line: truncated),
 * raised with "path:line: what". On error t is empty. */
int cc_table_read(cc_table *t, const char *path);

/* Index of the column called name, or -1 (GSL_EINVAL raised). */
int cc_table_col(const cc_table *t, const char *name);

/* Release the table; it is empty afterwards. */
void cc_table_free(cc_table *t);

/* ---- paths */

/* The absolute path that path names whatever its spelling (".", "..", "//", symbolic links), also
 * when its last components do not exist yet: the real path of its deepest existing ancestor, then
 * the rest with "." and "name/.." removed. GSL_SUCCESS, or GSL_EINVAL (too long; raised). */
int cc_out_resolve(const char *path, char *buf, size_t n);

#endif
