/* test_tasks.c: checks of the task generators against the authors' definitions.
 *
 * Exact values (line and arc targets, digit segment allocation and waypoints, cue
 * bits), statistics of evidence-accumulation trials and of the input noise with
 * tolerances derived from the sample size, reproducibility and independence of
 * the two random streams, and refusal of bad parameters; the reversed delayed association
 * and the interval-timing task of the extensions.
 *
 * Not here: anything of the model; plots (experiments/tasks.c, figures/tasks.gp).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "cc_task.h"
#include "cc_rng.h"
#include "cc_test.h"

#define TOL 1e-12

static gsl_rng *rng(unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    return r;
}

/* Draw one batch of `task` with the given seeds (noise seed 0 -> no noise rng). */
static cc_batch *draw(const cc_task *task, int B, unsigned long s_trials, unsigned long s_noise)
{
    cc_batch *batch = cc_batch_alloc(task, B);
    CU_ASSERT_PTR_NOT_NULL_FATAL(batch);
    gsl_rng *rt = rng(s_trials), *rn = s_noise ? rng(s_noise) : NULL;
    CU_ASSERT_EQUAL(cc_task_sample(batch, task, rt, rn), GSL_SUCCESS);
    gsl_rng_free(rt);
    if (rn) gsl_rng_free(rn);
    return batch;
}

/* ---- line drawing ---- */

static void test_line_straight_exact(void)
{
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    double y[20 * 2];
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, 1), GSL_SUCCESS);
    /* target 1 goes to (0, 1): p_k = (0, (1 - cos(pi k/19))/2) */
    CU_ASSERT_DOUBLE_EQUAL(y[0], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[1], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[2], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[3], (1.0 - cos(M_PI / 19.0)) / 2.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[38], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[39], 1.0, TOL);
    long bad = 0;
    for (int k = 0; k < 20; k++)
        bad += cc_test_differ(y[2 * k], 0.0, TOL) + cc_test_differ(y[2 * k + 1], (1.0 - cos(M_PI * k / 19.0)) / 2.0, TOL);
    CC_ASSERT_NONE_WRONG(bad, "line to (0, 1)");
    /* the digest's printed values: 0, .0068, .0271, .0603, ..., .9932, 1 */
    CU_ASSERT_DOUBLE_EQUAL(y[3], 0.0068, 5e-5);
    CU_ASSERT_DOUBLE_EQUAL(y[5], 0.0271, 5e-5);
    CU_ASSERT_DOUBLE_EQUAL(y[7], 0.0603, 5e-5);
    CU_ASSERT_DOUBLE_EQUAL(y[37], 0.9932, 5e-5);
    /* target 0 stays at the origin */
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, 0), GSL_SUCCESS);
    bad = 0;
    for (int i = 0; i < 40; i++) bad += y[i] != 0.0;
    CC_ASSERT_NONE_WRONG(bad, "target 0 at the origin");
}

static void test_line_endpoints(void)
{
    /* e_k = (sin th, cos th), th = 2 pi (k-1)/5; the digest's rounded values */
    const double E[6][2] = {{0, 0}, {0, 1}, {0.9511, 0.3090}, {0.5878, -0.8090}, {-0.5878, -0.8090},
                            {-0.9511, 0.3090}};
    for (int a = 0; a < 2; a++) {
        cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
        task.arc = a;
        double y[40];
        for (int k = 0; k < 6; k++) {
            CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, k), GSL_SUCCESS);
            CU_ASSERT_DOUBLE_EQUAL(y[0], 0.0, 0.0);
            CU_ASSERT_DOUBLE_EQUAL(y[1], 0.0, 0.0);
            CU_ASSERT_DOUBLE_EQUAL(y[38], E[k][0], 1e-4);
            CU_ASSERT_DOUBLE_EQUAL(y[39], E[k][1], 1e-4);
        }
    }
}

/* draw_semi_ellipse against the closed form p_k = E (1 - cos s)/2 + arc 0.5 sin s (E_y, -E_x),
 * s = pi k/(T-1): both sign conventions agree on every target (bulge right of the movement). */
static void test_line_arc_closed_form(void)
{
    const double arcs[3] = {0.0, 0.5, 1.0};
    long bad = 0;
    for (int ia = 0; ia < 3; ia++)
        for (int T = 5; T <= 40; T += 15) {
            cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
            task.arc = arcs[ia];
            task.T = T;
            double y[40 * 2];
            for (int k = 1; k < 6; k++) {
                CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, k), GSL_SUCCESS);
                double th = 2 * M_PI * (k - 1) / 5, ex = sin(th), ey = cos(th);
                for (int n = 0; n < T; n++) {
                    double s = M_PI * n / (T - 1), f = (1 - cos(s)) / 2, g = task.arc * 0.5 * sin(s);
                    bad += cc_test_differ(y[2 * n], ex * f + g * ey, 1e-12);
                    bad += cc_test_differ(y[2 * n + 1], ey * f - g * ex, 1e-12);
                }
            }
        }
    CC_ASSERT_NONE_WRONG(bad, "arc points against the closed form");
}

