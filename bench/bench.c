/* bench.c: how far one training epoch is from the machine's limit.
 *
 * Times, single-threaded, one epoch of the paper's protocol (cc_train.h: n_train fresh
 * trials in batches of 10 with an Adam step each, then validation on 200 fresh trials)
 * for a few workloads, and the rate of the linked BLAS's dgemm and of the model's own
 * mossy-fibre product (cc_mf.h) on the reference product shape (10 x 50)(50 x 1000): one
 * step of the mossy-fibre layer for a batch. Per workload it prints seconds per epoch
 * (median over repeats), the GEMM floating-point operations of an epoch (counted
 * analytically, see epoch_flops), the achieved GFLOP/s, and the ratio of the measured time
 * to flops / best product rate: the distance to the limit.
 *
 * The reference workload is line drawing with cerebellar feedback, fixed cortex and
 * fixed mossy fibres. The others are there for coverage.
 * Not here: any pass/fail on a time (the benchmark reports, it never fails a build),
 * or checks of the results (the tests do that).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>

#include "cc_blas.h"
#include "cc_cerebellum.h"
#include "cc_mf.h"
#include "cc_model.h"
#include "cc_rng.h"
#include "cc_task.h"
#include "cc_train.h"

#ifndef CC_BLAS_NAME
#define CC_BLAS_NAME "unknown"
#endif
#ifdef CC_BLAS_OPENBLAS
/* From OpenBLAS's cblas.h, which clashes with GSL's gsl_cblas.h. */
extern void openblas_set_num_threads(int num_threads);
extern int openblas_get_num_threads(void);
extern char *openblas_get_config(void);
extern char *openblas_get_corename(void);
#endif

#define SEED 1UL
#define MAX_REPEATS 101

static void die_on_gsl_error(const char *reason, const char *file, int line, int gsl_errno)
{
    fprintf(stderr, "bench: error: %s (%s:%d, gsl_errno %d)\n", reason, file, line, gsl_errno);
    exit(1);
}

