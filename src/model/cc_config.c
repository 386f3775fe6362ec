/* cc_config.c: defaults, validation and names of the model settings (cc_config.h).
 * Not here: reading settings from files (cc_spec, in the drivers). */
#include "cc_config.h"

#include "cc_error.h"

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

static const char *ARCH_NAMES[] = {"none", "readout_fb", "cereb_fb", "cereb_readout"};
static const char *PLASTICITY_NAMES[] = {"fixed", "input", "input_rec"};

cc_config cc_config_default(void)
{
    cc_config c;
    memset(&c, 0, sizeof c);
    c.D = 10;
    c.N = CC_DEFAULT_N;
    c.O = 2;
    c.G = CC_DEFAULT_G;
    c.classification = 0;
    c.alpha = CC_DEFAULT_ALPHA;
    c.arch = CC_ARCH_CEREB_FB;
    c.plasticity = CC_CORTEX_FIXED;
    c.rule = CC_RULE_EPROP;
    c.tau = CC_DEFAULT_TAU;
    c.temporal_basis = 0;
    c.final_learning = 0;
    c.plastic_mf = CC_DEFAULT_PLASTIC_MF;
    c.mf_inputs = 0;
    c.dropout = CC_DEFAULT_DROPOUT;
    c.lr_rnn = c.lr_readout = c.lr_cereb = CC_DEFAULT_LR;
    c.beta1 = 0.9;
    c.beta2 = 0.98;
    c.eps = 1e-9;
    return c;
}

int cc_config_cereb_outputs(const cc_config *cfg)
{
    if (cfg->arch == CC_ARCH_CEREB_FB) return cfg->temporal_basis ? cfg->O * (cfg->tau + 1) : cfg->O;
    if (cfg->arch == CC_ARCH_CEREB_READOUT) return cfg->O;
    return 0;
}

int cc_config_mf_width(const cc_config *cfg) { return cfg->pons > 0 ? cfg->pons : cfg->N; }

int cc_config_feedback_dim(const cc_config *cfg)
{
    if (cfg->arch == CC_ARCH_CEREB_FB) return cc_config_cereb_outputs(cfg);
    if (cfg->arch == CC_ARCH_READOUT_FB) return cfg->O;
    return 0;
}


int cc_config_validate(const cc_config *c)
{
    if (c->D < 1 || c->D > CC_SIZE_MAX) CC_FAIL(GSL_EINVAL, "model: input size D = %d out of range [1, %d]", c->D, CC_SIZE_MAX);
    if (c->N < 1 || c->N > CC_SIZE_MAX) CC_FAIL(GSL_EINVAL, "model: cortical size N = %d out of range [1, %d]", c->N, CC_SIZE_MAX);
    if (c->O < 1 || c->O > CC_SIZE_MAX) CC_FAIL(GSL_EINVAL, "model: output size O = %d out of range [1, %d]", c->O, CC_SIZE_MAX);
    if (c->G < 1 || c->G > CC_G_MAX) CC_FAIL(GSL_EINVAL, "model: granule cells G = %d out of range [1, %d]", c->G, CC_G_MAX);
    if ((unsigned)c->arch > CC_ARCH_CEREB_READOUT) CC_FAIL(GSL_EINVAL, "model: unknown architecture %d", (int)c->arch);
    if ((unsigned)c->plasticity > CC_CORTEX_INPUT_REC) CC_FAIL(GSL_EINVAL, "model: unknown plasticity %d", (int)c->plasticity);
    if ((unsigned)c->rule > CC_RULE_BPTT) CC_FAIL(GSL_EINVAL, "model: unknown cortical rule %d", (int)c->rule);
    if (!(c->alpha >= 0.0 && c->alpha <= 1.0)) CC_FAIL(GSL_EINVAL, "model: alpha = %g out of range [0, 1]", c->alpha);
    if (c->tau < 0 || c->tau > CC_TAU_MAX) CC_FAIL(GSL_EINVAL, "model: tau = %d out of range [0, %d]", c->tau, CC_TAU_MAX);
    if (c->temporal_basis && c->classification)
        CC_FAIL(GSL_EINVAL, "model: the temporal basis is defined for regression tasks only");
    if (c->temporal_basis && c->final_learning)
        CC_FAIL(GSL_EINVAL, "model: final learning with the temporal basis is not defined by the original model");
    if (c->temporal_basis && c->tau > CC_TAU_BASIS_MAX)
        CC_FAIL(GSL_EINVAL, "model: tau = %d with the temporal basis: at most %d (tau + 1 predictions per step)", c->tau,
                CC_TAU_BASIS_MAX);
    if (c->mf_inputs < 0 || c->mf_inputs > c->N) CC_FAIL(GSL_EINVAL, "model: mf_inputs = %d out of range [0, N = %d]", c->mf_inputs, c->N);
    if (c->pons < 0 || c->pons > CC_SIZE_MAX) CC_FAIL(GSL_EINVAL, "model: pons = %d out of range [0, %d]", c->pons, CC_SIZE_MAX);
    if (c->pons > 0 && c->arch != CC_ARCH_CEREB_FB)
        CC_FAIL(GSL_EINVAL, "model: the pontine projection (pons = %d) is defined for cerebellar feedback only", c->pons);
    if (c->pons > 0 && c->mf_inputs > 0)
        CC_FAIL(GSL_EINVAL, "model: sparse mossy fibres (mf_inputs) with the pontine projection (pons) are not defined");
    if (!(c->dropout >= 0.0 && c->dropout < 1.0)) CC_FAIL(GSL_EINVAL, "model: dropout = %g out of range [0, 1)", c->dropout);
    if (!(c->lr_rnn >= 0 && c->lr_readout >= 0 && c->lr_cereb >= 0)) CC_FAIL(GSL_EINVAL, "model: learning rates must be >= 0");
    if (!(c->beta1 >= 0 && c->beta1 < 1 && c->beta2 >= 0 && c->beta2 < 1)) CC_FAIL(GSL_EINVAL, "model: Adam betas must lie in [0, 1)");
    if (!(c->eps > 0)) CC_FAIL(GSL_EINVAL, "model: Adam eps = %g must be > 0", c->eps);
    return GSL_SUCCESS;
}

const char *cc_arch_name(cc_arch a)
{
    return (unsigned)a <= CC_ARCH_CEREB_READOUT ? ARCH_NAMES[a] : "?";
}

const char *cc_plasticity_name(cc_plasticity p)
{
    return (unsigned)p <= CC_CORTEX_INPUT_REC ? PLASTICITY_NAMES[p] : "?";
}

int cc_arch_from_name(const char *s)
{
    for (int i = 0; i <= CC_ARCH_CEREB_READOUT; i++)
        if (strcmp(s, ARCH_NAMES[i]) == 0) return i;
    return -1;
}

int cc_plasticity_from_name(const char *s)
{
    for (int i = 0; i <= CC_CORTEX_INPUT_REC; i++)
        if (strcmp(s, PLASTICITY_NAMES[i]) == 0) return i;
    return -1;
}
