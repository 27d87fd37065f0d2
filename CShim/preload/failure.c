#include "failure.h"
#include "backoff.h"
#include "backtrace.h"
#include "clock.h"
#include "config.h"
#include "countline.h"
#include "errname.h"
#include "headroom.h"
#include "heldtally.h"
#include "logio.h"
#include "modules.h"
#include "ownpages.h"
#include "record.h"
#include "snapshot.h"
#include "stacktally.h"
#include "sys.h"

#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
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

/* A record's line: 32 KiB less what keeps the tree's buffers, as filled
 * (map_slot()), within 20 pages (docs/performance.md). */
#define FX_SLOT_LINE (32 * 1024 - 256)
#define FX_BUCKETS 5
/* A lease word: when it ends (CLOCK_BOOTTIME, ms) above, a token below. */
#define FX_TOKEN_BITS 24
#define FX_TOKEN_MASK ((1ULL << FX_TOKEN_BITS) - 1)
/* How often, and how long, an ending process waits for the tally buffer:
 * a few hundred tallies of other ending processes, not a dead writer. */
#define FX_END_TRIES 2000
#define FX_END_PAUSE_NS (1000 * 1000)
/* How often, and how long, a thread making a tally line off the failure
 * stack waits for the tally buffer: a few lines of other threads, at
 * most about 20 ms. */
#define FX_LINE_TRIES 200
#define FX_LINE_PAUSE_NS (100 * 1000)
/* How long a thread making a tally line waits for the failure stack while
 * another thread of its process is on it (one record: a few ms): 200 ms
 * at most. On the stack it has the process's own buffer to write from. */
#define FX_STACK_FIRST_NS (50 * 1000)
#define FX_STACK_TOTAL_NS (200LL * 1000 * 1000)
/* How soon a tally line the log refused (a full disk) is tried again: at
 * the next count at least this much later. */
#define FX_LINE_RETRY_NS (1000 * 1000)
/* How often, and how long, a thread of a fork's child waits for another
 * to reset an inherited rate (claim()): about 2 s. */
#define FX_CLAIM_TRIES 40000
#define FX_CLAIM_PAUSE_NS (50 * 1000)

/* The failure path's own stack: what it needs (the cgroup and /proc
 * collectors' paths and lines) no longer comes out of the caller's, which
 * may be a signal handler's 8 KiB alternate stack. Its mapping, contexts
 * included, in bytes: the deepest use measured is some 9 KiB (a full
 * record, on x86_64 with glibc and musl and on aarch64;
 * docs/performance.md, "The first task creation's pages"), and a
 * mapping has no guard page below it, so the stack left after the
 * contexts keeps a margin of more than 4 times that. */
#define FX_PATH_PAGES 12
#define FX_PATH_BYTES (FX_PATH_PAGES * 4096)
#define FX_PATH_DEEPEST 9288

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* A buffer for one record at a time, held under a lease: a writer that
 * dies (or stops) holding it, in whatever PID namespace, holds it only
 * until its lease ends. A pid cannot say that: the owner check by kill()
 * saw nothing across PID namespaces. The line is formatted once the
 * snapshot is collected, over the collectors' scratch, which no record
 * reads (FX_SNAPSHOT_RECORDED): a page fewer to fill for every 4 KiB of
 * it. */
struct area {
	_Atomic uint64_t lease; /* 0 free */
	union {
		struct fx_snapshot snapshot;
		struct {
			char recorded[FX_SNAPSHOT_RECORDED];
			char line[FX_SLOT_LINE];
		};
	};
};

/* The tree's buffer for tallies: a tally line is bounded
 * (fx_record_tally_max()), and its snapshot only ever has its identity
 * written and read (FX_SNAPSHOT_IDENTITY), so the line follows the
 * identity, over the rest of the snapshot, and only the identity and
 * the line a tally of this process's settings can reach are filled:
 * the rest is mapped and never touched. Without FORKEXPLAIN_CMDLINE (the
 * default) a tally's identity ends before its unreadable list (a tally
 * notes nothing) and command line (FX_SNAPSHOT_BARE), and the line starts
 * there, over them: 6 KiB less to fill with the process's own pages, 2
 * pages instead of 4. */
struct tally_area {
	_Atomic uint64_t lease; /* 0 free */
	/* Where the line starts in the snapshot, FX_SNAPSHOT_TALLY(), and
	 * what of it is filled: set once by map_slot(). */
	size_t line_at;
	size_t line_cap;
	union {
		struct fx_snapshot snapshot;
		struct {
			char identity[FX_SNAPSHOT_IDENTITY];
			char line[FX_RECORD_TALLY_MAX];
		};
	};
};

/* The buffers of a process tree, mapped MAP_SHARED and faulted in at a
 * process's first failure that finds memory with room for its own pages
 * (FORKEXPLAIN_FILL=failure, the default: own_pages()) or at its first
 * task creation (start), and inherited by the children it forks after
 * that. Shared, a fork never makes them
 * copy-on-write, so writing them on the failure path needs no new page: a
 * process at its memory cgroup's limit may not get one (with the OOM killer
 * disabled it would wait forever; else it would cause a kill). A failure
 * that finds `failure` busy is snapshotted in the process's own buffer,
 * or written as a tally in `tally`, or counted in its thread's tally line
 * (count_failures()): never waited for. */
struct slot {
	struct area failure;
	/* Here, with the tally area: what FORKEXPLAIN_FILL=failure fills
	 * with the process's own pages, the record area left for a failure
	 * that finds memory with room for it (record_filled, for the whole
	 * tree). */
	_Alignas(4096) _Atomic uint64_t tokens;
	_Atomic int record_filled;
	/* The fill check's no for a process whose own pages are not filled
	 * yet (fx_failed()): kept here, filled, where writing it takes no
	 * page, so that a storm of its failures at a full cgroup reads no
	 * files for each. */
	struct fx_fill_cache no_room;
	/* Failures whose tally the log refused at a failure without room
	 * (tally_unowned()): kept here, filled and shared, for the next
	 * writer of the tree that can open the log (flush_held()). */
	struct fx_held held;
	struct tally_area tally;
};

