#include "backoff.h"
#include "sys.h"

#include <time.h>

#define FX_BACKOFF_MAX_NS (10 * 1000 * 1000)

void fx_backoff_start(struct fx_backoff *b, int64_t first_ns, int64_t total_ns)
{
	b->pause_ns = first_ns;
	b->left_ns = total_ns;
}

int fx_backoff_pause(struct fx_backoff *b)
{
	struct timespec ts;
	int64_t ns = b->pause_ns < b->left_ns ? b->pause_ns : b->left_ns;

	if (ns <= 0)
		return -1;
	ts.tv_sec = (time_t)(ns / 1000000000);
	ts.tv_nsec = (long)(ns % 1000000000);
	fx_nanosleep(&ts, NULL);
	b->left_ns -= ns;
	if (b->pause_ns < FX_BACKOFF_MAX_NS)
		b->pause_ns *= 2;
	return 0;
}