/* The CPU's name from /proc/cpuinfo (Linux), else "unknown". */
static void cpu_name(char *buf, size_t n)
{
    snprintf(buf, n, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) || !colon) continue;
        colon += 1 + (colon[1] == ' ');
        colon[strcspn(colon, "\n")] = '\0';
        snprintf(buf, n, "%s", colon);
        break;
    }
    fclose(f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds of this process: on a machine shared with more jobs than cores the wall time also
 * counts the time other jobs hold the core; the comparisons below report both. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* ---------------------------------------------------------------- workloads */

typedef struct {
    const char *name;
    const char *what;
    cc_task task;
    cc_config cfg;
    int n_train, batch, n_val;
} workload;

/* One workload with the protocol's sizes (cc_protocol_default: 1000 trials, 800 for evidence
 * accumulation, batches of 10, 200 validation trials). */
static workload make_workload(const char *name, const char *what, cc_task task, cc_config cfg)
{
    const cc_protocol p = cc_protocol_default(&task, 1);
    cfg.D = cc_task_input_dim(&task);
    cfg.O = cc_task_output_dim(&task);
    cfg.classification = cc_task_is_classification(&task);
    return (workload){name, what, task, cfg, p.n_train, p.batch, p.n_val};
}

/* The workloads, the reference first; every one has cerebellar feedback, N 50, G 1000, tau 3. */
static int make_workloads(workload *w)
{
    int n = 0;
    cc_config c = cc_config_default();
    c.plastic_mf = 0;
    w[n++] = make_workload("linedraw", "line drawing, T 20, fixed cortex, fixed W_MF (the reference)",
                           cc_task_defaults(CC_TASK_LINEDRAW), c);
    c.plastic_mf = 1; /* as the figure configs */
    w[n++] = make_workload("linedraw_mf", "line drawing, T 20, fixed cortex, plastic W_MF",
                           cc_task_defaults(CC_TASK_LINEDRAW), c);
    cc_config d = c;
    d.plasticity = CC_CORTEX_INPUT; /* W_ih by e-prop, lr 2.5e-3, as Fig. 6 */
    d.lr_rnn = 2.5e-3;
    w[n++] = make_workload("delass", "delayed association, T 15, input e-prop, plastic W_MF",
                           cc_task_defaults(CC_TASK_DELASS), d);
    w[n++] = make_workload("evacc", "evidence accumulation, T 50, fixed cortex, plastic W_MF",
                           cc_task_defaults(CC_TASK_EVACC), c);
    return n;
}

/* Rows of the cerebellar backward per batch: B times the number of loop steps t whose
 * prediction is trained (cc_cerebellum.h), i.e. the steps from the first to the last
 * trained one, as cc_model.c does it in one product. */
static long cereb_rows(const workload *w, const cc_batch *b)
{
    const cc_config *c = &w->cfg;
    const int blocks = c->temporal_basis ? c->tau + 1 : 1;
    int lo = b->T + 1, hi = -1;
    for (int t = 0; t <= b->T; t++)
        for (int j = 0; j < blocks; j++)
            if (cc_cereb_target_step(t, c->temporal_basis ? j : c->tau, c->tau, b->T, c->final_learning,
                                     b->mask_train) >= 0) {
                if (t < lo) lo = t;
                hi = t;
            }
    return hi >= lo ? (long)(hi - lo + 1) * b->B : 0;
}

/* GEMM flops of one epoch, 2 m n k per product (m x k)(k x n), as cc_model.c calls them.
 * Forward, per step t, rows = B trials (training) or n_val (validation):
 *   cerebellar feedback:  g = r_{t-1} W_MF^T      2 B N G   (not at t = 0: r_{-1} = 0, g = 0)
 *                         p = g W_PF^T            2 B G C
 *   cortex:               h += xt W_ih^T          2 B Din N
 *                         h += r_{t-1} W_hh^T     2 B N N
 *   readout:              z = r W_ro^T            2 B N O
 *   (tau = 0 adds one cerebellar call after the last step when learning)
 * Learning, per batch, over TB = T B rows (Rc = cerebellar rows, cereb_rows()):
 *   readout:              dW_ro += dZ^T R         2 O TB N
 *   plastic cortex:       L = dZ W_ro             2 TB O N
 *                         dW_ih += Delta^T Eps    2 N TB Din
 *   input + recurrent:    dW_hh += Delta^T Eps    2 N TB N
 *   BPTT:                 delta_{t+1} W_hh        2 B N N per step t < T-1
 *   cerebellum:           dW_PF += dp^T g         2 C Rc G
 *   plastic W_MF:         dg = dp W_PF            2 Rc C G
 *                         dW_MF += da^T m         2 G Rc N
 * Element-wise work (tanh, relu, Adam, losses, sampling) is not counted. */
static double epoch_flops(const workload *w, const cc_batch *b, int n_batches, int n_val)
{
    const cc_config *c = &w->cfg;
    const double N = c->N, G = c->G, O = c->O, T = b->T, B = w->batch;
    const double C = cc_config_cereb_outputs(c), Din = c->D + cc_config_feedback_dim(c);
    const int cb = c->arch == CC_ARCH_CEREB_FB;
    const double step = 2 * Din * N + 2 * N * N + 2 * N * O + (cb ? 2 * G * C : 0); /* per row and step */
    const double mf = cb ? 2 * N * G * (T - 1) : 0;                                /* per row, steps 1..T-1 */
    double train = (step * T + mf) * B;
    if (cb && c->tau == 0) train += (2 * N * G + 2 * G * C) * B;
    const double TB = T * B;
    train += 2 * O * TB * N;
    if (c->plasticity != CC_CORTEX_FIXED) {
        train += 2 * TB * O * N + 2 * N * TB * Din;
        if (c->plasticity == CC_CORTEX_INPUT_REC) train += 2 * N * TB * N;
        if (c->rule == CC_RULE_BPTT) train += 2 * B * N * N * (T - 1);
    }
    if (cb) {
        const double Rc = (double)cereb_rows(w, b);
        train += 2 * C * Rc * G;
        if (c->plastic_mf) train += 2 * Rc * C * G + 2 * G * Rc * N;
    }
    return train * n_batches + (step * T + mf) * n_val;
}

/* Seconds of one epoch, split into sampling, training and validation. */
typedef struct {
    double total, sample, train, val, cpu;
} epoch_time;

/* One epoch of cc_train's loop (without its checkpoint copy). */
static epoch_time run_epoch(cc_model *m, const workload *w, cc_batch *b, cc_batch *v, gsl_rng *tr, gsl_rng *no,
                            gsl_rng *vtr, gsl_rng *vno, int n_batches)
{
    epoch_time e = {0};
    cc_stats s;
    const double t0 = now(), c0 = cpu_now();
    for (int k = 0; k < n_batches; k++) {
        const double a = now();
        cc_task_sample(b, &w->task, tr, no);
        const double c = now();
        cc_model_train_batch(m, b, &s);
        e.sample += c - a;
        e.train += now() - c;
    }
    const double a = now();
    cc_task_sample(v, &w->task, vtr, vno);
    const double c = now();
    cc_model_eval_batch(m, v, &s);
    e.sample += c - a;
    e.val = now() - c;
    e.total = now() - t0;
    e.cpu = cpu_now() - c0;
    return e;
}

typedef struct {
    const workload *w;
    int n_batches, n_val, repeats;
    double sec, sec_min, sec_max, sample, train, val, flops, cpu;
    double cpu_ratio; /* the same as ratio in CPU seconds, epoch and dgemm alike */
    double ratio; /* median over repeats of epoch time / (flops / product rate measured just before it) */
    double ratio_blas; /* the same against the BLAS's dgemm alone (cblas_NN) */
} result;

/* The reference product timed for a moment right before each epoch, so that each epoch is
 * compared with the machine's rate at that time: a shared machine's speed drifts. */
static double paired_rate(void);
static double paired_cpu_rate_last, paired_blas_rate_last;

static void bench_workload(result *r, const workload *w, int repeats, int quick)
{
    r->w = w;
    r->repeats = repeats;
    r->n_batches = quick ? 5 : w->n_train / w->batch;
    r->n_val = quick ? 20 : w->n_val;
    cc_model *m = cc_model_alloc(&w->cfg, SEED);
    cc_batch *b = cc_batch_alloc(&w->task, w->batch), *v = cc_batch_alloc(&w->task, r->n_val);
    gsl_rng *tr = cc_rng_stream(SEED, CC_STREAM_TRIALS), *no = cc_rng_stream(SEED, CC_STREAM_NOISE);
    gsl_rng *vtr = cc_rng_stream(SEED, CC_STREAM_EVAL_TRIALS), *vno = cc_rng_stream(SEED, CC_STREAM_EVAL_NOISE);
    if (!m || !b || !v || !tr || !no || !vtr || !vno) {
        fprintf(stderr, "bench: error: cannot allocate workload %s\n", w->name);
        exit(1);
    }
    if (!quick) run_epoch(m, w, b, v, tr, no, vtr, vno, r->n_batches); /* warm-up: workspace, caches */
    double tot[MAX_REPEATS], smp[MAX_REPEATS], trn[MAX_REPEATS], val[MAX_REPEATS], rat[MAX_REPEATS], cpu[MAX_REPEATS],
        crat[MAX_REPEATS], brat[MAX_REPEATS];
    r->flops = epoch_flops(w, b, r->n_batches, r->n_val);
    for (int i = 0; i < repeats; i++) {
        const double rate = paired_rate(), crate = paired_cpu_rate_last, brate = paired_blas_rate_last; /* flop/s now */
        epoch_time e = run_epoch(m, w, b, v, tr, no, vtr, vno, r->n_batches);
        tot[i] = e.total;
        cpu[i] = e.cpu;
        smp[i] = e.sample;
        trn[i] = e.train;
        val[i] = e.val;
        rat[i] = e.total / (r->flops / rate);
        brat[i] = e.total / (r->flops / brate);
        crat[i] = e.cpu / (r->flops / crate);
    }
    r->ratio = median(rat, repeats);
    r->ratio_blas = median(brat, repeats);
    r->cpu_ratio = median(crat, repeats);
    r->cpu = median(cpu, repeats);
    r->sec = median(tot, repeats);
    r->sec_min = tot[0];
    r->sec_max = tot[repeats - 1];
    r->sample = median(smp, repeats);
    r->train = median(trn, repeats);
    r->val = median(val, repeats);
    gsl_rng *rs[] = {tr, no, vtr, vno};
    for (int i = 0; i < 4; i++) gsl_rng_free(rs[i]);
    cc_batch_free(b);
    cc_batch_free(v);
    cc_model_free(m);
}

/* ---------------------------------------------------------------- dgemm rate */

/* The product shape: a batch of B = 10 rates (10 x 50) times the mossy fibres (50 x 1000). */
enum { GM = 10, GK = 50, GN = 1000 };

typedef struct {
    const char *name;
    const char *what;
    int repeats;
    double gflops; /* median over repeats */
} gemm_rate;

/* Run kernel variant `v` `calls` times; returns seconds. */
static double gemm_calls(int v, long calls, const double *A, const double *W, const double *Wt, double *C)
{
    gsl_matrix_const_view a = gsl_matrix_const_view_array(A, GM, GK);
    gsl_matrix_const_view w = gsl_matrix_const_view_array(W, GN, GK);
    gsl_matrix_view c = gsl_matrix_view_array(C, GM, GN);
    const double t0 = now();
    for (long i = 0; i < calls; i++) {
        switch (v) {
        case 0: /* C = A W^T, W stored (1000, 50): the model's layout of W_MF */
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, GM, GN, GK, 1.0, A, GK, W, GK, 0.0, C, GN);
            break;
        case 1: /* C = A Wt, Wt = W^T stored (50, 1000) */
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, GM, GN, GK, 1.0, A, GK, Wt, GN, 0.0, C, GN);
            break;
        case 2: /* as case 0 through gsl_blas_dgemm and matrix views */
            gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &a.matrix, &w.matrix, 0.0, &c.matrix);
            break;
        default: /* the model's own mossy-fibre product, C = A Wt (cc_mf.h) */
            cc_mf_product(C, A, Wt, GM, GK, GN);
            break;
        }
    }
    return now() - t0;
}