static void test_line_arc_semicircle(void)
{
    cc_task task = cc_task_defaults(CC_TASK_LINEDRAW);
    task.arc = 1.0;
    double y[40];
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, 1), GSL_SUCCESS);
    /* target 1: x rises to 0.5 sin(9 pi/19) = 0.4983 at mid-trial and returns to 0 */
    CU_ASSERT_DOUBLE_EQUAL(y[2 * 9], 0.5 * sin(9 * M_PI / 19), 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(y[2 * 9], 0.498, 5e-4);
    CU_ASSERT_DOUBLE_EQUAL(y[2 * 10], y[2 * 9], 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(y[38], 0.0, 1e-12);
    CU_ASSERT(y[2 * 9] > 0.0);
    /* every point of every arc lies on the circle of radius 1/2 around e/2 */
    long bad = 0;
    for (int k = 1; k < 6; k++) {
        CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, k), GSL_SUCCESS);
        for (int n = 0; n < 20; n++) bad += cc_test_differ(hypot(y[2 * n] - y[38] / 2, y[2 * n + 1] - y[39] / 2), 0.5, 1e-12);
    }
    CC_ASSERT_NONE_WRONG(bad, "arc points off the circle");
}

/* ---- digits ---- */

static void check_lengths(int P, int T, const int *want, int n)
{
    int len[32];
    CU_ASSERT_EQUAL_FATAL(cc_digit_segment_lengths(len, P, T), GSL_SUCCESS);
    CU_ASSERT_EQUAL(n, P - 1);
    for (int j = 0; j < n; j++) CU_ASSERT_EQUAL(len[j], want[j]);
}

static void test_digit_segment_lengths(void)
{
    check_lengths(9, 20, (const int[]){3, 3, 3, 2, 2, 2, 2, 2}, 8);
    check_lengths(7, 20, (const int[]){4, 3, 3, 3, 3, 3}, 6);
    check_lengths(8, 20, (const int[]){3, 3, 3, 3, 3, 2, 2}, 7);
    check_lengths(11, 20, (const int[]){2, 2, 2, 2, 2, 2, 2, 2, 2, 1}, 10);
    /* any feasible (P, T): P-1 segments of >= 1 point summing to T-1 (the last point is the end) */
    long bad = 0;
    for (int P = 2; P <= 12; P++)
        for (int T = 2; T <= 60; T++) {
            int len[32], sum = 0;
            cc_test_reset_error();
            int status = cc_digit_segment_lengths(len, P, T);
            if (status) { /* only short trials can fail, and they fail with an error */
                bad += status != GSL_EINVAL || cc_test_last_errno == 0 || T > 2 * (P - 1);
                continue;
            }
            for (int j = 0; j < P - 1; j++) {
                bad += len[j] < 1;
                sum += len[j];
            }
            bad += sum != T - 1;
        }
    CC_ASSERT_NONE_WRONG(bad, "segment allocations over (P, T)");
    /* 11 waypoints in 10 steps: q = 1, r = 0, the last segment would get 0 points */
    int len[16];
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_digit_segment_lengths(len, 11, 10), GSL_EINVAL);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
}

static void test_digit_waypoints(void)
{
    /* first and last waypoint of digits 0..5 */
    const double first[6][2] = {{0, 1}, {.5, 1}, {0, 1}, {0, 1}, {.5, 1}, {0, 1}};
    const double last[6][2] = {{0, 1}, {.5, 0}, {1, 0}, {0, 0}, {1, .5}, {0, 0}};
    for (int T = 20; T <= 50; T += 15) {
        cc_task task = cc_task_defaults(CC_TASK_DIGITDRAW);
        task.T = T;
        double y[50 * 2];
        for (int d = 0; d < 6; d++) {
            CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, d), GSL_SUCCESS);
            CU_ASSERT_DOUBLE_EQUAL(y[0], first[d][0], TOL);
            CU_ASSERT_DOUBLE_EQUAL(y[1], first[d][1], TOL);
            CU_ASSERT_DOUBLE_EQUAL(y[2 * (T - 1)], last[d][0], TOL);
            CU_ASSERT_DOUBLE_EQUAL(y[2 * (T - 1) + 1], last[d][1], TOL);
            long out = 0;
            for (int i = 0; i < 2 * T; i++) out += !(y[i] >= 0.0 && y[i] <= 1.0);
            CC_ASSERT_NONE_WRONG(out, "digit points outside the unit square");
        }
    }
    cc_task task = cc_task_defaults(CC_TASK_DIGITDRAW);
    double y[40];
    /* digit 0, segments 3,3,3,2,...: (0,1) (0,5/6) (0,2/3) | (0,.5) ... | (0,0) at point 6 | (.5,0) at 9 */
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, 0), GSL_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(y[3], 1 - 0.5 / 3, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[5], 1 - 1.0 / 3, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[7], 0.5, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[12], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[13], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[18], 0.5, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[19], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[20], 0.75, TOL); /* second of the two points of (.5,0)->(1,0) */
    /* digit 1: uniform line (.5, 1) -> (.5, 0) */
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, 1), GSL_SUCCESS);
    long bad = 0;
    for (int n = 0; n < 20; n++) bad += cc_test_differ(y[2 * n], 0.5, TOL) + cc_test_differ(y[2 * n + 1], 1.0 - n / 19.0, TOL);
    CC_ASSERT_NONE_WRONG(bad, "digit 1 points");
    /* digit 2, segments 4,3,3,3,3,3: waypoint (1,1) at point 7, (.5,.5) at 10, (0,0) at 13 */
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, 2), GSL_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(y[2], 0.125, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[14], 1.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[15], 1.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[20], 0.5, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[21], 0.5, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[26], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[27], 0.0, TOL);
    /* digit 5: 11 waypoints, 2 points per segment, the last segment 1: (.5,0) at 18, (0,0) at 19 */
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, 5), GSL_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(y[36], 0.5, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[37], 0.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(y[4], 0.5, TOL); /* waypoint 1 (.5, 1) at point 2 */
    CU_ASSERT_EQUAL(cc_digit_n_waypoints(0), 9);
    CU_ASSERT_EQUAL(cc_digit_n_waypoints(1), 0);
    CU_ASSERT_EQUAL(cc_digit_n_waypoints(5), 11);
    CU_ASSERT_EQUAL(cc_digit_n_waypoints(6), -1);
}

