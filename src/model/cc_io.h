/* cc_io.h: save and load a trained model.
 *
 * File format (all integers little-endian as written by this machine; the header
 * records a probe value so that a file from a machine of other byte order is refused):
 *   8 bytes  magic "CCLOOPS\0"
 *   u32      format version (1)
 *   u32      number of config fields that follow (16)
 *   16 x i64 D N O G classification arch plasticity rule tau temporal_basis
 *            final_learning plastic_mf mf_inputs pons 0 0 (reserved)
 *   8 x f64  alpha dropout lr_rnn lr_readout lr_cereb beta1 beta2 eps
 *   f64      probe 1.0 (byte-order check)
 *   u64      n, the number of weights
 *   n x f64  the parameter block (cc_params.h layout)
 *   u64      FNV-1a 64 checksum of every byte above
 * Adam moments are not saved: a loaded model starts a fresh optimiser.
 * Not here: run records or data files (experiments).
 */
#ifndef CC_IO_H
#define CC_IO_H

#include "cc_model.h"

#define CC_IO_VERSION 1u

/* Write m (config and weights) to path through a temporary file (path.tmp.<pid>@<host>, the name
 * of cc_out's temporaries) renamed on success. */
int cc_model_save(const cc_model *m, const char *path);

/* Read a model saved by cc_model_save; with a pontine projection (pons > 0) the file holds its
 * size, not its values: W_pons is drawn again from `seed`, so load with the training seed.
 * NULL with a gsl_error naming the problem (missing file, wrong magic, other version, truncated,
 * corrupt, bad config). */
cc_model *cc_model_load(const char *path, unsigned long seed);

#endif