static int bench_gemm(gemm_rate *g, int repeats, int quick)
{
    static const char *names[] = {"cblas_NT", "cblas_NN", "gsl_NT", "cc_mf"};
    static const char *whats[] = {"cblas_dgemm, A (10,50) x W^T with W stored (1000,50)",
                                  "cblas_dgemm, A (10,50) x Wt stored (50,1000)",
                                  "gsl_blas_dgemm with views, as cblas_NT",
                                  "cc_mf_product, as cblas_NN: the model's mossy-fibre product (cc_mf.h)"};
    double *A = malloc(sizeof(double) * GM * GK), *W = malloc(sizeof(double) * GN * GK);
    double *Wt = malloc(sizeof(double) * GN * GK), *C = malloc(sizeof(double) * GM * GN);
    if (!A || !W || !Wt || !C) {
        fprintf(stderr, "bench: error: out of memory for the dgemm test\n");
        exit(1);
    }
    gsl_rng *r = cc_rng_stream(SEED, CC_STREAM_USER);
    for (int i = 0; i < GM * GK; i++) A[i] = gsl_rng_uniform(r) - 0.5;
    for (int i = 0; i < GN * GK; i++) W[i] = gsl_rng_uniform(r) - 0.5;
    for (int i = 0; i < GN; i++)
        for (int k = 0; k < GK; k++) Wt[k * GN + i] = W[i * GK + k];
    gsl_rng_free(r);
    const double flops = 2.0 * GM * GN * GK, target = quick ? 0.02 : 0.2; /* seconds per repeat */
    int n = 0;
    for (int v = 0; v < (cc_mf_fma_on() ? 4 : 3); v++) {
        long calls = 16;
        while (gemm_calls(v, calls, A, W, Wt, C) < 0.25 * target && calls < (1L << 30)) calls *= 2; /* warm-up too */
        double t = gemm_calls(v, calls, A, W, Wt, C);
        calls = (long)ceil(calls * target / (t > 0 ? t : 1e-9));
        double rate[MAX_REPEATS];
        for (int i = 0; i < repeats; i++) rate[i] = calls * flops / gemm_calls(v, calls, A, W, Wt, C) * 1e-9;
        g[n++] = (gemm_rate){names[v], whats[v], repeats, median(rate, repeats)};
    }
    free(A);
    free(W);
    free(Wt);
    free(C);
    return n;
}

