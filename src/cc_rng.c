/* cc_rng.c: seeded per-component random streams (cc_rng.h). */
#include "cc_rng.h"

#include <stdint.h>

/* SplitMix64 finaliser: a bijective mix of 64 bits. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
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
