/* test_eval_chunks.c: evaluation in chunks of trials gives the same bits as all trials at once.
 *
 * cc_model_eval_batch runs the trials in chunks through all steps (cc_model.h). Here every
 * architecture, on every task kind (regression on all steps, classification scored on masked
 * steps, inputs without targets), with the manipulations that act inside the time loop
 * (cerebellar output noise, silencing, silenced cortical units), is evaluated with all trials
 * step after step (eval_chunk < 0) and in chunks of several sizes, a batch size that is no
 * multiple of them; the scores and every array a caller reads (h, r, xt, z, c, p) must be equal
 * bit for bit. Both orders run the same step function, so a wrong row offset would break them
 * alike: each block of trials is also compared with the same trials evaluated as a batch of
 * their own, where the offsets are trivial. Not here: speed (make bench).
 */
#include <gsl/gsl_randist.h>

#include "cc_rng.h"
#include "cc_task.h"
#include "cc_test.h"

#include "cc_model.h"

enum { B = 23, ROWS = 4 };

/* Evaluate `b` with the given chunk; copies of the arrays into *out (caller frees). */
typedef struct {
    cc_stats s;
    double *a[6];
    long n[6];
} eval_out;

static void eval_with(cc_model *m, const cc_batch *b, int chunk, eval_out *o)
{
    gsl_rng_set(m->rng_cnoise, 99); /* the same noise stream for every run */
    m->eval_chunk = chunk;
    CU_ASSERT_EQUAL(cc_model_eval_batch(m, b, &o->s), GSL_SUCCESS);
    const long T = b->T, N = m->cfg.N, O = m->cfg.O, C = m->C ? m->C : O;
    const double *src[6] = {m->ws.h, m->ws.r, m->ws.xt, m->ws.z, m->ws.c, m->ws.p};
    const long n[6] = {(T + 1) * B * N, (T + 1) * B * N, T * B * m->Din, T * B * O,
                       m->cfg.arch == CC_ARCH_CEREB_FB || m->cfg.arch == CC_ARCH_READOUT_FB ? T * B * C : 0,
                       m->cfg.arch == CC_ARCH_CEREB_FB ? T * B * C : 0};
    for (int i = 0; i < 6; i++) {
        o->n[i] = n[i];
        o->a[i] = malloc((size_t)(n[i] ? n[i] : 1) * sizeof(double));
        if (n[i]) memcpy(o->a[i], src[i], (size_t)n[i] * sizeof(double));
    }
}

static void eval_free(eval_out *o)
{
    for (int i = 0; i < 6; i++) free(o->a[i]);
}

/* 1 if the two evaluations are the same bits. */
static int same(const eval_out *x, const eval_out *y)
{
    int ok = memcmp(&x->s, &y->s, sizeof x->s) == 0;
    for (int i = 0; i < 6; i++) ok &= x->n[i] == y->n[i] && !memcmp(x->a[i], y->a[i], (size_t)x->n[i] * sizeof(double));
    return ok;
}

/* One model of `arch` for `task`, trained a few batches so that its weights are not the initial ones. */
static cc_model *model_for(const cc_task *task, cc_arch arch, int manip)
{
    cc_config c = cc_config_default();
    c.D = cc_task_input_dim(task);
    c.O = cc_task_output_dim(task);
    c.classification = cc_task_is_classification(task);
    c.N = 12;
    c.G = 40;
    c.arch = arch;
    c.plasticity = CC_CORTEX_INPUT_REC;
    cc_model *m = cc_model_alloc(&c, 5);
    if (!m) return NULL;
    cc_batch *tb = cc_batch_alloc(task, 5);
    gsl_rng *tr = cc_rng_stream(5, CC_STREAM_TRIALS), *no = cc_rng_stream(5, CC_STREAM_NOISE);
    for (int k = 0; k < 3; k++) {
        cc_task_sample(tb, task, tr, no);
        cc_model_train_batch(m, tb, NULL);
    }
    gsl_rng_free(tr);
    gsl_rng_free(no);
    cc_batch_free(tb);
    m->eval_rows = ROWS;
    if (manip == 1) m->cereb_noise = 0.3;
    if (manip == 2) {
        m->silence_from = 2;
        m->cortex_silenced = 3;
    }
    if (manip == 3) m->silence_fraction = 0.5;
    return m;
}

