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
 * it stands for. An entry probe has no `ret` (-1) but the u64 fields `arg`
 * (its first argument) and `flags` (the u64 that argument points to; -1
 * when not fetched). */
struct fx_perf_source {
	int id;
	int ret_offset, ret_size;
	enum fx_syscall call;
	int entry;
	int arg_offset, deref_offset;
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
	/* Drains that found a ring with no room left for one more sample:
	 * the kernel may have dropped samples since the drain before. */
	uint64_t full;
};

/* Opens the n sources on every CPU and enables them, with filter as the
 * kernel-side filter. filter NULL: every call is a sample (the entry
 * probe), and the watcher is woken only when a ring is half full.
 * Returns 0, or -1 with a reason in why. */
int fx_perf_open(struct fx_perf *p, const struct fx_perf_source *src, int n, const char *filter, char *why,
		 size_t whycap);
void fx_perf_close(struct fx_perf *p);

/* Calls fn for every sample waiting in every ring, until fn returns
 * nonzero (the rest stays in the ring for the next drain). Returns nonzero
 * when fn stopped it. */
typedef int (*fx_perf_fn)(const struct fx_watch_event *ev, void *arg);
int fx_perf_drain(struct fx_perf *p, fx_perf_fn fn, void *arg);

#endif
