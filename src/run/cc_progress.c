/* cc_progress.c: progress line on stderr, terminals only (see cc_progress.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "cc_progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* 1 while a line is on screen without its newline. */
static int cc_progress_open_line = 0;

static double cc_progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cc_progress_begin(cc_progress *p, const char *label, const char *what, int total)
{
    snprintf(p->label, sizeof p->label, "%s", label ? label : "");
    snprintf(p->what, sizeof p->what, "%s", what ? what : "step");
    p->total = total;
    p->enabled = isatty(STDERR_FILENO);
    p->t0 = cc_progress_now();
    p->last = -1;
}

/* "3.1 s", "4 min 10 s", "2 h 05 min" */
static void cc_progress_duration(char *buf, size_t n, double s)
{
    if (s < 60)
        snprintf(buf, n, "%.1f s", s);
    else if (s < 3600)
        snprintf(buf, n, "%d min %02d s", (int)(s / 60), (int)s % 60);
    else
        snprintf(buf, n, "%d h %02d min", (int)(s / 3600), (int)(s / 60) % 60);
}

void cc_progress_update(cc_progress *p, int done, const char *fmt, ...)
{
    if (!p->enabled) return;
    double now = cc_progress_now();
    if (done < p->total && p->last >= 0 && now - p->last < 0.1) return;
    p->last = now;
    char note[160] = "", el[32], left[48] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        note[0] = ' ';
        vsnprintf(note + 1, sizeof note - 1, fmt, ap);
        va_end(ap);
    }
    double t = now - p->t0;
    cc_progress_duration(el, sizeof el, t);
    if (done > 0 && done < p->total) {
        char l[32];
        cc_progress_duration(l, sizeof l, t / done * (p->total - done));
        snprintf(left, sizeof left, ", ~%s left", l);
    }
    fprintf(stderr, "\r%s: %s %d/%d%s (%s%s)\033[K", p->label, p->what, done, p->total, note, el, left);
    fflush(stderr);
    cc_progress_open_line = 1;
}

void cc_progress_end(cc_progress *p)
{
    if (p->enabled) cc_progress_break();
}

void cc_progress_break(void)
{
    if (!cc_progress_open_line) return;
    fputc('\n', stderr);
    fflush(stderr);
    cc_progress_open_line = 0;
}
