#include "perfring.h"
#include "str.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef PERF_SAMPLE_CGROUP
#define PERF_SAMPLE_CGROUP (1U << 21) /* Linux 5.7 */
#endif

#define RING_PAGES 64 /* per CPU: about 4000 samples of 64 bytes */
/* More than any sample here takes (header, ids, time, a raw record of a
 * few u64s, the cgroup id). */
#define FULL_SLACK 256

static const char *const call_names[FX_SYS_COUNT + 1] = { "clone", "clone3", "fork", "vfork", "kernel_clone" };

const char *fx_syscall_name(enum fx_syscall call)
{
	return (unsigned)call <= FX_SYS_COUNT ? call_names[call] : "?";
}

static int64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int perf_open(struct perf_event_attr *attr, int cpu)
{
	return (int)syscall(SYS_perf_event_open, attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

static int ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	if (n < 1)
		n = 1;
	return n > FX_PERF_MAX_CPUS ? FX_PERF_MAX_CPUS : (int)n;
}

static void why_errno(char *why, size_t cap, const char *what, int err)
{
	snprintf(why, cap, "%s: %s", what, strerror(err));
}

/* One tracepoint on one CPU; the first event of a CPU owns its ring, the
 * others write into it (PERF_EVENT_IOC_SET_OUTPUT). */
static int open_one(struct fx_perf *p, int id, int cpu, struct fx_perf_ring *ring, const char *filter, char *why,
		    size_t whycap)
{
	struct perf_event_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = (uint64_t)id;
	attr.sample_period = 1;
	attr.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_RAW;
	if (p->with_cgroup && filter)
		attr.sample_type |= PERF_SAMPLE_CGROUP;
	if (filter) {
		/* Wake the watcher at every sample: only failures ever reach
		 * the ring, and a failing task must be read before it is gone. */
		attr.wakeup_events = 1;
	} else {
		/* The entry probe: every clone on the host is a sample, read
		 * when a failure asks for its flags; the watcher is woken only
		 * to empty a half-full ring. */
		attr.watermark = 1;
		attr.wakeup_watermark = (uint32_t)(RING_PAGES / 2 * sysconf(_SC_PAGESIZE));
	}
	attr.use_clockid = 1;
	attr.clockid = CLOCK_MONOTONIC;
	attr.disabled = 1;
	fd = perf_open(&attr, cpu);
	if (fd < 0 && errno == EINVAL && p->with_cgroup) {
		p->with_cgroup = 0;
		return open_one(p, id, cpu, ring, filter, why, whycap);
	}
	if (fd < 0) {
		if (errno == ENODEV || errno == ENXIO)
			return 1; /* an offline CPU */
		why_errno(why, whycap, "perf_event_open on a trace event", errno);
		return -1;
	}
	p->fds[p->nfds++] = fd;
	/* The filter runs in the kernel before the sample is written: a
	 * successful call costs the tracepoint's check and nothing more. */
	if (filter && ioctl(fd, PERF_EVENT_IOC_SET_FILTER, filter) < 0) {
		why_errno(why, whycap, "PERF_EVENT_IOC_SET_FILTER", errno);
		return -1;
	}
	if (ring->fd < 0) {
		size_t len = (size_t)(RING_PAGES + 1) * (size_t)sysconf(_SC_PAGESIZE);
		void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (m == MAP_FAILED) {
			why_errno(why, whycap, "mmap of the perf ring", errno);
			return -1;
		}
		ring->fd = fd;
		ring->base = m;
		ring->size = len - (size_t)sysconf(_SC_PAGESIZE);
	} else if (ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, ring->fd) < 0) {
		why_errno(why, whycap, "PERF_EVENT_IOC_SET_OUTPUT", errno);
		return -1;
	}
	return 0;
}

int fx_perf_open(struct fx_perf *p, const struct fx_perf_source *src, int n, const char *filter, char *why,
		 size_t whycap)
{
	int c, i, rc, cpus = ncpus();

	memset(p, 0, sizeof(*p));
	p->with_cgroup = 1;
	for (i = 0; i < FX_PERF_MAX_CPUS; i++)
		p->rings[i].fd = -1;
	if (n < 1 || n > FX_PERF_MAX_SOURCES) {
		fx_strlcpy(why, "no trace event to open", whycap);
		return -1;
	}
	memcpy(p->sources, src, (size_t)n * sizeof(*src));
	p->nsources = n;
	for (c = 0; c < cpus; c++) {
		for (i = 0; i < n; i++) {
			rc = open_one(p, src[i].id, c, &p->rings[c], filter, why, whycap);
			if (rc < 0) {
				fx_perf_close(p);
				return -1;
			}
			if (rc > 0)
				break;
		}
	}
	p->nrings = cpus;
	for (i = 0; i < p->nfds; i++)
		if (ioctl(p->fds[i], PERF_EVENT_IOC_ENABLE, 0) < 0) {
			why_errno(why, whycap, "PERF_EVENT_IOC_ENABLE", errno);
			fx_perf_close(p);
			return -1;
		}
	p->clock_offset_ns = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC);
	return 0;
}

