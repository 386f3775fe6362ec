/* cc_blas.c: OpenBLAS core chosen from the CPU flags, checked, then used (cc_blas.h). */
#include "cc_blas.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_cblas.h>

#include "cc_rng.h"

#ifdef CC_BLAS_OPENBLAS
/* From OpenBLAS's cblas.h, which clashes with GSL's gsl_cblas.h. */
extern char *openblas_get_corename(void);
extern void openblas_set_num_threads(int num_threads);
#endif

static char s_core[64] = "none", s_why[16] = "none", s_summary[320] = "none (GSL's CBLAS)";

const char *cc_blas_core(void) { return s_core; }
const char *cc_blas_why(void) { return s_why; }
const char *cc_blas_summary(void) { return s_summary; }

/* ---------------------------------------------------------------- the decision */

/* 1 if the space-separated word w is in the flags line. */
static int has_flag(const char *flags, const char *w)
{
    const size_t n = strlen(w);
    for (const char *p = flags; (p = strstr(p, w)); p += n)
        if ((p == flags || p[-1] == ' ' || p[-1] == '\t') && (p[n] == '\0' || p[n] == ' ' || p[n] == '\n'))
            return 1;
    return 0;
}

const char *cc_blas_core_for_flags(const char *flags)
{
    if (!flags || !has_flag(flags, "avx2") || !has_flag(flags, "fma")) return NULL;
    if (!has_flag(flags, "avx512f") || !has_flag(flags, "avx512bw") || !has_flag(flags, "avx512dq") ||
        !has_flag(flags, "avx512vl"))
        return "Haswell";
    if (has_flag(flags, "avx512_bf16") || has_flag(flags, "avx512bf16")) return "Cooperlake";
    return "SkylakeX";
}

const char *cc_blas_cpu_flags(void)
{
    static char line[8192];
    static int read_once = 0;
    if (read_once) return line;
    read_once = 1;
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return line;
    char buf[8192];
    while (fgets(buf, sizeof buf, f)) {
        char *colon = strchr(buf, ':');
        if (strncmp(buf, "flags", 5) || !colon) continue;
        snprintf(line, sizeof line, "%s", colon + 1 + (colon[1] == ' '));
        line[strcspn(line, "\n")] = '\0';
        break;
    }
    fclose(f);
    return line;
}

int cc_blas_core_rank(const char *core)
{
    static const struct {
        const char *name;
        int rank;
    } known[] = {{"Haswell", 1}, {"Zen", 1}, {"SkylakeX", 2}, {"Cooperlake", 3}, {"SapphireRapids", 3}};
    for (size_t i = 0; core && i < sizeof known / sizeof *known; i++)
        if (!strcasecmp(core, known[i].name)) return known[i].rank;
    return 0;
}

const char *cc_blas_candidate(const char *env_core, const char *reported, const char *flags)
{
    if (env_core && *env_core) return NULL; /* the user's or the machine's: never overridden */
    const char *best = cc_blas_core_for_flags(flags);
    if (!best || cc_blas_core_rank(reported) > 0 || cc_blas_core_rank(best) <= cc_blas_core_rank(reported))
        return NULL;
    return best;
}

int cc_blas_could_do_better(void)
{
#ifdef CC_BLAS_OPENBLAS
    const char *best = cc_blas_core_for_flags(cc_blas_cpu_flags());
    return best && cc_blas_core_rank(s_core) == 0 && cc_blas_core_rank(best) > 0;
#else
    return 0;
#endif
}

/* ---------------------------------------------------------------- the check */

/* The products of cc_model.c, at the paper's sizes (N 50, G 1000, batch 10, 20 steps, 200
 * validation trials, 10 inputs + 2 fed back): C (M, N) = op(A) op(B) + beta C. */
typedef struct {
    int M, N, K;
    enum CBLAS_TRANSPOSE ta, tb;
    double beta;
    const char *what;
} product;

static const product PRODUCTS[] = {
    {10, 1000, 50, CblasNoTrans, CblasNoTrans, 0, "(10x50)(50x1000), mossy fibres of a batch"},
    {20, 1000, 50, CblasNoTrans, CblasNoTrans, 0, "(20x50)(50x1000), mossy fibres of an evaluation block"},
    {200, 1000, 50, CblasNoTrans, CblasNoTrans, 0, "(200x50)(50x1000), mossy fibres of 200 trials"},
    {10, 50, 60, CblasNoTrans, CblasTrans, 1, "(10x60)(60x50), cortex step of a batch"},
    {200, 50, 60, CblasNoTrans, CblasTrans, 1, "(200x60)(60x50), cortex step of 200 trials"},
    {200, 2, 50, CblasNoTrans, CblasTrans, 0, "(200x50)(50x2), readout of a batch's steps"},
    {50, 1000, 200, CblasTrans, CblasNoTrans, 1, "(50x200)(200x1000), dW_MF^T += R^T da"},
    {200, 50, 1000, CblasNoTrans, CblasTrans, 0, "(200x1000)(1000x50), L = da W_MF"},
    {2, 50, 200, CblasTrans, CblasNoTrans, 1, "(2x200)(200x50), dW_ro += dz^T R"},
    {200, 50, 2, CblasNoTrans, CblasNoTrans, 0, "(200x2)(2x50), L = dz W_ro"},
    {50, 60, 200, CblasTrans, CblasNoTrans, 1, "(50x200)(200x60), dW_ih += Delta^T eps"},
};

