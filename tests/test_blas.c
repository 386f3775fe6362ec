/* test_blas.c: the OpenBLAS core, its choice from the CPU flags and its check (cc_blas.h).
 *
 * The choice is checked as a table of cases (a value already set is never overridden; only a
 * generic core is replaced; the best core the flags allow). The check, the linked dgemm on the
 * model's products against a plain loop within the rounding bound, runs on the core in use and,
 * each in a child process, on every core this CPU can run and on the generic Prescott; a core
 * name OpenBLAS does not know must fail. The results of each core are printed.
 * Not here: speed (make bench).
 */
#include <stdlib.h>

#include "cc_test.h"

static const char *FLAGS_AVX2 = "fpu sse sse2 avx fma avx2 bmi2";
static const char *FLAGS_AVX512 = "fpu avx fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl";
static const char *FLAGS_BF16 = "fpu avx fma avx2 avx512f avx512dq avx512bw avx512vl avx512_bf16 avx512_vnni";

static void test_flags(void)
{
    CU_ASSERT_PTR_NULL(cc_blas_core_for_flags("fpu sse sse2 sse3 avx"));
    CU_ASSERT_PTR_NULL(cc_blas_core_for_flags("fpu avx2")); /* AVX2 without FMA */
    CU_ASSERT_PTR_NULL(cc_blas_core_for_flags("fpu avx2x fma")); /* whole words only */
    CU_ASSERT_STRING_EQUAL(cc_blas_core_for_flags(FLAGS_AVX2), "Haswell");
    CU_ASSERT_STRING_EQUAL(cc_blas_core_for_flags("avx2 fma avx512f avx512bw avx512dq"), "Haswell"); /* no VL */
    CU_ASSERT_STRING_EQUAL(cc_blas_core_for_flags(FLAGS_AVX512), "SkylakeX");
    CU_ASSERT_STRING_EQUAL(cc_blas_core_for_flags(FLAGS_BF16), "Cooperlake");
    CU_ASSERT_EQUAL(cc_blas_core_rank("Prescott"), 0);
    CU_ASSERT_EQUAL(cc_blas_core_rank("Sandybridge"), 0);
    CU_ASSERT_EQUAL(cc_blas_core_rank("haswell"), 1);
    CU_ASSERT_EQUAL(cc_blas_core_rank("Zen"), 1);
    CU_ASSERT_EQUAL(cc_blas_core_rank("SkylakeX"), 2);
    CU_ASSERT_EQUAL(cc_blas_core_rank("Cooperlake"), 3);
}

static void test_candidate(void)
{
    /* a generic core on a better CPU: the best the flags allow */
    CU_ASSERT_STRING_EQUAL(cc_blas_candidate(NULL, "Prescott", FLAGS_BF16), "Cooperlake");
    CU_ASSERT_STRING_EQUAL(cc_blas_candidate("", "Core2", FLAGS_AVX512), "SkylakeX");
    CU_ASSERT_STRING_EQUAL(cc_blas_candidate(NULL, "Nehalem", FLAGS_AVX2), "Haswell");
    /* a value set by the user or the machine: kept, whatever it is */
    CU_ASSERT_PTR_NULL(cc_blas_candidate("Haswell", "Haswell", FLAGS_BF16));
    CU_ASSERT_PTR_NULL(cc_blas_candidate("Prescott", "Prescott", FLAGS_BF16));
    /* OpenBLAS's own choice is not generic: kept (it may know better, e.g. Zen) */
    CU_ASSERT_PTR_NULL(cc_blas_candidate(NULL, "Zen", FLAGS_BF16));
    CU_ASSERT_PTR_NULL(cc_blas_candidate(NULL, "Cooperlake", FLAGS_BF16));
    /* a CPU without AVX2 + FMA: nothing better to choose */
    CU_ASSERT_PTR_NULL(cc_blas_candidate(NULL, "Prescott", "fpu sse sse2 sse3 avx"));
}

/* What this process runs, and why, as the records print it. */
static void test_in_use(void)
{
    printf("\n  in use: %s; CPU allows %s ", cc_blas_summary(),
           cc_blas_core_for_flags(cc_blas_cpu_flags()) ? cc_blas_core_for_flags(cc_blas_cpu_flags()) : "nothing better");
#ifdef CC_BLAS_OPENBLAS
    const char *env = getenv("OPENBLAS_CORETYPE");
    if (env && *env) {
        CU_ASSERT_STRING_EQUAL(cc_blas_core(), env); /* OpenBLAS runs what was asked */
        CU_ASSERT(!strcmp(cc_blas_why(), "forced") || !strcmp(cc_blas_why(), "chosen"));
    } else {
        CU_ASSERT(!strcmp(cc_blas_why(), "detected") || !strcmp(cc_blas_why(), "fallback") ||
                  !strcmp(cc_blas_why(), "default"));
    }
#else
    CU_ASSERT_STRING_EQUAL(cc_blas_why(), "none");
#endif
}

static void test_check_in_use(void)
{
    char msg[400];
    const int bad = cc_blas_check(msg, sizeof msg);
    if (bad) printf("\n  %s ", msg);
    CU_ASSERT_EQUAL(bad, 0);
}

/* Each core in its own process: every core the CPU can run passes here, and a core OpenBLAS
 * does not know is caught (OpenBLAS runs another one). */
static void test_check_cores(void)
{
#ifdef CC_BLAS_OPENBLAS
    const char *best = cc_blas_core_for_flags(cc_blas_cpu_flags());
    const char *cores[] = {"Prescott", "Haswell", "SkylakeX", "Cooperlake"};
    char msg[400];
    for (int i = 0; i < 4; i++) {
        if (i > 0 && (!best || cc_blas_core_rank(cores[i]) > cc_blas_core_rank(best))) continue; /* CPU cannot */
        const int bad = cc_blas_verify_core(cores[i], msg, sizeof msg);
        printf("\n  %-10s %s%s ", cores[i], bad ? "FAILS the check: " : "passes the check", msg);
        CU_ASSERT_EQUAL(bad, 0);
    }
    CU_ASSERT_EQUAL(cc_blas_verify_core("NoSuchCore", msg, sizeof msg), 1);
    printf("\n  NoSuchCore caught: %s ", msg);
#endif
}

static const cc_test_case CASES[] = {{"the best core the CPU flags allow", test_flags},
                                     {"a set value is kept, only a generic core is replaced", test_candidate},
                                     {"the core in use and why", test_in_use},
                                     {"dgemm of the core in use = a plain loop within rounding", test_check_in_use},
                                     {"each core the CPU runs, checked in a child process", test_check_cores},
                                     {0, 0}};

CC_TEST_MAIN("OpenBLAS core", CASES)