/* ---- cues, cued batches, masks ---- */

static void test_cue_bits(void)
{
    double c[10];
    const double want[10] = {1, 1, 0, 1, 0, 0, 0, 0, 0, 1}; /* 833 = 1101000001 */
    cc_task_cue(c, 0);
    for (int i = 0; i < 10; i++) CU_ASSERT_DOUBLE_EQUAL(c[i], want[i], 0.0);
    const char *bits[6] = {"1101000001", "1111011110", "1100010101", "0011101011", "1110110001", "1111000101"};
    for (int k = 0; k < 6; k++) {
        cc_task_cue(c, k);
        int v = 0;
        for (int i = 0; i < 10; i++) {
            CU_ASSERT_DOUBLE_EQUAL(c[i], bits[k][i] - '0', 0.0);
            v = 2 * v + (int)c[i];
        }
        CU_ASSERT_EQUAL(v, CC_CUE_CODES[k]);
    }
    cc_test_reset_error();
    cc_task_cue(c, 6);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
}

static void test_cued_batches(void)
{
    const cc_task_kind kinds[4] = {CC_TASK_LINEDRAW, CC_TASK_DIGITDRAW, CC_TASK_DELASS, CC_TASK_SLEEP};
    for (int ik = 0; ik < 4; ik++) {
        cc_task task = cc_task_defaults(kinds[ik]);
        task.noise_std = 0.0;
        const int B = 300, T = task.T, D = 10, O = 2, n_cond = cc_task_n_conditions(&task);
        cc_batch *batch = draw(&task, B, 11, 0);
        CU_ASSERT_EQUAL(batch->D, D);
        CU_ASSERT_EQUAL(batch->O, O);
        CU_ASSERT_PTR_NULL(batch->puffs);
        int seen[6] = {0};
        double tmpl[6][20 * 2], cue[6][10];
        for (int k = 0; k < n_cond; k++) {
            CU_ASSERT_EQUAL_FATAL(cc_task_template(tmpl[k], &task, k), GSL_SUCCESS);
            cc_task_cue(cue[k], k);
        }
        long bad_k = 0, bad_x = 0, bad_y = 0;
        for (int b = 0; b < B; b++) {
            int k = batch->cond[b];
            if (k < 0 || k >= n_cond) {
                bad_k++;
                continue;
            }
            seen[k]++;
            for (int d = 0; d < D; d++) {
                bad_x += batch->x[(size_t)b * D + d] != cue[k][d]; /* t = 0: the cue */
                for (int t = 1; t < T; t++) bad_x += batch->x[((size_t)t * B + b) * D + d] != 0.0;
            }
            for (int t = 0; t < T; t++)
                for (int o = 0; o < O; o++) bad_y += batch->y[((size_t)t * B + b) * O + o] != tmpl[k][t * O + o];
        }
        CC_ASSERT_NONE_WRONG(bad_k, "conditions out of range");
        CC_ASSERT_NONE_WRONG(bad_x, "inputs other than the cue at t = 0");
        CC_ASSERT_NONE_WRONG(bad_y, "targets other than the condition's template");
        /* every condition drawn, with a share near 1/n_cond (5 standard errors) */
        for (int k = 0; k < n_cond; k++) {
            double p = 1.0 / n_cond;
            CU_ASSERT(fabs(seen[k] / (double)B - p) < 5 * sqrt(p * (1 - p) / B));
        }
        cc_batch_free(batch);
    }
}

