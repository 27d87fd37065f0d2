/* watch's pairing of the entry probe's clone flags with the failures of
 * the return probe (CShim/watch/pairing.c): the latest call of the tid
 * before the failure, never an earlier call's flags, a fixed table. */
#include "cunit.h"
#include "../../CShim/watch/pairing.h"

#include <string.h>

#define MS 1000000LL
#define THREAD_FLAGS 0x3d0f00ULL /* glibc's pthread_create */
#define FORK_FLAGS 0x1200000ULL	 /* glibc's fork, the signal apart */
#define VFORK_FLAGS 0x4100ULL	 /* vfork(): CLONE_VM | CLONE_VFORK */

static struct fx_pairing p;
static struct fx_watch_event out[FX_PAIR_PENDING];
static int nout;

static int take(const struct fx_watch_event *ev, void *arg)
{
	(void)arg;
	if (nout < FX_PAIR_PENDING)
		out[nout++] = *ev;
	return 0;
}

static struct fx_watch_event failure(int tid, int64_t t)
{
	struct fx_watch_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.pid = ev.tid = tid;
	ev.err = 11;
	ev.mono_ns = t;
	return ev;
}

static void reset(void)
{
	memset(&p, 0, sizeof(p));
	nout = 0;
}

static void test_same_drain(void)
{
	struct fx_watch_event ev = failure(100, 50 * MS);

	/* The failure is read first; its entry, an earlier call's and the
	 * tid's next call (a retry) come after it, out of order. */
	reset();
	CHECK(fx_pairing_return(&p, &ev) == 0);
	fx_pairing_entry(&p, 100, 1, FORK_FLAGS, 60 * MS);
	fx_pairing_entry(&p, 100, 1, THREAD_FLAGS, 40 * MS);
	fx_pairing_entry(&p, 100, 1, VFORK_FLAGS, 10 * MS);
	fx_pairing_entry(&p, 200, 1, FORK_FLAGS, 45 * MS);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 1 && out[0].have_flags && out[0].clone_flags == THREAD_FLAGS);
	CHECK(p.paired == 1 && p.npending == 0);
}

static void test_earlier_drain_and_retry(void)
{
	struct fx_watch_event r1 = failure(7, 20 * MS), r2 = failure(7, 40 * MS);

	/* The entry came in an earlier drain; by the time the failure is
	 * read the tid has entered again, and failed again (a JVM retrying). */
	reset();
	fx_pairing_entry(&p, 7, 1, THREAD_FLAGS, 10 * MS);
	fx_pairing_entry(&p, 7, 1, FORK_FLAGS, 30 * MS);
	fx_pairing_return(&p, &r1);
	fx_pairing_return(&p, &r2);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 2);
	CHECK(out[0].have_flags && out[0].clone_flags == THREAD_FLAGS);
	CHECK(out[1].have_flags && out[1].clone_flags == FORK_FLAGS);
}

static void test_never_a_wrong_call(void)
{
	struct fx_watch_event ev = failure(9, 100 * MS);

	/* No entry at all, or one that did not hold the flags. */
	reset();
	fx_pairing_return(&p, &ev);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 1 && !out[0].have_flags && p.unpaired == 1);
	reset();
	fx_pairing_entry(&p, 9, 0, 0, 90 * MS);
	fx_pairing_return(&p, &ev);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 1 && !out[0].have_flags);

	/* Entries may have been dropped after the tid's earlier call: its
	 * own may be among them, so the earlier one is not taken for it. */
	reset();
	fx_pairing_entry(&p, 9, 1, FORK_FLAGS, 10 * MS);
	fx_pairing_lost(&p, 50 * MS);
	fx_pairing_return(&p, &ev);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 1 && !out[0].have_flags && p.uncertain == 1);
	/* An entry after the loss is certain. */
	nout = 0;
	fx_pairing_entry(&p, 9, 1, THREAD_FLAGS, 60 * MS);
	fx_pairing_return(&p, &ev);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 1 && out[0].have_flags && out[0].clone_flags == THREAD_FLAGS);

	/* Too old to be this call's. */
	reset();
	fx_pairing_entry(&p, 9, 1, FORK_FLAGS, 1);
	ev.mono_ns = 1 + FX_PAIR_MAX_AGE_NS + 1;
	fx_pairing_return(&p, &ev);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 1 && !out[0].have_flags);
}

static void test_storm_is_bounded(void)
{
	struct fx_watch_event ev;
	int tid, i;

	/* Ten times the table's tids, each with more calls than it keeps:
	 * the table stays within its slots. */
	reset();
	for (tid = 1; tid <= 10 * FX_PAIR_SLOTS; tid++)
		for (i = 0; i < FX_PAIR_DEPTH + 2; i++)
			fx_pairing_entry(&p, tid, 1, FORK_FLAGS, (int64_t)tid * 100 + i + 1);
	CHECK(fx_pairing_held(&p) <= FX_PAIR_SLOTS);
	CHECK(fx_pairing_held(&p) > FX_PAIR_SLOTS / 2);
	/* A tid pushed out pairs with nothing, even when an older call of
	 * it comes in later (another CPU's ring read after). */
	ev = failure(1, 200);
	fx_pairing_entry(&p, 1, 1, THREAD_FLAGS, 50);
	fx_pairing_return(&p, &ev);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 1 && !out[0].have_flags);
	/* The newest tids are still paired. */
	nout = 0;
	tid = 10 * FX_PAIR_SLOTS;
	ev = failure(tid, (int64_t)tid * 100 + 50);
	fx_pairing_return(&p, &ev);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == 1 && out[0].have_flags && out[0].clone_flags == FORK_FLAGS);

	/* Entries that never see a return expire. */
	fx_pairing_expire(&p, (int64_t)tid * 100 + 10 + FX_PAIR_MAX_AGE_NS);
	CHECK(fx_pairing_held(&p) == 0);

	/* The pending list says when it is full, and takes no more. */
	reset();
	for (i = 0; i < FX_PAIR_PENDING - 1; i++) {
		ev = failure(i + 1, 10);
		CHECK(fx_pairing_return(&p, &ev) == 0);
	}
	ev = failure(999, 10);
	CHECK(fx_pairing_return(&p, &ev) == 1);
	CHECK(fx_pairing_return(&p, &ev) == 1 && p.npending == FX_PAIR_PENDING);
	fx_pairing_finish(&p, take, NULL);
	CHECK(nout == FX_PAIR_PENDING && p.npending == 0);
}

void test_pairing(void)
{
	test_same_drain();
	test_earlier_drain_and_retry();
	test_never_a_wrong_call();
	test_storm_is_bounded();
}
