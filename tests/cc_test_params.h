/* cc_test_params.h: the parameter table of "figt", the test experiment of the run machinery.
 *
 * One field of every type cc_spec knows (integer, real, boolean, choice, lists, string),
 * with ranges the tests push against, and test.fail, which makes unit seed-1 fail in the
 * way named (test_driver.c). The spec, record and driver tests share it; each program has
 * its own copy of P. reset_params() returns every field to P_DEFAULT.
 * Not here: the experiment's callbacks (test_driver.c).
 */
#ifndef CC_TEST_PARAMS_H
#define CC_TEST_PARAMS_H

#include "cc_spec.h"

typedef struct {
    int epochs, seeds, arch, flag, fail;
    double alpha;
    double taus[4];
    int n_taus;
    int ns[3];
    int n_ns;
    char tag[8];
} tparams;

static const tparams P_DEFAULT = {.epochs = 5, .seeds = 2, .arch = 2, .flag = 0, .fail = 0, .alpha = 0.1,
                                  .taus = {3}, .n_taus = 1, .ns = {0}, .n_ns = 0, .tag = "x"};
static tparams P;

static const cc_spec SPECS[] = {
    CC_SPEC_INT("train.epochs", &P.epochs, 1, 1000, "epochs of training"),
    CC_SPEC_INT("run.seeds", &P.seeds, 1, 100, "seeds per condition"),
    CC_SPEC_DOUBLE("model.alpha", &P.alpha, 0, 1, "leak"),
    CC_SPEC_BOOL("model.flag", &P.flag, "a flag"),
    CC_SPEC_CHOICE("model.arch", &P.arch, "none|readout_fb|cereb_fb|cereb_readout", "architecture"),
    CC_SPEC_LIST_DOUBLE("sweep.tau", P.taus, &P.n_taus, 0, 6, "cerebellar windows"),
    CC_SPEC_LIST_INT("sweep.n", P.ns, &P.n_ns, -5, 5, "some integers"),
    CC_SPEC_STRING("run.tag", P.tag, "a short tag"),
    CC_SPEC_CHOICE("test.fail", &P.fail, "no|status|gsl|forget", "make unit seed-1 fail"),
    CC_SPEC_END};

static inline void reset_params(void) { P = P_DEFAULT; }

#endif
