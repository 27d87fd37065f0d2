/* Trace events (syscall exit tracepoints, or a kretprobe) through
 * perf_event_open: one ring buffer per CPU, an in-kernel filter so that
 * only failures are ever written to it (docs/watch.md). */
#ifndef FX_PERFRING_H
#define FX_PERFRING_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"

#define FX_PERF_MAX_CPUS 256
#define FX_PERF_MAX_SOURCES 4
#define FX_PERF_MAX_FDS (FX_PERF_MAX_CPUS * FX_PERF_MAX_SOURCES)

/* One trace event: its id (also the common_type of its raw records), where
 * its signed `ret` sits in a raw record and its size (4 or 8), and the call
 * it stands for. */
struct fx_perf_source {
	int id;
	int ret_offset, ret_size;
	enum fx_syscall call;
};

struct fx_perf_ring {
	int fd;
	void *base;
	size_t size;		/* data area, a power of two */
};

struct fx_perf {
	int nfds;
	int fds[FX_PERF_MAX_FDS];
	int nrings;
	struct fx_perf_ring rings[FX_PERF_MAX_CPUS];
	int nsources;
	struct fx_perf_source sources[FX_PERF_MAX_SOURCES];
	int with_cgroup;		/* PERF_SAMPLE_CGROUP accepted */
	int64_t clock_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */
	uint64_t lost;			/* samples the kernel dropped */
};

/* Opens the n sources on every CPU and enables them, with filter as the
 * kernel-side filter. Returns 0, or -1 with a reason in why. */
int fx_perf_open(struct fx_perf *p, const struct fx_perf_source *src, int n, const char *filter, char *why,
		 size_t whycap);
void fx_perf_close(struct fx_perf *p);

/* Calls fn for every sample waiting in every ring. */
void fx_perf_drain(struct fx_perf *p, void (*fn)(const struct fx_watch_event *, void *), void *arg);

#endif
