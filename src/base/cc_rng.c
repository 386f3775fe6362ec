/* cc_rng.c: seeded per-component random streams (cc_rng.h). */
#include "cc_rng.h"

#include <math.h>
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

/* ---------------------------------------------------------------- ziggurat
 * Layers i = 0..127 of equal area V under f(x) = exp(-x^2/2): layer i spans [0, X[i]] at
 * heights f(X[i]) .. f(X[i+1]); layer 0 is the base strip plus the tail beyond R.
 * X[0] = V / f(R), X[1] = R, X[i+1] from X[i] by f(X[i+1]) = f(X[i]) + V / X[i], X[128] = 0. */
#define ZIG_LAYERS 128
#define ZIG_R 3.442619855899
#define ZIG_V 9.91256303526217e-3

/* Built on the first draw: the package is single-threaded (one OpenBLAS thread too). */
static double zig_x[ZIG_LAYERS + 1], zig_ratio[ZIG_LAYERS], zig_f[ZIG_LAYERS + 1];
static int zig_ready = 0;

static double gauss_f(double x) { return exp(-0.5 * x * x); }

static void zig_init(void)
{
    zig_x[0] = ZIG_V / gauss_f(ZIG_R);
    zig_x[1] = ZIG_R;
    for (int i = 2; i < ZIG_LAYERS; i++) zig_x[i] = sqrt(-2.0 * log(ZIG_V / zig_x[i - 1] + gauss_f(zig_x[i - 1])));
    zig_x[ZIG_LAYERS] = 0.0;
    for (int i = 0; i < ZIG_LAYERS; i++) zig_ratio[i] = zig_x[i + 1] / zig_x[i];
    for (int i = 0; i <= ZIG_LAYERS; i++) zig_f[i] = gauss_f(zig_x[i]);
    zig_ready = 1;
}

/* U(0, 1], 53 bits: never 0, so that its log is finite. */
static inline double unit_open0(unsigned long long *state)
{
    return ((double)(long long)(cc_splitmix64(state) >> 11) + 1.0) * 0x1.0p-53;
}

/* One draw: the layer's core rectangle at once (about 99% of draws), else the wedge or tail. */
static inline __attribute__((always_inline)) double gauss_draw(unsigned long long *state)
{
    for (;;) {
        const unsigned long long b = cc_splitmix64(state);
        const int i = (int)(b & (ZIG_LAYERS - 1));                       /* layer: the low 7 bits */
        const double u = (double)(long long)(b >> 11) * 0x1.0p-52 - 1.0; /* U[-1, 1): the high 53 bits */
        if (fabs(u) < zig_ratio[i]) return u * zig_x[i];                  /* inside the core rectangle */
        if (i == 0) {                                                     /* the tail |x| > R (Marsaglia 1964) */
            double x, y;
            do {
                x = -log(unit_open0(state)) / ZIG_R;
                y = -log(unit_open0(state));
            } while (y + y < x * x);
            return u < 0.0 ? -(ZIG_R + x) : ZIG_R + x;
        }
        const double x = u * zig_x[i]; /* the wedge: accept under f */
        const double v = (double)(long long)(cc_splitmix64(state) >> 11) * 0x1.0p-53;
        if (zig_f[i + 1] + v * (zig_f[i] - zig_f[i + 1]) < gauss_f(x)) return x;
    }
}

double cc_gauss(unsigned long long *state)
{
    if (!zig_ready) zig_init();
    return gauss_draw(state);
}

void cc_gauss_add(double *x, long n, double sd, unsigned long long *state)
{
    if (!zig_ready) zig_init();
    for (long i = 0; i < n; i++) x[i] += sd * gauss_draw(state);
}