static void test_delass_targets_and_masks(void)
{
    cc_task task = cc_task_defaults(CC_TASK_DELASS);
    CU_ASSERT_EQUAL(task.T, 15);
    CU_ASSERT_EQUAL(cc_task_n_conditions(&task), 2);
    CU_ASSERT(cc_task_is_classification(&task));
    cc_batch *batch = draw(&task, 50, 3, 4);
    long bad = 0;
    for (int t = 0; t < 15; t++) {
        CU_ASSERT_EQUAL(batch->mask_train[t], t >= 10);
        CU_ASSERT_EQUAL(batch->mask_eval[t], t == 14);
        for (int b = 0; b < 50; b++)
            for (int o = 0; o < 2; o++) bad += batch->y[((size_t)t * 50 + b) * 2 + o] != (o == batch->cond[b]);
    }
    CC_ASSERT_NONE_WRONG(bad, "delayed-association targets other than the one-hot label");
    cc_batch_free(batch);

    task = cc_task_defaults(CC_TASK_SLEEP);
    batch = draw(&task, 50, 3, 4);
    CU_ASSERT(batch->classification);
    for (int t = 0; t < 15; t++) CU_ASSERT(!batch->mask_train[t] && !batch->mask_eval[t]);
    bad = 0;
    for (int i = 0; i < 15 * 50 * 2; i++) bad += batch->y[i] != 0.0;
    CC_ASSERT_NONE_WRONG(bad, "sleep targets other than 0");
    /* sleep inputs are the delayed-association inputs, seed for seed */
    cc_task del = cc_task_defaults(CC_TASK_DELASS);
    cc_batch *ref = draw(&del, 50, 3, 4);
    CU_ASSERT_EQUAL(memcmp(ref->x, batch->x, 15 * 50 * 10 * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(ref->cond, batch->cond, 50 * sizeof(int)), 0);
    cc_batch_free(ref);
    cc_batch_free(batch);

    const cc_task_kind draw_kinds[2] = {CC_TASK_LINEDRAW, CC_TASK_DIGITDRAW};
    for (int i = 0; i < 2; i++) {
        task = cc_task_defaults(draw_kinds[i]);
        CU_ASSERT(!cc_task_is_classification(&task));
        batch = draw(&task, 5, 1, 2);
        CU_ASSERT(!batch->classification);
        for (int t = 0; t < 20; t++) CU_ASSERT(batch->mask_train[t] && batch->mask_eval[t]);
        cc_batch_free(batch);
    }
}

static void test_names(void)
{
    for (int k = 0; k < CC_TASK_COUNT; k++) CU_ASSERT_EQUAL(cc_task_kind_from_name(cc_task_name(k)), k);
    CU_ASSERT_EQUAL(cc_task_kind_from_name("evacc"), CC_TASK_EVACC);
    CU_ASSERT_EQUAL(cc_task_kind_from_name("nope"), -1);
    CU_ASSERT_EQUAL(cc_task_kind_from_name(NULL), -1);
}

/* ---- evidence accumulation ---- */

/* P(tie) when n steps each carry a puff with probability p on a fair random side:
 * sum over even m of Bin(m; n, p) C(m, m/2) 2^-m. */
static double tie_probability(int n, double p)
{
    double s = 0.0;
    for (int m = 0; m <= n; m += 2)
        s += gsl_sf_choose(n, m) * pow(p, m) * pow(1 - p, n - m) * gsl_sf_choose(m, m / 2) * pow(0.5, m);
    return s;
}

static void test_evacc_statistics(void)
{
    cc_task task = cc_task_defaults(CC_TASK_EVACC);
    CU_ASSERT_EQUAL(task.T, 50);
    CU_ASSERT_EQUAL(task.delay, 5);
    CU_ASSERT_DOUBLE_EQUAL(task.puff_prob, 0.3, 0.0);
    const int B = 2000, T = 50, Tcue = 45;
    cc_batch *batch = draw(&task, B, 21, 22);
    CU_ASSERT_EQUAL(batch->D, 2);
    CU_ASSERT_EQUAL(batch->O, 3);
    CU_ASSERT(batch->classification);
    CU_ASSERT_PTR_NOT_NULL_FATAL(batch->puffs);
    long steps_with_puff = 0, puffs_side0 = 0, puffs = 0, ties = 0, bad_puffs = 0, bad_labels = 0, bad_y = 0;
    for (int b = 0; b < B; b++) {
        int count[2] = {0, 0};
        for (int t = 0; t < T; t++) {
            double p0 = batch->puffs[((size_t)t * B + b) * 2], p1 = batch->puffs[((size_t)t * B + b) * 2 + 1];
            bad_puffs += !((p0 == 0.0 || p0 == 1.0) && (p1 == 0.0 || p1 == 1.0));
            bad_puffs += p0 + p1 > 1.0;                            /* one side per step */
            bad_puffs += t >= Tcue && !(p0 == 0.0 && p1 == 0.0); /* the delay is empty */
            count[0] += (int)p0;
            count[1] += (int)p1;
            steps_with_puff += (p0 + p1 > 0);
        }
        int label = count[0] == count[1] ? 0 : (count[0] > count[1] ? 1 : 2);
        bad_labels += batch->cond[b] != label;
        ties += label == 0;
        puffs += count[0] + count[1];
        puffs_side0 += count[0];
        for (int t = 0; t < T; t++)
            for (int o = 0; o < 3; o++) bad_y += batch->y[((size_t)t * B + b) * 3 + o] != (o == label);
    }
    CC_ASSERT_NONE_WRONG(bad_puffs, "puffs not 0/1, on both sides, or in the delay");
    CC_ASSERT_NONE_WRONG(bad_labels, "labels against the puff counts");
    CC_ASSERT_NONE_WRONG(bad_y, "targets other than the one-hot label");
    /* puff rate per cue step ~ 0.3, n = B Tcue steps: 5 standard errors */
    double n = (double)B * Tcue, rate = steps_with_puff / n;
    CU_ASSERT(fabs(rate - 0.3) < 5 * sqrt(0.3 * 0.7 / n));
    /* sides balanced */
    CU_ASSERT(fabs(puffs_side0 / (double)puffs - 0.5) < 5 * sqrt(0.25 / puffs));
    /* tie share against its exact probability (about 0.11) */
    double pt = tie_probability(Tcue, 0.3), share = ties / (double)B;
    CU_ASSERT(pt > 0.09 && pt < 0.13);
    CU_ASSERT(fabs(share - pt) < 5 * sqrt(pt * (1 - pt) / B));
    /* loss only at the last step */
    for (int t = 0; t < T; t++) {
        CU_ASSERT_EQUAL(batch->mask_train[t], t == T - 1);
        CU_ASSERT_EQUAL(batch->mask_eval[t], t == T - 1);
    }
    /* x = puffs + noise: the noise has mean 0 and std 0.1 (n = 2 B T values) */
    double s1 = 0, s2 = 0, m = 2.0 * B * T;
    for (size_t i = 0; i < (size_t)m; i++) {
        double e = batch->x[i] - batch->puffs[i];
        s1 += e;
        s2 += e * e;
    }
    double mean = s1 / m, sd = sqrt(s2 / m - mean * mean);
    CU_ASSERT(fabs(mean) < 5 * 0.1 / sqrt(m));
    CU_ASSERT(fabs(sd - 0.1) < 5 * 0.1 / sqrt(2 * m));
    cc_batch_free(batch);

    /* other cue durations: the delay is still empty and labels are still consistent */
    task.T = 20;
    batch = draw(&task, 100, 5, 6);
    bad_puffs = bad_labels = 0;
    for (int b = 0; b < 100; b++) {
        double c0 = 0, c1 = 0;
        for (int t = 0; t < 20; t++) {
            c0 += batch->puffs[((size_t)t * 100 + b) * 2];
            c1 += batch->puffs[((size_t)t * 100 + b) * 2 + 1];
            bad_puffs += t >= 15 && batch->puffs[((size_t)t * 100 + b) * 2] + batch->puffs[((size_t)t * 100 + b) * 2 + 1] != 0;
        }
        bad_labels += batch->cond[b] != (c0 == c1 ? 0 : (c0 > c1 ? 1 : 2));
    }
    CC_ASSERT_NONE_WRONG(bad_puffs, "puffs in the delay, T = 20");
    CC_ASSERT_NONE_WRONG(bad_labels, "labels against the puff counts, T = 20");
    cc_batch_free(batch);

    /* puff_prob 1 with an odd number of cue steps: a puff every step, never a tie */
    task.T = 10;
    task.delay = 5;
    task.puff_prob = 1.0;
    batch = draw(&task, 200, 7, 8);
    bad_labels = 0;
    for (int b = 0; b < 200; b++) bad_labels += batch->cond[b] == 0;
    CC_ASSERT_NONE_WRONG(bad_labels, "ties with a puff every step");
    cc_batch_free(batch);
}

static void test_noise_statistics(void)
{
    /* delayed association: steps t >= 1 carry noise only; n = B (T-1) D values */
    cc_task task = cc_task_defaults(CC_TASK_DELASS);
    const int B = 2000, T = 15, D = 10;
    cc_batch *batch = draw(&task, B, 31, 32);
    double s1 = 0, s2 = 0, n = (double)B * (T - 1) * D;
    for (size_t i = (size_t)B * D; i < (size_t)T * B * D; i++) {
        s1 += batch->x[i];
        s2 += batch->x[i] * batch->x[i];
    }
    double mean = s1 / n, sd = sqrt(s2 / n - mean * mean);
    /* SE of the mean sigma/sqrt(n); SE of the sample std about sigma/sqrt(2n) */
    CU_ASSERT(fabs(mean) < 5 * 0.1 / sqrt(n));
    CU_ASSERT(fabs(sd - 0.1) < 5 * 0.1 / sqrt(2 * n));
    cc_batch_free(batch);

    task.noise_std = 0.25; /* the std follows the parameter */
    batch = draw(&task, B, 31, 32);
    s2 = 0;
    for (size_t i = (size_t)B * D; i < (size_t)T * B * D; i++) s2 += batch->x[i] * batch->x[i];
    CU_ASSERT(fabs(sqrt(s2 / n) - 0.25) < 5 * 0.25 / sqrt(2 * n));
    cc_batch_free(batch);
}

/* cc_gauss against the normal law: moments, Kolmogorov-Smirnov distance, the tail beyond
 * the ziggurat's R and beyond 4 (each bound 5 standard errors, KS at p = 0.001). */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_gauss_sampler(void)
{
    enum { n = 2000000 };
    static double x[n];
    unsigned long long state = 12345;
    double m1 = 0, m2 = 0, m3 = 0, m4 = 0, tail_r = 0, tail_4 = 0;
    for (long i = 0; i < n; i++) {
        x[i] = cc_gauss(&state);
        m1 += x[i];
        m2 += x[i] * x[i];
        m3 += x[i] * x[i] * x[i];
        m4 += x[i] * x[i] * x[i] * x[i];
        tail_r += fabs(x[i]) > 3.442619855899;
        tail_4 += fabs(x[i]) > 4.0;
    }
    m1 /= n, m2 /= n, m3 /= n, m4 /= n;
    /* SE: mean 1/sqrt(n), E x^2 sqrt(2/n), E x^3 sqrt(15/n), E x^4 sqrt(96/n) */
    CU_ASSERT(fabs(m1) < 5 / sqrt(n));
    CU_ASSERT(fabs(m2 - 1) < 5 * sqrt(2.0 / n));
    CU_ASSERT(fabs(m3) < 5 * sqrt(15.0 / n));
    CU_ASSERT(fabs(m4 - 3) < 5 * sqrt(96.0 / n));
    const double pr = 2 * gsl_cdf_ugaussian_Q(3.442619855899), p4 = 2 * gsl_cdf_ugaussian_Q(4.0);
    CU_ASSERT(fabs(tail_r / n - pr) < 5 * sqrt(pr / n));
    CU_ASSERT(fabs(tail_4 / n - p4) < 5 * sqrt(p4 / n));
    qsort(x, n, sizeof(double), cmp_double);
    double ks = 0;
    for (long i = 0; i < n; i++) {
        const double F = gsl_cdf_ugaussian_P(x[i]);
        ks = fmax(ks, fmax(fabs(F - (double)i / n), fabs(F - (double)(i + 1) / n)));
    }
    printf("\n    %d draws: mean %.1e, var %.5f, E x^4 %.4f, KS D %.2e (bound %.2e), P(|x| > R) %.2e (%.2e)", n,
           m1, m2, m4, ks, 1.95 / sqrt(n), tail_r / n, pr);
    CU_ASSERT(ks < 1.95 / sqrt(n));
    unsigned long long a = 7, b = 7;
    int same = 1;
    for (int i = 0; i < 1000; i++) same &= cc_gauss(&a) == cc_gauss(&b);
    CU_ASSERT(same); /* the state is all there is */
}

/* ---- reproducibility and stream independence ---- */

static int same_batch(const cc_batch *a, const cc_batch *b, int compare_x)
{
    size_t TB = (size_t)a->T * a->B;
    int same = memcmp(a->y, b->y, TB * a->O * sizeof(double)) == 0 &&
               memcmp(a->cond, b->cond, a->B * sizeof(int)) == 0;
    if (a->puffs) same = same && memcmp(a->puffs, b->puffs, TB * 2 * sizeof(double)) == 0;
    if (compare_x) same = same && memcmp(a->x, b->x, TB * a->D * sizeof(double)) == 0;
    return same;
}

static void test_determinism(void)
{
    for (int k = 0; k < CC_TASK_COUNT; k++) {
        cc_task task = cc_task_defaults(k);
        cc_batch *a = draw(&task, 64, 100, 200);
        cc_batch *b = draw(&task, 64, 100, 200);
        cc_batch *c = draw(&task, 64, 101, 200); /* other trials */
        cc_batch *d = draw(&task, 64, 100, 201); /* other noise */
        CU_ASSERT(same_batch(a, b, 1));
        CU_ASSERT(memcmp(a->cond, c->cond, 64 * sizeof(int)) != 0);
        /* changing the noise seed leaves conditions, targets and puffs unchanged ... */
        CU_ASSERT(same_batch(a, d, 0));
        /* ... and changes every noisy input */
        CU_ASSERT(memcmp(a->x, d->x, (size_t)a->T * 64 * a->D * sizeof(double)) != 0);
        cc_batch_free(a);
        cc_batch_free(b);
        cc_batch_free(c);
        cc_batch_free(d);
        /* with noise off, the noise stream is not used at all */
        task.noise_std = 0.0;
        a = draw(&task, 64, 100, 200);
        b = draw(&task, 64, 100, 0);
        CU_ASSERT(same_batch(a, b, 1));
        cc_batch_free(a);
        cc_batch_free(b);
    }
}

/* ---- refusal of bad parameters ---- */

#define EXPECT_FAIL(call)                                                                    \
    do {                                                                                     \
        cc_test_reset_error();                                                               \
        CU_ASSERT_NOT_EQUAL((call), GSL_SUCCESS);                                            \
        CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);                                          \
    } while (0)