static double *PA, *PW, *PWt, *PC;
static long paired_calls = 1000;


/* The rate of the faster of cblas_NN and, where it has a vector path, the model's own product
 * cc_mf_product, measured now (the limit moments before an epoch). */
static double paired_rate(void)
{
    double best = 0.0;
    for (int v = 1; v <= (cc_mf_fma_on() ? 3 : 1); v += 2) {
        const double c0 = cpu_now(), s = gemm_calls(v, paired_calls, PA, PW, PWt, PC);
        const double rate = paired_calls * 2.0 * GM * GN * GK / s;
        if (v == 1) paired_blas_rate_last = rate;
        if (rate > best) {
            best = rate;
            paired_cpu_rate_last = paired_calls * 2.0 * GM * GN * GK / (cpu_now() - c0);
        }
    }
    return best;
}

/* Arrays for paired_rate, and a call count that takes about `seconds`. */
static void paired_setup(double seconds)
{
    PA = calloc(GM * GK, sizeof(double));
    PW = calloc(GN * GK, sizeof(double));
    PWt = calloc(GN * GK, sizeof(double));
    PC = calloc(GM * GN, sizeof(double));
    if (!PA || !PW || !PWt || !PC) {
        fprintf(stderr, "bench: error: out of memory for the dgemm test\n");
        exit(1);
    }
    for (int i = 0; i < GN * GK; i++) PWt[i] = PW[i] = 1e-3 * (i % 97);
    for (int i = 0; i < GM * GK; i++) PA[i] = 1e-2 * (i % 13);
    paired_calls = (long)(seconds * paired_rate() / (2.0 * GM * GN * GK)) + 1;
}

