/* test_logit.c: logistic regression by IRLS (src/model/cc_logit.c).
 *
 * Synthetic choices drawn from known weights on puff-count differences, as in the
 * psychometric analysis of Fig. 5e: the fit must recover the weights within their
 * standard errors, the standard errors must have their nominal coverage over repeated
 * draws, the score equations X^T (y - mu) = 0 must hold at the fit, the intercept-only
 * model must give the closed form logit(mean y), and separable data must be refused.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "cc_logit.h"
#include "cc_test.h"

enum { P = 6 }; /* intercept + 5 time bins */
static const double BETA[P] = {0.2, 0.55, 0.45, 0.35, 0.25, 0.15};

/* n trials: X = [1, d_1..d_5], d_k = right - left puffs in a bin of 9 steps with puff
 * probability 0.3 per step (each puff right or left with probability 1/2); y ~ Bernoulli. */
static void draw(gsl_rng *r, int n, double *X, double *y)
{
    for (int i = 0; i < n; i++) {
        double eta = BETA[0];
        X[i * P] = 1.0;
        for (int k = 1; k < P; k++) {
            int d = 0;
            for (int s = 0; s < 9; s++)
                if (gsl_rng_uniform(r) < 0.3) d += gsl_rng_uniform(r) < 0.5 ? 1 : -1;
            X[i * P + k] = d;
            eta += BETA[k] * d;
        }
        y[i] = gsl_rng_uniform(r) < 1.0 / (1.0 + exp(-eta)) ? 1.0 : 0.0;
    }
}

/* One large sample: every weight within 3 standard errors of the truth, and the score
 * equations solved at the estimate. */
static void test_recovery(void)
{
    const int n = 5000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double *X = malloc(sizeof(double) * n * P), *y = malloc(sizeof(double) * n), b[P], se[P];
    draw(r, n, X, y);
    cc_logit_info info;
    CU_ASSERT_EQUAL_FATAL(cc_logit_fit(X, y, n, P, 50, b, se, &info), GSL_SUCCESS);
    printf("\n    %d IRLS steps, log-likelihood %.3f", info.iterations, info.loglik);
    for (int k = 0; k < P; k++) {
        printf("\n    beta_%d %.4f +- %.4f (true %.2f, %.2f SE away)", k, b[k], se[k], BETA[k], (b[k] - BETA[k]) / se[k]);
        CU_ASSERT(fabs(b[k] - BETA[k]) < 3.0 * se[k]);
        CU_ASSERT(se[k] > 0.0 && se[k] < 0.1);
    }
    double worst = 0.0; /* score: sum_i x_ik (y_i - mu_i) = 0 */
    for (int k = 0; k < P; k++) {
        double g = 0.0;
        for (int i = 0; i < n; i++) {
            double eta = 0.0;
            for (int j = 0; j < P; j++) eta += X[i * P + j] * b[j];
            g += X[i * P + k] * (y[i] - 1.0 / (1.0 + exp(-eta)));
        }
        worst = fmax(worst, fabs(g));
    }
    printf("\n    largest score component %.2e", worst);
    CU_ASSERT(worst < 1e-6);
    free(X);
    free(y);
    gsl_rng_free(r);
}

/* Coverage over 400 independent samples of 400 trials: the truth lies within one standard
 * error about 68% of the time and within two about 95% (binomial bounds at 400 x 6 draws). */
static void test_coverage(void)
{
    const int n = 400, reps = 400;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    double *X = malloc(sizeof(double) * n * P), *y = malloc(sizeof(double) * n), b[P], se[P];
    int in1 = 0, in2 = 0, tot = 0;
    for (int rep = 0; rep < reps; rep++) {
        draw(r, n, X, y);
        if (cc_logit_fit(X, y, n, P, 50, b, se, NULL) != GSL_SUCCESS) continue;
        for (int k = 0; k < P; k++, tot++) {
            in1 += fabs(b[k] - BETA[k]) < se[k];
            in2 += fabs(b[k] - BETA[k]) < 2.0 * se[k];
        }
    }
    const double f1 = (double)in1 / tot, f2 = (double)in2 / tot;
    printf("\n    %d estimates: within 1 SE %.3f (0.683), within 2 SE %.3f (0.954)", tot, f1, f2);
    CU_ASSERT_EQUAL(tot, reps * P);
    CU_ASSERT(fabs(f1 - 0.683) < 0.04);
    CU_ASSERT(fabs(f2 - 0.954) < 0.02);
    free(X);
    free(y);
    gsl_rng_free(r);
}

/* Intercept only: beta_0 = log(k / (n - k)), SE = 1 / sqrt(n q (1 - q)), q = k / n. */
static void test_intercept_closed_form(void)
{
    const int n = 50, k = 18;
    double X[50], y[50], b, se;
    for (int i = 0; i < n; i++) {
        X[i] = 1.0;
        y[i] = i < k;
    }
    CU_ASSERT_EQUAL_FATAL(cc_logit_fit(X, y, n, 1, 50, &b, &se, NULL), GSL_SUCCESS);
    const double q = (double)k / n;
    CU_ASSERT_DOUBLE_EQUAL(b, log(q / (1.0 - q)), 1e-10);
    CU_ASSERT_DOUBLE_EQUAL(se, 1.0 / sqrt(n * q * (1.0 - q)), 1e-10);
}

/* Separable data (y = [x > 0]) and constant choices have no estimate; bad input is refused. */
static void test_refusals(void)
{
    const int n = 40;
    double X[80], y[40], b[2], se[2];
    for (int i = 0; i < n; i++) {
        X[2 * i] = 1.0;
        X[2 * i + 1] = i - 19.5;
        y[i] = i >= 20;
    }
    CU_ASSERT_EQUAL(cc_logit_fit(X, y, n, 2, 100, b, se, NULL), GSL_ERANGE);
    CU_ASSERT(isnan(b[1]) && isnan(se[1]));
    for (int i = 0; i < n; i++) y[i] = 1.0;
    CU_ASSERT_EQUAL(cc_logit_fit(X, y, n, 2, 100, b, se, NULL), GSL_ERANGE);
    cc_test_reset_error();
    y[0] = 0.5;
    CU_ASSERT_EQUAL(cc_logit_fit(X, y, n, 2, 100, b, se, NULL), GSL_EINVAL);
    CU_ASSERT_EQUAL(cc_test_last_errno, GSL_EINVAL);
    CU_ASSERT_EQUAL(cc_logit_fit(X, y, 2, 2, 100, b, se, NULL), GSL_EINVAL);
}

static const cc_test_case CASES[] = {
    {"weights recovered within their SEs; score equations solved", test_recovery},
    {"standard errors: nominal coverage over repeated samples", test_coverage},
    {"intercept-only fit: closed form", test_intercept_closed_form},
    {"separation, constant choices and bad input refused", test_refusals},
    {0, 0}};

CC_TEST_MAIN("logistic regression (IRLS)", CASES)
