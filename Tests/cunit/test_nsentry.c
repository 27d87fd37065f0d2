/* watch's namespace entries in tracepoints mode (CShim/watch/nsentry.c): a
 * failed clone takes its thread's latest namespace entry before it, no
 * older than FX_NSENTRY_MAX_AGE_NS, once; never another thread's, never
 * one from after it. */
#include "cunit.h"
#include "../../CShim/watch/nsentry.h"

#include <string.h>

#define MS 1000000LL
#define USERNS_FLAGS 0x10020011ULL /* CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD */
#define PIDNS_FLAGS 0x20000011ULL  /* CLONE_NEWPID | SIGCHLD */

static struct fx_nsentries t;

static void note(int tid, uint64_t flags, int64_t when)
{
	struct fx_watch_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.pid = ev.tid = tid;
	ev.entry = 1;
	ev.have_arg = 1;
	ev.arg = flags;
	ev.mono_ns = when;
	fx_nsentry_note(&t, &ev);
}

static void test_latest_before_once(void)
{
	uint64_t flags = 0;

	memset(&t, 0, sizeof(t));
	note(10, PIDNS_FLAGS, 1 * MS);
	note(10, USERNS_FLAGS, 2 * MS);
	note(11, PIDNS_FLAGS, 3 * MS);
	note(10, PIDNS_FLAGS, 9 * MS); /* after the failure: not its call */
	CHECK(fx_nsentry_take(&t, 10, 5 * MS, &flags) == 0 && flags == USERNS_FLAGS);
	/* Taken: the next failure does not reuse it, but finds the older one. */
	CHECK(fx_nsentry_take(&t, 10, 5 * MS, &flags) == 0 && flags == PIDNS_FLAGS);
	CHECK(fx_nsentry_take(&t, 10, 5 * MS, &flags) < 0);
	CHECK(fx_nsentry_take(&t, 12, 5 * MS, &flags) < 0);
}

static void test_too_old_or_no_arg(void)
{
	struct fx_watch_event ev;
	uint64_t flags = 0;

	memset(&t, 0, sizeof(t));
	note(20, USERNS_FLAGS, 1 * MS);
	CHECK(fx_nsentry_take(&t, 20, 1 * MS + FX_NSENTRY_MAX_AGE_NS + 1, &flags) < 0);
	memset(&ev, 0, sizeof(ev));
	ev.tid = 21;
	ev.entry = 1; /* no clone_flags read */
	fx_nsentry_note(&t, &ev);
	CHECK(fx_nsentry_take(&t, 21, 1 * MS, &flags) < 0);
}

static void test_table_is_bounded(void)
{
	uint64_t flags = 0;
	int i;

	memset(&t, 0, sizeof(t));
	note(30, USERNS_FLAGS, 1 * MS);
	for (i = 0; i < FX_NSENTRY_SLOTS; i++)
		note(1000 + i, PIDNS_FLAGS, 2 * MS);
	/* The oldest slot made room: tid 30's entry is gone, the last kept. */
	CHECK(fx_nsentry_take(&t, 30, 3 * MS, &flags) < 0);
	CHECK(fx_nsentry_take(&t, 1000 + FX_NSENTRY_SLOTS - 1, 3 * MS, &flags) == 0 && flags == PIDNS_FLAGS);
}

void test_nsentry(void)
{
	test_latest_before_once();
	test_too_old_or_no_arg();
	test_table_is_bounded();
}
