/* cc_rng.h: independent, seeded random streams derived from one run seed.
 *
 * Every component draws from its own stream (weights, trial sampling, input noise,
 * dropout, cerebellar output noise), so that adding a draw in one place never shifts
 * another. Streams are MT19937 (gsl_rng_mt19937) seeded by a SplitMix64 hash of
 * (run seed, stream id).
 */
#ifndef CC_RNG_H
#define CC_RNG_H

#include <gsl/gsl_rng.h>

typedef enum {
    CC_STREAM_WEIGHTS = 1, /* parameter initialisation */
    CC_STREAM_TRIALS,      /* task conditions, puffs */
    CC_STREAM_NOISE,       /* input noise */
    CC_STREAM_DROPOUT,     /* dropout masks of the cerebellar readout */
    CC_STREAM_CNOISE,      /* Gaussian noise on the cerebellar output */
    CC_STREAM_EVAL_TRIALS, /* validation trials */
    CC_STREAM_EVAL_NOISE,  /* validation input noise */
    CC_STREAM_TEST_TRIALS, /* test trials (the same for every call with one seed) */
    CC_STREAM_TEST_NOISE,  /* test input noise */
    CC_STREAM_USER,        /* first id free for drivers */
    CC_STREAM_PONS = 1000  /* the fixed pontine projection W_pons (cc_model), above the drivers' ids */
} cc_stream;

/* 32-bit seed of stream `id` of run `seed` (SplitMix64 of both, never 0). */
unsigned long cc_rng_seed(unsigned long seed, unsigned id);

/* A new MT19937 generator for stream `id` of run `seed`; free with gsl_rng_free. */
gsl_rng *cc_rng_stream(unsigned long seed, unsigned id);

/* SplitMix64 (Steele, Lea & Flood 2014): a 64-bit state advanced by a constant and
 * hashed; used where one draw per element of a large array must be cheap (dropout
 * masks: two 32-bit draws per call). Seed the state with cc_rng_seed. */
static inline unsigned long long cc_splitmix64(unsigned long long *state)
{
    unsigned long long x = (*state += 0x9E3779B97F4A7C15ULL);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* A standard normal draw by the ziggurat method (Marsaglia & Tsang 2000, in Doornik's 2005
 * form: 128 layers, the layer index and the abscissa from separate bits of one 64-bit
 * SplitMix64 draw, the exact tail beyond R = 3.4426). About 5 ns per draw against 14 for
 * gsl_ran_gaussian_ziggurat on MT19937: the input noise of every trial is the largest
 * stream of draws (tests/test_tasks.c checks the distribution). */
double cc_gauss(unsigned long long *state);

/* x (n) += sd * N(0, 1), the draws of cc_gauss in order. */
void cc_gauss_add(double *x, long n, double sd, unsigned long long *state);

#endif
