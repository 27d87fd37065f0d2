/* Whether memory has clear room for the failure path's buffers right now:
 * what FORKEXPLAIN_FILL=failure asks before it fills them at a failure
 * instead of at the first task creation (CShim/preload/failure.c,
 * docs/performance.md). */
#ifndef FX_HEADROOM_H
#define FX_HEADROOM_H

#include <stdint.h>

#include "model.h"

/* The room asked for: the buffers are some 0.15 MiB; the rest is for
 * whatever else the cgroup allocates between the check and the fill. */
#define FX_HEADROOM_BYTES (8LL * 1024 * 1024)

/* 1 when the host's MemAvailable and every level of the process's memory
 * cgroups, v1 (memory and memory+swap) and v2, up to its mount's root,
 * have at least need bytes below their limit (docs/kernel-facts.md
 * §6.29); 0 when one has not, or cannot be read (not a
 * known yes), with why the first source that had not (its numbers, or
 * the path that could not be read). Some 2 KiB of the caller's stack, no
 * memory else. */
int fx_headroom_clear(int64_t need, struct fx_fill_refusal *why);

#endif
