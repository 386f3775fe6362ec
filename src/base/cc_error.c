/* cc_error.c: formatted GSL errors (cc_error.h). */
#include "cc_error.h"

#include <stdarg.h>
#include <stdio.h>

int cc_errorf(const char *file, int line, int status, const char *fmt, ...)
{
    char reason[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    gsl_error(reason, file, line, status);
    return status;
}
