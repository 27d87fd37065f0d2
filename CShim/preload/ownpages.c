#include "ownpages.h"
#include "sys.h"

#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif
#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18 /* Linux 4.14 */
#endif

/* pid << 32, as the failure path's owner words (owner_word(pid, 0)). The
 * low bit keeps a process with pid 0 (none) from reading as filled. */
static uint64_t ready_word(int pid)
{
	return (uint64_t)(uint32_t)pid << 32 | 1;
}

int fx_own_ready(const _Atomic uint64_t *ready, int pid)
{
	return atomic_load(ready) == ready_word(pid);
}

int fx_own_fill(void *mem, size_t len, _Atomic uint64_t *ready, int pid)
{
	if (fx_own_ready(ready, pid))
		return 0;
	if (fx_madvise(mem, len, MADV_POPULATE_WRITE) < 0 && errno != EINVAL)
		return -1;
	/* Only with the pages filled: wiped, a fork's child has none of them
	 * (and reads zeroes, no page taken), so it cannot read its parent's
	 * word as its own, even where its pid is its parent's (pid 1 of a
	 * new PID namespace forked by pid 1 of another). EINVAL: a kernel
	 * before 4.14, or memory that is not private and anonymous; the
	 * word's pid then tells, as it does everywhere else. */
	fx_madvise(mem, len, MADV_WIPEONFORK);
	atomic_store(ready, ready_word(pid));
	return 0;
}

int fx_fill_cached(struct fx_fill_cache *c, uint64_t owner, int64_t now, struct fx_fill_refusal *why)
{
	unsigned seq;
	int yes;

	if (atomic_load(&c->owner) != owner || now >= atomic_load(&c->until))
		return -1;
	yes = atomic_load(&c->verdict);
	if (yes || !why)
		return yes;
	seq = atomic_load(&c->why_seq);
	atomic_thread_fence(memory_order_acquire);
	memcpy(why, &c->why, sizeof(*why));
	atomic_thread_fence(memory_order_acquire);
	if ((seq & 1) || atomic_load(&c->why_seq) != seq || atomic_load(&c->owner) != owner)
		why->reason = FX_REFUSED_NONE;
	return 0;
}

/* The owner word last, so that a reader that sees it sees the answer
 * under it; another owner's writes racing these leave at worst a no read
 * as another's for its 100 ms, which costs a record its snapshot, never
 * a page. */
void fx_fill_keep(struct fx_fill_cache *c, uint64_t owner, int64_t until, int yes, const struct fx_fill_refusal *why)
{
	int idle = 0;

	atomic_store(&c->owner, 0);
	atomic_store(&c->verdict, yes);
	atomic_store(&c->until, until);
	if (!yes && why && atomic_compare_exchange_strong(&c->why_busy, &idle, 1)) {
		atomic_fetch_add(&c->why_seq, 1);
		atomic_thread_fence(memory_order_release);
		memcpy(&c->why, why, sizeof(c->why));
		atomic_thread_fence(memory_order_release);
		atomic_fetch_add(&c->why_seq, 1);
		atomic_store(&c->why_busy, 0);
	}
	atomic_store(&c->owner, owner);
}