/* Index of element (r, c) of a stored (rows, cols) matrix in the given order. */
static long at(int r, int c, int rows, int cols, int row_major)
{
    return row_major ? (long)r * cols + c : (long)c * rows + r;
}

/* One product in one storage order against the plain loop; 0 if within the bound. */
static int check_one(const product *p, int row_major, char *msg, size_t n)
{
    const int M = p->M, N = p->N, K = p->K, ta = p->ta != CblasNoTrans, tb = p->tb != CblasNoTrans;
    const int Ar = ta ? K : M, Ac = ta ? M : K, Br = tb ? N : K, Bc = tb ? K : N;
    double *A = malloc(sizeof(double) * M * K), *Bm = malloc(sizeof(double) * K * N);
    double *C = malloc(sizeof(double) * M * N), *C0 = malloc(sizeof(double) * M * N);
    int bad = 0;
    if (!A || !Bm || !C || !C0) {
        snprintf(msg, n, "out of memory for the check");
        bad = 1;
        goto done;
    }
    unsigned long long s = 0x5eedULL + (unsigned long long)M * 131 + N * 17 + K;
    for (long i = 0; i < (long)M * K; i++) A[i] = (double)(cc_splitmix64(&s) >> 11) * 0x1p-52 - 1.0; /* [-1, 1) */
    for (long i = 0; i < (long)K * N; i++) Bm[i] = (double)(cc_splitmix64(&s) >> 11) * 0x1p-52 - 1.0;
    for (long i = 0; i < (long)M * N; i++) C0[i] = C[i] = (double)(cc_splitmix64(&s) >> 11) * 0x1p-52 - 1.0;
    cblas_dgemm(row_major ? CblasRowMajor : CblasColMajor, p->ta, p->tb, M, N, K, 1.0, A, row_major ? Ac : Ar, Bm,
                row_major ? Bc : Br, p->beta, C, row_major ? N : M);
    const double u = DBL_EPSILON / 2, gamma = (K + 1) * u / (1 - (K + 1) * u);
    for (int i = 0; i < M && !bad; i++)
        for (int j = 0; j < N && !bad; j++) {
            const long ic = at(i, j, M, N, row_major);
            double ref = p->beta * C0[ic], mag = fabs(ref);
            for (int k = 0; k < K; k++) {
                const double a = ta ? A[at(k, i, Ar, Ac, row_major)] : A[at(i, k, Ar, Ac, row_major)];
                const double b = tb ? Bm[at(j, k, Br, Bc, row_major)] : Bm[at(k, j, Br, Bc, row_major)];
                ref += a * b;
                mag += fabs(a * b);
            }
            const double err = fabs(C[ic] - ref), tol = 2 * gamma * mag * (1 + 4 * u); /* (1 + 4u): the sum mag itself */
            if (!(err <= tol)) {
                snprintf(msg, n, "%s, %s: C[%d][%d] = %.17g, a plain loop gives %.17g (bound %.3g)", p->what,
                         row_major ? "row-major" : "column-major", i, j, C[ic], ref, tol);
                bad = 1;
            }
        }
done:
    free(A);
    free(Bm);
    free(C);
    free(C0);
    return bad;
}

int cc_blas_check(char *msg, size_t n)
{
    if (n) msg[0] = '\0';
    for (size_t i = 0; i < sizeof PRODUCTS / sizeof *PRODUCTS; i++)
        for (int row_major = 1; row_major >= 0; row_major--)
            if (check_one(&PRODUCTS[i], row_major, msg, n)) return 1;
    return 0;
}

/* ---------------------------------------------------------------- child processes */