static void test_chunks_equal_whole(void)
{
    const int chunks[] = {0, 1, 2 * ROWS, 5, B - 1, B};
    int cases = 0, bad = 0;
    for (int kind = 0; kind < CC_TASK_COUNT; kind++) {
        const cc_task task = cc_task_defaults((cc_task_kind)kind);
        cc_batch *b = cc_batch_alloc(&task, B);
        gsl_rng *tr = cc_rng_stream(9, CC_STREAM_EVAL_TRIALS), *no = cc_rng_stream(9, CC_STREAM_EVAL_NOISE);
        CU_ASSERT_FATAL(b && tr && no);
        CU_ASSERT_EQUAL(cc_task_sample(b, &task, tr, no), GSL_SUCCESS);
        for (int arch = CC_ARCH_NONE; arch <= CC_ARCH_CEREB_READOUT; arch++)
            for (int manip = 0; manip < 4; manip++) {
                cc_model *m = model_for(&task, (cc_arch)arch, manip);
                CU_ASSERT_FATAL(m != NULL);
                eval_out whole, part;
                eval_with(m, b, -1, &whole);
                for (size_t i = 0; i < sizeof chunks / sizeof *chunks; i++) {
                    eval_with(m, b, chunks[i], &part);
                    cases++;
                    if (!same(&whole, &part)) {
                        bad++;
                        printf("\n  task %d, architecture %d, manipulation %d, chunk %d: differs from the whole batch",
                               kind, arch, manip, chunks[i]);
                    }
                    eval_free(&part);
                }
                eval_free(&whole);
                cc_model_free(m);
            }
        gsl_rng_free(tr);
        gsl_rng_free(no);
        cc_batch_free(b);
    }
    printf("\n  %d evaluations in chunks compared bit for bit with the whole batch, %d differ ", cases, bad);
    CU_ASSERT_EQUAL(bad, 0);
}

/* The cerebellar noise of an evaluation is the stream's draws in the order of the steps, then
 * trials, then outputs (as a step-by-step loop draws them), whatever the chunk: c - p recovers
 * them; a second evaluation draws new noise (the stream moves on). */
static void test_noise_order(void)
{
    const cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    cc_batch *b = cc_batch_alloc(&task, B);
    gsl_rng *tr = cc_rng_stream(3, CC_STREAM_EVAL_TRIALS), *no = cc_rng_stream(3, CC_STREAM_EVAL_NOISE);
    cc_task_sample(b, &task, tr, no);
    cc_model *m = model_for(&task, CC_ARCH_CEREB_FB, 1);
    gsl_rng *ref = gsl_rng_clone(m->rng_cnoise);
    cc_stats s1, s2;
    m->eval_chunk = 0;
    cc_model_eval_batch(m, b, &s1);
    double worst = 0.0;
    for (long i = 0; i < (long)b->T * B * m->C; i++)
        worst = fmax(worst, fabs(m->ws.c[i] - m->ws.p[i] - gsl_ran_gaussian(ref, m->cereb_noise)));
    CU_ASSERT(worst < 1e-12);
    cc_model_eval_batch(m, b, &s2);
    CU_ASSERT_NOT_EQUAL(s1.mse, s2.mse);
    gsl_rng_free(ref);
    cc_model_free(m);
    gsl_rng_free(tr);
    gsl_rng_free(no);
    cc_batch_free(b);
}