#define EXPECT_NULL(call)                                                                    \
    do {                                                                                     \
        cc_test_reset_error();                                                               \
        cc_batch *bad_ = (call);                                                             \
        CU_ASSERT_PTR_NULL(bad_);                                                            \
        CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);                                          \
        cc_batch_free(bad_);                                                                 \
    } while (0)

static void test_bad_parameters(void)
{
    cc_task t;
    t = cc_task_defaults(CC_TASK_LINEDRAW);
    EXPECT_NULL(cc_batch_alloc(&t, 0));
    EXPECT_NULL(cc_batch_alloc(&t, -3));
    EXPECT_NULL(cc_batch_alloc(NULL, 10));
    t.T = 1;
    EXPECT_NULL(cc_batch_alloc(&t, 10));
    t = cc_task_defaults(CC_TASK_LINEDRAW);
    t.noise_std = -0.1;
    EXPECT_FAIL(cc_task_validate(&t));
    CU_ASSERT(strstr(cc_test_last_reason, "noise_std") != NULL);
    t.noise_std = NAN;
    EXPECT_FAIL(cc_task_validate(&t));
    t = cc_task_defaults(CC_TASK_LINEDRAW);
    t.kind = (cc_task_kind)99;
    EXPECT_FAIL(cc_task_validate(&t));
    CU_ASSERT(strstr(cc_test_last_reason, "99") != NULL);
    t = cc_task_defaults(CC_TASK_EVACC);
    t.puff_prob = 1.5;
    EXPECT_FAIL(cc_task_validate(&t));
    CU_ASSERT(strstr(cc_test_last_reason, "puff_prob") != NULL);
    t.puff_prob = -0.1;
    EXPECT_FAIL(cc_task_validate(&t));
    t = cc_task_defaults(CC_TASK_EVACC);
    t.T = 5; /* = delay */
    EXPECT_FAIL(cc_task_validate(&t));
    CU_ASSERT(strstr(cc_test_last_reason, "delay") != NULL);
    t = cc_task_defaults(CC_TASK_DELASS);
    t.window = 16;
    EXPECT_FAIL(cc_task_validate(&t));
    CU_ASSERT(strstr(cc_test_last_reason, "window") != NULL);
    t.window = 0;
    EXPECT_FAIL(cc_task_validate(&t));
    t = cc_task_defaults(CC_TASK_DIGITDRAW);
    t.T = 10; /* digit 5 has 10 segments: the last would get 0 points */
    EXPECT_FAIL(cc_task_validate(&t));
    EXPECT_NULL(cc_batch_alloc(&t, 4));
    t = cc_task_defaults(CC_TASK_DIGITDRAW);
    t.T = 21; /* q = 2, r = 1 for 11 waypoints: feasible */
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_task_validate(&t), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_test_last_errno, 0);

    /* templates */
    double y[100];
    t = cc_task_defaults(CC_TASK_EVACC);
    EXPECT_FAIL(cc_task_template(y, &t, 0));
    t = cc_task_defaults(CC_TASK_LINEDRAW);
    EXPECT_FAIL(cc_task_template(y, &t, 6));
    EXPECT_FAIL(cc_task_template(y, &t, -1));
    EXPECT_FAIL(cc_task_template(NULL, &t, 0));
    t = cc_task_defaults(CC_TASK_DELASS);
    EXPECT_FAIL(cc_task_template(y, &t, 2));
    EXPECT_FAIL(cc_linedraw_target(y, 2, 1, 20, INFINITY));
    EXPECT_FAIL(cc_digit_target(y, 2, 7, 20));

    /* sampling into a batch of another task, or without generators */
    cc_task line = cc_task_defaults(CC_TASK_LINEDRAW), ev = cc_task_defaults(CC_TASK_EVACC);
    cc_task del = cc_task_defaults(CC_TASK_DELASS);
    cc_batch *batch = cc_batch_alloc(&line, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(batch);
    gsl_rng *r1 = rng(1), *r2 = rng(2);
    EXPECT_FAIL(cc_task_sample(batch, &ev, r1, r2));
    EXPECT_FAIL(cc_task_sample(batch, &del, r1, r2)); /* T 15 vs 20 */
    del.T = 20;
    EXPECT_FAIL(cc_task_sample(batch, &del, r1, r2)); /* same sizes, but classification */
    EXPECT_FAIL(cc_task_sample(batch, &line, NULL, r2));
    EXPECT_FAIL(cc_task_sample(batch, &line, r1, NULL));
    EXPECT_FAIL(cc_task_sample(NULL, &line, r1, r2));
    line.arc = 1.0; /* same sizes: fine */
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_task_sample(batch, &line, r1, r2), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_test_last_errno, 0);
    cc_batch_free(batch);
    gsl_rng_free(r1);
    gsl_rng_free(r2);
    cc_batch_free(NULL);
}

