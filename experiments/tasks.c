/* tasks.c: writes the tasks' noise-free targets and one noisy example trial per task.
 *
 *     tasks --out DIR [--seed S]
 *
 * TSV files in the package format (cc_out.h: '#' title and notes, one plain line
 * of column names, rows, "# end"), each published atomically:
 *   linedraw_arc0.tsv, linedraw_arc1.tsv, digitdraw.tsv   cond t x y
 *   delass.tsv                                            cond t y0 y1 mask_train mask_eval
 *   cues.tsv                                              k code b0..b9
 *   <task>_input.tsv, task = linedraw digitdraw evacc delass sleep timing: one noisy trial,
 *       t cond x0..x{D-1} y0..y{O-1} mask_train mask_eval [puff0 puff1, evacc only]
 *
 * Not here: any model or training; plotting (figures/tasks.gp).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "cc_out.h"
#include "cc_task.h"

static const char *prog = "tasks";

static void on_gsl_error(const char *reason, const char *file, int line, int gsl_errno)
{
    fprintf(stderr, "%s: %s (%s:%d, gsl error %d)\n", prog, reason, file, line, gsl_errno);
    cc_out_abort_all();
    exit(2);
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s --out DIR [--seed S]\n"
            "Write every task's noise-free targets per condition and one noisy example trial per\n"
            "task as TSV files into DIR (created if missing); figures/tasks.gp plots them.\n"
            "  --out DIR   output directory\n"
            "  --seed S    seed of the example trials (default 1): trials stream mt19937 seeded S,\n"
            "              noise stream mt19937 seeded S + 1\n"
            "  --help      this text\n",
            prog);
}

/* Path DIR/name in a static buffer (the error handler exits on failure). */
static const char *path_of(const char *dir, const char *name)
{
    static char buf[CC_OUT_PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s/%s", dir, name) >= (int)sizeof buf)
        GSL_ERROR_NULL("output path too long", GSL_EINVAL);
    return buf;
}

/* Column names "<prefix>0 <prefix>1 ... <prefix>{n-1}" appended to s (capacity cap). */
static void append_names(char *s, size_t cap, const char *prefix, int n)
{
    for (int i = 0; i < n; i++) {
        size_t len = strlen(s);
        snprintf(s + len, cap - len, " %s%d", prefix, i);
    }
}

/* Noise-free targets of every condition of a cued task, one row per condition and step. */
static void write_templates(const char *dir, const char *name, const cc_task *task)
{
    const int T = task->T, O = cc_task_output_dim(task), n = cc_task_n_conditions(task);
    const int delass = task->kind == CC_TASK_DELASS;
    char title[256], units[256];
    snprintf(title, sizeof title, "noise-free targets of task %s (T %d, arc %g), every condition",
             cc_task_name(task->kind), T, task->arc);
    snprintf(units, sizeof units, "%s",
             delass ? "cond = cue index = label; t step 0-based; y one-hot label; masks 0/1 per step"
                    : "cond = cue index; t step 0-based; x, y target position");
    cc_tsv_head h = {.title = title, .columns = delass ? "cond t y0 y1 mask_train mask_eval" : "cond t x y", .units = units};
    double *y = malloc((size_t)T * O * sizeof *y);
    cc_batch *one = cc_batch_alloc(task, 1); /* for its masks */
    if (!y) GSL_ERROR_VOID("out of memory", GSL_ENOMEM);
    cc_tsv t;
    cc_tsv_open(&t, path_of(dir, name), &h);
    for (int k = 0; k < n; k++) {
        cc_task_template(y, task, k);
        for (int s = 0; s < T; s++) {
            cc_tsv_int(&t, k);
            cc_tsv_int(&t, s);
            for (int j = 0; j < O; j++) cc_tsv_num(&t, y[s * O + j]);
            if (delass) {
                cc_tsv_int(&t, one->mask_train[s]);
                cc_tsv_int(&t, one->mask_eval[s]);
            }
        }
    }
    cc_tsv_commit(&t);
    cc_batch_free(one);
    free(y);
}

static void write_cues(const char *dir)
{
    char cols[128] = "k code";
    append_names(cols, sizeof cols, "b", 10);
    cc_tsv_head h = {.title = "the 10-bit cue codes of conditions 0..5", .columns = cols,
                     .units = "bits b0..b9 of code, most significant first"};
    cc_tsv t;
    cc_tsv_open(&t, path_of(dir, "cues.tsv"), &h);
    double c[10];
    for (int k = 0; k < 6; k++) {
        cc_task_cue(c, k);
        cc_tsv_int(&t, k);
        cc_tsv_int(&t, CC_CUE_CODES[k]);
        for (int i = 0; i < 10; i++) cc_tsv_int(&t, (long)c[i]);
    }
    cc_tsv_commit(&t);
}

/* The first trial of a batch drawn with trials seed `seed` and noise seed seed + 1. */
static void write_example(const char *dir, const cc_task *task, unsigned long seed)
{
    gsl_rng *trials = gsl_rng_alloc(gsl_rng_mt19937), *noise = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(trials, seed);
    gsl_rng_set(noise, seed + 1);
    cc_batch *b = cc_batch_alloc(task, 1);
    cc_task_sample(b, task, trials, noise);

    char name[64], title[256], runs[128], cols[256] = "t cond";
    snprintf(name, sizeof name, "%s_input.tsv", cc_task_name(task->kind));
    snprintf(title, sizeof title, "one noisy trial of task %s (T %d, D %d, O %d, noise_std %g)",
             cc_task_name(task->kind), b->T, b->D, b->O, task->noise_std);
    snprintf(runs, sizeof runs, "trials rng mt19937 seed %lu, noise rng mt19937 seed %lu", seed, seed + 1);
    append_names(cols, sizeof cols, "x", b->D);
    append_names(cols, sizeof cols, "y", b->O);
    strncat(cols, " mask_train mask_eval", sizeof cols - strlen(cols) - 1);
    if (b->puffs) strncat(cols, " puff0 puff1", sizeof cols - strlen(cols) - 1);
    cc_tsv_head h = {.title = title, .columns = cols,
                     .units = "t step 0-based; cond = cue index (evacc: label 0 tie, 1 channel 0, 2 channel 1); "
                              "x noisy input; y target; puffs 0/1 before noise",
                     .runs = runs};
    cc_tsv t;
    cc_tsv_open(&t, path_of(dir, name), &h);
    for (int s = 0; s < b->T; s++) { /* B = 1: row s of every array */
        cc_tsv_int(&t, s);
        cc_tsv_int(&t, b->cond[0]);
        for (int d = 0; d < b->D; d++) cc_tsv_num(&t, b->x[s * b->D + d]);
        for (int j = 0; j < b->O; j++) cc_tsv_num(&t, b->y[s * b->O + j]);
        cc_tsv_int(&t, b->mask_train[s]);
        cc_tsv_int(&t, b->mask_eval[s]);
        if (b->puffs) {
            cc_tsv_int(&t, (long)b->puffs[s * 2]);
            cc_tsv_int(&t, (long)b->puffs[s * 2 + 1]);
        }
    }
    cc_tsv_commit(&t);
    cc_batch_free(b);
    gsl_rng_free(trials);
    gsl_rng_free(noise);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler(on_gsl_error); /* every library error ends the program with status 2 */
    const char *out = NULL;
    unsigned long seed = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
            out = argv[++i];
        } else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            char *end;
            errno = 0;
            long long v = strtoll(argv[++i], &end, 10);
            if (errno || *end || end == argv[i] || v < 0) {
                fprintf(stderr, "%s: --seed must be a non-negative integer, got '%s'\n", prog, argv[i]);
                return 2;
            }
            seed = (unsigned long)v;
        } else {
            fprintf(stderr, "%s: unknown or incomplete argument '%s' (try --help)\n", prog, argv[i]);
            return 2;
        }
    }
    if (!out || !*out) {
        fprintf(stderr, "%s: missing --out DIR (try --help)\n", prog);
        return 2;
    }
    cc_out_mkdirs(out);

    cc_task line = cc_task_defaults(CC_TASK_LINEDRAW);
    write_templates(out, "linedraw_arc0.tsv", &line);
    cc_task arc = line;
    arc.arc = 1.0;
    write_templates(out, "linedraw_arc1.tsv", &arc);
    cc_task digits = cc_task_defaults(CC_TASK_DIGITDRAW);
    write_templates(out, "digitdraw.tsv", &digits);
    cc_task del = cc_task_defaults(CC_TASK_DELASS);
    write_templates(out, "delass.tsv", &del);
    write_cues(out);
    for (int k = 0; k < CC_TASK_COUNT; k++) {
        cc_task task = cc_task_defaults((cc_task_kind)k);
        write_example(out, &task, seed);
    }
    return 0;
}
