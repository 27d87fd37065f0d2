#include "failure.h"
#include "backtrace.h"
#include "logio.h"
#include "record.h"

#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* Two threads of one process snapshotting at the same instant is already
 * rare under the rate limit; a third is counted as lost, never waited for. */
#define FX_SLOTS 2
#define FX_SLOT_SNAPSHOT (256 * 1024)
#define FX_SLOT_LINE (64 * 1024)
#define FX_BUCKETS 5

struct slot {
	_Atomic int owner;	/* pid using it, 0 free */
	char *mem;
};

/* One rate limit per process, call and errno; `owner` tells a child's
 * inherited copy from its own. */
struct rate {
	_Atomic int owner;
	_Atomic int64_t last_ns;
	_Atomic uint64_t suppressed;
	_Atomic int err;
};

static struct slot slots[FX_SLOTS];
static struct rate rates[FX_CALL_COUNT][FX_BUCKETS];
static _Atomic uint64_t lost;
static _Atomic int lost_owner;

_Static_assert(sizeof(struct fx_snapshot) <= FX_SLOT_SNAPSHOT, "snapshot outgrew its slot");

void fx_failure_init(void)
{
	/* Mapped now, while memory is plentiful: the failure path may run
	 * when it is not (commit limit, memcg). */
	size_t size = (size_t)FX_SLOTS * (FX_SLOT_SNAPSHOT + FX_SLOT_LINE);
	char *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int i;

	if (mem == MAP_FAILED)
		return;
	for (i = 0; i < FX_SLOTS; i++)
		slots[i].mem = mem + (size_t)i * (FX_SLOT_SNAPSHOT + FX_SLOT_LINE);
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

static int64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
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
}

static void reset_lost(void *arg)
{
	(void)arg;
	atomic_store(&lost, 0);
}

/* Whether this failure gets a snapshot; if not it is counted. */
static int admit(struct rate *r, int pid, int err, uint64_t *suppressed)
{
	int64_t now = monotonic_ns();
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
	int i;

	for (i = 0; i < FX_SLOTS; i++) {
		int seen = 0;
		if (!slots[i].mem)
			continue;
		if (atomic_compare_exchange_strong(&slots[i].owner, &seen, pid))
			return &slots[i];
		/* Held by the parent when this process was forked: stale. */
		if (seen != pid && atomic_compare_exchange_strong(&slots[i].owner, &seen, pid))
			return &slots[i];
	}
	return NULL;
}

static void release(struct slot *sl)
{
	atomic_store(&sl->owner, 0);
}

static void write_record(struct fx_snapshot *s, char *line, int tally)
{
	size_t len = tally ? fx_record_tally(s, line, FX_SLOT_LINE) : fx_record_failure(s, line, FX_SLOT_LINE);

	if (len == 0 || fx_log_write(line, len) < 0) {
		atomic_fetch_add(&lost, s->lost + 1);
		return;
	}
	fx_log_notice(fx_call_name((enum fx_call)s->call), fx_errno_name(s->err), s->err);
}

void fx_failed(enum fx_call call, int err, const struct fx_call_args *args)
{
	int saved = errno;
	int pid;
	uint64_t suppressed = 0;
	struct slot *sl;
	struct fx_snapshot *s;

	if ((unsigned)call >= FX_CALL_COUNT || !fx_errno_recorded(err))
		goto out;
	pid = (int)getpid();
	claim(&lost_owner, pid, reset_lost, NULL);
	if (!admit(&rates[call][bucket_of(err)], pid, err, &suppressed))
		goto out;
	sl = acquire(pid);
	if (!sl) {
		atomic_fetch_add(&lost, 1 + suppressed);
		goto out;
	}
	s = (struct fx_snapshot *)sl->mem;
	memset(s, 0, sizeof(*s));
	/* First, while the failing caller is still the nearest frame. */
	fx_backtrace_capture(s);
	s->call = (int)call;
	s->err = err;
	s->suppressed = suppressed;
	s->lost = atomic_exchange(&lost, 0);
	s->injected = fx_cfg.inject[call] != 0;
	if (args) {
		s->clone_flags = args->clone_flags;
		s->stack_size = args->stack_size;
	}
	fx_snapshot_collect(s);
	fx_modules_resolve(s);
	/* glibc's default thread stack is RLIMIT_STACK when that is finite. */
	if (call == FX_CALL_PTHREAD_CREATE && !s->stack_size.have && s->stack.soft.have && !s->stack.soft.is_max)
		s->stack_size = s->stack.soft;
	write_record(s, sl->mem + FX_SLOT_SNAPSHOT, 0);
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
			s = (struct fx_snapshot *)sl->mem;
			memset(s, 0, sizeof(*s));
			s->call = c;
			s->err = atomic_load(&r->err);
			s->suppressed = n;
			s->lost = atomic_exchange(&lost, 0);
			fx_snapshot_identity(s);
			write_record(s, sl->mem + FX_SLOT_SNAPSHOT, 1);
			release(sl);
		}
	}
}