/* One rate limit per process, call and errno; `owner` tells a child's
 * inherited copy from its own (claim()). */
struct rate {
	_Atomic uint64_t owner; /* owner_word() */
	_Atomic int64_t last_ns;
	_Atomic uint64_t suppressed; /* counted, in no line of the log yet */
	_Atomic uint64_t lost; /* snapshots that failed, for the next record */
	_Atomic int err;
	struct fx_line lines[FX_LINES];
};

struct path_stack;

/* What the failure path writes of the process's own, on pages of their
 * own: filled by this process (fx_own_fill()) behind the fill check
 * before the first write, and wiped in a fork's child. Until then a
 * failure writes only the tree's shared, filled slot (fx_failed()): a
 * page of .bss first touched by a failure, or still shared copy-on-write
 * with a parent, would need a new page, which at a memory cgroup's limit
 * waits for ever (oom_kill_disable) or runs its OOM killer
 * (docs/performance.md, "The failure path's private counters"). */
struct own {
	_Alignas(4096) _Atomic uint64_t ready; /* fx_own_ready(): first */
	/* The thread on the failure stack, as owner_word(pid, tid), 0 none:
	 * with its process, so that a child's threads tell a holder
	 * inherited from the parent from one of their own (path_take()). */
	_Atomic uint64_t path_holder;
	struct path_stack *path_stack;
	_Atomic int path_stack_pid; /* the process path_stack belongs to */
	/* FORKEXPLAIN_FILL=failure: the last answer of fx_headroom_clear()
	 * and until when it holds, so that the buffers a failure fills one
	 * after the other ask once, and a storm of failures at a full cgroup
	 * reads no files for each; and why it said no, for the tallies
	 * written meanwhile. */
	struct fx_fill_cache fill;
	/* The process whose page tables have the tree's tally area
	 * (slot_here()). */
	_Atomic int slot_pid;
	struct rate rates[FX_CALL_COUNT][FX_BUCKETS];
};

/* Page-aligned and whole pages: its own VMA once wiped, and filling it
 * fills nothing else. GCC lays a file's statics out in .bss in the
 * reverse of their order here: what mapping the tree's buffers writes
 * (slot, prepare_tries) sits on the page of fx_cfg that start-up has
 * already touched, not on a page of its own (docs/performance.md). */
static struct own proc;
static struct slot *_Atomic slot;
static _Atomic int prepare_tries;
/* Set at the first failure that has the process's own pages, however
 * they were filled, never cleared (fx_failed()): until then the flush at
 * exit and exec has nothing to look for. Inherited by a fork's child,
 * which then looks (pending()), reading a word of its own pages, wiped,
 * or its parent's. */
static _Atomic int failed_here;

_Static_assert(sizeof(struct own) % 4096 == 0, "the own pages share a page with other statics");

_Static_assert(FX_RECORD_TALLY_MAX <= FX_SLOT_LINE, "a tally line must fit a process's own area");
_Static_assert(sizeof(struct tally_area) == offsetof(struct tally_area, snapshot) + sizeof(struct fx_snapshot),
	       "a tally line must fit over the tally snapshot's tail");
/* Without FORKEXPLAIN_CMDLINE, the default, what map_slot() fills: the
 * tally area, 2 pages from tokens on, page-aligned (with the process's
 * own pages), and the record area before it, 20 in all (at the first
 * failure with room for them). */
#define FX_TALLY_BARE_END                                                                         \
	(offsetof(struct slot, tally.snapshot) + FX_SNAPSHOT_BARE + FX_RECORD_TALLY_MAX - \
	 sizeof(((struct fx_snapshot *)0)->argv) * 6)
_Static_assert(FX_TALLY_BARE_END <= 20 * 4096, "the tree's buffers outgrew their 20 pages");
_Static_assert(FX_TALLY_BARE_END - offsetof(struct slot, tokens) <= 2 * 4096, "the tally area outgrew its 2 pages");

/* A process, or one of its threads, in one word: pid << 32 | tid (tid 0:
 * the process). A rate's owner (claim()) and the failure stack's holder
 * (path_take()) are such words, so that a fork's child tells what it
 * inherited from what its own threads hold. */
static uint64_t owner_word(int pid, int tid)
{
	return (uint64_t)(uint32_t)pid << 32 | (uint32_t)tid;
}

/* The failure stack of this process, and the contexts to switch to it
 * and back (here, not on the caller's stack: each is about 1 KiB). */
struct path_head {
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
};

/* The contexts first, then the stack in what is left of FX_PATH_BYTES:
 * whole pages, every one of them filled ahead. */
#define FX_PATH_HEAD ((sizeof(struct path_head) + 15) & ~(size_t)15)

struct path_stack {
	struct path_head h;
	_Alignas(16) char stack[FX_PATH_BYTES - FX_PATH_HEAD];
};

_Static_assert(sizeof(struct path_stack) == FX_PATH_BYTES, "the failure stack is whole pages");
_Static_assert(sizeof(((struct path_stack *)0)->stack) >= 4 * FX_PATH_DEEPEST, "the failure stack lost its margin");


#define FX_FILL_YES_NS (1000 * 1000)
#define FX_FILL_NO_NS (100 * 1000 * 1000)

/* Whether a buffer may be mapped and filled now: always, unless
 * FORKEXPLAIN_FILL=failure, which fills only when memory has clear room
 * (docs/performance.md): a page taken at a memory cgroup's limit runs its
 * OOM killer (docs/kernel-facts.md §6.28). why, if not NULL, gets the
 * reason of a no (FX_REFUSED_NONE if it cannot be had). Only once the
 * process's own pages are filled (own_pages()): its answer is kept there. */
static int may_fill(struct fx_fill_refusal *why)
{
	struct fx_fill_refusal mine;
	uint64_t me = owner_word((int)fx_getpid(), 0);
	int64_t now;
	int yes;

	if (!fx_cfg.fill_late)
		return 1;
	now = fx_monotonic_ns();
	if ((yes = fx_fill_cached(&proc.fill, me, now, why)) >= 0)
		return yes;
	yes = fx_headroom_clear(FX_HEADROOM_BYTES, &mine);
	fx_fill_keep(&proc.fill, me, now + (yes ? FX_FILL_YES_NS : FX_FILL_NO_NS), yes, &mine);
	if (!yes && why)
		memcpy(why, &mine, sizeof(*why));
	return yes;
}

