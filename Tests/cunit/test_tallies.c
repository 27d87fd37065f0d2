/* watch's rate limit (CShim/watch/tallies.c): one snapshot per key and
 * interval, every other failure counted, and no count ever dropped, not
 * when the table is full nor at the end. */
#include "cunit.h"
#include "../../CShim/watch/tallies.h"

#include <string.h>

#define MS 1000000LL

static struct fx_tallies t;
static uint64_t written;
static int writes;
static int last_pid;

static void sink(const struct fx_tally *e, void *arg)
{
	(void)arg;
	written += e->suppressed;
	writes++;
	last_pid = e->pid;
}

void test_tallies(void)
{
	struct fx_tally *e;
	int i;

	memset(&t, 0, sizeof(t));
	t.interval_ns = 100 * MS;
	e = fx_tally_hit(&t, 7, 7, 7, 0, 11, 1, 0, sink, NULL);
	CHECK(e && e->suppressed == 0);
	CHECK(fx_tally_hit(&t, 7, 7, 8, 0, 11, 1, 10 * MS, sink, NULL) == NULL);
	CHECK(fx_tally_hit(&t, 7, 7, 9, 0, 11, 1, 20 * MS, sink, NULL) == NULL);
	/* Another errno is another key. */
	CHECK(fx_tally_hit(&t, 7, 7, 7, 0, 12, 1, 30 * MS, sink, NULL) != NULL);
	e = fx_tally_hit(&t, 7, 7, 7, 0, 11, 1, 150 * MS, sink, NULL);
	CHECK(e && e->suppressed == 2);
	e->suppressed = 0;

	/* A counter that moved by 5: one snapshot carries the other 4. */
	e = fx_tally_hit(&t, -3, 40, 40, -1, 11, 5, 0, sink, NULL);
	CHECK(e && e->suppressed == 4 && e->pid == 40);
	e->suppressed = 0;

	/* Counted after the last record: written once the interval passed. */
	CHECK(fx_tally_hit(&t, 7, 7, 7, 0, 11, 3, 160 * MS, sink, NULL) == NULL);
	fx_tally_flush(&t, 200 * MS, 0, sink, NULL);
	CHECK(writes == 0);
	fx_tally_flush(&t, 300 * MS, 0, sink, NULL);
	CHECK(writes == 1 && written == 3);

	/* A full table: the entry seen longest ago is written out first. */
	memset(&t, 0, sizeof(t));
	t.interval_ns = 100 * MS;
	writes = 0;
	written = 0;
	fx_tally_hit(&t, 1, 1, 1, 0, 11, 1, 0, sink, NULL);
	fx_tally_hit(&t, 1, 1, 1, 0, 11, 1, 1, sink, NULL);
	for (i = 2; i <= FX_TALLY_SLOTS; i++)
		fx_tally_hit(&t, i, i, i, 0, 11, 1, 10 + i, sink, NULL);
	CHECK(writes == 0);
	CHECK(fx_tally_hit(&t, 5000, 5000, 5000, 0, 11, 1, 5000, sink, NULL) != NULL);
	CHECK(writes == 1 && written == 1 && last_pid == 1);

	/* At the end everything still counted is written. */
	fx_tally_hit(&t, 2, 2, 2, 0, 11, 2, 20, sink, NULL);
	fx_tally_flush(&t, 30, 1, sink, NULL);
	CHECK(writes == 2 && written == 3);
	for (i = 0; i < FX_TALLY_SLOTS; i++)
		CHECK(!t.slot[i].used);
}
