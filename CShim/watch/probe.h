/* The return probe on the kernel's clone path (kernel_clone(), which
 * clone, clone3, fork and vfork all enter), made as a tracefs dynamic
 * event and removed again (docs/watch.md, "The mechanisms"). */
#ifndef FX_PROBE_H
#define FX_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "perfring.h"

/* How the probed function takes the clone flags (docs/kernel-facts.md
 * §9.6): kernel_clone() (5.10+) and _do_fork() of 5.3 to 5.9 take a
 * struct kernel_clone_args whose first field is the u64 flags; _do_fork()
 * before 5.3 takes the flags themselves as its first argument. */
enum fx_clone_args { FX_ARGS_STRUCT, FX_ARGS_PLAIN };

struct fx_probe {
	char tracefs[256];
	char control[32];	/* "kprobe_events", or "uprobe_events" (test hook) */
	char name[64];		/* "forkexplain/clone_ret_PID" */
	char target[512];	/* what is probed, as written to control */
	int created;
	struct fx_perf_source src;
	/* The entry probe on the same function, for the clone flags; when it
	 * could not be made, entry_why says why and watch runs without. */
	char entry_name[64];	/* "forkexplain/clone_entry_PID" */
	int entry_created;
	enum fx_clone_args layout;
	struct fx_perf_source entry_src;
	char entry_why[256];
};

/* Creates the probe. target NULL: a kretprobe on kernel_clone (or
 * _do_fork, its name before Linux 5.10). "uprobe:PATH:OFFSET": a
 * uretprobe on a user function instead, the test hook
 * FORKEXPLAIN_WATCH_PROBE_TARGET that lets the mechanism run on a kernel
 * without kprobes. Returns 0, or -1 with a reason in why. */
int fx_probe_create(struct fx_probe *pr, const char *tracefs, const char *target, char *why, size_t whycap);

/* The layout of the arguments of FUNCTION ("kernel_clone", "_do_fork")
 * on a kernel of RELEASE (uname -r). */
enum fx_clone_args fx_probe_layout(const char *function, const char *release);

/* The clone flags an entry sample carried, by the layout: 0, or -1 when
 * the sample does not hold them (a value no clone flags word can be). */
int fx_probe_flags(enum fx_clone_args layout, const struct fx_watch_event *ev, uint64_t *flags);

/* Removes the entry probe alone (its perf events closed first). */
void fx_probe_remove_entry(struct fx_probe *pr);

/* Removes it (both probes); the perf events on it must be closed first. */
void fx_probe_remove(struct fx_probe *pr);

/* Returns the calls the kretprobe missed (more clones in flight at once
 * than its instances), or -1 when the kernel does not say. */
long long fx_probe_missed(const struct fx_probe *pr);

#endif