int cc_blas_verify_core(const char *core, char *msg, size_t n)
{
    int fd[2];
    if (n) msg[0] = '\0';
    if (pipe(fd)) {
        snprintf(msg, n, "pipe: %s", strerror(errno));
        return 1;
    }
    fflush(NULL);
    const pid_t pid = fork();
    if (pid < 0) {
        snprintf(msg, n, "fork: %s", strerror(errno));
        close(fd[0]);
        close(fd[1]);
        return 1;
    }
    if (pid == 0) { /* the child: this program again, with the core, checking only */
        close(fd[0]);
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        setenv("OPENBLAS_CORETYPE", core, 1);
        setenv("CC_BLAS_VERIFY", "1", 1);
        unsetenv("CC_BLAS_CORE_WHY");
        char *args[] = {"cc-blas-check", NULL};
        execv("/proc/self/exe", args);
        printf("cannot run /proc/self/exe: %s\n", strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    close(fd[1]);
    size_t len = 0;
    char buf[512];
    ssize_t got;
    while ((got = read(fd[0], buf, sizeof buf)) > 0 || (got < 0 && errno == EINTR))
        for (ssize_t i = 0; i < got; i++)
            if (len + 1 < n && buf[i] != '\n') msg[len++] = buf[i];
            else if (len + 1 < n && len > 0 && msg[len - 1] != ';') msg[len++] = ';';
    if (n) msg[len] = '\0';
    if (len > 0 && msg[len - 1] == ';') msg[--len] = '\0';
    close(fd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            snprintf(msg, n, "waitpid: %s", strerror(errno));
            return 1;
        }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
    if (len == 0) {
        if (WIFSIGNALED(status)) snprintf(msg, n, "the check was killed by signal %d", WTERMSIG(status));
        else snprintf(msg, n, "the check exited with status %d", WEXITSTATUS(status));
    }
    return 1;
}

static void decide(char **argv)
{
#ifdef CC_BLAS_OPENBLAS
    const char *env = getenv("OPENBLAS_CORETYPE");
    const char *reported = openblas_get_corename();
    snprintf(s_core, sizeof s_core, "%s", reported ? reported : "unknown");
    if (getenv("CC_BLAS_VERIFY")) { /* a checking child (cc_blas_verify_core) */
        char msg[400];
        int bad = cc_blas_check(msg, sizeof msg);
        if (!bad && env && strcasecmp(env, s_core)) {
            snprintf(msg, sizeof msg, "OpenBLAS runs %s, not %s, when asked for it", s_core, env);
            bad = 1;
        }
        if (bad) printf("%s\n", msg);
        fflush(stdout);
        _exit(bad);
    }
    const char *best = cc_blas_core_for_flags(cc_blas_cpu_flags());
    char could[64] = "";
    if (best && cc_blas_core_rank(best) > cc_blas_core_rank(s_core))
        snprintf(could, sizeof could, "; the CPU could run %s", best);
    if (env && *env) {
        const char *mark = getenv("CC_BLAS_CORE_WHY"); /* "chosen CORE over DEFAULT" from our own exec */
        char core[64] = "", over[64] = "";
        if (mark && sscanf(mark, "chosen %63s over %63s", core, over) == 2 && !strcasecmp(core, env)) {
            snprintf(s_why, sizeof s_why, "chosen");
            snprintf(s_summary, sizeof s_summary, "%s (chosen from the CPU flags and checked; OpenBLAS's own choice is %s)",
                     s_core, over);
        } else {
            snprintf(s_why, sizeof s_why, "forced");
            snprintf(s_summary, sizeof s_summary, "%s (set by OPENBLAS_CORETYPE=%s%s)", s_core, env, could);
        }
        return;
    }
    const char *choose = getenv("CC_BLAS_CHOOSE");
    if (choose && !strcmp(choose, "0")) {
        snprintf(s_why, sizeof s_why, "default");
        snprintf(s_summary, sizeof s_summary, "%s (OpenBLAS's own choice; CC_BLAS_CHOOSE=0%s)", s_core, could);
        return;
    }
    const char *pretend = getenv("CC_BLAS_TEST_DEFAULT"); /* act as if OpenBLAS had chosen this core */
    const char *deflt = pretend && *pretend ? pretend : s_core;
    const char *cand = cc_blas_candidate(env, deflt, cc_blas_cpu_flags());
    if (!cand) {
        snprintf(s_why, sizeof s_why, "detected");
        snprintf(s_summary, sizeof s_summary, "%s (OpenBLAS's own choice%s)", s_core, could);
        return;
    }
    char msg[400];
    if (cc_blas_verify_core(cand, msg, sizeof msg)) {
        fprintf(stderr, "warning: OpenBLAS core %s failed its check against a plain loop (%s); keeping %s\n", cand,
                msg, deflt);
        snprintf(s_why, sizeof s_why, "fallback");
        snprintf(s_summary, sizeof s_summary, "%s (OpenBLAS's own choice: %s failed the check%s)", s_core, cand,
                 could);
        return;
    }
    char mark[160];
    snprintf(mark, sizeof mark, "chosen %s over %s", cand, deflt);
    setenv("OPENBLAS_CORETYPE", cand, 1);
    setenv("CC_BLAS_CORE_WHY", mark, 1);
    fflush(NULL);
    execv("/proc/self/exe", argv);
    fprintf(stderr, "warning: cannot restart with OPENBLAS_CORETYPE=%s (%s); keeping %s\n", cand, strerror(errno),
            s_core);
    unsetenv("OPENBLAS_CORETYPE");
    unsetenv("CC_BLAS_CORE_WHY");
    snprintf(s_why, sizeof s_why, "default");
    snprintf(s_summary, sizeof s_summary, "%s (OpenBLAS's own choice: restarting with %s failed%s)", s_core, cand, could);
#else
    (void)argv;
#endif
}

void cc_blas_setup(int argc, char **argv)
{
    (void)argc;
#ifdef CC_BLAS_OPENBLAS
    openblas_set_num_threads(1); /* a product split over threads has other sums: same bits by hand as under make */
#endif
    decide(argv);
    if (getenv("CC_BLAS_REPORT")) { /* the probe of the Makefile: one line, then stop */
        printf("%s\n", cc_blas_summary());
        exit(0);
    }
}