/* ---- reversed delayed association (Fig. X1) ---- */

static void test_delass_reversed(void)
{
    cc_task task = cc_task_defaults(CC_TASK_DELASS), rev = task;
    CU_ASSERT_EQUAL(task.reverse, 0);
    rev.reverse = 1;
    const int B = 60, T = task.T;
    cc_batch *a = draw(&task, B, 5, 6), *b = draw(&rev, B, 5, 6);
    /* the same streams give the same inputs (cues and noise) ... */
    CU_ASSERT_EQUAL(memcmp(a->x, b->x, (size_t)T * B * 10 * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(a->mask_train, b->mask_train, T), 0);
    CU_ASSERT_EQUAL(memcmp(a->mask_eval, b->mask_eval, T), 0);
    /* ... and the mirrored targets: y_rev[o] = y[1 - o]; the label is 1 - the cue index */
    long bad = 0;
    for (long i = 0; i < (long)T * B; i++) bad += b->y[2 * i] != a->y[2 * i + 1] || b->y[2 * i + 1] != a->y[2 * i];
    for (int i = 0; i < B; i++) bad += b->cond[i] != 1 - a->cond[i];
    CC_ASSERT_NONE_WRONG(bad, "reversed targets or labels other than the mirror of the normal task's");
    double y0[15 * 2], y1[15 * 2];
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y0, &task, 0), GSL_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(cc_task_template(y1, &rev, 1), GSL_SUCCESS);
    CU_ASSERT_EQUAL(memcmp(y0, y1, sizeof y0), 0); /* cue 1 reversed is cue 0's choice */
    cc_batch_free(a);
    cc_batch_free(b);
    rev.reverse = 2;
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_task_validate(&rev), GSL_SUCCESS);
    CU_ASSERT(strstr(cc_test_last_reason, "reverse") != NULL);
}

