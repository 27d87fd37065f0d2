#include "tallies.h"

#include <string.h>

#define IDLE_FREE_NS (60 * 1000000000LL)

static struct fx_tally *find(struct fx_tallies *t, long key, int call, int err)
{
	int i;

	for (i = 0; i < FX_TALLY_SLOTS; i++) {
		struct fx_tally *e = &t->slot[i];
		if (e->used && e->key == key && e->call == call && e->err == err)
			return e;
	}
	return NULL;
}

/* A free entry, or the one seen longest ago after its count is written. */
static struct fx_tally *take(struct fx_tallies *t, fx_tally_write_fn evict, void *arg)
{
	struct fx_tally *oldest = &t->slot[0];
	int i;

	for (i = 0; i < FX_TALLY_SLOTS; i++) {
		if (!t->slot[i].used)
			return &t->slot[i];
		if (t->slot[i].last_seen_ns < oldest->last_seen_ns)
			oldest = &t->slot[i];
	}
	if (oldest->suppressed > 0)
		evict(oldest, arg);
	return oldest;
}

struct fx_tally *fx_tally_hit(struct fx_tallies *t, long key, int pid, int tid, int call, int err, uint64_t count,
			      int64_t now, fx_tally_write_fn evict, void *arg)
{
	struct fx_tally *e = find(t, key, call, err);

	if (!e) {
		e = take(t, evict, arg);
		memset(e, 0, sizeof(*e));
		e->used = 1;
		e->key = key;
		e->pid = pid;
		e->call = call;
		e->err = err;
		e->tid = tid;
		e->last_seen_ns = now;
		e->last_record_ns = now;
		e->suppressed = count - 1;
		return e;
	}
	e->last_seen_ns = now;
	if (now - e->last_record_ns < t->interval_ns) {
		e->suppressed += count;
		return NULL;
	}
	e->suppressed += count - 1;
	e->pid = pid;
	e->tid = tid;
	e->last_record_ns = now;
	return e;
}

void fx_tally_flush(struct fx_tallies *t, int64_t now, int all, fx_tally_write_fn write, void *arg)
{
	int i;

	for (i = 0; i < FX_TALLY_SLOTS; i++) {
		struct fx_tally *e = &t->slot[i];
		if (!e->used)
			continue;
		if (e->suppressed > 0 && (all || now - e->last_seen_ns >= t->interval_ns)) {
			write(e, arg);
			e->suppressed = 0;
		}
		if (all || now - e->last_seen_ns >= IDLE_FREE_NS)
			e->used = 0;
	}
}
