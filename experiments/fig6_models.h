/* fig6_models.h: the hand-over of trained models from Fig. 6 to Fig. 8.
 *
 * Fig. 6 saves the trained cerebellar model of seed index i as models/cereb_fb-s<i>.ccm
 * (src/model/cc_io.c format) in its output directory, and its merge lists every saved file
 * with the checksum that closes it in models/manifest.tsv. Fig. 8 reads the files through
 * the manifest, so that a model file that is missing, replaced or left from another run
 * (its checksum differs from the one listed), or corrupt (cc_model_load refuses it) is
 * named in one line before anything is computed. The checksum of the manifest identifies the
 * Fig. 6 run in the configuration of every Fig. 8 unit.
 * Included by experiments/fig6.c and experiments/fig8.c only; not a library file.
 */
#ifndef FIG6_MODELS_H
#define FIG6_MODELS_H

#include <stdint.h>
#include <stdio.h>

#define FIG6_MODEL_FMT "cereb_fb-s%d.ccm"      /* file of seed index i, in models/ */
#define FIG6_MANIFEST "manifest.tsv"           /* in models/ */
#define FIG6_MANIFEST_COLUMNS "seed_index seed checksum_hi checksum_lo"

/* A 64-bit checksum as two 32-bit halves, which a TSV (and a double) hold exactly. */
static inline void fig6_halves(uint64_t h, double *hi, double *lo)
{
    *hi = (double)(h >> 32);
    *lo = (double)(h & 0xFFFFFFFFu);
}

/* FNV-1a 64 of n bytes (the model files' checksum, cc_io.h): Fig. 8 identifies the Fig. 6 run by
 * that of its manifest. */
static inline uint64_t fig6_fnv1a(const char *p, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 0x100000001B3ULL;
    return h;
}

/* The checksum that closes a model file (its last 8 bytes, FNV-1a 64 of the rest, cc_io.h) into
 * sum (hi, lo). 0 on success, -1 if unreadable. */
static inline int fig6_model_checksum(const char *path, double sum[2])
{
    FILE *f = fopen(path, "rb");
    uint64_t h = 0;
    int ok = f && fseek(f, -8, SEEK_END) == 0 && fread(&h, 8, 1, f) == 1;
    if (f) fclose(f);
    if (ok) fig6_halves(h, &sum[0], &sum[1]);
    return ok ? 0 : -1;
}

#endif
