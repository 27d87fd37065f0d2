/* The failure path: rate limit, snapshot, record, write. No malloc, no
 * stdio, no lock: preallocated buffers taken with a compare-and-swap. */
#ifndef FX_FAILURE_H
#define FX_FAILURE_H

#include "calls.h"
#include "model.h"

/* What the wrapper knows about the call, beyond its name and errno. */
struct fx_call_args {
	struct fx_val clone_flags;
	struct fx_val stack_size;
	/* This process's execs in flight while a thread creation failed. */
	int execs_in_flight;
};

/* At a process's first task creation: maps and faults in its snapshot
 * buffer, shared with the children it forks. */
void fx_failure_prepare(void);
/* Writes a tally for failures counted but not yet recorded: at exit,
 * _exit, abort (last: what still cannot be written is said on stderr) and
 * before exec (not last: it stays counted if the exec fails). */
void fx_failure_flush(int last);

/* Called by a wrapper after the real call failed with err (errno or the
 * returned error). Leaves errno as it found it. */
void fx_failed(enum fx_call call, int err, const struct fx_call_args *args);

#endif