/* ---------------------------------------------------------------- OpenBLAS cores
 * OpenBLAS reads OPENBLAS_CORETYPE when it loads, so each core runs in a child process of
 * this program (--core-child): the reference workload, after its warm-up epoch, prints its
 * median epoch and paired ratio. The cores alternate, round after round, and each round gives
 * one ratio of times taken moments apart: the machine's drift mostly cancels in it. */

typedef struct {
    char label[24]; /* "default" (OpenBLAS's own choice, OPENBLAS_CORETYPE unset) or "in use" */
    char asked[32]; /* OPENBLAS_CORETYPE given to the child, "" for unset */
    char core[64];  /* what the child ran */
    double sec[MAX_REPEATS], paired[MAX_REPEATS], cpu[MAX_REPEATS], cpu_paired[MAX_REPEATS];
} core_run;

static int run_core_child(const char *self, core_run *c, int round, int repeats, int quick)
{
    char cmd[4800];
    if (c->asked[0])
        snprintf(cmd, sizeof cmd, "env OPENBLAS_CORETYPE=%s '%s' --core-child --repeats %d%s", c->asked, self, repeats,
                 quick ? " --quick" : "");
    else
        snprintf(cmd, sizeof cmd, "env -u OPENBLAS_CORETYPE CC_BLAS_CHOOSE=0 '%s' --core-child --repeats %d%s", self,
                 repeats, quick ? " --quick" : "");
    FILE *p = popen(cmd, "r");
    if (!p) return 1;
    const int got = fscanf(p, "%63s %lf %lf %lf %lf", c->core, &c->sec[round], &c->paired[round], &c->cpu[round],
                           &c->cpu_paired[round]);
    return (pclose(p) != 0) | (got != 5);
}

/* The reference epoch with OpenBLAS's default core and with the core in use (and the best the
 * CPU flags allow, if neither), `rounds` rounds of alternating children. */
static void compare_cores(int rounds, int repeats, int quick)
{
#ifdef CC_BLAS_OPENBLAS
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0 || strchr(self, '\'')) {
        printf("cores: cannot find this program's path; comparison skipped\n\n");
        return;
    }
    self[n] = '\0';
    core_run c[3];
    int nc = 0;
    const char *best = cc_blas_core_for_flags(cc_blas_cpu_flags());
    memset(c, 0, sizeof c);
    snprintf(c[nc++].label, sizeof c[0].label, "default");
    snprintf(c[nc].label, sizeof c[0].label, "in use");
    snprintf(c[nc++].asked, sizeof c[0].asked, "%s", cc_blas_core());
    if (best && strcasecmp(best, cc_blas_core())) {
        snprintf(c[nc].label, sizeof c[0].label, "CPU's best");
        snprintf(c[nc++].asked, sizeof c[0].asked, "%s", best);
    }
    printf("reference epoch (linedraw) by OpenBLAS core: %d rounds, each core in its own process, %d epoch%s after a "
           "warm-up\n", rounds, repeats, repeats > 1 ? "s (median)" : "");
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < nc; i++)
            if (run_core_child(self, &c[i], r, repeats, quick)) {
                printf("  the child for core %s failed; comparison stopped\n\n", c[i].asked[0] ? c[i].asked : "default");
                return;
            }
    printf("  %-11s %-11s %8s %7s %8s %6s %6s %8s %7s %8s %6s %6s\n", "", "core", "s/epoch", "paired", "vs dflt", "min",
           "max", "cpu s", "paired", "cpu vs", "min", "max");
    for (int i = 0; i < nc; i++) {
        double ratio[MAX_REPEATS], sec[MAX_REPEATS], pr[MAX_REPEATS], cr[MAX_REPEATS], cs[MAX_REPEATS],
            cp[MAX_REPEATS];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = c[i].sec[r] / c[0].sec[r];
            cr[r] = c[i].cpu[r] / c[0].cpu[r];
            sec[r] = c[i].sec[r];
            cs[r] = c[i].cpu[r];
            pr[r] = c[i].paired[r];
            cp[r] = c[i].cpu_paired[r];
        }
        const double med = median(ratio, rounds), cmed = median(cr, rounds);
        printf("  %-11s %-11s %8.4f %7.2f %8.3f %6.2f %6.2f %8.4f %7.2f %8.3f %6.2f %6.2f\n", c[i].label, c[i].core,
               median(sec, rounds), median(pr, rounds), med, ratio[0], ratio[rounds - 1], median(cs, rounds),
               median(cp, rounds), cmed, cr[0], cr[rounds - 1]);
    }
    printf("  vs dflt = the round's epoch time over the default core's in the same round (median, min and max\n"
           "  over rounds: their spread is the machine's noise); cpu: the same with the process's CPU seconds\n"
           "  (what remains when other jobs hold the core); paired = epoch time over the time its flops take\n"
           "  at the best product rate measured just before it, in that core's process (1 = at the limit), in wall\n"
           "  and in CPU seconds\n\n");