/* ---- interval timing (Fig. X6) ---- */

static void test_timing_delays_and_targets(void)
{
    cc_task task = cc_task_defaults(CC_TASK_TIMING);
    CU_ASSERT_EQUAL(task.T, 35);
    CU_ASSERT_EQUAL(cc_task_n_conditions(&task), 6);
    CU_ASSERT_EQUAL(cc_task_input_dim(&task), 10);
    CU_ASSERT_EQUAL(cc_task_output_dim(&task), 1);
    CU_ASSERT(!cc_task_is_classification(&task));
    const int want[6] = {5, 10, 15, 20, 25, 30};
    for (int k = 0; k < 6; k++) CU_ASSERT_EQUAL(cc_timing_delay(&task, k), want[k]);
    task.d_min = 4, task.d_max = 11, task.n_delays = 4; /* 4 + round(7k/3): 4, 6, 9, 11 */
    const int want4[4] = {4, 6, 9, 11};
    for (int k = 0; k < 4; k++) CU_ASSERT_EQUAL(cc_timing_delay(&task, k), want4[k]);
    task.n_delays = 1;
    CU_ASSERT_EQUAL(cc_timing_delay(&task, 0), 4);
    /* the template: a pulse of height 1 at the delay, exp(-1/2) one width away, the peak found back */
    task = cc_task_defaults(CC_TASK_TIMING);
    task.width = 2.0;
    double y[35];
    for (int k = 0; k < 6; k++) {
        CU_ASSERT_EQUAL_FATAL(cc_task_template(y, &task, k), GSL_SUCCESS);
        const int d = want[k];
        CU_ASSERT_DOUBLE_EQUAL(y[d], 1.0, TOL);
        CU_ASSERT_DOUBLE_EQUAL(y[d - 2], exp(-0.5), TOL);
        if (d + 2 < 35) CU_ASSERT_DOUBLE_EQUAL(y[d + 2], exp(-0.5), TOL);
        CU_ASSERT_DOUBLE_EQUAL(y[0], exp(-d * d / 8.0), TOL); /* the closed form at t = 0 */
        CU_ASSERT_EQUAL(cc_timing_response(y, 1, 35), d);
    }
}

