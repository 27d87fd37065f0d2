/* OpenVZ / Virtuozzo user beancounters: the per-container counters that
 * refuse a fork on those kernels, where no pids cgroup exists
 * (docs/kernel-facts.md §11.1). */
#ifndef FX_BEANCOUNTERS_H
#define FX_BEANCOUNTERS_H

#include "model.h"

/* The resources kept, in the order of fx_beancounters.rows. */
extern const char *const fx_ubc_resources[FX_UBC_ROWS];

/* Reads /proc/user_beancounters when it exists; on any other kernel the
 * file is missing and nothing is noted. */
void fx_beancounters_collect(struct fx_snapshot *s);

#endif
