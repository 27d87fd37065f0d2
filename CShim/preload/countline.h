/* A rate's tally lines: the lines of the log into which one process
 * counts the failures of one call and errno, each raised in place by one
 * thread at a time (docs/design.md, "Counts that outlive the process"). */
#ifndef FX_COUNTLINE_H
#define FX_COUNTLINE_H

#include "logio.h"

#include <stdint.h>

/* How many threads of a process can count failures of one call and errno
 * into the log at the same instant, each into a line of its own. */
#define FX_LINES 16

enum { FX_LINE_NONE, FX_LINE_AT, FX_LINE_FAILED };

struct fx_line {
	_Atomic int holder; /* the thread raising it, or 0 */
	/* Read and written only by the holder: */
	int state; /* FX_LINE_NONE, FX_LINE_AT spot, FX_LINE_FAILED at failed_ns */
	int64_t failed_ns; /* when the log last refused it (monotonic) */
	uint64_t count; /* what the line holds in the log */
	struct fx_log_spot spot;
};

/* A line for thread tid of process pid to hold: a free one, or one whose
 * holder thread is gone (a thread cancelled in the shim's write, say).
 * When live threads hold all FX_LINES, waits for one to come free; NULL
 * if none does in about 2 s (holders stopped). */
struct fx_line *fx_line_take(struct fx_line *lines, int pid, int tid);

void fx_line_give(struct fx_line *line);

/* A fork's child starts with no line: its parent's are not its own. */
void fx_lines_reset(struct fx_line *lines);

#endif
