/* cc_rng.c: seeded per-component random streams (cc_rng.h). */
#include "cc_rng.h"

#include <stdint.h>

/* SplitMix64 of x: one step of cc_splitmix64 from state x. */
static uint64_t splitmix64(uint64_t x)
{
    unsigned long long s = x;
    return cc_splitmix64(&s);
}

unsigned long cc_rng_seed(unsigned long seed, unsigned id)
{
    uint64_t h = splitmix64(splitmix64((uint64_t)seed) ^ ((uint64_t)id << 32 | id));
    unsigned long s = (unsigned long)(h & 0xFFFFFFFFULL);
    return s ? s : 1; /* MT19937 treats 0 as its default seed; avoid the alias */
}

gsl_rng *cc_rng_stream(unsigned long seed, unsigned id)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r) gsl_rng_set(r, cc_rng_seed(seed, id));
    return r;
}
