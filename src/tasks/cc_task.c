/* cc_task.c: the common part of the task generators.
 *
 * Defaults, names and sizes of the tasks, parameter checks, batch allocation,
 * cues, loss masks and input noise; cc_task_sample() draws the condition of each
 * trial from the `trials` stream, writes cue and target, then adds Gaussian noise
 * from the `noise` stream to every input. Delayed association (and its
 * target-free "sleep" variant) lives here whole: its target is a one-hot label.
 * The drawing targets, evidence accumulation and interval timing have their own files.
 *
 * Not here: models, losses, learning; printing or exiting (errors go through
 * gsl_error with a reason naming the parameter and its value).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "cc_error.h"
#include "cc_rng.h"
#include "cc_task.h"

#define CC_CUE_BITS 10

const int CC_CUE_CODES[6] = {833, 990, 789, 235, 945, 965};

static const char *const CC_TASK_NAMES[CC_TASK_COUNT] = {"linedraw", "digitdraw", "evacc", "delass", "sleep", "timing"};

static int cc_kind_ok(int kind) { return kind >= 0 && kind < CC_TASK_COUNT; }

cc_task cc_task_defaults(cc_task_kind kind)
{
    cc_task t = {
        .kind = kind, .T = 20, .arc = 0.0, .noise_std = 0.1, .puff_prob = 0.3, .delay = 5, .window = 5,
        .d_min = 5, .d_max = 30, .n_delays = 6, .width = 1.5,
    };
    if (kind == CC_TASK_EVACC) t.T = 50;
    if (kind == CC_TASK_DELASS || kind == CC_TASK_SLEEP) t.T = 15;
    if (kind == CC_TASK_TIMING) t.T = 35; /* d_max + 5: the response pulse ends inside the trial */
    return t;
}

int cc_task_input_dim(const cc_task *task)
{
    if (!task || !cc_kind_ok(task->kind)) return 0;
    return task->kind == CC_TASK_EVACC ? 2 : CC_CUE_BITS;
}

int cc_task_output_dim(const cc_task *task)
{
    if (!task || !cc_kind_ok(task->kind)) return 0;
    if (task->kind == CC_TASK_TIMING) return 1; /* the response channel */
    return task->kind == CC_TASK_EVACC ? 3 : 2; /* 3 classes / 2 classes / (x, y) */
}

int cc_task_is_classification(const cc_task *task)
{
    if (!task) return 0;
    return task->kind == CC_TASK_EVACC || task->kind == CC_TASK_DELASS || task->kind == CC_TASK_SLEEP;
}

const char *cc_task_name(cc_task_kind kind) { return cc_kind_ok(kind) ? CC_TASK_NAMES[kind] : "unknown"; }

int cc_task_kind_from_name(const char *name)
{
    if (!name) return -1;
    for (int k = 0; k < CC_TASK_COUNT; k++)
        if (strcmp(name, CC_TASK_NAMES[k]) == 0) return k;
    return -1;
}

int cc_task_n_conditions(const cc_task *task)
{
    if (!task) return 0;
    switch (task->kind) {
    case CC_TASK_LINEDRAW:
    case CC_TASK_DIGITDRAW: return 6;
    case CC_TASK_DELASS:
    case CC_TASK_SLEEP: return 2;
    case CC_TASK_TIMING: return task->n_delays;
    default: return 0;
    }
}

void cc_task_cue(double *code, int k)
{
    if (!code) {
        gsl_error("cc_task_cue: code is NULL", __FILE__, __LINE__, GSL_EFAULT);
        return;
    }
    if (k < 0 || k > 5) {
        for (int i = 0; i < CC_CUE_BITS; i++) code[i] = 0.0;
        CC_ERRORF(GSL_EINVAL, "cc_task_cue: cue k = %d outside 0..5", k);
        return;
    }
    /* bit i (i = 0 most significant) of the code: (c >> (9 - i)) & 1 */
    for (int i = 0; i < CC_CUE_BITS; i++) code[i] = (double)((CC_CUE_CODES[k] >> (CC_CUE_BITS - 1 - i)) & 1);
}

