/* cc-model.c: the command line to saved model files (src/model/cc_io.c).
 *
 *     cc-model info FILE     the stored configuration and weight counts, after every check
 *     cc-model check FILE    "FILE: ok", or the reason the file is refused
 *     cc-model new FILE      an untrained model of the authors' defaults (seed 1), e.g. for tests
 *
 * A missing, foreign, truncated, corrupt or future-version file is refused with exit
 * status 2 and one line "cc-model: error: ..." (the first reason cc_model_load gives);
 * 1 for a failure to write (the new file, or standard output). Not a figure: the
 * Makefile's figures are experiments/fig*.c only.
 */
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_io.h"
#include "cc_params.h"

static char first_reason[1024];
static int nreasons = 0;

/* Keep the first reason only: a refusal is one line. */
static void keep_reason(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)file, (void)line, (void)gsl_errno;
    if (!nreasons++) snprintf(first_reason, sizeof first_reason, "%s", reason);
}

static int fail(int code, const char *msg)
{
    char m[1100];
    snprintf(m, sizeof m, "%s", msg);
    for (char *p = m; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    fprintf(stderr, "cc-model: error: %s\n", m);
    return code;
}

static int usage(void)
{
    return fail(2, "usage: cc-model info FILE | check FILE | new FILE");
}

static int out_ok(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout)) return 0;
    char m[256];
    snprintf(m, sizeof m, "cannot write to standard output: %s", strerror(errno ? errno : EIO));
    return fail(1, m);
}

static int info(const cc_model *m, const char *path)
{
    const cc_config *c = &m->cfg;
    printf("file\t%s\nformat\t%u\n", path, CC_IO_VERSION);
    printf("D\t%d\nN\t%d\nO\t%d\nG\t%d\nclassification\t%d\n", c->D, c->N, c->O, c->G, c->classification);
    printf("arch\t%s\nplasticity\t%s\nrule\t%s\n", cc_arch_name(c->arch), cc_plasticity_name(c->plasticity),
           c->rule == CC_RULE_BPTT ? "bptt" : "eprop");
    printf("tau\t%d\ntemporal_basis\t%d\nfinal_learning\t%d\nplastic_mf\t%d\nmf_inputs\t%d\n", c->tau,
           c->temporal_basis, c->final_learning, c->plastic_mf, c->mf_inputs);
    printf("alpha\t%.17g\ndropout\t%.17g\nlr_rnn\t%.17g\nlr_readout\t%.17g\nlr_cereb\t%.17g\n", c->alpha, c->dropout,
           c->lr_rnn, c->lr_readout, c->lr_cereb);
    for (int k = 0; k < CC_NTENSOR; k++)
        printf("%s\t%d x %d\n", cc_tensor_name(k), m->w->rows[k], m->w->cols[k]);
    printf("weights\t%zu\n", m->w->size);
    return out_ok();
}

int main(int argc, char **argv)
{
    gsl_set_error_handler(keep_reason);
    if (argc != 3 || !argv[2][0]) return usage();
    const char *cmd = argv[1], *path = argv[2];
    if (strcmp(cmd, "new") == 0) {
        cc_config c = cc_config_default();
        cc_model *m = cc_model_alloc(&c, 1);
        int s = m ? cc_model_save(m, path) : GSL_ENOMEM;
        cc_model_free(m);
        return s ? fail(1, nreasons ? first_reason : "cannot write the model") : 0;
    }
    if (strcmp(cmd, "info") != 0 && strcmp(cmd, "check") != 0) return usage();
    cc_model *m = cc_model_load(path, 1);
    if (!m) return fail(nreasons && strstr(first_reason, "out of memory") ? 1 : 2,
                        nreasons ? first_reason : "cannot load the model");
    int code;
    if (strcmp(cmd, "info") == 0)
        code = info(m, path);
    else {
        printf("%s: ok\n", path);
        code = out_ok();
    }
    cc_model_free(m);
    return code;
}
