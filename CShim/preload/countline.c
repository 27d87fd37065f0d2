#include "countline.h"
#include "sys.h"

#include <errno.h>
#include <stdatomic.h>
#include <unistd.h>

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

struct fx_line *fx_line_take(struct fx_line *lines, int pid, int tid)
{
	struct fx_line *l = take_free(lines, tid);
	int saved = errno;

	if (!l)
		l = take_orphan(lines, pid, tid);
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