void fx_perf_close(struct fx_perf *p)
{
	int i;

	for (i = 0; i < FX_PERF_MAX_CPUS; i++)
		if (p->rings[i].base) {
			munmap(p->rings[i].base, p->rings[i].size + (size_t)sysconf(_SC_PAGESIZE));
			p->rings[i].base = NULL;
		}
	for (i = 0; i < p->nfds; i++)
		close(p->fds[i]);
	p->nfds = 0;
}

/* Every raw record starts with its event's id (common_type, a u16):
 * which of the sources sharing the ring wrote it. */
static const struct fx_perf_source *source_of(const struct fx_perf *p, const unsigned char *raw)
{
	uint16_t type;
	int i;

	memcpy(&type, raw, 2);
	for (i = 0; i < p->nsources; i++)
		if (p->sources[i].id == (int)type)
			return &p->sources[i];
	return NULL;
}

/* A u64 field of a raw record; 0 when the event has none. */
static int read_u64(const unsigned char *raw, uint32_t raw_size, int offset, uint64_t *out)
{
	if (offset < 0 || (size_t)offset + 8 > raw_size)
		return 0;
	memcpy(out, raw + offset, 8);
	return 1;
}

/* A PERF_RECORD_SAMPLE laid out as sample_type asks: pid, tid; time;
 * raw size and data (the event's record); cgroup id. */
static int parse_sample(const struct fx_perf *p, const unsigned char *rec, size_t len, struct fx_watch_event *ev)
{
	size_t off = sizeof(struct perf_event_header);
	uint32_t u32, raw_size;
	uint64_t u64;
	int64_t ret;
	const struct fx_perf_source *src;

	memset(ev, 0, sizeof(*ev));
	if (len < off + 8 + 8 + 4)
		return -1;
	memcpy(&u32, rec + off, 4);
	ev->pid = (int)u32;
	memcpy(&u32, rec + off + 4, 4);
	ev->tid = (int)u32;
	memcpy(&u64, rec + off + 8, 8);
	ev->mono_ns = (int64_t)u64;
	ev->realtime_ns = (int64_t)u64 + p->clock_offset_ns;
	off += 16;
	memcpy(&raw_size, rec + off, 4);
	off += 4;
	if (off + raw_size > len || raw_size < 8)
		return -1;
	src = source_of(p, rec + off);
	if (!src)
		return -1;
	ev->call = src->call;
	if (src->entry) {
		ev->entry = 1;
		ev->have_arg = read_u64(rec + off, raw_size, src->arg_offset, &ev->arg);
		ev->have_deref = read_u64(rec + off, raw_size, src->deref_offset, &ev->deref);
		return 0;
	}
	if (src->ret_offset < 0 || (size_t)src->ret_offset + (size_t)src->ret_size > raw_size)
		return -1;
	if (src->ret_size == 4) {
		int32_t r32;
		memcpy(&r32, rec + off + (size_t)src->ret_offset, 4);
		ret = r32;
	} else {
		memcpy(&ret, rec + off + (size_t)src->ret_offset, 8);
	}
	if (ret >= 0)
		return -1;
	ev->err = (int)-ret;
	off += raw_size;
	if (p->with_cgroup && off + 8 <= len)
		memcpy(&ev->cgroup_id, rec + off, 8);
	return 0;
}

static int drain_ring(struct fx_perf *p, struct fx_perf_ring *r, fx_perf_fn fn, void *arg)
{
	struct perf_event_mmap_page *meta = r->base;
	const unsigned char *data = (const unsigned char *)r->base + meta->data_offset;
	uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = meta->data_tail;
	unsigned char rec[1024];
	int stop = 0;

	if (meta->data_offset == 0)
		data = (const unsigned char *)r->base + sysconf(_SC_PAGESIZE);
	/* The kernel drops a sample only when it does not fit, and nothing
	 * but this drain makes room: a ring with room for a sample now has
	 * lost none since the last drain. */
	if (r->size - (head - tail) < FULL_SLACK)
		p->full++;
	while (tail < head && !stop) {
		struct perf_event_header h;
		size_t at = (size_t)(tail & (r->size - 1)), first, len;

		first = r->size - at < sizeof(h) ? r->size - at : sizeof(h);
		memcpy(&h, data + at, first);
		memcpy((unsigned char *)&h + first, data, sizeof(h) - first);
		if (h.size < sizeof(h))
			break;
		len = h.size < sizeof(rec) ? h.size : sizeof(rec);
		first = r->size - at < len ? r->size - at : len;
		memcpy(rec, data + at, first);
		memcpy(rec + first, data, len - first);
		if (h.type == PERF_RECORD_SAMPLE) {
			struct fx_watch_event ev;
			if (parse_sample(p, rec, len, &ev) == 0)
				stop = fn(&ev, arg);
		} else if (h.type == PERF_RECORD_LOST && len >= sizeof(h) + 16) {
			uint64_t lost;
			memcpy(&lost, rec + sizeof(h) + 8, 8);
			p->lost += lost;
		}
		tail += h.size;
	}
	__atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
	return stop;
}

int fx_perf_drain(struct fx_perf *p, fx_perf_fn fn, void *arg)
{
	int i;

	for (i = 0; i < p->nrings; i++)
		if (p->rings[i].base && drain_ring(p, &p->rings[i], fn, arg))
			return 1;
	return 0;
}
