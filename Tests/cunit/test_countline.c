/* A rate's tally lines: each thread counting at once gets a line of its
 * own, one thread at a time keeps to the first, and a line whose holder
 * thread is gone is taken over. */
#include "countline.h"
#include "cunit.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void *own_tid(void *arg)
{
	*(int *)arg = (int)syscall(SYS_gettid);
	return NULL;
}

/* A thread id that named a thread of this process and no longer does:
 * joined, a thread can still be found for a moment while the kernel
 * releases it. */
static int gone_tid(void)
{
	struct timespec tick = { 0, 1000 * 1000 };
	pthread_t t;
	int tid = 0, i;

	if (pthread_create(&t, NULL, own_tid, &tid) != 0)
		return 0;
	pthread_join(t, NULL);
	for (i = 0; i < 5000 && syscall(SYS_tgkill, (int)getpid(), tid, 0) == 0; i++)
		nanosleep(&tick, NULL);
	return tid;
}

static void *give_later(void *arg)
{
	struct timespec later = { 0, 50 * 1000 * 1000 };

	nanosleep(&later, NULL);
	fx_line_give(arg);
	return NULL;
}

void test_countline(void)
{
	static struct fx_line lines[FX_LINES];
	/* other: a thread id no thread has (pid_max is at most 2^22). */
	int pid = (int)getpid(), me = (int)syscall(SYS_gettid), gone = gone_tid(), other = 1 << 30, k;
	struct fx_line *a, *b;
	pthread_t giver;

	fx_lines_reset(lines);
	a = fx_line_take(lines, pid, me);
	CHECK(a == &lines[0]);
	fx_line_give(a);
	CHECK(fx_line_take(lines, pid, me) == &lines[0]);

	/* Held: the next taker gets a line of its own, and the first again
	 * once it is given back. */
	b = fx_line_take(lines, pid, other);
	CHECK(b == &lines[1]);
	fx_line_give(b);
	fx_line_give(a);
	CHECK(fx_line_take(lines, pid, other) == &lines[0]);
	fx_line_give(&lines[0]);

	/* All held by this live thread: another waits, and takes the first
	 * given back (from another thread, 50 ms later); none if none is
	 * given back in its 2 s; errno kept either way. */
	for (k = 0; k < FX_LINES; k++)
		CHECK(fx_line_take(lines, pid, me) == &lines[k]);
	CHECK(pthread_create(&giver, NULL, give_later, &lines[9]) == 0);
	errno = EDOM;
	CHECK(fx_line_take(lines, pid, other) == &lines[9]);
	CHECK(errno == EDOM);
	pthread_join(giver, NULL);
	CHECK(atomic_load(&lines[9].holder) == other);
	atomic_store(&lines[9].holder, me);
	CHECK(fx_line_take(lines, pid, other) == NULL);
	CHECK(errno == EDOM);

	/* One held by a thread that ended: taken over. */
	CHECK(gone != 0);
	atomic_store(&lines[5].holder, gone);
	CHECK(fx_line_take(lines, pid, other) == &lines[5]);
	CHECK(atomic_load(&lines[5].holder) == other);

	/* A fork's child starts with every line free and unwritten. */
	lines[3].state = FX_LINE_AT;
	lines[3].count = 7;
	fx_lines_reset(lines);
	CHECK(lines[3].state == FX_LINE_NONE && lines[3].count == 0 && fx_line_take(lines, pid, me) == &lines[0]);
}
