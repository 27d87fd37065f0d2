#include "failure.h"
#include "backtrace.h"
#include "clock.h"
#include "config.h"
#include "errname.h"
#include "logio.h"
#include "modules.h"
#include "record.h"
#include "snapshot.h"
#include "sys.h"

#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#ifdef __GLIBC__
#include <ucontext.h>
/* Weak: the glibc build preloaded into a musl program must load there to
 * stand aside, and musl has none of these (docs/libc-facts.md §4). */
#pragma weak getcontext
#pragma weak makecontext
#pragma weak swapcontext
#else
#include "onstack.h"
#endif
#include <unistd.h>

#define FX_SLOT_SNAPSHOT (40 * 1024)
#define FX_SLOT_LINE (32 * 1024)
#define FX_BUCKETS 5
/* A lease word: when it ends (CLOCK_BOOTTIME, ms) above, a token below. */
#define FX_TOKEN_BITS 24
#define FX_TOKEN_MASK ((1ULL << FX_TOKEN_BITS) - 1)
/* How often, and how long, an ending process waits for the tally buffer:
 * a few hundred tallies of other ending processes, not a dead writer. */
#define FX_END_TRIES 2000
#define FX_END_PAUSE_NS (1000 * 1000)
/* How long a thread of a fork's child waits for another to reset an
 * inherited rate (claim()): at most about 100 ms. */
#define FX_CLAIM_TRIES 2000
#define FX_CLAIM_PAUSE_NS (50 * 1000)

/* The failure path's own stack: what it needs (the cgroup and /proc
 * collectors' paths and lines) no longer comes out of the caller's, which
 * may be a signal handler's 8 KiB alternate stack. */
#define FX_PATH_STACK (64 * 1024)

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* A buffer for one record at a time, held under a lease: a writer that
 * dies (or stops) holding it, in whatever PID namespace, holds it only
 * until its lease ends. A pid cannot say that: the owner check by kill()
 * saw nothing across PID namespaces. */
struct area {
	_Atomic uint64_t lease; /* 0 free */
	_Alignas(16) char snapshot[FX_SLOT_SNAPSHOT];
	char line[FX_SLOT_LINE];
};

/* The buffers of a process tree, mapped MAP_SHARED at a process's first
 * task creation and faulted in then. Shared, a fork never makes them
 * copy-on-write, so writing them on the failure path needs no new page: a
 * process at its memory cgroup's limit may not get one (with the OOM killer
 * disabled it would wait forever; else it would cause a kill). A failure
 * that finds `failure` busy is written as a tally in `tally`, or counted
 * into the next record of its kind: never waited for. */
struct slot {
	_Atomic uint64_t tokens;
	struct area failure;
	struct area tally;
};

/* One rate limit per process, call and errno; `owner` tells a child's
 * inherited copy from its own. */
struct rate {
	_Atomic int owner;
	_Atomic int64_t last_ns;
	_Atomic uint64_t suppressed; /* counted, in no line of the log yet */
	_Atomic uint64_t lost; /* of suppressed: snapshots that failed */
	_Atomic int err;
	/* The process's tally line, whose count each suppressed failure
	 * raises in place (publish()). The first waits until the failure
	 * being snapshotted is written (snapping), so that the line follows
	 * the record it adds to. A window begins with each admitted failure:
	 * a line that could not be written is tried again in the next. */
	_Atomic uint64_t window;
	_Atomic int snapping;
	_Atomic int publisher; /* the thread raising the line, or 0 */
	/* Read and written only by the publisher: */
	int line_state; /* LINE_NONE, LINE_AT spot, LINE_FAILED in line_window */
	uint64_t line_window;
	uint64_t in_line; /* the count the line holds */
	struct fx_log_spot spot;
};

enum { LINE_NONE, LINE_AT, LINE_FAILED };

static struct slot *_Atomic slot;
static _Atomic int prepare_tries;
static struct rate rates[FX_CALL_COUNT][FX_BUCKETS];

_Static_assert(sizeof(struct fx_snapshot) <= FX_SLOT_SNAPSHOT, "snapshot outgrew its slot");

