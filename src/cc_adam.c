/* cc_adam.c: Adam with per-group learning rates (cc_adam.h). */
#include "cc_adam.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

cc_adam *cc_adam_alloc(const cc_config *cfg)
{
    cc_adam *a = calloc(1, sizeof *a);
    if (!a) GSL_ERROR_NULL("out of memory for Adam", GSL_ENOMEM);
    a->m = cc_params_alloc(cfg);
    a->v = cc_params_alloc(cfg);
    if (!a->m || !a->v) {
        cc_adam_free(a);
        return NULL;
    }
    a->lr[CC_GROUP_RNN] = cfg->lr_rnn;
    a->lr[CC_GROUP_READOUT] = cfg->lr_readout;
    a->lr[CC_GROUP_CEREB] = cfg->lr_cereb;
    a->beta1 = cfg->beta1;
    a->beta2 = cfg->beta2;
    a->eps = cfg->eps;
    return a;
}

void cc_adam_free(cc_adam *a)
{
    if (!a) return;
    cc_params_free(a->m);
    cc_params_free(a->v);
    free(a);
}

void cc_adam_update(cc_adam *a, cc_params *w, const cc_params *g, const int trainable[CC_NTENSOR])
{
    const double b1 = a->beta1, b2 = a->beta2, eps = a->eps;
    for (int k = 0; k < CC_NTENSOR; k++) {
        size_t n = cc_params_count(w, k);
        if (!trainable[k] || n == 0) continue;
        long s = ++a->step[k];
        double bc1 = 1.0 - pow(b1, (double)s), bc2 = sqrt(1.0 - pow(b2, (double)s));
        double step = a->lr[w->group[k]] / bc1;
        double *p = w->data + w->off[k], *m = a->m->data + w->off[k], *v = a->v->data + w->off[k];
        const double *gr = g->data + w->off[k];
        for (size_t i = 0; i < n; i++) {
            m[i] = b1 * m[i] + (1.0 - b1) * gr[i];
            v[i] = b2 * v[i] + (1.0 - b2) * gr[i] * gr[i];
            p[i] -= step * m[i] / (sqrt(v[i]) / bc2 + eps);
        }
    }
}

void cc_adam_reset_group(cc_adam *a, const cc_params *layout, cc_group group)
{
    for (int k = 0; k < CC_NTENSOR; k++) {
        if (layout->group[k] != group) continue;
        size_t n = cc_params_count(layout, k);
        memset(a->m->data + layout->off[k], 0, n * sizeof(double));
        memset(a->v->data + layout->off[k], 0, n * sizeof(double));
        a->step[k] = 0;
    }
}