#else
    (void)rounds;
    (void)repeats;
    (void)quick;
#endif
}

/* Validation of the reference (200 trials) and a test set (1000 trials): all trials step after
 * step against chunks of trials through all steps (cc_model_eval_batch), alternately; the two
 * give the same bits (tests/test_eval_chunks.c). */
static void compare_chunks(const workload *w, int repeats, int quick)
{
    const int sizes[2] = {quick ? 20 : w->n_val, quick ? 40 : 1000};
    cc_model *m = cc_model_alloc(&w->cfg, SEED);
    gsl_rng *tr = cc_rng_stream(SEED, CC_STREAM_EVAL_TRIALS), *no = cc_rng_stream(SEED, CC_STREAM_EVAL_NOISE);
    if (!m || !tr || !no) exit(1);
    printf("evaluation of the reference model: all trials step after step, then in chunks of %d trials through "
           "all steps\n", cc_model_eval_rows(m));
    const int pairs = quick ? 1 : (4 * repeats < MAX_REPEATS ? 4 * repeats : MAX_REPEATS);
    printf("  %-7s %9s %9s %7s %6s %6s %9s %9s %7s %6s %6s\n", "trials", "all ms", "chunk ms", "ratio", "min", "max",
           "all cpu", "chunk cpu", "ratio", "min", "max");
    for (int k = 0; k < 2; k++) {
        cc_batch *v = cc_batch_alloc(&w->task, sizes[k]);
        if (!v) exit(1);
        cc_task_sample(v, &w->task, tr, no);
        double ta[MAX_REPEATS], tc[MAX_REPEATS], ratio[MAX_REPEATS], ca[MAX_REPEATS], cc[MAX_REPEATS],
            cratio[MAX_REPEATS];
        cc_model_eval_batch(m, v, NULL); /* warm-up: workspace */
        for (int i = 0; i < pairs; i++) {
            for (int j = 0; j < 2; j++) { /* all, chunks; then chunks, all: no order favoured */
                const int chunked = (i + j) % 2;
                m->eval_chunk = chunked ? 0 : -1;
                const double t0 = now(), c0 = cpu_now();
                cc_model_eval_batch(m, v, NULL);
                (chunked ? tc : ta)[i] = now() - t0;
                (chunked ? cc : ca)[i] = cpu_now() - c0;
            }
            ratio[i] = tc[i] / ta[i];
            cratio[i] = cc[i] / ca[i];
        }
        const double med = median(ratio, pairs), cmed = median(cratio, pairs);
        printf("  %-7d %9.3f %9.3f %7.3f %6.3f %6.3f %9.3f %9.3f %7.3f %6.3f %6.3f\n", sizes[k], 1e3 * median(ta, pairs),
               1e3 * median(tc, pairs), med, ratio[0], ratio[pairs - 1], 1e3 * median(ca, pairs), 1e3 * median(cc, pairs),
               cmed, cratio[0], cratio[pairs - 1]);
        cc_batch_free(v);
    }
    printf("  ratio = chunks / all, pair by pair (median, min, max over %d pairs), in wall and in CPU time\n\n", pairs);
    gsl_rng_free(tr);
    gsl_rng_free(no);
    cc_model_free(m);
}

/* ---------------------------------------------------------------- output */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: bench [--repeats N] [--quick] [--workload W] [--out FILE] [--help]\n"
            "\n"
            "Times one training epoch (n_train trials in batches of 10 with an Adam step each, then\n"
            "validation on 200 trials) of each workload, single-threaded, median over N repeats after\n"
            "one warm-up epoch, and the dgemm rate of the linked BLAS on (10 x 50)(50 x 1000). Prints\n"
            "per workload seconds per epoch, GEMM GFLOP per epoch, GFLOP/s, and the ratio of the\n"
            "time to flops / (best product rate): the distance to the limit.\n"
            "\n"
            "  --repeats N  timed epochs per workload (default 5, at most %d)\n"
            "  --quick      smoke run: 1 repeat, no warm-up, 5 batches and 20 validation trials\n"
            "  --out FILE   write the TSV to FILE (default: print it after the table)\n"
            "  --workload W only workload W: linedraw (the reference), linedraw_mf, delass, evacc\n"
            "  --rounds R   rounds of the comparison of OpenBLAS cores (default 5; 0: none)\n"
            "  --help       this text\n"
            "\n"
            "Never fails on a time: exit 0 unless an argument or the library fails.\n",
            MAX_REPEATS);
}

