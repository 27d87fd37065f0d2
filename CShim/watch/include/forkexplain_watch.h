/* forkexplain watch: every failed clone, clone3, fork and vfork on the
 * host, seen in the kernel and snapshotted from the host's point of view
 * into the log schema (docs/log-format.md, source "watch"). How and why:
 * docs/watch.md. */
#ifndef FORKEXPLAIN_WATCH_H
#define FORKEXPLAIN_WATCH_H

struct fx_watch_options {
	const char *log_path;	/* "-" is standard error */
	int interval_ms;	/* at most one snapshot per pid, call, errno */
	int quiet;		/* no line per failure on standard error */
	long max_log_bytes;	/* the log is rotated to PATH.1 past this */
	int max_per_second;	/* snapshots over all tasks; 0: no bound */
};

/* Runs until SIGTERM or SIGINT, then writes the tallies still owed.
 * Picks the first mechanism this kernel allows, a kretprobe on
 * kernel_clone, the syscall exit tracepoints, or the pids counters, and
 * says which on standard error; the test hook FORKEXPLAIN_WATCH_MECHANISM
 * (kretprobe, tracepoints, counters) forces one. Returns 0, or 1 after a
 * message on standard error when none can run. */
int fx_watch_run(const struct fx_watch_options *opt);

#endif
