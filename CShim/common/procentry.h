/* What the /proc scan knows of one process: number, parent, state,
 * threads, name and uid, from the cheapest files that tell them
 * (docs/kernel-facts.md §6.24). */
#ifndef FX_PROCENTRY_H
#define FX_PROCENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "fileio.h"

struct fx_proc_entry {
	int pid;
	int ppid;
	unsigned uid;		/* the real uid, as RLIMIT_NPROC counts it */
	int64_t threads;
	int nspid_count;	/* numbers on NSpid:, 0 when not read */
	int64_t level_pid;	/* the one at the level asked for, -1 when absent */
	char state;
	char comm[32];
};

/* Where entries are read from: the /proc directory (or fixture tree)
 * open as dirfd, and the scratch the reads use. */
struct fx_proc_reader {
	int dirfd;
	/* The kernel's /proc, not a fixture tree: only there do the files'
	 * owners say whose a process is. */
	int live;
	struct fx_lines *lines;
	char *buf;		/* for /proc/PID/stat */
	size_t cap;
};

/* Reads process pid, whose directory is name. level >= 0 asks for NSpid
 * and its number at that index, which only status has. Returns 0, or -1
 * when the process is gone. */
int fx_proc_entry_read(const struct fx_proc_reader *r, const char *name, int pid, int level,
		       struct fx_proc_entry *e);

/* Reads the status file at path (relative to r->dirfd) into e. */
int fx_proc_entry_status(const struct fx_proc_reader *r, const char *path, int pid, int level,
			 struct fx_proc_entry *e);

/* Parses a /proc/PID/stat line into e's ppid, state, comm and threads,
 * and *kthread from its flags. Returns 0, or -1 if it is not one. */
int fx_proc_stat_parse(const char *text, struct fx_proc_entry *e, int *kthread);

#endif