/* Faults in the pages of mem + at to mem + at + len: 0, or -1 with
 * errno. MADV_POPULATE_WRITE reports a shortage as ENOMEM, once the
 * cgroup's OOM killer (unless disabled) has had its go, as a fault's
 * would (docs/kernel-facts.md §6.28); EINVAL: a kernel before 5.14. */
static int fill(char *mem, size_t at, size_t len)
{
	size_t page = (size_t)getauxval(AT_PAGESZ), start;

	if (page == 0)
		page = 4096;
	start = at / page * page;
	return fx_madvise(mem + start, at + len - start, MADV_POPULATE_WRITE);
}

/* Mapped, and bytes at to at + len faulted in, or NULL: flags MAP_SHARED
 * for the tree's buffers, MAP_PRIVATE for a process's own stack. */
static void *map_populated(size_t size, int flags, size_t at, size_t len)
{
	char *mem = fx_mmap(NULL, size, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);

	if (mem == MAP_FAILED)
		return NULL;
	/* Older kernels only have MAP_POPULATE, best effort, of all of it. */
	if (fill(mem, at, len) == 0)
		return mem;
	fx_munmap(mem, size);
	if (errno != EINVAL)
		return NULL;
	mem = fx_mmap(NULL, size, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	return mem == MAP_FAILED ? NULL : mem;
}

/* The tree's buffers, one range: all but the part of the tally line that
 * no tally of this process's settings can reach. FORKEXPLAIN_FILL=failure:
 * only from tokens on, the tally area; the record area waits for
 * fill_record(). */
static struct slot *map_slot(void)
{
	size_t line_at = FX_SNAPSHOT_TALLY(fx_cfg.cmdline), cap = fx_record_tally_max(fx_cfg.cmdline);
	size_t end = offsetof(struct slot, tally.snapshot) + line_at + cap;
	size_t at = fx_cfg.fill_late ? offsetof(struct slot, tokens) : 0;
	struct slot *sl = map_populated(sizeof(struct slot), MAP_SHARED, at, end - at);

	if (!sl)
		return NULL;
	sl->tally.line_at = line_at;
	sl->tally.line_cap = cap;
	if (!fx_cfg.fill_late)
		atomic_store(&sl->record_filled, 1);
	return sl;
}

/* Whether the tree's record area is filled, filling it now if memory has
 * room (FORKEXPLAIN_FILL=failure): else a failure is written as a tally
 * (finish()). Its pages may share one with the tally area's, filled. */
static int fill_record(struct slot *sl, struct fx_fill_refusal *why)
{
	if (atomic_load(&sl->record_filled))
		return 1;
	/* EINVAL: a kernel before 5.14, where map_populated() took
	 * MAP_POPULATE's best effort at all of it. */
	if (!may_fill(why) || (fill((char *)sl, 0, offsetof(struct slot, tokens)) < 0 && errno != EINVAL))
		return 0;
	atomic_store(&sl->record_filled, 1);
	return 1;
}

/* The end of the tally area map_slot() filled, from the slot's start. */
static size_t tally_end(void)
{
	return offsetof(struct slot, tally.snapshot) + FX_SNAPSHOT_TALLY(fx_cfg.cmdline) +
	       fx_record_tally_max(fx_cfg.cmdline);
}

/* The tree's buffers, if this process may touch their tally area now
 * without taking a page; else NULL. A fork copies none of a shared
 * mapping's page table entries: a child's first touch of the slot it
 * inherited faults, and where that range has no page table yet the fault
 * takes one, charged to its memory cgroup: at the limit with
 * oom_kill_disable it waits for ever (seen in scenario 228, the child in
 * mem_cgroup_oom_synchronize from fx_fill_cached(), once in 11 runs;
 * docs/kernel-facts.md §6.31).
 * MADV_POPULATE_WRITE maps the filled pages, or says ENOMEM
 * (docs/kernel-facts.md §6.28); EINVAL, a kernel before 5.14, has none.
 * A process with its own pages notes it once there. */
static struct slot *slot_here(int pid)
{
	struct slot *sl = atomic_load(&slot);
	int own = fx_own_ready(&proc.ready, pid);

	if (!sl || (own && atomic_load(&proc.slot_pid) == pid))
		return sl;
	if (fill((char *)sl, offsetof(struct slot, tokens), tally_end() - offsetof(struct slot, tokens)) < 0 &&
	    errno != EINVAL)
		return NULL;
	if (own)
		atomic_store(&proc.slot_pid, pid);
	return sl;
}

/* A child does not inherit the stack (MADV_DONTFORK: a copy-on-write
 * page would need memory on the failure path); its first failure maps its
 * own. Only the thread holding path_holder calls this. */
static struct path_stack *own_path_stack(int pid)
{
	struct path_stack *ps;

	if (atomic_load(&proc.path_stack_pid) == pid)
		return proc.path_stack;
	if (!may_fill(NULL))
		return NULL;
	ps = map_populated(sizeof(*ps), MAP_PRIVATE | MAP_STACK, 0, sizeof(*ps));
	if (!ps)
		return NULL;
	fx_madvise(ps, sizeof(*ps), MADV_DONTFORK);
	proc.path_stack = ps;
	atomic_store(&proc.path_stack_pid, pid);
	return ps;
}

#ifdef __GLIBC__
static void path_start(void)
{
	proc.path_stack->h.fn(proc.path_stack->h.arg);
}

/* Nothing of this frame is used after the switch back: only what
 * swapcontext returns. */
static int run_switched(struct path_stack *ps, void (*fn)(void *), void *arg)
{
	if (getcontext(&ps->h.path) < 0)
		return -1;
	ps->h.fn = fn;
	ps->h.arg = arg;
	ps->h.path.uc_stack.ss_sp = ps->stack;
	ps->h.path.uc_stack.ss_size = sizeof(ps->stack);
	ps->h.path.uc_link = &ps->h.caller;
	makecontext(&ps->h.path, path_start, 0);
	return swapcontext(&ps->h.caller, &ps->h.path);
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
	uint64_t seen = atomic_load(&proc.path_holder);

	/* By the holder's own word, not by path_stack_pid: that is set only
	 * once the holder has mapped a stack for a new process, and a second
	 * thread that took it over meanwhile ran on the same stack. */
	if (seen != 0 && seen >> 32 == (uint32_t)pid &&
	    !fx_thread_gone(pid, (int)(uint32_t)seen))
		return 0;
	if (!atomic_compare_exchange_strong(&proc.path_holder, &seen, owner_word(pid, tid)))
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
	atomic_store(&proc.path_holder, 0);
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

/* on_path_stack(), waiting up to FX_STACK_TOTAL_NS for another thread to
 * leave the stack. */
static int on_path_stack_waiting(void (*fn)(void *), void *arg)
{
	struct fx_backoff b;

	fx_backoff_start(&b, FX_STACK_FIRST_NS, FX_STACK_TOTAL_NS);
	while (on_path_stack(fn, arg) < 0)
		if (fx_backoff_pause(&b) < 0)
			return -1;
	return 0;
}

/* The process's own record buffer, if this thread holds the failure stack
 * (which guards it) and it can be mapped. */
static struct area *own_area(void)
{
	struct path_stack *ps = proc.path_stack;

	if (atomic_load(&proc.path_holder) != owner_word((int)fx_getpid(), (int)fx_gettid()) ||
	    atomic_load(&proc.path_stack_pid) != (int)fx_getpid() || !ps)
		return NULL;
	if (!ps->h.own && may_fill(NULL)) {
		ps->h.own = map_populated(sizeof(struct area), MAP_PRIVATE, 0, sizeof(struct area));
		if (ps->h.own)
			fx_madvise(ps->h.own, sizeof(struct area), MADV_DONTFORK);
	}
	return ps->h.own;
}

/* Maps the tree's buffers and, with stack, this process's failure stack. The stack is
 * not run on: a first switch here cost some 5 µs of the first task
 * creation (signal mask calls, libc's context code read in from the page
 * cache), and at the first failure it takes no new page either: the code
 * is the file's, the contexts and the stack are filled. */
static void prepare(int stack)
{
	struct slot *mine, *none = NULL;
	struct path_stack *ps;
	int saved = errno;

	/* A few tries at most: when memory is short, the success path must
	 * not pay for a mapping on every call. */
	if (atomic_load(&slot) || atomic_fetch_add(&prepare_tries, 1) >= 3)
		return;
	mine = map_slot();
	if (mine && !atomic_compare_exchange_strong(&slot, &none, mine))
		fx_munmap(mine, sizeof(struct slot)); /* another thread won */
	if (stack && fx_own_fill(&proc, sizeof(proc), &proc.ready, (int)fx_getpid()) == 0 && path_take(&ps))
		path_leave();
	/* Called on the success path: a mapping that failed is ours to know. */
	errno = saved;
}

/* At the first task creation. FORKEXPLAIN_FILL=failure maps and fills
 * nothing there: any page filled cost the call some 8 us and more, a
 * shared mapping 7 (docs/performance.md, "The first task creation:
 * nothing filled"). The tree's buffers are mapped at the first failure
 * with room for the process's own pages (own_pages()); a failure before
 * any, without room, is a tally composed on the caller's stack
 * (tally_unowned()). */
void fx_failure_prepare(void)
{
	if (!fx_cfg.fill_late)
		prepare(1);
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

static int owned_by(struct rate *r, int pid)
{
	return atomic_load(&r->owner) == owner_word(pid, 0);
}

/* The first thread of a new process (a fork's child) to use an inherited
 * rate resets it; the others wait until it is done: a line they took
 * meanwhile would be freed under them by the reset, and two threads
 * raising one line can lose counts (count_failures()). The resetter is a
 * thread of their own process, named in the word: a thread that finds
 * itself there (its signal handler interrupted its reset) goes on, and
 * one that finds it gone resets in its place. So does one that has
 * waited 2 s: the resetter's reset is a few dozen stores, so it has left
 * them (a handler that interrupted it longjmp'd out) rather than not
 * been run for that long; waiting on would hang every failure of the
 * kind. */
static void claim(_Atomic uint64_t *owner, int pid, void (*reset)(void *), void *arg)
{
	struct timespec pause = { 0, FX_CLAIM_PAUSE_NS };
	uint64_t mine = owner_word(pid, 0), seen = atomic_load(owner);
	int tid, who, tries = 0;

	if (seen == mine)
		return;
	tid = (int)fx_gettid();
	while (seen != mine) {
		who = (int)(uint32_t)seen;
		if (who == tid && seen >> 32 == (uint32_t)pid)
			return;
		if (seen >> 32 != (uint32_t)pid || tries >= FX_CLAIM_TRIES ||
		    fx_thread_gone(pid, who)) {
			if (atomic_compare_exchange_strong(owner, &seen, owner_word(pid, tid))) {
				reset(arg);
				atomic_store(owner, mine);
				return;
			}
			continue;
		}
		fx_nanosleep(&pause, NULL);
		tries++;
		seen = atomic_load(owner);
	}
}

static void reset_rate(void *arg)
{
	struct rate *r = arg;

	atomic_store(&r->last_ns, 0);
	atomic_store(&r->suppressed, 0);
	atomic_store(&r->lost, 0);
	fx_lines_reset(r->lines);
}

/* Whether this failure gets a record now; if not it is to be counted. */
static int admit(struct rate *r, int pid, int err, uint64_t *suppressed)
{
	int64_t now = fx_monotonic_ns();
	int64_t last;

	claim(&r->owner, pid, reset_rate, r);
	atomic_store(&r->err, err);
	last = atomic_load(&r->last_ns);
	if ((last != 0 && now - last < fx_cfg.interval_ns) ||
	    !atomic_compare_exchange_strong(&r->last_ns, &last, now))
		return 0;
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
 * under another time namespace's clock. The fence orders the new lease
 * before this holder's first store into the area, for write_line()'s
 * check on the holder before. */
static uint64_t acquire(struct slot *sl, _Atomic uint64_t *lease)
{
	uint64_t now = boot_ms(), lease_ms = (uint64_t)fx_cfg.lease_ns / 1000000;
	uint64_t token = atomic_fetch_add(&sl->tokens, 1) % FX_TOKEN_MASK + 1;
	uint64_t mine = (now + lease_ms) << FX_TOKEN_BITS | token;
	uint64_t seen = 0, ends;

	if (!atomic_compare_exchange_strong(lease, &seen, mine)) {
		ends = seen >> FX_TOKEN_BITS;
		if (!(now > ends || ends > now + FX_LEASE_MAX_MS) || !atomic_compare_exchange_strong(lease, &seen, mine))
			return 0;
	}
	atomic_thread_fence(memory_order_release);
	return mine;
}

static void release(_Atomic uint64_t *lease, uint64_t mine)
{
	atomic_compare_exchange_strong(lease, &mine, 0);
}

/* at: 0 holding the tree's failure buffer, FX_STALL_WRITE at the write of
 * a record, FX_STALL_TALLY at the write of a tally line (config.h). The
 * stall sleeps in ppoll(2), which the failure path calls nowhere else:
 * its short pauses (waiting for the failure stack, a tally line) are
 * nanosleep(2), so a test sees the stall itself in the thread's wait
 * channel, at once, rather than guessing it from how long a thread
 * slept (Tests/shim/ending.c). */
static void stall_for_test(int call, int at)
{
	struct timespec ts = { fx_cfg.stall_ms / 1000, fx_cfg.stall_ms % 1000 * 1000000 };
	int hit = fx_cfg.stall_at_write == at || (fx_cfg.stall_at_write == FX_STALL_WRITE && at == FX_STALL_TALLY);

	if (fx_cfg.stall_call == call && hit)
		fx_ppoll_sleep(&ts);
}

/* A tree area's line that no own area can take (memory short, a thread
 * off the failure stack) and that is this short, a tally's usual 450
 * bytes, is copied onto the caller's stack instead: 1 KiB more of it, on
 * a path that an 8 KiB alternate stack bears (docs/design.md). */
#define FX_STACK_COPY 1024

/* write_line() for such a line: copy, fence, check, as from an own area. */
static __attribute__((noinline)) int write_stack_copy(_Atomic uint64_t *lease, const char *line, uint64_t mine,
						      size_t len, size_t mark, struct fx_log_spot *spot, int call,
						      int tally)
{
	char copy[FX_STACK_COPY];

	memcpy(copy, line, len);
	atomic_thread_fence(memory_order_acquire);
	if (atomic_load(lease) != mine)
		return -1;
	release(lease, mine);
	stall_for_test(call, tally ? FX_STALL_TALLY : FX_STALL_WRITE);
	return fx_log_append(copy, len, mark, spot) == 0 ? 0 : -1;
}

/* Writes the line formatted in a buffer's line, held by lease. mine 0:
 * the process's own area, held by holding the failure stack (lease
 * unused). A tree area's line is copied into the
 * process's own area first, and written from there only if the lease is
 * still held after the copy: the next holder stores into the area only
 * after it took the lease over, so a copy made before the check is this
 * holder's line whole (a seqlock's reader: copy, fence, check). However
 * long the writer is then stopped before its write(2), it writes its own
 * complete line from memory no one else writes, and cannot mix with the
 * next holder's (docs/design.md, "The shared buffer's lease"). With its
 * copy made, it gives the tree's area back before the write: a writer
 * stopped in its write(2) keeps no other process's record or tally line
 * waiting. Without an own area (no memory for it, or a thread off the
 * failure stack) a short line is copied onto the caller's stack; only a
 * longer one is checked on the tree's area before the write, as it was.
 * tally: the line is a tally (the test hook's FX_STALL_TALLY). */
static int write_line(_Atomic uint64_t *lease, const char *line, uint64_t mine, size_t len, size_t mark,
		      struct fx_log_spot *spot, int call, int tally)
{
	const char *out = line;
	struct area *own;

	if (len == 0)
		return -1;
	if (mine) {
		own = own_area();
		if (!(own && own->line != line) && len <= FX_STACK_COPY)
			return write_stack_copy(lease, line, mine, len, mark, spot, call, tally);
		if (own && own->line != line) {
			memcpy(own->line, line, len);
			out = own->line;
		}
		atomic_thread_fence(memory_order_acquire);
		/* A writer that outlived its lease finds another's token: it
		 * writes nothing and leaves the area to its new holder. */
		if (atomic_load(lease) != mine)
			return -1;
		if (out != line)
			release(lease, mine);
	}
	stall_for_test(call, tally ? FX_STALL_TALLY : FX_STALL_WRITE);
	return fx_log_append(out, len, mark, spot) == 0 ? 0 : -1;
}

/* Writes a tally of n failures (lost of them without their own snapshot)
 * in the tree's tally area, which a busy snapshot never blocks, or if
 * another writer holds that (or the tree has none), in the process's own.
 * With spot, the count is written padded and spot says where. Returns 0,
 * or -1 with the counts untouched: errno EBUSY when no area was free.
 * Only the snapshot's identity is cleared and written: the tree's tally
 * area has no more of it filled (struct tally_area). */
static int write_tally(struct slot *sl, int call, int err, uint64_t n, uint64_t lost, int tries, long pause_ns,
		       struct fx_log_spot *spot, const struct fx_fill_refusal *why, const struct fx_tally_held *held)
{
	struct area *own = NULL;
	struct fx_snapshot *s;
	_Atomic uint64_t *lease = NULL;
	char *line;
	uint64_t mine = 0;
	size_t len, cap, clear, at = 0;
	int rc;

	while (!(sl && (mine = acquire(sl, &sl->tally.lease))) && !(own = own_area())) {
		struct timespec pause = { 0, pause_ns };

		/* Without the tree's buffers there is nothing to wait for. */
		if (!sl || --tries <= 0) {
			errno = EBUSY;
			return -1;
		}
		fx_nanosleep(&pause, NULL);
	}
	if (mine) {
		lease = &sl->tally.lease;
		s = &sl->tally.snapshot;
		clear = sl->tally.line_at;
		line = (char *)s + clear;
		cap = sl->tally.line_cap;
	} else {
		s = &own->snapshot;
		clear = FX_SNAPSHOT_TALLY(fx_cfg.cmdline);
		line = own->line;
		cap = sizeof(own->line);
	}
	/* No further: without the command line the line is over the rest. */
	memset(s, 0, clear);
	s->id.notes_off = 1;
	s->id.call = call;
	s->id.err = err;
	s->id.suppressed = n;
	s->id.lost = lost;
	fx_snapshot_identity(s);
	/* A held line is never raised in place (no spot). */
	len = held ? fx_record_tally_held(&s->id, fx_cfg.cmdline ? s->argv : NULL, held, line, cap)
		   : fx_record_tally_why(&s->id, fx_cfg.cmdline ? s->argv : NULL, why, line, cap, spot ? &at : NULL);
	rc = write_line(lease, line, mine, len, at, spot, call, 1);
	if (mine)
		release(lease, mine);
	return rc;
}

/* A new tally line, its count padded to be raised in place. */
struct line_job {
	struct rate *r;
	struct fx_line *l;
	int call;
	uint64_t n;
	int rc;
	int err;
};

static void start_line(void *arg)
{
	struct line_job *lj = arg;

	lj->rc = write_tally(atomic_load(&slot), lj->call, atomic_load(&lj->r->err), lj->n, 0, FX_LINE_TRIES,
			     FX_LINE_PAUSE_NS, &lj->l->spot, NULL, NULL);
	lj->err = errno;
}

/* Whether this thread is on the process's failure stack: a signal handler
 * that interrupted this thread's own failure path, on a stack that may be
 * small. */
static int on_path_here(void)
{
	return atomic_load(&proc.path_holder) == owner_word((int)fx_getpid(), (int)fx_gettid());
}

/* Puts n failures into the line this thread holds: raised in place, or a
 * new line (the first, one after the log was replaced or truncated under
 * the last, or after the log refused one: a full disk, tried again at the
 * next count FX_LINE_RETRY_NS later, so that what waits lands as soon as
 * there is space). Returns 0, or -1 with n not written. */
static int raise_line(struct rate *r, struct fx_line *l, int call, uint64_t n)
{
	struct line_job lj = { r, l, call, n, -1, 0 };
	int64_t now;

	if (l->state == FX_LINE_AT && fx_log_raise(&l->spot, l->count, l->count + n) == 0) {
		l->count += n;
		return 0;
	}
	now = fx_monotonic_ns();
	if (l->state == FX_LINE_FAILED && now - l->failed_ns < FX_LINE_RETRY_NS)
		return -1;
	/* A line is formatted on the failure stack, waiting for it while
	 * another thread is on it: there the line is written from the
	 * process's own buffer, and the tree's is held only while it is
	 * formatted. Only if that thread stays on it (stopped) is the line
	 * formatted on this thread's stack in the tree's buffer, as the
	 * tallies at the end are; never in a handler that interrupted this
	 * thread's own failure path. */
	if (on_path_here())
		return -1;
	if (on_path_stack_waiting(start_line, &lj) < 0)
		start_line(&lj);
	if (lj.rc == 0) {
		/* A count across a page boundary is left as written: the next
		 * count starts another line (docs/kernel-facts.md §6.26). */
		l->state = fx_log_spot_raisable(&l->spot) ? FX_LINE_AT : FX_LINE_NONE;
		l->count = n;
		return 0;
	}
	/* No buffer free is no verdict on the log: the next count tries. */
	if (lj.err != EBUSY) {
		l->state = FX_LINE_FAILED;
		l->failed_ns = now;
	}
	return -1;
}

/* Counts n failures in the log before the call returns: in a tally line
 * of the process's own for this call and errno, raised in place by one
 * pwrite(2) of the line's new total (fx_log_raise()). A count kept in
 * memory until exit was lost by a process killed by a signal or exec'd
 * past the shim (execl); a count in the file outlives any end.
 *
 * Lock-free and exact with any number of threads: each thread counts into
 * a line it alone holds (fx_line_take()), so the count it writes there is
 * the line's latest, and no stale pwrite of another thread can lower it.
 * A thread returns only once its failures are in the file, and the lines
 * of a process only grow: however the process ends, the log holds every
 * failure returned to the program, and at most those still in flight
 * more. One thread at a time uses one line; lines are added only as
 * threads count at the same instant (docs/design.md). The counts of
 * lines not written (the log refused them, all FX_LINES held) wait in
 * memory for the next count, record or end, as with FORKEXPLAIN_LOG=-
 * (no file). */
static void count_failures(struct rate *r, int call, uint64_t n)
{
	struct fx_line *l;

	if (fx_cfg.log_to_stderr || !fx_cfg.log_path[0] ||
	    !(l = fx_line_take(r->lines, (int)fx_getpid(), (int)fx_gettid()))) {
		atomic_fetch_add(&r->suppressed, n);
		return;
	}
	/* Counts left in memory go with this one. */
	if (atomic_load(&r->suppressed) != 0)
		n += atomic_exchange(&r->suppressed, 0);
	if (raise_line(r, l, call, n) < 0)
		atomic_fetch_add(&r->suppressed, n);
	fx_line_give(l);
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
	int written;
	/* FORKEXPLAIN_FILL=failure: why no buffer was filled, for the tally. */
	struct fx_fill_refusal why;
};

/* The snapshot, in the failure area the job holds, its backtrace already
 * taken. */
static int write_failure(const struct job *j)
{
	struct area *a = j->a;
	struct fx_snapshot *s = &a->snapshot;
	int64_t map_count;

	s->id.call = (int)j->call;
	s->id.err = j->err;
	s->id.suppressed = j->suppressed;
	s->id.lost = j->lost;
	s->id.injected = fx_cfg.inject[j->call] != 0;
	if (j->args) {
		s->id.clone_flags = j->args->clone_flags;
		s->id.stack_size = j->args->stack_size;
		s->id.execs_in_flight = j->args->execs_in_flight;
	}
	/* One walk of /proc/self/maps for the frames and the map count. */
	map_count = fx_modules_resolve(s);
	fx_snapshot_collect(s, map_count);
	/* glibc's default thread stack is RLIMIT_STACK when that is finite. */
	if (j->call == FX_CALL_PTHREAD_CREATE && !s->id.stack_size.have && s->stack.soft.have && !s->stack.soft.is_max)
		s->id.stack_size = s->stack.soft;
	return write_line(&a->lease, a->line, j->mine, fx_record_failure(s, a->line, sizeof(a->line)), 0, NULL,
			  (int)j->call, 0);
}

static void finish(void *arg)
{
	struct job *j = arg;

	if (j->a) {
		j->written = write_failure(j) == 0;
		if (j->written)
			fx_log_notice(fx_call_name(j->call), fx_errno_name(j->err), j->err);
		return;
	}
	/* No buffer for a snapshot (memory short): this failure and those
	 * counted before it go to the log now, as a tally. */
	j->written = write_tally(j->sl, (int)j->call, j->err, 1 + j->suppressed, 1 + j->lost, 1, FX_END_PAUSE_NS,
				 NULL, &j->why, NULL) == 0;
}

/* The room the process's own pages need, with a margin for the path's
 * other pages (its caller's stack): far less than the buffers' 8 MiB, so
 * that a process short of that still counts its failures in its own
 * lines rather than a line each (tally_unowned()). */
#define FX_OWN_ROOM (256 * 1024)

/* Whether a refusal leaves room for the own pages: memory short by the
 * numbers of the 8 MiB check, asked again for FX_OWN_ROOM, or a source
 * unread for want of descriptors or the like, which says nothing of
 * memory (a process whose fd table is full must still count). Only
 * ENOMEM, or a level or MemAvailable within FX_OWN_ROOM, is short. */
static int room_for_own(const struct fx_fill_refusal *why)
{
	struct fx_fill_refusal small;

	if (why->reason == FX_REFUSED_UNREAD)
		return why->err != ENOMEM;
	return fx_headroom_clear(FX_OWN_ROOM, &small) || (small.reason == FX_REFUSED_UNREAD && small.err != ENOMEM);
}

/* Whether the process's own pages are filled, filling them now if memory
 * has room: asked of the fill check with its no kept in the tree's slot,
 * as nothing of the process's own may be written before (struct own).
 * Its 8 MiB answer is kept in them once filled, for the buffers this
 * failure fills next (may_fill()). */
static int own_pages(int pid, struct slot *sl, struct fx_fill_refusal *why)
{
	struct fx_fill_cache *shared = sl ? &sl->no_room : NULL;
	uint64_t me = owner_word(pid, 0);
	int64_t now;
	int yes;

	if (fx_own_ready(&proc.ready, pid))
		return 1;
	if (!fx_cfg.fill_late)
		return fx_own_fill(&proc, sizeof(proc), &proc.ready, pid) == 0;
	now = fx_monotonic_ns();
	if (shared && fx_fill_cached(shared, me, now, why) == 0)
		return 0;
	yes = fx_headroom_clear(FX_HEADROOM_BYTES, why);
	if (!yes && !room_for_own(why)) {
		if (shared)
			fx_fill_keep(shared, me, now + FX_FILL_NO_NS, 0, why);
		return 0;
	}
	if (fx_own_fill(&proc, sizeof(proc), &proc.ready, pid) < 0)
		return 0;
	/* The tree's tally area (2 pages, within the room just asked): the
	 * counts this process's pages now keep are written from it. */
	prepare(0);
	fx_fill_keep(&proc.fill, me, now + (yes ? FX_FILL_YES_NS : FX_FILL_NO_NS), yes, why);
	return 1;
}

/* Writes the failures held in the tree's tally area (tally_unowned()), a
 * tally line for each key with `held` (docs/log-format.md), from the tree's
 * tally area and the caller's stack as tally_unowned() does: nothing of
 * the process's own is written, so a process without its pages may flush
 * too. A count the log still refuses is put back, and the rest waits. tries:
 * how long to wait for the tally area (1: a failure's flush, which does not
 * wait). */
static void flush_held(struct slot *sl, int tries)
{
	struct fx_held_key k;
	struct fx_tally_held h;
	uint32_t key;
	uint64_t n, lost;
	int i;

	for (i = 0; i <= FX_HELD_SLOTS; i++) {
		if ((n = fx_held_take(&sl->held, i, &key)) == 0)
			continue;
		fx_held_unpack(key, &k);
		h.log_err = k.log_err;
		h.fill = k.fill;
		h.overflow = i == FX_HELD_SLOTS;
		if (write_tally(sl, k.call, k.err, n, n, tries, FX_END_PAUSE_NS, NULL, NULL, &h) == 0)
			continue;
		lost = fx_held_put_back(&sl->held, i, key, n);
		if (lost)
			fx_log_unrecorded(fx_call_name((enum fx_call)k.call), fx_errno_name(k.err), lost);
		return;
	}
}

/* A failure of a process whose own pages could not be filled (memory
 * short): written at once, a tally of one with why, from the tree's
 * tally area and the caller's stack (write_tally() finds no own area: no
 * thread of the process holds the failure stack), so that no page is
 * taken and no count waits in memory. A storm of them is a line each,
 * where a process with its pages counts them into one (count_failures()):
 * the price of taking no page at a full cgroup. Without the tree's
 * buffers (no failure with room in this process or its parents before
 * the fork) the line is composed on the caller's stack alone, within the
 * depth of the fill check just made (stacktally.c). */
static void tally_unowned(struct slot *sl, int call, int err, const struct fx_fill_refusal *why)
{
	struct fx_held_key k = { call, err, why->reason, 0 };
	uint64_t lost;

	if (!sl) {
		if (fx_stack_tally(call, err, why) < 0)
			fx_log_unrecorded(fx_call_name((enum fx_call)call), fx_errno_name(err), 1);
		return;
	}
	errno = 0;
	if (write_tally(sl, call, err, 1, 1, FX_END_TRIES, FX_END_PAUSE_NS, NULL, why, NULL) == 0) {
		/* The log opens again: what the tree held goes with it. */
		if (fx_held_waiting(&sl->held) != 0)
			flush_held(sl, 1);
		return;
	}
	/* The log refused it (at a full memory cgroup its open(2) may fail
	 * with ENOMEM: docs/kernel-facts.md §6.30): held in the tree's
	 * filled tally area, by atomics alone, for the next writer that can
	 * open the log, not lost. */
	k.log_err = errno;
	lost = fx_held_add(&sl->held, fx_held_pack(&k), 1);
	if (lost)
		fx_log_unrecorded(fx_call_name((enum fx_call)call), fx_errno_name(err), lost);
	else
		fx_log_held(fx_call_name((enum fx_call)call), fx_errno_name(err), fx_errno_name(k.log_err),
			    fx_held_waiting(&sl->held));
}

void fx_failed(enum fx_call call, int err, const struct fx_call_args *args)
{
	int saved = errno, pid;
	struct job j = { call, err, args, NULL, NULL, NULL, 0, 0, 0, 0, { 0 } };
	struct path_stack *ps;

	if ((unsigned)call >= FX_CALL_COUNT || !fx_errno_recorded(err))
		goto out;
	pid = (int)fx_getpid();
	/* Without its own pages, the tree's slot only where it takes no page. */
	if (!fx_own_ready(&proc.ready, pid))
		j.sl = slot_here(pid);
	if (!own_pages(pid, j.sl, &j.why)) {
		tally_unowned(j.sl, (int)call, err, &j.why);
		goto out;
	}
	/* Counts may wait in its own pages from here on, however they were
	 * filled: at this failure (FORKEXPLAIN_FILL=failure) or at the first
	 * task creation (start, where own_pages() returns at once and the
	 * flush at exit and exec never ran). Written once, after the fill:
	 * a fork's child of a process that failed inherits it set. */
	if (!atomic_load(&failed_here))
		atomic_store(&failed_here, 1);
	/* Room again: what the tree held goes to the log first. */
	if ((j.sl = slot_here(pid)) && fx_held_waiting(&j.sl->held) != 0)
		flush_held(j.sl, 1);
	j.r = &proc.rates[call][bucket_of(err)];
	if (!admit(j.r, pid, err, &j.suppressed)) {
		count_failures(j.r, (int)call, 1);
		goto out;
	}
	j.lost = atomic_exchange(&j.r->lost, 0);
	/* Mapped with the own pages (FORKEXPLAIN_FILL=failure) or at the
	 * first task creation; if that failed, try again behind the check:
	 * mapping never waits for memory. */
	if (!atomic_load(&slot) && may_fill(&j.why))
		prepare(1);
	j.sl = atomic_load(&slot);
	if (path_take(&ps)) {
		/* FORKEXPLAIN_FILL=failure without room for the record area:
		 * written as a tally (finish()). */
		j.mine = j.sl && fill_record(j.sl, &j.why) ? acquire(j.sl, &j.sl->failure.lease) : 0;
		j.a = j.mine ? &j.sl->failure : own_area();
		if (j.a) {
			struct fx_snapshot *s = &j.a->snapshot;

			if (j.mine)
				stall_for_test((int)call, 0);
			memset(s, 0, sizeof(*s));
			/* On the caller's stack, while the failing caller is
			 * still the nearest frame. */
			fx_backtrace_capture(s);
		}
		path_run(ps, finish, &j);
		if (j.mine)
			release(&j.sl->failure.lease, j.mine);
		path_leave();
	}
	if (!j.written) {
		/* Its snapshot was not written (another thread of the process
		 * on the failure stack, the log refused it): counted, and the
		 * next failure of the kind tries for a snapshot at once when
		 * it was only busy. */
		atomic_fetch_add(&j.r->lost, 1 + j.lost);
		if (!j.a)
			atomic_store(&j.r->last_ns, 0);
		count_failures(j.r, (int)call, 1 + j.suppressed);
	}
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

	/* Counts are kept only in pages the process filled: a fork's child
	 * that filled none (wiped, or its parent's) has none of its own. */
	if (pid != 0 && !fx_own_ready(&proc.ready, pid))
		return 0;

	for (c = 0; c < FX_CALL_COUNT; c++)
		for (b = 0; b < FX_BUCKETS; b++)
			if ((pid == 0 || owned_by(&proc.rates[c][b], pid)) &&
			    atomic_load(&proc.rates[c][b].suppressed) != 0)
				return 1;
	return 0;
}

void fx_failure_flush(int last)
{
	int saved = errno;
	struct slot *sl;
	uint64_t n;

	if (!atomic_load(&failed_here))
		return;
	/* What the tree held (tally_unowned()), from this stack: a process
	 * without its own pages, at its limit, may be the one ending. What
	 * the log still refuses stays held for the rest of the tree. */
	if ((sl = slot_here((int)fx_getpid())) && fx_held_waiting(&sl->held) != 0) {
		flush_held(sl, FX_END_TRIES);
		/* Each was said held when it was; the count left now is said
		 * too, so that a tree whose last process ends here (its log
		 * still unopenable) loses nothing without a word. No wait for
		 * the log: at a full cgroup this process frees nothing until
		 * it is gone. */
		if ((n = fx_held_waiting(&sl->held)) != 0)
			fx_log_held_left(n);
	}
	if (pending(0) && pending((int)fx_getpid()) && on_path_stack(flush_all, &last) < 0)
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
			struct rate *r = &proc.rates[c][b];
			uint64_t n, lost;
			int err;

			if (!owned_by(r, pid) || atomic_load(&r->suppressed) == 0)
				continue;
			n = atomic_exchange(&r->suppressed, 0);
			lost = atomic_exchange(&r->lost, 0);
			err = atomic_load(&r->err);
			if (write_tally(sl, c, err, n, lost, FX_END_TRIES, FX_END_PAUSE_NS, NULL, NULL, NULL) == 0)
				continue;
			if (last) {
				fx_log_unrecorded(fx_call_name((enum fx_call)c), fx_errno_name(err), n);
				continue;
			}
			atomic_fetch_add(&r->suppressed, n);
			atomic_fetch_add(&r->lost, lost);
		}
	}
}
