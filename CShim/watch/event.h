/* One failed task creation as the kernel reported it, before anything is
 * read about the task. */
#ifndef FX_WATCH_EVENT_H
#define FX_WATCH_EVENT_H

#include <stdint.h>

/* The four system calls, then the kernel function they all enter (the
 * kretprobe mechanism sees only that, not which system call it was). */
enum fx_syscall { FX_SYS_CLONE, FX_SYS_CLONE3, FX_SYS_FORK, FX_SYS_VFORK, FX_SYS_COUNT, FX_KERNEL_CLONE = FX_SYS_COUNT };

struct fx_watch_event {
	int pid, tid;		/* in the watcher's PID namespace */
	int err;		/* positive errno */
	enum fx_syscall call;
	int64_t realtime_ns;	/* when the call returned */
	uint64_t cgroup_id;	/* 0: not carried (kernel < 5.7) */
};

const char *fx_syscall_name(enum fx_syscall call);

#endif