/* The trials b0 .. b0+n-1 of `b` as a batch of their own. */
static cc_batch *sub_batch(const cc_task *task, const cc_batch *b, int b0, int n)
{
    cc_batch *s = cc_batch_alloc(task, n);
    const int T = b->T, D = b->D, O = b->O;
    for (int t = 0; t < T; t++) {
        memcpy(s->x + (long)t * n * D, b->x + ((long)t * b->B + b0) * D, (size_t)n * D * sizeof(double));
        memcpy(s->y + (long)t * n * O, b->y + ((long)t * b->B + b0) * O, (size_t)n * O * sizeof(double));
    }
    memcpy(s->mask_train, b->mask_train, (size_t)T);
    memcpy(s->mask_eval, b->mask_eval, (size_t)T);
    return s;
}

/* Rows (T', n, w) of a (T', B, w) array from trial b0 equal to those of a (T', n, w) array. */
static int rows_equal(const double *whole, const double *part, int Tn, int b0, int n, long w)
{
    int ok = 1;
    for (int t = 0; t < Tn; t++)
        ok &= !memcmp(whole + ((long)t * B + b0) * w, part + (long)t * n * w, (size_t)(n * w) * sizeof(double));
    return ok;
}

static void test_blocks_equal_own_batches(void)
{
    int cases = 0, bad = 0;
    for (int kind = 0; kind < CC_TASK_COUNT; kind++) {
        const cc_task task = cc_task_defaults((cc_task_kind)kind);
        cc_batch *b = cc_batch_alloc(&task, B);
        gsl_rng *tr = cc_rng_stream(4, CC_STREAM_EVAL_TRIALS), *no = cc_rng_stream(4, CC_STREAM_EVAL_NOISE);
        cc_task_sample(b, &task, tr, no);
        for (int arch = CC_ARCH_NONE; arch <= CC_ARCH_CEREB_READOUT; arch++)
            for (int manip = 0; manip < 4; manip++) {
                if (manip == 1) continue; /* noise: drawn for the whole batch, not per block */
                cc_model *m = model_for(&task, (cc_arch)arch, manip);
                eval_out whole;
                eval_with(m, b, 0, &whole);
                const int T = b->T, N = m->cfg.N, O = m->cfg.O, C = m->C ? m->C : O;
                const long w[6] = {N, N, m->Din, O, C, C};
                const int Tn[6] = {T + 1, T + 1, T, T, T, T};
                for (int b0 = 0; b0 < B; b0 += ROWS) {
                    const int n = B - b0 < ROWS ? B - b0 : ROWS;
                    cc_batch *s = sub_batch(&task, b, b0, n);
                    cc_model_eval_batch(m, s, NULL);
                    const double *own[6] = {m->ws.h, m->ws.r, m->ws.xt, m->ws.z, m->ws.c, m->ws.p};
                    int ok = 1;
                    for (int i = 0; i < 6; i++)
                        if (whole.n[i]) ok &= rows_equal(whole.a[i], own[i], Tn[i], b0, n, w[i]);
                    cases++;
                    if (!ok) {
                        bad++;
                        printf("\n  task %d, architecture %d, manipulation %d: trials %d..%d differ from their own batch",
                               kind, arch, manip, b0, b0 + n - 1);
                    }
                    cc_batch_free(s);
                }
                eval_free(&whole);
                cc_model_free(m);
            }
        gsl_rng_free(tr);
        gsl_rng_free(no);
        cc_batch_free(b);
    }
    printf("\n  %d blocks compared bit for bit with their own batches, %d differ ", cases, bad);
    CU_ASSERT_EQUAL(bad, 0);
}

static const cc_test_case CASES[] = {
    {"each block of trials = the same trials as a batch of their own", test_blocks_equal_own_batches},
    {"chunked evaluation = whole batch, bit for bit (every architecture, task kind, manipulation)",
     test_chunks_equal_whole},
    {"cerebellar noise in the order of steps, trials, outputs", test_noise_order},
    {0, 0}};

CC_TEST_MAIN("evaluation in chunks", CASES)
