/* cc_progress.h: one updating progress line on stderr, for long runs.
 *
 *     fig2 unit arch-none_seed-0: epoch 12/50 loss 0.0123 (3.1 s, ~8 s left)
 *
 * Shown only when stderr is a terminal (isatty); silent otherwise, so logs and
 * CI output stay clean. Redrawn at most ten times a second (and always at the last
 * step). The time left is linear extrapolation from the steps done so far.
 *
 * Not here: logging, or anything that goes into data files or run records.
 */
#ifndef CC_PROGRESS_H
#define CC_PROGRESS_H

typedef struct {
    char label[256];  /* "fig2 unit arch-none_seed-0" */
    char what[32];    /* "epoch" */
    int total;        /* steps expected */
    int enabled;      /* 1 if stderr is a terminal */
    double t0;        /* start, monotonic seconds */
    double last;      /* time of the last redraw */
} cc_progress;

/* Start a progress line: label, what one step is called, number of steps. */
void cc_progress_begin(cc_progress *p, const char *label, const char *what, int total);

/* Steps done so far, and an optional printf-style note ("loss %.4g"; NULL: none). */
void cc_progress_update(cc_progress *p, int done, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Finish: the line stays on screen, followed by a newline. */
void cc_progress_end(cc_progress *p);

/* If a progress line is being drawn, end it with a newline so that a message
 * printed next starts on its own line (the driver's error handler calls this). */
void cc_progress_break(void);

#endif
