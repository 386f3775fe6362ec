/* cc_io.c: model files with magic, version and checksum (cc_io.h). */
#include "cc_io.h"

#include "cc_error.h"
#include "cc_params.h"

#include <gsl/gsl_errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char MAGIC[8] = {'C', 'C', 'L', 'O', 'O', 'P', 'S', '\0'};
enum { NINT = 16, NDBL = 8 };


/* FNV-1a 64 over a byte range, continuing from h. */
static uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001B3ULL;
    return h;
}
#define FNV_OFFSET 0xCBF29CE484222325ULL

static void pack_config(const cc_config *c, int64_t iv[NINT], double dv[NDBL])
{
    int64_t i[NINT] = {c->D, c->N, c->O, c->G, c->classification, c->arch, c->plasticity, c->rule, c->tau,
                       c->temporal_basis, c->final_learning, c->plastic_mf, c->mf_inputs, c->pons, 0, 0};
    double d[NDBL] = {c->alpha, c->dropout, c->lr_rnn, c->lr_readout, c->lr_cereb, c->beta1, c->beta2, c->eps};
    memcpy(iv, i, sizeof i);
    memcpy(dv, d, sizeof d);
}

static cc_config unpack_config(const int64_t iv[NINT], const double dv[NDBL])
{
    cc_config c = cc_config_default();
    c.D = (int)iv[0]; c.N = (int)iv[1]; c.O = (int)iv[2]; c.G = (int)iv[3];
    c.classification = (int)iv[4]; c.arch = (cc_arch)iv[5]; c.plasticity = (cc_plasticity)iv[6];
    c.rule = (cc_rule)iv[7]; c.tau = (int)iv[8]; c.temporal_basis = (int)iv[9];
    c.final_learning = (int)iv[10]; c.plastic_mf = (int)iv[11]; c.mf_inputs = (int)iv[12];
    c.pons = (int)iv[13];
    c.alpha = dv[0]; c.dropout = dv[1]; c.lr_rnn = dv[2]; c.lr_readout = dv[3]; c.lr_cereb = dv[4];
    c.beta1 = dv[5]; c.beta2 = dv[6]; c.eps = dv[7];
    return c;
}

/* fwrite that also folds the bytes into the checksum. */
static int put(FILE *f, uint64_t *h, const void *p, size_t n)
{
    *h = fnv1a(*h, p, n);
    return fwrite(p, 1, n, f) == n;
}

/* "PATH.tmp.<pid>@<host>": the name of run/cc_out.h's temporaries, so that the next run of a driver
 * removes the one a killed save left (cc_out_remove_stale). */
static int temp_name(char *tmp, size_t n, const char *path)
{
    char host[64] = "";
    if (gethostname(host, sizeof host) != 0) host[0] = '\0';
    host[sizeof host - 1] = '\0';
    for (char *h = host; *h; h++)
        if (*h == '/' || (unsigned char)*h < 0x21) *h = '_';
    return snprintf(tmp, n, "%s.tmp.%ld@%s", path, (long)getpid(), host) >= (int)n;
}

int cc_model_save(const cc_model *m, const char *path)
{
    char tmp[4096];
    if (temp_name(tmp, sizeof tmp, path)) GSL_ERROR("model file name too long", GSL_EINVAL);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        CC_ERRORF(GSL_EFAILED, "cannot write model file %s", tmp);
        return GSL_EFAILED;
    }
    uint64_t h = FNV_OFFSET, n = m->w->size;
    uint32_t version = CC_IO_VERSION, nint = NINT;
    int64_t iv[NINT];
    double dv[NDBL], probe = 1.0;
    pack_config(&m->cfg, iv, dv);
    int ok = put(f, &h, MAGIC, sizeof MAGIC) && put(f, &h, &version, 4) && put(f, &h, &nint, 4) &&
             put(f, &h, iv, sizeof iv) && put(f, &h, dv, sizeof dv) && put(f, &h, &probe, 8) &&
             put(f, &h, &n, 8) && put(f, &h, m->w->data, n * sizeof(double));
    ok = ok && fwrite(&h, 8, 1, f) == 1;
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        CC_ERRORF(GSL_EFAILED, "cannot write model file %s", path);
        return GSL_EFAILED;
    }
    return GSL_SUCCESS;
}