/* The TSV: one commented header naming the machine, then one row per dgemm variant and per workload. */
static void write_tsv(FILE *f, const char *machine, const result *r, int nr, const gemm_rate *g, int ng, double limit,
                      int quick)
{
    fprintf(f, "# bench: one training epoch per workload, single-threaded; seconds are medians over repeats%s\n",
            quick ? "; QUICK: reduced epochs, not comparable" : "");
    fprintf(f, "# %s\n", machine);
    fprintf(f, "# limit rate %.3f GFLOP/s = best product (dgemm or cc_mf) on (10x50)(50x1000); limit_s = gflop_epoch / limit rate; "
               "ratio = s_epoch / limit_s; paired = median of each epoch's time over its flops at the best rate "
               "(cblas_NN or cc_mf) measured just before it; paired_blas = the same against cblas_NN alone\n", limit);
    fprintf(f, "kind\tname\trepeats\tbatches\tn_val\ts_epoch\ts_min\ts_max\ts_sample\ts_train\ts_val\t"
               "gflop_epoch\tgflops\tlimit_s\tratio\tpaired\tpaired_blas\n");
    for (int i = 0; i < ng; i++)
        fprintf(f, "dgemm\t%s\t%d\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tNA\t%.6f\t%.3f\tNA\tNA\tNA\tNA\n", g[i].name, g[i].repeats,
                2e-9 * GM * GN * GK, g[i].gflops);
    for (int i = 0; i < nr; i++) {
        const double lim = r[i].flops * 1e-9 / limit;
        fprintf(f, "epoch\t%s\t%d\t%d\t%d\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.3f\t%.6f\t%.3f\t%.3f\t%.3f\n",
                r[i].w->name, r[i].repeats, r[i].n_batches, r[i].n_val, r[i].sec, r[i].sec_min, r[i].sec_max,
                r[i].sample, r[i].train, r[i].val, r[i].flops * 1e-9, r[i].flops * 1e-9 / r[i].sec, lim,
                r[i].sec / lim, r[i].ratio, r[i].ratio_blas);
    }
}