int cc_task_validate(const cc_task *task)
{
    if (!task) CC_FAIL(GSL_EFAULT, "task: NULL pointer");
    if (!cc_kind_ok(task->kind)) CC_FAIL(GSL_EINVAL, "task: unknown kind %d", (int)task->kind);
    const char *name = CC_TASK_NAMES[task->kind];
    if (task->T < 2) CC_FAIL(GSL_EINVAL, "task %s: T = %d < 2", name, task->T);
    if (!(task->noise_std >= 0.0) || !isfinite(task->noise_std))
        CC_FAIL(GSL_EINVAL, "task %s: noise_std = %g must be finite and >= 0", name, task->noise_std);
    switch (task->kind) {
    case CC_TASK_LINEDRAW:
        if (!isfinite(task->arc)) CC_FAIL(GSL_EINVAL, "task linedraw: arc = %g is not finite", task->arc);
        break;
    case CC_TASK_DIGITDRAW:
        for (int d = 0; d < 6; d++) {
            int P = cc_digit_n_waypoints(d), len[CC_DIGIT_MAX_WAYPOINTS - 1];
            if (P > 0) {
                int status = cc_digit_segment_lengths(len, P, task->T); /* raises its own error */
                if (status) return status;
            }
        }
        break;
    case CC_TASK_EVACC:
        if (!(task->puff_prob >= 0.0 && task->puff_prob <= 1.0))
            CC_FAIL(GSL_EINVAL, "task evacc: puff_prob = %g outside [0, 1]", task->puff_prob);
        if (task->delay < 0) CC_FAIL(GSL_EINVAL, "task evacc: delay = %d < 0", task->delay);
        if (task->T <= task->delay)
            CC_FAIL(GSL_EINVAL, "task evacc: T = %d must exceed delay = %d", task->T, task->delay);
        break;
    case CC_TASK_DELASS:
        if (task->window < 1 || task->window > task->T)
            CC_FAIL(GSL_EINVAL, "task delass: window = %d outside 1..T (T = %d)", task->window, task->T);
        if (task->reverse != 0 && task->reverse != 1)
            CC_FAIL(GSL_EINVAL, "task delass: reverse = %d must be 0 or 1", task->reverse);
        break;
    case CC_TASK_TIMING:
        if (task->n_delays < 1 || task->n_delays > 6)
            CC_FAIL(GSL_EINVAL, "task timing: n_delays = %d outside 1..6 (one cue code each)", task->n_delays);
        if (task->d_min < 1 || task->d_max < task->d_min || task->d_max > task->T - 1)
            CC_FAIL(GSL_EINVAL, "task timing: delays [%d, %d] must satisfy 1 <= d_min <= d_max <= T - 1 (T = %d)",
                    task->d_min, task->d_max, task->T);
        if (task->d_max - task->d_min < task->n_delays - 1)
            CC_FAIL(GSL_EINVAL, "task timing: %d delays do not fit distinct into [%d, %d]", task->n_delays, task->d_min,
                    task->d_max);
        if (!(task->width > 0.0) || !isfinite(task->width))
            CC_FAIL(GSL_EINVAL, "task timing: width = %g must be finite and > 0", task->width);
        break;
    default: break;
    }
    return GSL_SUCCESS;
}

/* Loss masks of `task` over its T steps. */
static void cc_task_masks(unsigned char *train, unsigned char *eval, const cc_task *task)
{
    const int T = task->T;
    for (int t = 0; t < T; t++) {
        unsigned char last = t == T - 1;
        switch (task->kind) {
        case CC_TASK_EVACC: train[t] = eval[t] = last; break;          /* the final step */
        case CC_TASK_DELASS:
            train[t] = t >= T - task->window;                            /* the last `window` steps */
            eval[t] = last;
            break;
        case CC_TASK_SLEEP: train[t] = eval[t] = 0; break;               /* no targets */
        default: train[t] = eval[t] = 1; break;                          /* drawing: every step */
        }
    }
}

cc_batch *cc_batch_alloc(const cc_task *task, int B)
{
    if (cc_task_validate(task)) return NULL; /* reason already raised */
    if (B <= 0) CC_FAIL_NULL(GSL_EINVAL, "cc_batch_alloc: batch size B = %d must be > 0", B);
    cc_batch *batch = calloc(1, sizeof *batch);
    if (!batch) CC_FAIL_NULL(GSL_ENOMEM, "cc_batch_alloc: out of memory");
    batch->B = B;
    batch->T = task->T;
    batch->D = cc_task_input_dim(task);
    batch->O = cc_task_output_dim(task);
    batch->classification = cc_task_is_classification(task);
    size_t TB = (size_t)batch->T * (size_t)B;
    batch->x = calloc(TB * batch->D, sizeof *batch->x);
    batch->y = calloc(TB * batch->O, sizeof *batch->y);
    batch->mask_train = calloc((size_t)batch->T, 1);
    batch->mask_eval = calloc((size_t)batch->T, 1);
    batch->cond = calloc((size_t)B, sizeof *batch->cond);
    if (task->kind == CC_TASK_EVACC) batch->puffs = calloc(TB * 2, sizeof *batch->puffs);
    if (!batch->x || !batch->y || !batch->mask_train || !batch->mask_eval || !batch->cond ||
        (task->kind == CC_TASK_EVACC && !batch->puffs)) {
        cc_batch_free(batch);
        CC_FAIL_NULL(GSL_ENOMEM, "cc_batch_alloc: out of memory for B = %d, T = %d", B, task->T);
    }
    cc_task_masks(batch->mask_train, batch->mask_eval, task);
    return batch;
}