/* fread that folds the bytes into the checksum; 0 on a short read. */
static int get(FILE *f, uint64_t *h, void *p, size_t n)
{
    if (fread(p, 1, n, f) != n) return 0;
    *h = fnv1a(*h, p, n);
    return 1;
}

cc_model *cc_model_load(const char *path, unsigned long seed)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        CC_ERRORF(GSL_EFAILED, "cannot open model file %s", path);
        return NULL;
    }
    uint64_t h = FNV_OFFSET, n = 0, stored = 0;
    char magic[8];
    uint32_t version = 0, nint = 0;
    int64_t iv[NINT];
    double dv[NDBL], probe = 0;
    cc_model *m = NULL;
    if (!get(f, &h, magic, 8) || memcmp(magic, MAGIC, 8) != 0) {
        CC_ERRORF(GSL_EINVAL, "%s is not a model file (wrong magic number)", path);
        goto fail;
    }
    if (!get(f, &h, &version, 4) || version != CC_IO_VERSION) {
        CC_ERRORF(GSL_EINVAL, "%s: model format version %u, this program reads version %u", path, version, CC_IO_VERSION);
        goto fail;
    }
    if (!get(f, &h, &nint, 4) || nint != NINT || !get(f, &h, iv, sizeof iv) || !get(f, &h, dv, sizeof dv) ||
        !get(f, &h, &probe, 8) || !get(f, &h, &n, 8)) {
        CC_ERRORF(GSL_EINVAL, "%s: truncated or malformed model header", path);
        goto fail;
    }
    if (probe != 1.0) {
        CC_ERRORF(GSL_EINVAL, "%s: written on a machine of other byte order", path);
        goto fail;
    }
    cc_config cfg = unpack_config(iv, dv);
    if (cc_config_validate(&cfg) != GSL_SUCCESS) {
        CC_ERRORF(GSL_EINVAL, "%s: the stored configuration is invalid", path);
        goto fail;
    }
    /* the stored size against the configuration and the file's length, before allocating */
    if ((double)n * sizeof(double) != cc_params_bytes(&cfg)) {
        CC_ERRORF(GSL_EINVAL, "%s: %llu weights stored, the configuration needs %.0f", path, (unsigned long long)n,
                  cc_params_bytes(&cfg) / sizeof(double));
        goto fail;
    }
    struct stat st;
    const double header = 8 + 4 + 4 + sizeof iv + sizeof dv + 8 + 8;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (double)st.st_size != header + (double)n * 8 + 8) {
        CC_ERRORF(GSL_EINVAL, "%s: %s model file (%lld bytes, the header says %.0f)", path,
                  (double)st.st_size < header + (double)n * 8 + 8 ? "truncated" : "corrupt", (long long)st.st_size,
                  header + (double)n * 8 + 8);
        goto fail;
    }
    m = cc_model_alloc(&cfg, seed);
    if (!m) goto fail;
    if (n != m->w->size) {
        CC_ERRORF(GSL_EINVAL, "%s: %llu weights stored, the configuration needs %zu", path, (unsigned long long)n,
             m->w->size);
        goto fail;
    }
    if (!get(f, &h, m->w->data, n * sizeof(double)) || fread(&stored, 8, 1, f) != 1) {
        CC_ERRORF(GSL_EINVAL, "%s: truncated model file", path);
        goto fail;
    }
    if (stored != h || fgetc(f) != EOF) {
        CC_ERRORF(GSL_EINVAL, "%s: corrupt model file (checksum mismatch or trailing bytes)", path);
        goto fail;
    }
    fclose(f);
    return m;
fail:
    fclose(f);
    cc_model_free(m);
    return NULL;
}
