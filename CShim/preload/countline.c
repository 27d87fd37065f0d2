#include "countline.h"
#include "backoff.h"
#include "sys.h"

#include <errno.h>
#include <stdatomic.h>
#include <unistd.h>

/* How long a thread that finds every line held by a live thread waits for
 * one: a holder holds its line across one pwrite(2), so one comes free in
 * microseconds unless the holders are all stopped; 2 s at most, then its
 * count waits in memory (docs/design.md, "Several threads at once"). The
 * holders are asked whether they are gone every FX_ORPHAN_EVERY pauses:
 * FX_LINES tgkill(2)s each time. */
#define FX_TAKE_FIRST_NS (20 * 1000)
#define FX_TAKE_TOTAL_NS (2000LL * 1000 * 1000)
#define FX_ORPHAN_EVERY 8

/* The first free line, so that lines are made only as threads count at
 * once: one thread at a time keeps to one line however long its storm. */
static struct fx_line *take_free(struct fx_line *lines, int tid)
{
	int k;

	for (k = 0; k < FX_LINES; k++) {
		int none = 0;

		if (atomic_compare_exchange_strong(&lines[k].holder, &none, tid))
			return &lines[k];
	}
	return NULL;
}

/* A thread id is checked with tgkill within the process: no PID
 * namespace between, and no syscall unless every line is held. */
static struct fx_line *take_orphan(struct fx_line *lines, int pid, int tid)
{
	int k;

	for (k = 0; k < FX_LINES; k++) {
		int seen = atomic_load(&lines[k].holder);

		if (seen != 0 && seen != tid && fx_thread_gone(pid, seen) &&
		    atomic_compare_exchange_strong(&lines[k].holder, &seen, tid))
			return &lines[k];
	}
	return NULL;
}

/* Waits for a line rather than return with its count in memory: a
 * count kept there is lost if the process is then killed, and a thread
 * that waits has not returned its failure yet. More lines would only move
 * the limit (a thread pool of 200); a line comes free as soon as its
 * holder's one pwrite(2) is done. */
struct fx_line *fx_line_take(struct fx_line *lines, int pid, int tid)
{
	struct fx_line *l = take_free(lines, tid);
	struct fx_backoff b;
	int saved = errno, tries;

	fx_backoff_start(&b, FX_TAKE_FIRST_NS, FX_TAKE_TOTAL_NS);
	for (tries = 0; !l; tries++) {
		if (tries % FX_ORPHAN_EVERY == 0)
			l = take_orphan(lines, pid, tid);
		if (l || fx_backoff_pause(&b) < 0)
			break;
		l = take_free(lines, tid);
	}
	errno = saved;
	return l;
}

void fx_line_give(struct fx_line *line)
{
	atomic_store(&line->holder, 0);
}

void fx_lines_reset(struct fx_line *lines)
{
	int k;

	for (k = 0; k < FX_LINES; k++) {
		lines[k].state = FX_LINE_NONE;
		lines[k].count = 0;
		atomic_store(&lines[k].holder, 0);
	}
}
