#include "failure.h"
#include "backtrace.h"
#include "clock.h"
#include "config.h"
#include "errname.h"
#include "logio.h"
#include "modules.h"
#include "record.h"
#include "snapshot.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FX_SLOT_SNAPSHOT (40 * 1024)
#define FX_SLOT_LINE (32 * 1024)
#define FX_BUCKETS 5

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* The snapshot buffer of a process tree, mapped MAP_SHARED at a process's
 * first task creation and faulted in then. Shared, a fork never makes it
 * copy-on-write, so writing it on the failure path needs no new page: a
 * process at its memory cgroup's limit may not get one (with the OOM killer
 * disabled it would wait forever; else it would cause a kill). One buffer:
 * a failure that finds it busy is counted into the next record of its kind,
 * never waited for. */
struct slot {
	_Atomic int owner; /* pid writing it, 0 free */
	_Alignas(16) char snapshot[FX_SLOT_SNAPSHOT];
	char line[FX_SLOT_LINE];
};

/* One rate limit per process, call and errno; `owner` tells a child's
 * inherited copy from its own. */
struct rate {
	_Atomic int owner;
	_Atomic int64_t last_ns;
	_Atomic uint64_t suppressed;
	_Atomic uint64_t lost; /* of suppressed: snapshots that failed */
	_Atomic int err;
};

static struct slot *_Atomic slot;
static _Atomic int prepare_tries;
static struct rate rates[FX_CALL_COUNT][FX_BUCKETS];

_Static_assert(sizeof(struct fx_snapshot) <= FX_SLOT_SNAPSHOT, "snapshot outgrew its slot");

static struct slot *map_slot(void)
{
	struct slot *mem = mmap(NULL, sizeof(struct slot), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (mem == MAP_FAILED)
		return NULL;
	/* MADV_POPULATE_WRITE reports a shortage as ENOMEM where touching the
	 * pages would wait for the OOM killer. Older kernels only have
	 * MAP_POPULATE, best effort. */
	if (madvise(mem, sizeof(struct slot), MADV_POPULATE_WRITE) == 0)
		return mem;
	munmap(mem, sizeof(struct slot));
	if (errno != EINVAL)
		return NULL;
	mem = mmap(NULL, sizeof(struct slot), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE,
		   -1, 0);
	return mem == MAP_FAILED ? NULL : mem;
}

void fx_failure_prepare(void)
{
	struct slot *mine, *none = NULL;

	/* A few tries at most: when memory is short, the success path must
	 * not pay for a mapping on every call. */
	if (atomic_load(&slot) || atomic_fetch_add(&prepare_tries, 1) >= 3)
		return;
	mine = map_slot();
	if (mine && !atomic_compare_exchange_strong(&slot, &none, mine))
		munmap(mine, sizeof(struct slot)); /* another thread won */
}

static int bucket_of(int err)
{
	switch (err) {
	case ENOMEM:
		return 0;
	case EAGAIN:
		return 1;
	case ENOSPC:
		return 2;
	case EPERM:
		return 3;
	default:
		return 4;
	}
}

static void claim(_Atomic int *owner, int pid, void (*reset)(void *), void *arg)
{
	int seen = atomic_load(owner);

	if (seen != pid && atomic_compare_exchange_strong(owner, &seen, pid))
		reset(arg);
}

static void reset_rate(void *arg)
{
	struct rate *r = arg;

	atomic_store(&r->last_ns, 0);
	atomic_store(&r->suppressed, 0);
	atomic_store(&r->lost, 0);
}

/* A snapshot that could not be taken or written: its failures go back to
 * the count, and the next failure of the kind tries again. */
static void give_back(struct rate *r, uint64_t failures, uint64_t lost)
{
	atomic_fetch_add(&r->suppressed, failures);
	atomic_fetch_add(&r->lost, lost);
	atomic_store(&r->last_ns, 0);
}

/* Whether this failure gets a snapshot; if not it is counted. */
static int admit(struct rate *r, int pid, int err, uint64_t *suppressed)
{
	int64_t now = fx_monotonic_ns();
	int64_t last;

	claim(&r->owner, pid, reset_rate, r);
	atomic_store(&r->err, err);
	last = atomic_load(&r->last_ns);
	if ((last != 0 && now - last < fx_cfg.interval_ns) ||
	    !atomic_compare_exchange_strong(&r->last_ns, &last, now)) {
		atomic_fetch_add(&r->suppressed, 1);
		return 0;
	}
	*suppressed = atomic_exchange(&r->suppressed, 0);
	return 1;
}

static struct slot *acquire(int pid)
{
	struct slot *sl = atomic_load(&slot);
	int seen = 0;

