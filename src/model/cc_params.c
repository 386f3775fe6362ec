/* cc_params.c: the parameter block and its named views (cc_params.h). */
#include "cc_params.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *NAMES[CC_NTENSOR] = {"W_ih", "W_hh", "W_ro", "b_ro", "W_MF", "W_PF"};

const char *cc_tensor_name(cc_tensor k)
{
    return (unsigned)k < CC_NTENSOR ? NAMES[k] : "?";
}

size_t cc_params_count(const cc_params *p, cc_tensor k)
{
    return (size_t)p->rows[k] * (size_t)p->cols[k];
}

double cc_params_bytes(const cc_config *cfg)
{
    const double N = cfg->N, G = cfg->G, C = cc_config_cereb_outputs(cfg), O = cfg->O;
    const int has_cb = cfg->arch == CC_ARCH_CEREB_FB || cfg->arch == CC_ARCH_CEREB_READOUT;
    const int has_ro = cfg->arch != CC_ARCH_CEREB_READOUT;
    double n = N * (cfg->D + cc_config_feedback_dim(cfg)) + N * N + (has_ro ? O * (N + 1) : 0) +
               (has_cb ? ((double)cc_config_mf_width(cfg) + C) * G : 0);
    return n * sizeof(double);
}

cc_params *cc_params_alloc(const cc_config *cfg)
{
    if (cc_config_validate(cfg) != GSL_SUCCESS) return NULL;
    cc_params *p = calloc(1, sizeof *p);
    if (!p) GSL_ERROR_NULL("out of memory for the parameter block", GSL_ENOMEM);
    const int N = cfg->N, C = cc_config_cereb_outputs(cfg);
    const int has_cb = cfg->arch == CC_ARCH_CEREB_FB || cfg->arch == CC_ARCH_CEREB_READOUT;
    const int has_ro = cfg->arch != CC_ARCH_CEREB_READOUT;
    int shape[CC_NTENSOR][2] = {
        {N, cfg->D + cc_config_feedback_dim(cfg)}, /* W_ih */
        {N, N},                                    /* W_hh */
        {has_ro ? cfg->O : 0, N},                  /* W_ro */
        {has_ro ? cfg->O : 0, 1},                  /* b_ro */
        {has_cb ? cc_config_mf_width(cfg) : 0, cfg->G}, /* W_MF, transposed: (N, G), or (P, G) with pons */
        {has_cb ? C : 0, cfg->G},                  /* W_PF */
    };
    size_t off = 0;
    for (int k = 0; k < CC_NTENSOR; k++) {
        p->rows[k] = shape[k][0];
        p->cols[k] = shape[k][0] ? shape[k][1] : 0;
        p->off[k] = off;
        off += cc_params_count(p, k);
    }
    p->group[CC_W_IH] = p->group[CC_W_HH] = CC_GROUP_RNN;
    p->group[CC_W_RO] = p->group[CC_B_RO] = CC_GROUP_READOUT;
    /* the cerebellar readout (Table 1, 4th column) is a readout: it learns at lr_readout */
    p->group[CC_W_MF] = p->group[CC_W_PF] =
        cfg->arch == CC_ARCH_CEREB_READOUT ? CC_GROUP_READOUT : CC_GROUP_CEREB;
    p->size = off;
    p->data = calloc(off ? off : 1, sizeof(double));
    if (!p->data) {
        free(p);
        GSL_ERROR_NULL("out of memory for the parameter block", GSL_ENOMEM);
    }
    p->W_ih = p->data + p->off[CC_W_IH];
    p->W_hh = p->data + p->off[CC_W_HH];
    p->W_ro = p->data + p->off[CC_W_RO];
    p->b_ro = p->data + p->off[CC_B_RO];
    p->W_MF = p->data + p->off[CC_W_MF];
    p->W_PF = p->data + p->off[CC_W_PF];
    return p;
}

void cc_params_free(cc_params *p)
{
    if (!p) return;
    free(p->data);
    free(p);
}

void cc_params_init_uniform(cc_params *p, gsl_rng *rng)
{
    for (int k = 0; k < CC_NTENSOR; k++) {
        /* the RNN draws W_ih and W_hh alike with 1/sqrt(N), as torch's RNN modules do;
         * the Linear layers (readout, W_MF, W_PF) use their own fan-in (W_MF is stored
         * transposed: its fan-in is its row count) */
        int fan_in = k == CC_B_RO ? p->cols[CC_W_RO] : k == CC_W_IH || k == CC_W_MF ? p->rows[k] : p->cols[k];
        if (fan_in == 0) continue;
        double bound = 1.0 / sqrt((double)fan_in); /* PyTorch's default for Linear and RNN */
        double *w = p->data + p->off[k];
        for (size_t i = 0; i < cc_params_count(p, k); i++) w[i] = bound * (2.0 * gsl_rng_uniform(rng) - 1.0);
    }
}

void cc_params_zero(cc_params *p)
{
    memset(p->data, 0, p->size * sizeof(double));
}

void cc_params_zero_some(cc_params *p, const int which[CC_NTENSOR])
{
    for (int k = 0; k < CC_NTENSOR; k++)
        if (which[k]) memset(p->data + p->off[k], 0, cc_params_count(p, (cc_tensor)k) * sizeof(double));
}

int cc_params_same_layout(const cc_params *a, const cc_params *b)
{
    if (a->size != b->size) return 0;
    for (int k = 0; k < CC_NTENSOR; k++)
        if (a->rows[k] != b->rows[k] || a->cols[k] != b->cols[k]) return 0;
    return 1;
}

int cc_params_copy(cc_params *dst, const cc_params *src)
{
    if (!cc_params_same_layout(dst, src)) GSL_ERROR("cc_params_copy: layouts differ", GSL_EBADLEN);
    memcpy(dst->data, src->data, src->size * sizeof(double));
    return GSL_SUCCESS;
}
