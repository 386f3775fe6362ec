/* cc_linalg.h: the few dense kernels the model needs, over plain row-major arrays.
 *
 * cc_gemm calls the linked CBLAS (OpenBLAS by default) on row-major arrays, so callers
 * pass arrays and shapes instead of building gsl_matrix views.
 * Not here: anything model-specific.
 */
#ifndef CC_LINALG_H
#define CC_LINALG_H

#include <gsl/gsl_blas.h>
#include <stdint.h>
#include <string.h>

/* Vector paths. On x86-64 with GCC or Clang, functions marked CC_AVX2_FN may use AVX2 intrinsics
 * and those marked CC_AVX512_FN AVX-512F intrinsics (immintrin.h); they run only when
 * cc_simd_level() says the CPU has them, and they compute the same bits as the scalar loops
 * beside them (IEEE add, mul, div, sqrt, max and masks lane by lane, no fused multiply-add; the
 * wider path does each lane's operations in the same order). Compile with -DCC_NO_SIMD to keep
 * only the scalar loops. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(CC_NO_SIMD)
#define CC_AVX2 1
#define CC_AVX2_FN __attribute__((target("avx2")))
#define CC_AVX512_FN __attribute__((target("avx512f")))
#define CC_FMA_FN __attribute__((target("avx2,fma")))

#endif

/* The vector paths, narrowest to widest: what cc_simd_level() returns. */
enum { CC_SIMD_SCALAR = 0, CC_SIMD_AVX2 = 1, CC_SIMD_AVX512 = 2 };

/* 1 if the vector paths above exist and this CPU runs AVX2, else 0. */
int cc_cpu_avx2(void);

/* 1 if the vector paths above exist and this CPU has fused multiply-add (FMA3), else 0. */
int cc_cpu_fma(void);

/* 1 if the vector paths above exist and this CPU runs AVX-512F, else 0. */
int cc_cpu_avx512(void);

/* The widest path the kernels take: the CPU's widest, at most the cap (cc_simd_cap). */
int cc_simd_level(void);

/* Its name: "scalar", "avx2" or "avx512". */
const char *cc_simd_name(void);

/* 1 if the kernels take a vector path: cc_simd_level() > CC_SIMD_SCALAR. */
int cc_simd_on(void);

/* The widest path allowed from now on (CC_SIMD_SCALAR .. CC_SIMD_AVX512; the tests compare them). */
void cc_simd_cap(int level);

/* on = 1: every kernel takes its scalar path; 0: back to the CPU's widest (cc_simd_cap). */
void cc_simd_force_scalar(int on);

/* x if keep is true, else +0: the bits of x and-ed with an all-ones or all-zeros mask
 * (branch-free: the sign of a pre-activation is a coin flip, a branch on it mispredicts). */
static inline double cc_keep_if(double x, int keep)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    u &= -(uint64_t)(keep != 0);
    memcpy(&x, &u, sizeof x);
    return x;
}

/* C (Cr, Cc) <- alpha op(A) op(B) + beta C, A stored (Ar, Ac), B stored (Br, Bc), by one
 * cblas_dgemm; shapes that do not conform raise GSL_EBADLEN. */
void cc_gemm(CBLAS_TRANSPOSE_t tA, CBLAS_TRANSPOSE_t tB, double alpha,
             const double *A, int Ar, int Ac, const double *B, int Br, int Bc,
             double beta, double *C, int Cr, int Cc);

/* Row blocks of the cerebellar forward pass hold at most this many multiply-adds: OpenBLAS
 * (0.3.21) runs products that small in its small-matrix kernels, and the granule rates of a
 * block stay in cache for the ReLU and W_PF (cc_cereb_forward, bench/README.md). */
#define CC_GEMM_BLOCK_MNK 1000000L

/* y (rows, n) += 1 (rows) x b (n): add a bias row to every row. */
void cc_add_row(double *y, const double *b, int rows, int n);

/* softmax of every row of z (rows, K) into p (may alias z). */
void cc_softmax_rows(double *p, const double *z, int rows, int K);

/* y (n) = tanh(x), x and y may alias; vectorised, within 4 ulp of the C library's tanh. */
void cc_tanh(double *y, const double *x, long n);

#endif
