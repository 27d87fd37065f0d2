/* Where watch writes: one line per write(2) (readers and the shim share
 * the file), and never more than a bound: past it the log moves to
 * PATH.1, replacing the previous one. */
#ifndef FX_LOGSINK_H
#define FX_LOGSINK_H

#include <stddef.h>

struct fx_sink {
	char path[512];
	int to_stderr;
	long max_bytes;
	int fd;
	unsigned long failed;	/* lines that could not be written */
};

/* watch's file in a per-node directory (a --log ending in '/'). */
#define FX_WATCH_LOG_NAME "watch.jsonl"

/* Opens path, with %p %u %h expanded as the shim does (common/logname.h),
 * creating it 0640 and its directory 0750 if missing; a path ending in
 * '/' is a per-node directory, made (or set) 1777, owned by root, and the log is
 * watch.jsonl in it. k->path is the file opened. Returns 0, or -1 with
 * errno set. */
int fx_sink_open(struct fx_sink *k, const char *path, long max_bytes);
int fx_sink_write(struct fx_sink *k, const char *line, size_t len);
void fx_sink_close(struct fx_sink *k);

#endif
