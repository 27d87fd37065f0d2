/* The return probe on the kernel's clone path (kernel_clone(), which
 * clone, clone3, fork and vfork all enter), made as a tracefs dynamic
 * event and removed again (docs/watch.md, "The mechanisms"). */
#ifndef FX_PROBE_H
#define FX_PROBE_H

#include <stddef.h>

#include "perfring.h"

struct fx_probe {
	char tracefs[256];
	char control[32];	/* "kprobe_events", or "uprobe_events" (test hook) */
	char name[64];		/* "forkexplain/clone_ret_PID" */
	char target[512];	/* what is probed, as written to control */
	int created;
	struct fx_perf_source src;
};

/* Creates the probe. target NULL: a kretprobe on kernel_clone (or
 * _do_fork, its name before Linux 5.10). "uprobe:PATH:OFFSET": a
 * uretprobe on a user function instead, the test hook
 * FORKEXPLAIN_WATCH_PROBE_TARGET that lets the mechanism run on a kernel
 * without kprobes. Returns 0, or -1 with a reason in why. */
int fx_probe_create(struct fx_probe *pr, const char *tracefs, const char *target, char *why, size_t whycap);

/* Removes it; the perf events on it must be closed first. */
void fx_probe_remove(struct fx_probe *pr);

/* Returns the calls the kretprobe missed (more clones in flight at once
 * than its instances), or -1 when the kernel does not say. */
long long fx_probe_missed(const struct fx_probe *pr);

#endif
