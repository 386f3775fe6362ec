/* cc_error.h: errors with a formatted reason, raised through GSL's error handler.
 *
 * The library never prints or exits: it raises with gsl_error (the program's handler
 * decides what to do: the drivers print "figN: error: ..." and exit, the tests record it)
 * and returns a status, as GSL itself does. These helpers add a printf-style reason.
 */
#ifndef CC_ERROR_H
#define CC_ERROR_H

#include <gsl/gsl_errno.h>

/* gsl_error with a printf-formatted reason; returns status. */
int cc_errorf(const char *file, int line, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define CC_ERRORF(STATUS, ...) cc_errorf(__FILE__, __LINE__, (STATUS), __VA_ARGS__)

/* Raise and return the status (functions returning a status) or NULL (returning a pointer). */
#define CC_FAIL(STATUS, ...) return CC_ERRORF((STATUS), __VA_ARGS__)
#define CC_FAIL_NULL(STATUS, ...)                 \
    do {                                          \
        CC_ERRORF((STATUS), __VA_ARGS__);         \
        return NULL;                              \
    } while (0)

#endif