	if (!sl)
		return NULL;
	if (atomic_compare_exchange_strong(&sl->owner, &seen, pid))
		return sl;
	/* Held by a process of the tree that died while writing it. */
	if (seen != pid && kill(seen, 0) < 0 && errno == ESRCH && atomic_compare_exchange_strong(&sl->owner, &seen, pid))
		return sl;
	return NULL;
}

static void release(struct slot *sl)
{
	atomic_store(&sl->owner, 0);
}

static void write_record(struct rate *r, struct fx_snapshot *s, char *line, int tally)
{
	size_t len = tally ? fx_record_tally(s, line, FX_SLOT_LINE) : fx_record_failure(s, line, FX_SLOT_LINE);

	if (len == 0 || fx_log_write(line, len) < 0) {
		give_back(r, s->suppressed + (tally ? 0 : 1), s->lost + (tally ? 0 : 1));
		return;
	}
	fx_log_notice(fx_call_name((enum fx_call)s->call), fx_errno_name(s->err), s->err);
}

void fx_failed(enum fx_call call, int err, const struct fx_call_args *args)
{
	int saved = errno;
	int pid;
	uint64_t suppressed = 0;
	struct rate *r;
	struct slot *sl;
	struct fx_snapshot *s;
	int64_t map_count;

	if ((unsigned)call >= FX_CALL_COUNT || !fx_errno_recorded(err))
		goto out;
	pid = (int)getpid();
	r = &rates[call][bucket_of(err)];
	if (!admit(r, pid, err, &suppressed))
		goto out;
	/* The first task creation mapped the buffer; if memory was short
	 * then, try again: mapping never waits for memory. */
	fx_failure_prepare();
	sl = acquire(pid);
	if (!sl) {
		give_back(r, 1 + suppressed, 1);
		goto out;
	}
	s = (struct fx_snapshot *)sl->snapshot;
	memset(s, 0, sizeof(*s));
	/* First, while the failing caller is still the nearest frame. */
	fx_backtrace_capture(s);
	s->call = (int)call;
	s->err = err;
	s->suppressed = suppressed;
	s->lost = atomic_exchange(&r->lost, 0);
	s->injected = fx_cfg.inject[call] != 0;
	if (args) {
		s->clone_flags = args->clone_flags;
		s->stack_size = args->stack_size;
	}
	/* One walk of /proc/self/maps for the frames and the map count. */
	map_count = fx_modules_resolve(s);
	fx_snapshot_collect(s, map_count);
	/* glibc's default thread stack is RLIMIT_STACK when that is finite. */
	if (call == FX_CALL_PTHREAD_CREATE && !s->stack_size.have && s->stack.soft.have && !s->stack.soft.is_max)
		s->stack_size = s->stack.soft;
	write_record(r, s, sl->line, 0);
	release(sl);
out:
	errno = saved;
}

void fx_failure_fini(void)
{
	int pid = (int)getpid();
	int c, b;

	for (c = 0; c < FX_CALL_COUNT; c++) {
		for (b = 0; b < FX_BUCKETS; b++) {
			struct rate *r = &rates[c][b];
			uint64_t n;
			struct slot *sl;
			struct fx_snapshot *s;

			if (atomic_load(&r->owner) != pid || atomic_load(&r->suppressed) == 0)
				continue;
			sl = acquire(pid);
			if (!sl)
				return;
			n = atomic_exchange(&r->suppressed, 0);
			s = (struct fx_snapshot *)sl->snapshot;
			memset(s, 0, sizeof(*s));
			s->call = c;
			s->err = atomic_load(&r->err);
			s->suppressed = n;
			s->lost = atomic_exchange(&r->lost, 0);
			fx_snapshot_identity(s);
			write_record(r, s, sl->line, 1);
			release(sl);
		}
	}
}
