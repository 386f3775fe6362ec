/* cc_test.h: shared helpers of the CUnit test programs.
 *
 * Each tests/test_*.c is one program with one suite:
 *
 *     static void test_something(void) { CU_ASSERT(...); }
 *     static const cc_test_case CASES[] = { {"something", test_something}, {0, 0} };
 *     CC_TEST_MAIN("suite name", CASES)
 *
 * Loops over many values count the wrong ones and assert once (CC_ASSERT_NONE_WRONG).
 * The program exits 1 if any assertion failed. GSL errors raised by the library do not
 * abort: they are recorded, so that tests can assert that a bad call was refused
 * (cc_test_expect_error).
 */
#ifndef CC_TEST_H
#define CC_TEST_H

#include <CUnit/Basic.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc_blas.h"

typedef struct {
    const char *name;
    void (*fn)(void);
} cc_test_case;

/* Last GSL error seen by the recording handler (0 if none since the last reset). */
static int cc_test_last_errno = 0;
static char cc_test_last_reason[512];

static void cc_test_error_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)file;
    (void)line;
    cc_test_last_errno = gsl_errno;
    snprintf(cc_test_last_reason, sizeof cc_test_last_reason, "%s", reason);
}

static inline void cc_test_reset_error(void)
{
    cc_test_last_errno = 0;
    cc_test_last_reason[0] = '\0';
}

/* Relative error |a-b| / max(|a|, |b|, floor): the measure every gradient check prints. */
static inline double cc_test_rel_err(double a, double b, double floor_)
{
    double s = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    if (s < floor_) s = floor_;
    return fabs(a - b) / s;
}

/* Many values, one assertion: a loop counts in `bad` the values that are wrong, then
 *     CC_ASSERT_NONE_WRONG(bad, "what was compared");
 * prints the count (when not 0) and asserts once, so that a broken generator fails in a
 * second instead of CUnit recording and printing every wrong value. */
#define CC_ASSERT_NONE_WRONG(bad, what)                                             \
    do {                                                                            \
        const long cc_bad_ = (long)(bad);                                           \
        if (cc_bad_) printf("\n    %s: %ld values wrong", (what), cc_bad_);         \
        CU_ASSERT_EQUAL(cc_bad_, 0);                                                \
    } while (0)

/* 1 unless |a - b| <= tol (NaN counts as wrong): the counting form of CU_ASSERT_DOUBLE_EQUAL. */
static inline int cc_test_differ(double a, double b, double tol)
{
    return !(fabs(a - b) <= tol);
}

#define CC_TEST_MAIN(SUITE, CASES)                                                  \
    int main(int argc, char **argv)                                                 \
    {                                                                               \
        cc_blas_setup(argc, argv); /* the OpenBLAS core, as the drivers (cc_blas.h) */ \
        gsl_set_error_handler(cc_test_error_handler);                               \
        if (CU_initialize_registry() != CUE_SUCCESS) return 2;                      \
        CU_pSuite s = CU_add_suite(SUITE, NULL, NULL);                              \
        if (!s) return 2;                                                           \
        for (const cc_test_case *c = (CASES); c->name; c++)                         \
            if (!CU_add_test(s, c->name, c->fn)) return 2;                          \
        CU_basic_set_mode(CU_BRM_VERBOSE);                                          \
        CU_basic_run_tests();                                                       \
        unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed(); \
        CU_cleanup_registry();                                                      \
        return failed ? 1 : 0;                                                      \
    }

#endif
