/* CloudLinux LVE: the per-user container of shared hosting whose NPROC,
 * PMEM and VMEM limits refuse a user's forks and memory
 * (docs/kernel-facts.md §11.164). */
#ifndef FX_LVE_H
#define FX_LVE_H

#include "model.h"

/* Reads the process's uid's row of the LVE statistics when the kernel has
 * LVE; on any other kernel the files are missing and nothing is noted,
 * and later calls open nothing. */
void fx_lve_collect(struct fx_snapshot *s);
/* Forgets that the kernel had no LVE: a new configuration may name another
 * /proc (a fixture machine's). fx_config_load calls it. */
void fx_lve_forget(void);

#endif
