/* The failure path's bounded wait: pauses that grow to 10 ms, never more
 * in all than the total given. */
#include "backoff.h"
#include "cunit.h"

#include <time.h>

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void test_backoff(void)
{
	struct fx_backoff b;
	int64_t start;
	int pauses = 0;

	fx_backoff_start(&b, 1000, 35 * 1000 * 1000);
	start = now_ns();
	while (fx_backoff_pause(&b) == 0)
		pauses++;
	/* 1, 2, 4 ... 8192 us (14 pauses, 16.4 ms), then 10 ms, and what
	 * is left of 35 ms: 16 pauses, slept in full. */
	CHECK(pauses == 16);
	CHECK(b.left_ns == 0);
	CHECK(now_ns() - start >= 35 * 1000 * 1000);
	CHECK(fx_backoff_pause(&b) == -1);

	/* Nothing to sleep: no pause at all. */
	fx_backoff_start(&b, 1000, 0);
	CHECK(fx_backoff_pause(&b) == -1);
}
