/* A failing task, snapshotted from the watcher's (the host's) point of
 * view with the shim's own collection code, into one log line. */
#ifndef FX_CAPTURE_H
#define FX_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "tallies.h"

/* What is known of a failure before its task is read. */
struct fx_capture {
	int pid, tid;		/* pid 0: no task known (counters mode) */
	const char *call;	/* system call name */
	int err;
	int64_t realtime_ns;
	uint64_t suppressed;
	uint64_t cgroup_id;	/* cgroup2 id the event carried, or 0 */
	int have_flags;		/* the entry probe's clone flags were paired */
	uint64_t clone_flags;
	/* Counters mode: the cgroup whose counter moved, read when no task
	 * of it is left to snapshot. */
	int cg_version;
	const char *cg_mount;	/* its hierarchy's mount point */
	const char *cg_path;	/* "/a/b" */
	const char *why_no_task;
};

/* What clone flags create: "thread" (CLONE_THREAD), "vfork" (CLONE_VFORK:
 * a process its parent waits for), or "process". */
const char *fx_capture_creates(uint64_t clone_flags);

/* Host, boot id and kernel, read once. */
void fx_capture_init(void);

/* A failure record in buf; fills the tally entry's view of the task (uid,
 * ppid, comm) so later tallies can name it. Returns the length, or 0. */
size_t fx_capture_failure(const struct fx_capture *c, struct fx_tally *t, char *buf, size_t cap);

/* A tally record of an entry's counted failures. */
size_t fx_capture_tally(const struct fx_tally *t, const char *call, char *buf, size_t cap);

#endif
