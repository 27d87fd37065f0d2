/* The fallback when tracing is unavailable: the pids controller's own
 * counters of refused forks (docs/kernel-facts.md §1.4, §6.6), read in
 * every cgroup, with cgroup v2 change notifications, v1 polling, and the
 * kernel's "fork rejected by pids controller" line from /dev/kmsg as a
 * prompt to look at once. It sees only the pids controller's refusals,
 * and not which task was refused. */
#ifndef FX_COUNTERS_H
#define FX_COUNTERS_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#define FX_COUNTED_MAX 4096
#define FX_COUNTED_MOUNTS 4

struct fx_counted {
	char path[256];		/* "/a/b" under its mount */
	int mount;
	int wd;			/* inotify watch, v2; -1 */
	int seen;		/* still there at the last scan */
	uint64_t last;
};

struct fx_counters {
	int nmounts;
	struct {
		char point[256];
		int version;
	} mounts[FX_COUNTED_MOUNTS];
	int n;
	struct fx_counted cg[FX_COUNTED_MAX];
	int inotify_fd;
	int kmsg_fd;
	int scanned_once;
	unsigned long dropped;	/* cgroups past FX_COUNTED_MAX */
};

/* One counter that moved: delta refusals counted in that cgroup. */
typedef void (*fx_counted_fn)(int version, const char *mount, const char *path, uint64_t delta, void *arg);

/* Finds the pids hierarchies. Returns 0, or -1 with a reason. */
int fx_counters_open(struct fx_counters *c, char *why, size_t whycap);
void fx_counters_close(struct fx_counters *c);
/* Adds cgroups that appeared (their counts before the watcher started
 * are not its failures; those of cgroups that appear later are), drops
 * those that went. */
void fx_counters_scan(struct fx_counters *c);
/* Reads every counter and reports what moved. */
void fx_counters_check(struct fx_counters *c, fx_counted_fn fn, void *arg);
/* The descriptors to poll (inotify, /dev/kmsg); returns how many. */
int fx_counters_pollfds(const struct fx_counters *c, struct pollfd *fds, int max);
/* Empties them; returns 1 if something says a counter may have moved. */
int fx_counters_drain(struct fx_counters *c);
/* A task in the cgroup or below it, to snapshot; 0 if none is left. */
int fx_counters_member(const char *mount, const char *path);

#endif
