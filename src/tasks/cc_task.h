/* cc_task.h: the paper's tasks as seeded trial generators.
 *
 * One interface fills a batch of B fresh trials of any task: inputs x, targets y,
 * the steps that carry loss, the condition of each trial and task metadata.
 * Arrays are time-major, so that the model reads step t as one contiguous
 * (B, D) block: x[(t*B + b)*D + d].
 *
 * Not here: the model, losses, learning. Generators never touch model state.
 */
#ifndef CC_TASK_H
#define CC_TASK_H

#include <gsl/gsl_rng.h>

typedef enum {
    CC_TASK_LINEDRAW = 0, /* 6 cued lines (or arcs), regression, Figs 2-3 */
    CC_TASK_DIGITDRAW,    /* digits 0..5 as 2-D polylines, regression, Fig 4 */
    CC_TASK_EVACC,        /* evidence accumulation, 3 classes, Fig 5 */
    CC_TASK_DELASS,       /* delayed association, 2 classes, Fig 6 */
    CC_TASK_SLEEP,        /* delayed-association inputs without targets, Fig 8 */
    CC_TASK_TIMING,       /* interval timing: a response pulse at a cued delay, regression, Fig X6 */
    CC_TASK_COUNT
} cc_task_kind;

/* Parameters of a task. cc_task_defaults() fills the values of the authors' code. */
typedef struct {
    cc_task_kind kind;
    int T;             /* steps per trial: 20 drawing, 50 evacc, 15 delass/sleep */
    double arc;        /* linedraw: 0 straight lines, 1 semicircular arcs */
    double noise_std;  /* std of Gaussian noise on every input channel and step (0.1) */
    double puff_prob;  /* evacc: probability that a step's puff is kept (0.3) */
    int delay;         /* evacc: last steps without puffs (5) */
    int window;        /* delass: training label on the last `window` steps (5) */
    int reverse;       /* delass: 1 maps cue k to choice 1 - k (the reversed mapping, Fig X1); 0 */
    int d_min, d_max;  /* timing: the shortest and longest cued delay in steps (5, 30) */
    int n_delays;      /* timing: delays (conditions), evenly spaced in [d_min, d_max] (6) */
    double width;      /* timing: std of the Gaussian response pulse in steps (1.5) */
} cc_task;

/* One batch of trials; sizes fixed at allocation. */
typedef struct {
    int B, T, D, O;            /* trials, steps, input channels, target width */
    int classification;        /* 1: y is one-hot over O classes, loss is cross-entropy */
    double *x;                 /* (T, B, D) inputs, noise included */
    double *y;                 /* (T, B, O) targets (one-hot for classification) */
    unsigned char *mask_train; /* (T) 1 where the training loss (and cerebellar target) applies */
    unsigned char *mask_eval;  /* (T) 1 where evaluation scores the output */
    int *cond;                 /* (B) cue index (drawing, timing), label (evacc, delass: the cue
                                  index, or 1 - it when reversed) */
    double *puffs;             /* (T, B, 2) evacc puffs before noise (0/1); NULL otherwise */
} cc_batch;

/* Default parameters of `kind` (the authors' configs). */
cc_task cc_task_defaults(cc_task_kind kind);

/* Input and target widths of a task: D and O of its batches. */
int cc_task_input_dim(const cc_task *task);
int cc_task_output_dim(const cc_task *task);
int cc_task_is_classification(const cc_task *task);

/* Name <-> kind ("linedraw", "digitdraw", "evacc", "delass", "sleep", "timing"); -1 if unknown. */
const char *cc_task_name(cc_task_kind kind);
int cc_task_kind_from_name(const char *name);

/* Check parameters: GSL_SUCCESS, or GSL_EINVAL with a message through gsl_error. */
int cc_task_validate(const cc_task *task);

/* Allocate a batch of B trials for `task`; NULL (and gsl_error) on bad parameters. */
cc_batch *cc_batch_alloc(const cc_task *task, int B);
void cc_batch_free(cc_batch *batch);

/* Fill `batch` with fresh trials. Conditions and puffs are drawn from `trials`,
 * input noise from `noise`, so the two streams never shift each other. */
int cc_task_sample(cc_batch *batch, const cc_task *task, gsl_rng *trials, gsl_rng *noise);

/* The noise-free target trajectory of condition `cond` (T, O), for plots and tests. */
int cc_task_template(double *y, const cc_task *task, int cond);

/* Number of conditions of a cued task (6 drawing, 2 delass, n_delays timing); 0 for evacc. */
int cc_task_n_conditions(const cc_task *task);

/* The 10-bit cue of condition k (most significant bit first): 833, 990, 789, 235, 945, 965. */
extern const int CC_CUE_CODES[6];
void cc_task_cue(double *code /* (10) */, int k);

/* Per-task pieces, one source file each, exposed for tests and plots. A target
 * row n (of O values) is written at y + n*ld, so the same code fills a
 * contiguous (T, O) template (ld = O) or trial b of a (T, B, O) batch
 * (y + b*O, ld = B*O). Each returns GSL_SUCCESS or GSL_EINVAL (with gsl_error). */

/* Line drawing (cc_task_linedraw.c): target k in 0..5, (T, 2); arc 0 straight, 1 semicircular. */
int cc_linedraw_target(double *y, int ld, int k, int T, double arc);

/* Digit drawing (cc_task_digits.c): digit 0..5 as a T-point polyline, (T, 2). */
#define CC_DIGIT_MAX_WAYPOINTS 11
int cc_digit_target(double *y, int ld, int digit, int T);
/* Waypoints of a digit (0 for digit 1, drawn as one uniform T-point line). */
int cc_digit_n_waypoints(int digit);
/* Points of each of the P-1 segments of a P-waypoint polyline of T points (the
 * authors' fit_points; the final waypoint is the T-th point). len: (P-1). */
int cc_digit_segment_lengths(int *len, int P, int T);

/* Evidence accumulation (cc_task_evacc.c): puffs, noise-free x, one-hot y and
 * labels of every trial of `batch`, drawn from `trials`. */
int cc_evacc_fill(cc_batch *batch, const cc_task *task, gsl_rng *trials);

/* Interval timing (cc_task_timing.c). The delay of condition k of a valid timing task:
 * d_k = d_min + round(k (d_max - d_min) / (n_delays - 1)) (d_min if one delay). */
int cc_timing_delay(const cc_task *task, int k);
/* The target of delay d, (T, 1): y_n = exp(-(n - d)^2 / (2 width^2)). */
int cc_timing_target(double *y, int ld, int d, int T, double width);
/* The response step of an output trace z_n = z[n*ld] (n < T): its first maximum. */
int cc_timing_response(const double *z, int ld, int T);

#endif
