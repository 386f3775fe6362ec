/* cc_config.h: every setting of the cortico-cerebellar model in one struct.
 *
 * Sizes, architecture (the four columns of the paper's Table 1), plasticity of the
 * cortex, the cerebellar time window tau and the optimiser. cc_config_default()
 * gives the authors' line-drawing configuration. Experiment drivers fill it from
 * INI files; the library only validates it.
 */
#ifndef CC_CONFIG_H
#define CC_CONFIG_H

typedef enum {
    CC_ARCH_NONE = 0,     /* no feedback:        h_t = a h_{t-1} + W_hh f(h_{t-1}) + W_ih x_t */
    CC_ARCH_READOUT_FB,   /* readout feedback:   ... + W_zh z_{t-1} (softmax(z_{t-1}) if classification) */
    CC_ARCH_CEREB_FB,     /* cerebellar feedback: ... + W_Ch c_t, c_t = C(f(h_{t-1})) */
    CC_ARCH_CEREB_READOUT /* no feedback, cerebellar readout: z_t = C(f(h_t)), dropout after W_MF */
} cc_arch;

typedef enum {
    CC_CORTEX_FIXED = 0,  /* W_ih, W_hh frozen */
    CC_CORTEX_INPUT,      /* W_ih (incl. feedback columns W_Ch / W_zh) plastic */
    CC_CORTEX_INPUT_REC   /* W_ih and W_hh plastic */
} cc_plasticity;

typedef enum {
    CC_RULE_EPROP = 0,    /* e-prop: eligibility traces x one-step learning signal */
    CC_RULE_BPTT          /* exact backpropagation through time (feedback inputs held fixed) */
} cc_rule;

/* The one home of each setting's default (the authors' values) and range: cc_config_default,
 * cc_config_validate and the drivers' model.* keys (CC_SPECS_MODEL, src/run/cc_expt.h) use these. */
#define CC_DEFAULT_N 50
#define CC_DEFAULT_G 1000
#define CC_DEFAULT_ALPHA 0.1
#define CC_DEFAULT_TAU 3
#define CC_DEFAULT_PLASTIC_MF 1
#define CC_DEFAULT_DROPOUT 0.2
#define CC_DEFAULT_LR 1e-3
#define CC_SIZE_MAX 100000    /* D, N, O */
#define CC_G_MAX 10000000     /* granule cells */
#define CC_TAU_MAX 1000       /* cerebellar time window (also bounded by the trial: cc_protocol_check) */
#define CC_TAU_BASIS_MAX 63   /* with the temporal basis: tau + 1 predictions per step */

typedef struct {
    /* sizes */
    int D;                /* external input channels */
    int N;                /* cortical units (50) */
    int O;                /* readout outputs (task target width or classes) */
    int G;                /* granule cells (1000) */
    int classification;   /* 1: cross-entropy losses, softmax feedback */
    /* cortex */
    double alpha;         /* leak: h_t = alpha h_{t-1} + ... */
    cc_arch arch;
    cc_plasticity plasticity;
    cc_rule rule;
    /* cerebellum */
    int tau;              /* time window: C(f(h_k)) is trained on y_{k+tau} */
    int temporal_basis;   /* 1: predict y_{k+0..k+tau} at once (O*(tau+1) outputs) */
    int final_learning;   /* 1: train the last buffered predictions on y_{T-1} */
    int plastic_mf;       /* 1: W_MF learns by the cerebellar loss; 0: fixed random */
    int mf_inputs;        /* sparse mossy fibres: inputs per granule cell (0 = dense) */
    int pons;             /* pontine units P: the mossy fibres take z = W_pons f(h) (P) instead of
                           * f(h) (N), W_pons a fixed random (P, N) matrix; 0 = none */
    double dropout;       /* cerebellar readout: dropout after W_MF (0.2) */
    /* optimiser: Adam, one learning rate per group */
    double lr_rnn, lr_readout, lr_cereb;
    double beta1, beta2, eps;
} cc_config;

/* Authors' defaults: N 50, G 1000, alpha 0.1, cerebellar feedback, fixed cortex,
 * e-prop, tau 3, plastic W_MF, Adam (0.9, 0.98, 1e-9), lr 1e-3 everywhere. D and O
 * are left at 10 and 2 (line drawing). */
cc_config cc_config_default(void);

/* GSL_SUCCESS, or GSL_EINVAL (and gsl_error naming the field) for a bad setting. */
int cc_config_validate(const cc_config *cfg);

/* Width of the cerebellar output C: O, or O*(tau+1) with the temporal basis; 0 without cerebellum. */
int cc_config_cereb_outputs(const cc_config *cfg);
/* Width of the mossy-fibre input: pons if > 0, else N (rows of the stored W_MF^T). */
int cc_config_mf_width(const cc_config *cfg);
/* Width of the fed-back signal appended to x_t: C, O (readout feedback) or 0. */
int cc_config_feedback_dim(const cc_config *cfg);

const char *cc_arch_name(cc_arch a);          /* "none", "readout_fb", "cereb_fb", "cereb_readout" */
const char *cc_plasticity_name(cc_plasticity p); /* "fixed", "input", "input_rec" */
int cc_arch_from_name(const char *s);          /* -1 if unknown */
int cc_plasticity_from_name(const char *s);    /* -1 if unknown */

#endif
