/* The clone flags of a failed kernel_clone(): the entry probe sees the
 * flags of every call, the return probe only the failures, and the two
 * are paired by tid (docs/watch.md, "The clone flags"). A task is in one
 * clone at a time, so a failure's call is the latest entry of its tid
 * before it returned. Fixed tables: a storm of clones replaces entries,
 * it never grows them; an entry whose call succeeded (its return is
 * filtered out in the kernel, never seen) is replaced by its tid's next
 * call, pushed out by newer ones, or expires. Flags are given only when
 * nothing can have been lost in between; otherwise none, never a wrong
 * call's. */
#ifndef FX_PAIRING_H
#define FX_PAIRING_H

#include <stdint.h>

#include "event.h"

#define FX_PAIR_SLOTS 4096	/* tids remembered; a power of two */
#define FX_PAIR_WINDOW 8	/* the slots one tid may take */
#define FX_PAIR_DEPTH 4		/* calls remembered per tid */
#define FX_PAIR_PENDING 64	/* failures read before their entries */
/* An entry older than this pairs with nothing: no clone sleeps that long
 * in the kernel, and a tid that old may be another task's by now. */
#define FX_PAIR_MAX_AGE_NS (30 * 1000000000LL)

struct fx_pair_call {
	int have_flags;
	uint64_t flags;
	int64_t time_ns;	/* CLOCK_MONOTONIC, of the entry */
};

/* A tid's latest calls: a task that fails and at once tries again (a JVM
 * retries pthread_create) can have entered again before the failure of
 * the one before is read. */
struct fx_pair_slot {
	int tid;		/* 0: free */
	int n;
	struct fx_pair_call call[FX_PAIR_DEPTH];
};

struct fx_pairing {
	struct fx_pair_slot slot[FX_PAIR_SLOTS];
	int npending;
	struct fx_watch_event pending[FX_PAIR_PENDING];
	struct fx_pair_call match[FX_PAIR_PENDING];	/* time 0: none yet */
	int64_t loss_ns;	/* entries may have been dropped before this */
	int64_t evicted_ns;	/* the newest call of a tid pushed out */
	unsigned long paired, unpaired, uncertain;
};

/* A failure, held until fx_pairing_finish; matched at once against the
 * entries of earlier drains. Returns 1 when the pending list is full (read
 * the entries and finish before taking more). */
int fx_pairing_return(struct fx_pairing *p, const struct fx_watch_event *ev);

/* An entry with its flags (have_flags 0: the sample did not hold them). */
void fx_pairing_entry(struct fx_pairing *p, int tid, int have_flags, uint64_t flags, int64_t time_ns);

/* Entries may have been dropped before now (a ring was full, or the kernel
 * said it lost samples): no failure pairs with an entry older than now. */
void fx_pairing_lost(struct fx_pairing *p, int64_t now_ns);

/* Gives every pending failure its flags where they are certain, and calls
 * fn for each; empties the list. */
void fx_pairing_finish(struct fx_pairing *p, int (*fn)(const struct fx_watch_event *, void *), void *arg);

/* Frees the entries older than FX_PAIR_MAX_AGE_NS. */
void fx_pairing_expire(struct fx_pairing *p, int64_t now_ns);

/* Entries held now (for the tests: never more than FX_PAIR_SLOTS). */
int fx_pairing_held(const struct fx_pairing *p);

#endif