/* The failure stack of this process, and the contexts to switch to it
 * and back (here, not on the caller's stack: each is about 1 KiB). */
struct path_stack {
#ifdef __GLIBC__
	ucontext_t caller;
	ucontext_t path;
#endif
	void (*fn)(void *);
	void *arg;
	/* The process's own record buffer, mapped the first time the tree's
	 * are held by others (a writer stopped while it holds one): this
	 * process's records then wait for no one. Not inherited either. */
	struct area *own;
	_Alignas(16) char stack[FX_PATH_STACK];
};

static struct path_stack *path_stack;
static _Atomic int path_stack_pid; /* the process path_stack belongs to */
static _Atomic int path_stack_tid; /* the thread running on it, 0 none */

/* Mapped and faulted in, or NULL: flags MAP_SHARED for the tree's
 * buffers, MAP_PRIVATE for a process's own stack. */
static void *map_populated(size_t size, int flags)
{
	void *mem = fx_mmap(NULL, size, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);

	if (mem == MAP_FAILED)
		return NULL;
	/* MADV_POPULATE_WRITE reports a shortage as ENOMEM where touching the
	 * pages would wait for the OOM killer. Older kernels only have
	 * MAP_POPULATE, best effort. */
	if (fx_madvise(mem, size, MADV_POPULATE_WRITE) == 0)
		return mem;
	fx_munmap(mem, size);
	if (errno != EINVAL)
		return NULL;
	mem = fx_mmap(NULL, size, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	return mem == MAP_FAILED ? NULL : mem;
}

static struct slot *map_slot(void)
{
	return map_populated(sizeof(struct slot), MAP_SHARED);
}

/* A child does not inherit the stack (MADV_DONTFORK: a copy-on-write
 * page would need memory on the failure path); its first failure maps its
 * own. Only the thread holding path_stack_tid calls this. */
static struct path_stack *own_path_stack(int pid)
{
	struct path_stack *ps;

	if (atomic_load(&path_stack_pid) == pid)
		return path_stack;
	ps = map_populated(sizeof(*ps), MAP_PRIVATE | MAP_STACK);
	if (!ps)
		return NULL;
	fx_madvise(ps, sizeof(*ps), MADV_DONTFORK);
	path_stack = ps;
	atomic_store(&path_stack_pid, pid);
	return ps;
}

#ifdef __GLIBC__
static void path_start(void)
{
	path_stack->fn(path_stack->arg);
}

/* Nothing of this frame is used after the switch back: only what
 * swapcontext returns. */
static int run_switched(struct path_stack *ps, void (*fn)(void *), void *arg)
{
	if (getcontext(&ps->path) < 0)
		return -1;
	ps->fn = fn;
	ps->arg = arg;
	ps->path.uc_stack.ss_sp = ps->stack;
	ps->path.uc_stack.ss_size = sizeof(ps->stack);
	ps->path.uc_link = &ps->caller;
	makecontext(&ps->path, path_start, 0);
	return swapcontext(&ps->caller, &ps->path);
}
#else
/* musl has no ucontext functions (docs/libc-facts.md §3). */
static int run_switched(struct path_stack *ps, void (*fn)(void *), void *arg)
{
	return fx_call_on_stack(fn, arg, ps->stack + sizeof(ps->stack));
}
#endif

/* Takes the process's failure stack for this thread: 0 when another live
 * thread of the process is on it (or this thread is, from a signal
 * handler), else 1 and *ps, NULL without memory for the stack (the path
 * then runs on the caller's). The thread id is checked with tgkill,
 * within the process: no PID namespace between. */
static int path_take(struct path_stack **ps)
{
	int pid = (int)fx_getpid(), tid = (int)fx_gettid();
	int seen = atomic_load(&path_stack_tid);

	if (seen != 0 && atomic_load(&path_stack_pid) == pid &&
	    (syscall(SYS_tgkill, pid, seen, 0) == 0 || errno != ESRCH))
		return 0;
	if (!atomic_compare_exchange_strong(&path_stack_tid, &seen, tid))
		return 0;
	*ps = own_path_stack(pid);
	return 1;
}

static void path_run(struct path_stack *ps, void (*fn)(void *), void *arg)
{
	if (!ps || run_switched(ps, fn, arg) < 0)
		fn(arg);
}

static void path_leave(void)
{
	atomic_store(&path_stack_tid, 0);
}

/* Runs fn(arg) on the process's failure stack, or returns -1 without
 * running it (path_take): the caller then counts its failure. */
static int on_path_stack(void (*fn)(void *), void *arg)
{
	struct path_stack *ps;

	if (!path_take(&ps))
		return -1;
	path_run(ps, fn, arg);
	path_leave();
	return 0;
}

/* The process's own record buffer, if this thread holds the failure stack
 * (which guards it) and it can be mapped. */
static struct area *own_area(void)
{
	struct path_stack *ps = path_stack;

	if (atomic_load(&path_stack_tid) != (int)fx_gettid() ||
	    atomic_load(&path_stack_pid) != (int)fx_getpid() || !ps)
		return NULL;
	if (!ps->own) {
		ps->own = map_populated(sizeof(struct area), MAP_PRIVATE);
		if (ps->own)
			fx_madvise(ps->own, sizeof(struct area), MADV_DONTFORK);
	}
	return ps->own;
}

static void nothing(void *arg)
{
	(void)arg;
}

/* Maps the tree's buffers and, through a first empty run on it, this
 * process's failure stack. */
void fx_failure_prepare(void)
{
	struct slot *mine, *none = NULL;
	int saved = errno;

	/* A few tries at most: when memory is short, the success path must
	 * not pay for a mapping on every call. */
	if (atomic_load(&slot) || atomic_fetch_add(&prepare_tries, 1) >= 3)
		return;
	mine = map_slot();
	if (mine && !atomic_compare_exchange_strong(&slot, &none, mine))
		fx_munmap(mine, sizeof(struct slot)); /* another thread won */
	on_path_stack(nothing, NULL);
	/* Called on the success path: a mapping that failed is ours to know. */
	errno = saved;
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

/* The first thread of a new process (a fork's child) to use an inherited
 * rate resets it. Until it is done the owner reads -pid, and the others
 * wait for it (a thread of their own process: it cannot die alone; the
 * wait is bounded for one interrupted by its own signal handler): a count
 * or a tally line they made meanwhile would be wiped by the reset. */
static void claim(_Atomic int *owner, int pid, void (*reset)(void *), void *arg)
{
	struct timespec pause = { 0, FX_CLAIM_PAUSE_NS };
	int seen = atomic_load(owner), tries;

	if (seen == pid)
		return;
	if (seen != -pid && atomic_compare_exchange_strong(owner, &seen, -pid)) {
		reset(arg);
		atomic_store(owner, pid);
		return;
	}
	for (tries = 0; tries < FX_CLAIM_TRIES && atomic_load(owner) == -pid; tries++)
		fx_nanosleep(&pause, NULL);
}

static void reset_rate(void *arg)
{
	struct rate *r = arg;

	atomic_store(&r->last_ns, 0);
	atomic_store(&r->suppressed, 0);
	atomic_store(&r->lost, 0);
	atomic_store(&r->snapping, 0);
	atomic_store(&r->publisher, 0);
	r->line_state = LINE_NONE;
}

/* Failures whose record could not be written go back to the count. With
 * retry the next failure of the kind tries again at once (the buffer was
 * busy); else after the interval (the log refused it: another snapshot now
 * would cost as much and fare no better). */
static void give_back(struct rate *r, uint64_t failures, uint64_t lost, int retry)
{
	atomic_fetch_add(&r->suppressed, failures);
	atomic_fetch_add(&r->lost, lost);
	if (retry)
		atomic_store(&r->last_ns, 0);
}

/* Whether this failure gets a record now; if not it is counted. */
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
	atomic_store(&r->snapping, 1);
	atomic_fetch_add(&r->window, 1);
	*suppressed = atomic_exchange(&r->suppressed, 0);
	return 1;
}

/* CLOCK_BOOTTIME: one clock for every PID namespace, and it runs on while
 * the machine sleeps, so a lease never outlives its bound. */
static uint64_t boot_ms(void)
{
	struct timespec ts;

	fx_clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Takes the area under a new lease, or returns 0. A lease past its end is
 * taken over; so is one ending further ahead than any lease could, set
 * under another time namespace's clock. */
static uint64_t acquire(struct slot *sl, struct area *a)
{
	uint64_t now = boot_ms(), lease_ms = (uint64_t)fx_cfg.lease_ns / 1000000;
	uint64_t token = atomic_fetch_add(&sl->tokens, 1) % FX_TOKEN_MASK + 1;
	uint64_t mine = (now + lease_ms) << FX_TOKEN_BITS | token;
	uint64_t seen = 0, ends;

	if (atomic_compare_exchange_strong(&a->lease, &seen, mine))
		return mine;
	ends = seen >> FX_TOKEN_BITS;
	if ((now > ends || ends > now + FX_LEASE_MAX_MS) && atomic_compare_exchange_strong(&a->lease, &seen, mine))
		return mine;
	return 0;
}

/* A writer that outlived its lease finds another's token: it writes
 * nothing and leaves the area to its new holder. */
static int still_mine(struct area *a, uint64_t mine)
{
	return atomic_load(&a->lease) == mine;
}

static void release(struct area *a, uint64_t mine)
{
	atomic_compare_exchange_strong(&a->lease, &mine, 0);
}

/* mine 0: the process's own area, held by holding the failure stack. */
static int write_line(struct area *a, uint64_t mine, size_t len, size_t mark, struct fx_log_spot *spot)
{
	return len > 0 && (!mine || still_mine(a, mine)) && fx_log_append(a->line, len, mark, spot) == 0 ? 0 : -1;
}

static void stall_for_test(enum fx_call call)
{
	struct timespec ts = { fx_cfg.stall_ms / 1000, fx_cfg.stall_ms % 1000 * 1000000 };

	if (fx_cfg.stall_call == (int)call)
		fx_nanosleep(&ts, NULL);
}

/* Writes a tally of n failures (lost of them without their own snapshot)
 * in the tree's tally area, which a busy snapshot never blocks, or if
 * another writer holds that (or the tree has none), in the process's own.
 * With spot, the count is written padded and spot says where. Returns 0,
 * or -1 with the counts untouched. */
static int write_tally(struct slot *sl, int call, int err, uint64_t n, uint64_t lost, int tries,
		       struct fx_log_spot *spot)
{
	struct area *a = NULL;
	struct fx_snapshot *s;
	uint64_t mine = 0;
	size_t len, at = 0;
	int rc;

	while (!(sl && (mine = acquire(sl, &sl->tally))) && !(a = own_area())) {
		struct timespec pause = { 0, FX_END_PAUSE_NS };

		/* Without the tree's buffers there is nothing to wait for. */
		if (!sl || --tries <= 0)
			return -1;
		fx_nanosleep(&pause, NULL);
	}
	if (mine)
		a = &sl->tally;
	s = (struct fx_snapshot *)a->snapshot;
	memset(s, 0, sizeof(*s));
	s->call = call;
	s->err = err;
	s->suppressed = n;
	s->lost = lost;
	fx_snapshot_identity(s);
	len = fx_record_tally(s, a->line, FX_SLOT_LINE, spot ? &at : NULL);
	rc = write_line(a, mine, len, at, spot);
	if (mine)
		release(a, mine);
	return rc;
}

/* A new tally line for a rate's window, its count padded to be raised in
 * place; on the failure stack. */
struct line_job {
	struct rate *r;
	int call;
	uint64_t n;
	int rc;
};

static void start_line(void *arg)
{
	struct line_job *lj = arg;
	struct rate *r = lj->r;

	lj->rc = write_tally(atomic_load(&slot), lj->call, atomic_load(&r->err), lj->n, 0, 1, &r->spot);
}

/* Under the publisher flag: the rate's unwritten count goes into the
 * process's tally line, raised in place, or into a new line (the first,
 * one after the log was replaced or truncated under the last, or one per
 * window while none can be written). */
static void raise_line(struct rate *r, int call)
{
	uint64_t window = atomic_load(&r->window), n = atomic_exchange(&r->suppressed, 0);
	struct line_job lj = { r, call, n, -1 };

	if (n == 0)
		return;
	if (r->line_state == LINE_AT && fx_log_raise(&r->spot, r->in_line, r->in_line + n) == 0) {
		r->in_line += n;
		return;
	}
	if (r->line_state != LINE_FAILED || r->line_window != window) {
		if (on_path_stack(start_line, &lj) < 0) {
			/* Another thread is on the stack: the next failure tries. */
			atomic_fetch_add(&r->suppressed, n);
			return;
		}
		r->line_window = window;
		r->line_state = lj.rc == 0 ? LINE_AT : LINE_FAILED;
		if (lj.rc == 0) {
			r->in_line = n;
			return;
		}
	}
	/* No line this window (the log refused it): the count waits for the
	 * next record, in memory. */
	atomic_fetch_add(&r->suppressed, n);
}

/* A suppressed failure is in the log file before the call returns: the
 * process's tally line, appended at its first one, has its padded count
 * rewritten in place by each one after (fx_log_raise()). Counts held in
 * memory until exit were lost by a process killed by a signal or exec'd
 * past the shim (execl); a count in the file outlives any end, adds one
 * line per process, call and errno, and its rewrite needs no new disk
 * block. The price is five syscalls per suppressed failure (open, fstat,
 * pread, pwrite, close), paid only on failure. With FORKEXPLAIN_LOG=-
 * (no file) counts wait in memory, as before. Only the thread holding
 * `publisher` writes the line; one that finds it held leaves its count to
 * the holder, which looks again before it lets go. */
static void publish(struct rate *r, int call)
{
	int tid = (int)fx_gettid(), rounds;

	if (fx_cfg.log_to_stderr || !fx_cfg.log_path[0])
		return;
	for (rounds = 0; rounds < 4; rounds++) {
		int none = 0;

		if (atomic_load(&r->snapping) || atomic_load(&r->suppressed) == 0 ||
		    !atomic_compare_exchange_strong(&r->publisher, &none, tid))
			return;
		raise_line(r, call);
		atomic_store(&r->publisher, 0);
	}
}

/* One admitted failure, from the wrapper to the failure stack. */
struct job {
	enum fx_call call;
	int err;
	const struct fx_call_args *args;
	struct rate *r;
	struct slot *sl;
	struct area *a; /* the tree's failure area or the process's own; NULL: write a tally */
	uint64_t mine; /* the lease of the tree's failure area, or 0 */
	uint64_t suppressed;
	uint64_t lost;
};

/* The snapshot, in the failure area the job holds, its backtrace already
 * taken. */
static int write_failure(const struct job *j)
{
	struct area *a = j->a;
	struct fx_snapshot *s = (struct fx_snapshot *)a->snapshot;
	int64_t map_count;

	s->call = (int)j->call;
	s->err = j->err;
	s->suppressed = j->suppressed;
	s->lost = j->lost;
	s->injected = fx_cfg.inject[j->call] != 0;
	if (j->args) {
		s->clone_flags = j->args->clone_flags;
		s->stack_size = j->args->stack_size;
	}
	/* One walk of /proc/self/maps for the frames and the map count. */
	map_count = fx_modules_resolve(s);
	fx_snapshot_collect(s, map_count);
	/* glibc's default thread stack is RLIMIT_STACK when that is finite. */
	if (j->call == FX_CALL_PTHREAD_CREATE && !s->stack_size.have && s->stack.soft.have && !s->stack.soft.is_max)
		s->stack_size = s->stack.soft;
	return write_line(a, j->mine, fx_record_failure(s, a->line, FX_SLOT_LINE), 0, NULL);
}

static void finish(void *arg)
{
	const struct job *j = arg;
	uint64_t n = 1 + j->suppressed, lost = 1 + j->lost;

	if (j->a) {
		if (write_failure(j) == 0)
			fx_log_notice(fx_call_name(j->call), fx_errno_name(j->err), j->err);
		else
			give_back(j->r, n, lost, 0);
		return;
	}
	/* Another failure is being snapshotted: this one and those counted
	 * before it go to the log now, as a tally, rather than wait for one
	 * of their own kind or for the end of the process. */
	if (write_tally(j->sl, (int)j->call, j->err, n, lost, 1, NULL) < 0)
		give_back(j->r, n, lost, 1);
}

void fx_failed(enum fx_call call, int err, const struct fx_call_args *args)
{
	int saved = errno;
	struct job j = { call, err, args, NULL, NULL, NULL, 0, 0, 0 };
	struct path_stack *ps;

	if ((unsigned)call >= FX_CALL_COUNT || !fx_errno_recorded(err))
		goto out;
	j.r = &rates[call][bucket_of(err)];
	if (!admit(j.r, (int)fx_getpid(), err, &j.suppressed)) {
		publish(j.r, (int)call);
		goto out;
	}
	j.lost = atomic_exchange(&j.r->lost, 0);
	/* The first task creation mapped the buffers; if memory was short
	 * then, try again: mapping never waits for memory. */
	fx_failure_prepare();
	j.sl = atomic_load(&slot);
	if (!path_take(&ps)) {
		give_back(j.r, 1 + j.suppressed, 1 + j.lost, 1);
		goto written;
	}
	j.mine = j.sl ? acquire(j.sl, &j.sl->failure) : 0;
	j.a = j.mine ? &j.sl->failure : own_area();
	if (j.a) {
		struct fx_snapshot *s = (struct fx_snapshot *)j.a->snapshot;

		if (j.mine)
			stall_for_test(call);
		memset(s, 0, sizeof(*s));
		/* On the caller's stack, while the failing caller is still the
		 * nearest frame. */
		fx_backtrace_capture(s);
	}
	path_run(ps, finish, &j);
	if (j.mine)
		release(&j.sl->failure, j.mine);
	path_leave();
written:
	atomic_store(&j.r->snapping, 0);
	publish(j.r, (int)call);
out:
	errno = saved;
}

static void flush_all(void *arg);

/* At the end, from a signal handler on a small stack as well: on the
 * failure stack, or if a thread of the process is on it, on this one. */
/* Whether this process (pid, or with 0 any whose counts it inherited)
 * counted failures it has not written. A process that never saw a
 * failure, the common case at _exit and exec, finds none without a
 * syscall. */
static int pending(int pid)
{
	int c, b;

	for (c = 0; c < FX_CALL_COUNT; c++)
		for (b = 0; b < FX_BUCKETS; b++)
			if ((pid == 0 || atomic_load(&rates[c][b].owner) == pid) &&
			    atomic_load(&rates[c][b].suppressed) != 0)
				return 1;
	return 0;
}

void fx_failure_flush(int last)
{
	int saved = errno;

	if (!pending(0) || !pending((int)fx_getpid()))
		return;
	if (on_path_stack(flush_all, &last) < 0)
		flush_all(&last);
	errno = saved;
}

static void flush_all(void *arg)
{
	int last = *(int *)arg;
	int pid = (int)fx_getpid();
	struct slot *sl = atomic_load(&slot);
	int c, b;

	for (c = 0; c < FX_CALL_COUNT; c++) {
		for (b = 0; b < FX_BUCKETS; b++) {
			struct rate *r = &rates[c][b];
			uint64_t n, lost;
			int err;

			if (atomic_load(&r->owner) != pid || atomic_load(&r->suppressed) == 0)
				continue;
			n = atomic_exchange(&r->suppressed, 0);
			lost = atomic_exchange(&r->lost, 0);
			err = atomic_load(&r->err);
			if (write_tally(sl, c, err, n, lost, FX_END_TRIES, NULL) == 0)
				continue;
			if (last) {
				fx_log_unrecorded(fx_call_name((enum fx_call)c), fx_errno_name(err), n);
				continue;
			}
			give_back(r, n, lost, 0);
		}
	}
}