void cc_batch_free(cc_batch *batch)
{
    if (!batch) return;
    free(batch->x);
    free(batch->y);
    free(batch->mask_train);
    free(batch->mask_eval);
    free(batch->cond);
    free(batch->puffs);
    free(batch);
}

/* Target of condition k written at rows y + n*ld (n < T); the task is valid. */
static int cc_task_target(double *y, int ld, const cc_task *task, int k)
{
    switch (task->kind) {
    case CC_TASK_LINEDRAW: return cc_linedraw_target(y, ld, k, task->T, task->arc);
    case CC_TASK_DIGITDRAW: return cc_digit_target(y, ld, k, task->T);
    case CC_TASK_DELASS:  /* one-hot of the label at every step: k, or 1 - k when reversed */
    case CC_TASK_SLEEP:   /* no target: zeros */
        for (int n = 0; n < task->T; n++)
            for (int o = 0; o < 2; o++)
                y[(size_t)n * ld + o] = task->kind == CC_TASK_DELASS && o == (task->reverse ? 1 - k : k) ? 1.0 : 0.0;
        return GSL_SUCCESS;
    case CC_TASK_TIMING: return cc_timing_target(y, ld, cc_timing_delay(task, k), task->T, task->width);
    default: CC_FAIL(GSL_EINVAL, "task %s has no target templates", cc_task_name(task->kind));
    }
}

int cc_task_template(double *y, const cc_task *task, int cond)
{
    if (!y) CC_FAIL(GSL_EFAULT, "cc_task_template: y is NULL");
    int status = cc_task_validate(task);
    if (status) return status;
    if (task->kind == CC_TASK_EVACC)
        CC_FAIL(GSL_EINVAL, "cc_task_template: evacc has no templates (its target depends on the puffs)");
    int n = cc_task_n_conditions(task);
    if (cond < 0 || cond >= n)
        CC_FAIL(GSL_EINVAL, "cc_task_template: cond = %d outside 0..%d for task %s", cond, n - 1,
                cc_task_name(task->kind));
    return cc_task_target(y, cc_task_output_dim(task), task, cond);
}

int cc_task_sample(cc_batch *batch, const cc_task *task, gsl_rng *trials, gsl_rng *noise)
{
    if (!batch) CC_FAIL(GSL_EFAULT, "cc_task_sample: batch is NULL");
    int status = cc_task_validate(task);
    if (status) return status;
    if (!trials) CC_FAIL(GSL_EFAULT, "cc_task_sample: trials rng is NULL");
    if (task->noise_std > 0.0 && !noise)
        CC_FAIL(GSL_EFAULT, "cc_task_sample: noise rng is NULL with noise_std = %g", task->noise_std);
    const int D = cc_task_input_dim(task), O = cc_task_output_dim(task);
    if (batch->T != task->T || batch->D != D || batch->O != O ||
        batch->classification != cc_task_is_classification(task))
        CC_FAIL(GSL_EINVAL,
                "cc_task_sample: batch (T %d, D %d, O %d, classification %d) does not match task %s "
                "(T %d, D %d, O %d, classification %d)",
                batch->T, batch->D, batch->O, batch->classification, cc_task_name(task->kind), task->T, D, O,
                cc_task_is_classification(task));
    const int B = batch->B, T = batch->T;
    const size_t n_in = (size_t)T * B * D;

    if (task->kind == CC_TASK_EVACC) {
        status = cc_evacc_fill(batch, task, trials);
        if (status) return status;
    } else {
        memset(batch->x, 0, n_in * sizeof *batch->x);
        const int n_cond = cc_task_n_conditions(task);
        for (int b = 0; b < B; b++) {
            int k = (int)gsl_rng_uniform_int(trials, (unsigned long)n_cond); /* k ~ U{0..n_cond-1} */
            batch->cond[b] = task->kind == CC_TASK_DELASS && task->reverse ? 1 - k : k; /* delass: the label */
            cc_task_cue(batch->x + (size_t)b * D, k); /* cue at t = 0 only */
            status = cc_task_target(batch->y + (size_t)b * O, B * O, task, k);
            if (status) return status;
        }
    }
    cc_task_masks(batch->mask_train, batch->mask_eval, task);
    /* x += noise_std * N(0, 1) on every channel and step, after the targets; the batch's
     * draws come from a SplitMix64 state seeded by two draws of the noise stream */
    if (task->noise_std > 0.0) {
        unsigned long long state = (unsigned long long)gsl_rng_get(noise) << 32;
        state |= gsl_rng_get(noise) & 0xFFFFFFFFULL;
        cc_gauss_add(batch->x, (long)n_in, task->noise_std, &state);
    }
    return GSL_SUCCESS;
}
