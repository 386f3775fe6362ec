/* cc_handoff.h: trained models one figure hands to another (Fig. 6 -> Fig. 8).
 *
 * The giving figure saves the model of seed index i as models/<stem>-s<i>.ccm in its output
 * directory (src/model/cc_io.h format) with the checksum that closes the file in
 * units/<unit>.model.tsv (cc_handoff_save); its merge lists every saved model in
 * models/manifest.tsv (cc_handoff_manifest_write). The receiving figure reads them through the
 * manifest: the checksum of the manifest's bytes identifies the giving run (a new run makes the
 * receiving units stale), and a model is loaded only when the manifest lists it and its file is
 * present, the one listed (same checksum) and readable (cc_handoff_load). Each failure is one line
 * in err naming the file and the make goal that remakes it; nothing is raised.
 */
#ifndef CC_HANDOFF_H
#define CC_HANDOFF_H

#include "cc_driver.h"
#include "cc_model.h"
#include "cc_out.h"

#define CC_HANDOFF_MANIFEST "manifest.tsv"                          /* in models/ */
#define CC_HANDOFF_COLUMNS "seed_index seed checksum_hi checksum_lo" /* of the manifest and the unit rows */

/* Where the receiving figure finds the models. */
typedef struct {
    const char *dir;   /* the giving figure's models/; a relative path is relative to the real path of --out */
    const char *stem;  /* the model of seed index i is <stem>-s<i>.ccm */
    const char *giver; /* the giving figure ("fig6"), named in the messages ("run make fig6") */
} cc_handoff;

/* Giving figure, in a unit: save m (trained from `seed`) as models/<stem>-s<si>.ccm and its row
 * (si, seed, checksum) as units/<unit>.model.tsv. */
int cc_handoff_save(const cc_run_ctx *ctx, const char *stem, const cc_model *m, int si, unsigned long seed);

/* Giving figure, in the merge: models/manifest.tsv (title `title`) lists the rows saved by the
 * units of condition `cond`, seed indices 0..seeds-1. */
int cc_handoff_manifest_write(const cc_run_ctx *ctx, const char *title, const char *cond, int seeds);

/* Receiving figure: the manifest into t (cc_table_free it), and the checksum of its bytes
 * (FNV-1a 64, as two exact halves) into sum if not NULL. 0, or -1 with the reason in err. */
int cc_handoff_manifest_read(const cc_run_ctx *ctx, const cc_handoff *h, cc_table *t, double sum[2], char *err, size_t n);

/* Receiving figure: the model of seed index si, checked as above; its training seed in *seed.
 * NULL with the reason in err. */
cc_model *cc_handoff_load(const cc_run_ctx *ctx, const cc_handoff *h, int si, unsigned long *seed, char *err, size_t n);

#endif