static void test_timing_batches(void)
{
    cc_task task = cc_task_defaults(CC_TASK_TIMING);
    task.noise_std = 0.0;
    const int B = 120, T = task.T;
    cc_batch *batch = draw(&task, B, 7, 0);
    CU_ASSERT_EQUAL(batch->T, T);
    CU_ASSERT_EQUAL(batch->D, 10);
    CU_ASSERT_EQUAL(batch->O, 1);
    CU_ASSERT_PTR_NULL(batch->puffs);
    for (int t = 0; t < T; t++) CU_ASSERT(batch->mask_train[t] && batch->mask_eval[t]); /* every step */
    long bad = 0;
    int seen[6] = {0};
    for (int b = 0; b < B; b++) {
        const int k = batch->cond[b];
        if (k < 0 || k > 5) {
            bad++;
            continue;
        }
        seen[k]++;
        double cue[10], y[35];
        cc_task_cue(cue, k);
        cc_task_template(y, &task, k);
        for (int d = 0; d < 10; d++) {
            bad += batch->x[(size_t)b * 10 + d] != cue[d]; /* the cue at t = 0 only */
            for (int t = 1; t < T; t++) bad += batch->x[((size_t)t * B + b) * 10 + d] != 0.0;
        }
        for (int t = 0; t < T; t++) bad += batch->y[(size_t)t * B + b] != y[t];
        /* the target's peak is at the cued delay */
        bad += cc_timing_response(batch->y + b, B, T) != cc_timing_delay(&task, k);
    }
    CC_ASSERT_NONE_WRONG(bad, "timing inputs, targets or peaks other than the condition's");
    for (int k = 0; k < 6; k++) CU_ASSERT(seen[k] > 0);
    cc_batch_free(batch);
    /* per seed: the same trials again, other trials with another seed */
    task = cc_task_defaults(CC_TASK_TIMING);
    cc_batch *a = draw(&task, 64, 3, 4), *b = draw(&task, 64, 3, 4), *c = draw(&task, 64, 8, 4);
    CU_ASSERT_EQUAL(memcmp(a->x, b->x, (size_t)T * 64 * 10 * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(a->y, b->y, (size_t)T * 64 * sizeof(double)), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(a->cond, c->cond, 64 * sizeof(int)), 0);
    cc_batch_free(a);
    cc_batch_free(b);
    cc_batch_free(c);
}

static void test_timing_response_and_bad(void)
{
    const double z[6] = {0.1, 0.5, 0.2, 0.5, -1, 0.4};
    CU_ASSERT_EQUAL(cc_timing_response(z, 1, 6), 1); /* the first of equal maxima */
    CU_ASSERT_EQUAL(cc_timing_response(z, 2, 3), 1); /* strided: 0.1, 0.2, -1 */
    cc_task t = cc_task_defaults(CC_TASK_TIMING);
    t.n_delays = 7; /* six cue codes */
    EXPECT_FAIL(cc_task_validate(&t));
    CU_ASSERT(strstr(cc_test_last_reason, "n_delays") != NULL);
    t = cc_task_defaults(CC_TASK_TIMING);
    t.d_max = 35; /* = T */
    EXPECT_FAIL(cc_task_validate(&t));
    t = cc_task_defaults(CC_TASK_TIMING);
    t.d_min = 0;
    EXPECT_FAIL(cc_task_validate(&t));
    t = cc_task_defaults(CC_TASK_TIMING);
    t.d_min = 10, t.d_max = 12; /* 6 delays do not fit into 3 steps */
    EXPECT_FAIL(cc_task_validate(&t));
    t = cc_task_defaults(CC_TASK_TIMING);
    t.width = 0;
    EXPECT_FAIL(cc_task_validate(&t));
    t.width = NAN;
    EXPECT_NULL(cc_batch_alloc(&t, 4));
    double y[35];
    EXPECT_FAIL(cc_timing_target(y, 1, 35, 35, 1.0));
    EXPECT_FAIL(cc_timing_target(NULL, 1, 3, 35, 1.0));
    t = cc_task_defaults(CC_TASK_TIMING);
    EXPECT_FAIL(cc_task_template(y, &t, 6));
}

static const cc_test_case CASES[] = {
    {"line: straight target exact", test_line_straight_exact},
    {"line: end points", test_line_endpoints},
    {"line: draw_semi_ellipse = closed form", test_line_arc_closed_form},
    {"line: arcs are semicircles", test_line_arc_semicircle},
    {"digits: segment lengths", test_digit_segment_lengths},
    {"digits: waypoints", test_digit_waypoints},
    {"cues: bits", test_cue_bits},
    {"cued batches: cue at t=0, targets", test_cued_batches},
    {"delass/sleep/drawing: targets and masks", test_delass_targets_and_masks},
    {"names", test_names},
    {"evacc: statistics over 2000 trials", test_evacc_statistics},
    {"noise: mean 0, std as set", test_noise_statistics},
    {"noise: ziggurat sampler against the normal law", test_gauss_sampler},
    {"determinism and stream independence", test_determinism},
    {"bad parameters refused", test_bad_parameters},
    {"delass reversed: same inputs, mirrored targets", test_delass_reversed},
    {"timing: delays, pulse targets, peaks", test_timing_delays_and_targets},
    {"timing: batches, masks, determinism per seed", test_timing_batches},
    {"timing: response step, bad parameters", test_timing_response_and_bad},
    {0, 0},
};

CC_TEST_MAIN("tasks", CASES)
