/* fig6_models.h: the hand-over of trained models from Fig. 6 to Fig. 8.
 *
 * Fig. 6 saves the trained cerebellar model of seed index i as models/cereb_fb-s<i>.ccm
 * (src/model/cc_io.c format) in its output directory, and its merge lists every saved file
 * with the checksum that closes it in models/manifest.tsv. Fig. 8 reads the files through
 * the manifest, so that a model file that is missing, replaced or left from another run
 * (its checksum differs from the one listed), or corrupt (cc_model_load refuses it) is
 * named in one line before anything is computed.
 * Included by experiments/fig6.c and experiments/fig8.c only; not a library file.
 */
#ifndef FIG6_MODELS_H
#define FIG6_MODELS_H

#include <stdint.h>
#include <stdio.h>

#define FIG6_MODEL_FMT "cereb_fb-s%d.ccm"      /* file of seed index i, in models/ */
#define FIG6_MANIFEST "manifest.tsv"           /* in models/ */
#define FIG6_MANIFEST_COLUMNS "seed_index seed checksum_hi checksum_lo"

/* The checksum that closes a model file (its last 8 bytes, FNV-1a 64 of the rest, cc_io.h),
 * split into two 32-bit halves that a TSV holds exactly. 0 on success, -1 if unreadable. */
static inline int fig6_model_checksum(const char *path, double *hi, double *lo)
{
    FILE *f = fopen(path, "rb");
    uint64_t h = 0;
    int ok = f && fseek(f, -8, SEEK_END) == 0 && fread(&h, 8, 1, f) == 1;
    if (f) fclose(f);
    if (!ok) return -1;
    *hi = (double)(h >> 32);
    *lo = (double)(h & 0xFFFFFFFFu);
    return 0;
}

#endif