int main(int argc, char **argv)
{
    cc_blas_setup(argc, argv); /* the OpenBLAS core, as the drivers (cc_blas.h) */
    int repeats = 5, quick = 0, rounds = 5, child = 0;
    const char *out = NULL, *only = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--quick")) {
            quick = 1;
        } else if (!strcmp(a, "--core-child")) { /* internal: one core's reference epochs (compare_cores) */
            child = 1;
        } else if (!strcmp(a, "--repeats") || !strcmp(a, "--out") || !strcmp(a, "--workload") ||
                   !strcmp(a, "--rounds")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "bench: error: %s needs a value\n", a);
                return 2;
            }
            const char *val = argv[++i];
            if (!strcmp(a, "--out")) {
                out = val;
            } else if (!strcmp(a, "--workload")) {
                only = val;
            } else {
                const int lo = !strcmp(a, "--rounds") ? 0 : 1;
                char *end;
                errno = 0;
                long n = strtol(val, &end, 10);
                if (errno || *end || n < lo || n > MAX_REPEATS) {
                    fprintf(stderr, "bench: error: %s '%s': want an integer in %d..%d\n", a, val, lo, MAX_REPEATS);
                    return 2;
                }
                if (lo) repeats = (int)n;
                else rounds = (int)n;
            }
        } else {
            fprintf(stderr, "bench: error: unknown argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (quick) repeats = 1, rounds = rounds ? 1 : 0;
    gsl_set_error_handler(die_on_gsl_error);
    workload w[8];
    int nw = make_workloads(w);
    if (child) { /* the reference workload only: "core median_s paired" */
#ifdef CC_BLAS_OPENBLAS
        openblas_set_num_threads(1);
#endif
        result r;
        paired_setup(quick ? 0.002 : 0.02);
        bench_workload(&r, &w[0], repeats, quick);
        printf("%s %.6f %.4f %.6f %.4f\n", cc_blas_core(), r.sec, r.ratio, r.cpu, r.cpu_ratio);
        return 0;
    }
    if (only) { /* keep the one asked for */
        int k = 0;
        while (k < nw && strcmp(w[k].name, only)) k++;
        if (k == nw) {
            fprintf(stderr, "bench: error: --workload '%s': no such workload (see --help)\n", only);
            return 2;
        }
        w[0] = w[k];
        nw = 1;
    }
    /* the TSV goes to FILE.tmp, renamed at the end: a killed run leaves no file that looks whole */
    char tmp[4096];
    FILE *tsv = stdout;
    if (out) {
        snprintf(tmp, sizeof tmp, "%s.tmp", out);
        if (!(tsv = fopen(tmp, "w"))) {
            fprintf(stderr, "bench: error: cannot write %s: %s\n", tmp, strerror(errno));
            return 2;
        }
    }
    char machine[1024], blas[512], host[256] = "unknown", cpu[256];
#ifdef CC_BLAS_OPENBLAS
    openblas_set_num_threads(1);
    const char *env = getenv("OPENBLAS_NUM_THREADS");
    snprintf(blas, sizeof blas, "%s (%s; core %s), %d thread (OPENBLAS_NUM_THREADS=%s)", CC_BLAS_NAME,
             openblas_get_config(), cc_blas_summary(), openblas_get_num_threads(), env ? env : "unset");
#else
    snprintf(blas, sizeof blas, "%s, single-threaded", CC_BLAS_NAME);
#endif
    gethostname(host, sizeof host - 1);
    cpu_name(cpu, sizeof cpu);
    snprintf(machine, sizeof machine, "host %s (%s); blas %s", host, cpu, blas);
    printf("%s\n%s; repeats %d%s\n\n", machine, quick ? "QUICK: reduced epochs, no warm-up" : "full epochs", repeats,
           quick ? "" : " after 1 warm-up epoch");
    if (cc_blas_could_do_better())
        printf("warning: OpenBLAS runs its generic core %s (%s) on a CPU that can run %s: expect several times "
               "slower products\n\n", cc_blas_core(), cc_blas_why(), cc_blas_core_for_flags(cc_blas_cpu_flags()));

    gemm_rate g[4];
    const int ng = bench_gemm(g, repeats, quick);
    double limit = 0.0;
    printf("products (10 x 50)(50 x 1000), %.0f flops per call, median of %d:\n", 2.0 * GM * GN * GK, repeats);
    for (int i = 0; i < ng; i++) {
        printf("  %-9s %7.2f GFLOP/s   %s\n", g[i].name, g[i].gflops, g[i].what);
        if (g[i].gflops > limit) limit = g[i].gflops;
    }
    printf("  limit rate: %.2f GFLOP/s (the best of these)\n\n", limit);

    result r[8];
    paired_setup(quick ? 0.002 : 0.02);
    printf("%-12s %9s %9s %9s %9s %11s %8s %9s %7s %7s %7s\n", "workload", "s/epoch", "sample", "train", "valid",
           "GFLOP/epoch", "GFLOP/s", "limit s", "ratio", "paired", "p.blas");
    for (int i = 0; i < nw; i++) {
        bench_workload(&r[i], &w[i], repeats, quick);
        const double lim = r[i].flops * 1e-9 / limit;
        printf("%-12s %9.4f %9.4f %9.4f %9.4f %11.3f %8.2f %9.4f %7.2f %7.2f %7.2f\n", w[i].name, r[i].sec, r[i].sample,
               r[i].train, r[i].val, r[i].flops * 1e-9, r[i].flops * 1e-9 / r[i].sec, lim, r[i].sec / lim, r[i].ratio,
               r[i].ratio_blas);
        fflush(stdout);
    }
    printf("\n");
    for (int i = 0; i < nw; i++)
        printf("  %-12s %s; %d batches of %d, %d validation trials\n", w[i].name, w[i].what, r[i].n_batches,
               w[i].batch, r[i].n_val);
    printf("  s/epoch = sample + train + valid (medians, so the parts need not add up exactly);\n"
           "  limit s = GEMM flops / limit rate; ratio = s/epoch / limit s (1 = at the limit);\n"
           "  paired = median over repeats of each epoch's time over the time its flops take at the\n"
           "  best rate (cblas_NN or cc_mf) measured just before it (robust to a shared machine's\n"
           "  drifting speed); p.blas = the same against the BLAS's cblas_NN alone\n\n");
    if (!strcmp(w[0].name, "linedraw")) { /* the reference workload is among those run */
        compare_chunks(&w[0], quick ? 1 : repeats, quick);
        if (rounds) compare_cores(rounds, quick ? 1 : 3, quick);
    }

    write_tsv(tsv, machine, r, nw, g, ng, limit, quick);
    if (out) {
        if (fclose(tsv) || rename(tmp, out)) {
            fprintf(stderr, "bench: error: cannot write %s: %s\n", out, strerror(errno));
            remove(tmp);
            return 1;
        }
        printf("TSV written to %s\n", out);
    }
    return 0;
}
