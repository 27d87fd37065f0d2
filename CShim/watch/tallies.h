/* The rate limit and the exact count of watch, as in the shim
 * (docs/design.md "Cheap under a storm"): one snapshot per pid, call and
 * errno per interval; every other failure is counted and written later
 * as a tally. A fixed table: when it is full, the entry seen longest ago
 * is written out and reused, so memory stays bounded and no count is
 * dropped. */
#ifndef FX_TALLIES_H
#define FX_TALLIES_H

#include <stdint.h>

#define FX_TALLY_SLOTS 1024

struct fx_tally {
	int used;
	long key;		/* a pid, or a counted cgroup's hash */
	int pid, tid;
	int call;		/* enum fx_syscall */
	int err;
	int64_t last_record_ns;	/* monotonic, of the last snapshot */
	int64_t last_seen_ns;
	uint64_t suppressed;	/* counted since the last record */
	/* What the last record knew of the task, for its tally. */
	int have_uid;
	unsigned uid;
	int ppid;
	char comm[32];
};

struct fx_tallies {
	int64_t interval_ns;
	struct fx_tally slot[FX_TALLY_SLOTS];
};

typedef void (*fx_tally_write_fn)(const struct fx_tally *t, void *arg);

/* Counts `count` failures (a counter may have moved by more than one).
 * Returns the entry when one of them is to be snapshotted (its
 * `suppressed` then says how many others were counted since the last
 * record, to go into this one; the caller zeroes it after), or NULL when
 * they were only counted. */
struct fx_tally *fx_tally_hit(struct fx_tallies *t, long key, int pid, int tid, int call, int err, uint64_t count,
			      int64_t now, fx_tally_write_fn evict, void *arg);

/* Writes the entries whose interval has passed with failures counted, and
 * frees those idle for long; with all set, writes and frees every one. */
void fx_tally_flush(struct fx_tallies *t, int64_t now, int all, fx_tally_write_fn write, void *arg);

#endif
