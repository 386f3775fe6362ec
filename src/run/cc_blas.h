/* cc_blas.h: which OpenBLAS kernels (its "core") a program runs, chosen and checked at start.
 *
 * OpenBLAS picks its kernels from the CPU when it loads, or takes them from the environment
 * variable OPENBLAS_CORETYPE. An OpenBLAS older than the CPU (Debian 12's 0.3.21 on recent
 * Xeons) falls back to generic SSE3 kernels ("Prescott"), several times slower. cc_blas_setup,
 * called first thing in main by every driver, test program and the benchmark, then does this:
 *
 *   OPENBLAS_CORETYPE set by the user or the machine   keep it ("forced"), never override
 *   OpenBLAS's own choice is not generic               keep it ("detected")
 *   generic, and the CPU flags (/proc/cpuinfo) show     AVX2 + FMA              -> Haswell
 *                                                      AVX-512 F, BW, DQ, VL   -> SkylakeX
 *                                                      the same and AVX512-BF16 -> Cooperlake
 *      check that core first in a child process (cc_blas_check, below), then re-execute the
 *      program once with OPENBLAS_CORETYPE set ("chosen"); if the check fails, warn in one
 *      line and keep the default ("fallback").
 *
 * Why re-execute rather than export the variable from the Makefile: OpenBLAS reads it when the
 * library loads, before main; a program can only change it for a new image of itself. The
 * re-execution covers drivers started by hand as well as by make, the tests and the benchmark,
 * and costs nothing on machines where OpenBLAS already knows the CPU (no child, no exec).
 * CC_BLAS_CHOOSE=0 in the environment turns the choice off (OpenBLAS's default is kept);
 * CC_BLAS_TEST_DEFAULT=Prescott makes the choice act as if OpenBLAS had picked that core, to try
 * the whole path on a CPU that OpenBLAS knows (with OPENBLAS_CORETYPE unset); CC_BLAS_REPORT=1
 * makes the program print cc_blas_summary() and exit (the Makefile's build/blas.txt).
 * Linked with GSL's CBLAS (make BLAS=gsl) all of this does nothing and the core is "none".
 * cc_blas_setup also sets OpenBLAS to one thread, whatever OPENBLAS_NUM_THREADS says: a product
 * split over threads sums some of its elements in another order, so a driver started by hand
 * with the default (all cores) would compute other bits than under make (which also exports
 * OPENBLAS_NUM_THREADS=1: parallelism comes from make -j).
 */
#ifndef CC_BLAS_H
#define CC_BLAS_H

#include <stddef.h>

/* Choose, check and (at most once) re-execute, as above; returns only if no re-execution
 * happened. argv is the program's own. In a checking child (internal variable CC_BLAS_VERIFY)
 * runs cc_blas_check and exits: 0 if it passed, 1 if not. */
void cc_blas_setup(int argc, char **argv);

/* The core in use ("Haswell", ...; "none" without OpenBLAS) and why: "detected", "chosen",
 * "forced", "fallback", "default" (choice turned off) or "none". */
const char *cc_blas_core(void);
const char *cc_blas_why(void);
/* One line: the core, why, and what the CPU could run, e.g. "Haswell (forced by
 * OPENBLAS_CORETYPE; the CPU could run Cooperlake)". */
const char *cc_blas_summary(void);

/* The best core the CPU flags allow (Haswell, SkylakeX, Cooperlake) or NULL, from a
 * /proc/cpuinfo "flags" line; and the flags line of this machine ("" if unreadable). */
const char *cc_blas_core_for_flags(const char *flags);
const char *cc_blas_cpu_flags(void);

/* 0 for OpenBLAS's generic cores (SSE, SSE3, AVX without FMA: Prescott, Core2, Nehalem,
 * Sandybridge, ...), 1 for AVX2 + FMA kernels (Haswell, Zen), 2 SkylakeX, 3 Cooperlake and later. */
int cc_blas_core_rank(const char *core);

/* The decision alone: the core to try, or NULL to keep what OpenBLAS runs. env_core is
 * OPENBLAS_CORETYPE (NULL if unset), reported openblas_get_corename(), flags as above. */
const char *cc_blas_candidate(const char *env_core, const char *reported, const char *flags);

/* 1 if the core in use is generic while the CPU could run a better one. */
int cc_blas_could_do_better(void);

/* The linked CBLAS's dgemm on the model's product shapes, every one in both storage orders,
 * against a plain loop: 0 if every element is within the rounding bound, else 1 with the
 * first failure described in msg. Bound: |C - C_ref| <= 2 gamma_{K+1} (sum_k |a_ik b_kj| +
 * |beta c_ij|), gamma_n = n u / (1 - n u), u = 2^-53: each of the two results is within
 * gamma_{K+1} of the exact sum whatever its order of summation, with or without fused
 * multiply-adds (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., sec. 3.5),
 * so a correct kernel cannot fail it, and a wrong one misses by the size of the terms. */
int cc_blas_check(char *msg, size_t n);

/* Run cc_blas_check in a child process of this program with OPENBLAS_CORETYPE=core: 0 if it
 * passed and OpenBLAS loaded that core, else 1 with the reason in msg. */
int cc_blas_verify_core(const char *core, char *msg, size_t n);

#endif
