/* One failed task creation as the kernel reported it, before anything is
 * read about the task; or, from the entry probe, one call of the kernel's
 * clone path with its flags, before its outcome is known. */
#ifndef FX_WATCH_EVENT_H
#define FX_WATCH_EVENT_H

#include <stdint.h>

/* The four system calls, then the kernel function they all enter (the
 * kretprobe mechanism sees only that, not which system call it was). */
enum fx_syscall { FX_SYS_CLONE, FX_SYS_CLONE3, FX_SYS_FORK, FX_SYS_VFORK, FX_SYS_COUNT, FX_KERNEL_CLONE = FX_SYS_COUNT };

struct fx_watch_event {
	int pid, tid;		/* in the watcher's PID namespace */
	int err;		/* positive errno; 0 for an entry */
	enum fx_syscall call;
	int64_t mono_ns;	/* CLOCK_MONOTONIC: orders an entry and its return */
	int64_t realtime_ns;	/* when the call returned (or was entered) */
	uint64_t cgroup_id;	/* 0: not carried (kernel < 5.7) */
	/* An entry: its first argument, and the u64 it points to. */
	int entry;
	int have_arg, have_deref;
	uint64_t arg, deref;
	/* A failure: its clone flags, once paired with its entry. */
	int have_flags;
	uint64_t clone_flags;
};

const char *fx_syscall_name(enum fx_syscall call);

#endif
