/* The tracepoints mechanism's clone flags for namespace clones: the exit
 * tracepoints carry no arguments, so syscalls:sys_enter_clone is opened
 * too, filtered in the kernel to calls with a CLONE_NEW* flag (only those
 * are ever sampled), and a failure of clone by the same thread just after
 * takes its flags (docs/watch.md, "Namespace flags in tracepoints mode"). */
#ifndef FX_WATCH_NSENTRY_H
#define FX_WATCH_NSENTRY_H

#include <stdint.h>

#include "event.h"
#include "perfring.h"

#define FX_NSENTRY_SLOTS 64
/* An entry older than this when its thread's failure is read is not its
 * call's: a failing clone returns within microseconds, the bound is for a
 * loaded machine's scheduling. */
#define FX_NSENTRY_MAX_AGE_NS (100 * 1000000LL)

struct fx_nsentries {
	struct {
		int tid;
		uint64_t flags;
		int64_t mono_ns;
	} slot[FX_NSENTRY_SLOTS];
	unsigned next;
};

/* Opens sys_enter_clone on every CPU into e, filtered to namespace flags.
 * Returns 0, or -1 with a reason in why (the watcher then runs without). */
int fx_nsentry_open(struct fx_perf *e, const char *tracefs, char *why, size_t whycap);

/* Remembers an entry event's flags (the oldest slot makes room). */
void fx_nsentry_note(struct fx_nsentries *t, const struct fx_watch_event *ev);

/* The flags of tid's latest entry at or before mono_ns, no older than
 * FX_NSENTRY_MAX_AGE_NS, taken out so that no later failure reuses them.
 * Returns 0, or -1 when there is none. */
int fx_nsentry_take(struct fx_nsentries *t, int tid, int64_t mono_ns, uint64_t *flags);

#endif
