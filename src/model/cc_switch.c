/* cc_switch.c: task-specific cerebellar sets and copies of a model's learning state (cc_switch.h). */
#include "cc_switch.h"

#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>

cc_cereb_set *cc_cereb_set_alloc(const cc_model *m)
{
    if (m->cfg.arch != CC_ARCH_CEREB_FB) GSL_ERROR_NULL("cerebellar set: the model has no cerebellar feedback", GSL_EINVAL);
    cc_cereb_set *s = calloc(1, sizeof *s);
    if (!s) GSL_ERROR_NULL("out of memory for a cerebellar set", GSL_ENOMEM);
    s->w = cc_params_alloc(&m->cfg);
    s->m = cc_params_alloc(&m->cfg); /* zeroed: a fresh optimiser state */
    s->v = cc_params_alloc(&m->cfg);
    if (!s->w || !s->m || !s->v) {
        cc_cereb_set_free(s);
        GSL_ERROR_NULL("out of memory for a cerebellar set", GSL_ENOMEM);
    }
    cc_model_copy_cerebellum(s->w, m->w);
    return s;
}

void cc_cereb_set_free(cc_cereb_set *s)
{
    if (!s) return;
    cc_params_free(s->w);
    cc_params_free(s->m);
    cc_params_free(s->v);
    free(s);
}

/* Exchange tensor k of two blocks of the same layout, element by element. */
static void swap_tensor(cc_params *a, cc_params *b, cc_tensor k)
{
    double *x = a->data + a->off[k], *y = b->data + b->off[k];
    for (size_t i = 0, n = cc_params_count(a, k); i < n; i++) {
        double t = x[i];
        x[i] = y[i];
        y[i] = t;
    }
}

int cc_model_switch_cerebellum(cc_model *m, cc_cereb_set *s, double overlap)
{
    if (!cc_params_same_layout(m->w, s->w)) GSL_ERROR("switch: the set has another shape", GSL_EBADLEN);
    int status = cc_model_copy_pf_overlap(s->w, m->w, overlap); /* s.W_PF[0 .. floor(p C G)) <- active */
    if (status != GSL_SUCCESS) return status;
    for (int k = CC_W_MF; k <= CC_W_PF; k++) {
        swap_tensor(m->w, s->w, k);
        swap_tensor(m->adam->m, s->m, k);
        swap_tensor(m->adam->v, s->v, k);
        long t = m->adam->step[k];
        m->adam->step[k] = s->step[k];
        s->step[k] = t;
    }
    return GSL_SUCCESS;
}

int cc_model_copy_state(cc_model *dst, const cc_model *src)
{
    if (!cc_params_same_layout(dst->w, src->w)) GSL_ERROR("copy state: the models have different shapes", GSL_EBADLEN);
    cc_params_copy(dst->w, src->w);
    cc_params_copy(dst->adam->m, src->adam->m);
    cc_params_copy(dst->adam->v, src->adam->v);
    memcpy(dst->adam->step, src->adam->step, sizeof dst->adam->step);
    memcpy(dst->trainable, src->trainable, sizeof dst->trainable);
    return GSL_SUCCESS;
}

int cc_switch_start(const cc_model *trained, const cc_config *cfg, unsigned long seed, cc_model **m, cc_cereb_set **set)
{
    *m = cc_model_alloc(cfg, seed);                /* the initial weights of `trained` */
    *set = *m ? cc_cereb_set_alloc(*m) : NULL;     /* its untrained cerebellum, stored */
    int s = *set ? cc_model_copy_state(*m, trained) : GSL_ENOMEM;
    if (s) {
        cc_cereb_set_free(*set);
        cc_model_free(*m);
        *m = NULL, *set = NULL;
    }
    return s;
}
