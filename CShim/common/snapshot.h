/* Collecting a snapshot: the process, PID-space, limit and memory parts
 * here, the cgroups (cgroup.c) and the /proc scan (procscan.c) called from
 * here. */
#ifndef FX_SNAPSHOT_H
#define FX_SNAPSHOT_H

#include <stdint.h>

#include "model.h"

/* Header and process only: what a tally record carries. */
void fx_snapshot_identity(struct fx_snapshot *s);
/* Everything. map_count: the mappings of /proc/self/maps when the caller
 * has just counted them (the backtrace's walk), or -1 to count them here.
 * A fixture tree's own maps win over a count of the real ones. */
void fx_snapshot_collect(struct fx_snapshot *s, int64_t map_count);

#endif
