#include "counters.h"
#include "fileio.h"
#include "num.h"
#include "paths.h"
#include "str.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCAN_DEPTH 32

static int has_token(const char *list, const char *token)
{
	size_t n = strlen(token);
	const char *p = list;

	while ((p = strstr(p, token)) != NULL) {
		if ((p == list || p[-1] == ',' || p[-1] == ' ') && (p[n] == ',' || p[n] == ' ' || p[n] == '\0' || p[n] == '\n'))
			return 1;
		p += n;
	}
	return 0;
}

static int v2_has_pids(const char *point)
{
	char path[300], buf[512];

	if (fx_join(path, sizeof(path), point, "/cgroup.controllers") < 0 || fx_read_file(path, buf, sizeof(buf)) < 0)
		return 0;
	return has_token(buf, "pids");
}

int fx_counters_open(struct fx_counters *c, char *why, size_t whycap)
{
	struct fx_lines lr;
	char path[FX_PATH];
	char *line;

	memset(c, 0, sizeof(*c));
	c->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	c->kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	/* Only what the kernel says from now on. */
	if (c->kmsg_fd >= 0)
		lseek(c->kmsg_fd, 0, SEEK_END);
	/* Through the fixture roots (FORKEXPLAIN_PROC_ROOT, _SYS_ROOT) like
	 * every collector, so that a replayed machine's hierarchy can stand in
	 * (the cgroup v2 case, where this test machine has v1 pids only). */
	if (fx_proc_path(path, sizeof(path), "/self/mountinfo") < 0 || fx_lines_open(&lr, path) < 0) {
		fx_strlcpy(why, "cannot read /proc/self/mountinfo", whycap);
		return -1;
	}
	while ((line = fx_lines_next(&lr)) != NULL && c->nmounts < FX_COUNTED_MOUNTS) {
		char root[256], mnt[256], point[256], fstype[32], src[64], opts[512];
		const char *sep = strstr(line, " - ");
		int version = 0;

		if (!sep || sscanf(line, "%*s %*s %*s %255s %255s", root, mnt) != 2 ||
		    sscanf(sep + 3, "%31s %63s %511s", fstype, src, opts) != 3 ||
		    fx_sys_path(point, sizeof(point), mnt) < 0)
			continue;
		if (strcmp(fstype, "cgroup") == 0 && has_token(opts, "pids"))
			version = 1;
		else if (strcmp(fstype, "cgroup2") == 0 && v2_has_pids(point))
			version = 2;
		if (!version)
			continue;
		fx_strlcpy(c->mounts[c->nmounts].point, point, sizeof(c->mounts[0].point));
		c->mounts[c->nmounts].version = version;
		c->nmounts++;
	}
	fx_lines_close(&lr);
	if (c->nmounts == 0) {
		fx_strlcpy(why, "no cgroup hierarchy with the pids controller is mounted", whycap);
		return -1;
	}
	return 0;
}

void fx_counters_close(struct fx_counters *c)
{
	if (c->inotify_fd >= 0)
		close(c->inotify_fd);
	if (c->kmsg_fd >= 0)
		close(c->kmsg_fd);
}

/* v1 and v2 before 6.11 count in pids.events at the forking cgroup; v2
 * since 6.11 counts hierarchically there and locally, at the level that
 * refused, in pids.events.local (docs/kernel-facts.md §6.6). The local
 * counter, where it exists, counts each refusal once. */
static int counter_file(const struct fx_counters *c, const struct fx_counted *g, char *out, size_t cap)
{
	char dir[600];
	struct stat st;

	snprintf(dir, sizeof(dir), "%s%s", c->mounts[g->mount].point, strcmp(g->path, "/") == 0 ? "" : g->path);
	if (c->mounts[g->mount].version == 2) {
		snprintf(out, cap, "%s/pids.events.local", dir);
		if (stat(out, &st) == 0)
			return 0;
	}
	return snprintf(out, cap, "%s/pids.events", dir) >= (int)cap ? -1 : 0;
}

static int read_counter(const struct fx_counters *c, const struct fx_counted *g, uint64_t *out)
{
	char path[700], buf[128];
	const char *p;
	int64_t v;

	if (counter_file(c, g, path, sizeof(path)) < 0 || fx_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = fx_find_key(buf, "max");
	if (!p || fx_parse_i64(&p, &v) < 0)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

static struct fx_counted *lookup(struct fx_counters *c, int mount, const char *path)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (c->cg[i].mount == mount && strcmp(c->cg[i].path, path) == 0)
			return &c->cg[i];
	return NULL;
}

static void add(struct fx_counters *c, int mount, const char *path)
{
	struct fx_counted *g = lookup(c, mount, path);
	char file[700];

	if (g) {
		g->seen = 1;
		return;
	}
	if (c->n >= FX_COUNTED_MAX) {
		c->dropped++;
		return;
	}
	g = &c->cg[c->n++];
	memset(g, 0, sizeof(*g));
	fx_strlcpy(g->path, path, sizeof(g->path));
	g->mount = mount;
	g->seen = 1;
	g->wd = -1;
	/* A cgroup there before the watcher: its old refusals are not news.
	 * One that appeared since: every refusal in it is. */
	g->last = 0;
	if (!c->scanned_once && read_counter(c, g, &g->last) < 0)
		g->last = 0;
	if (c->mounts[mount].version == 2 && c->inotify_fd >= 0 && counter_file(c, g, file, sizeof(file)) == 0)
		g->wd = inotify_add_watch(c->inotify_fd, file, IN_MODIFY);
}

static void walk(struct fx_counters *c, int mount, const char *path, int depth)
{
	char dir[600];
	DIR *d;
	struct dirent *de;

	snprintf(dir, sizeof(dir), "%s%s", c->mounts[mount].point, strcmp(path, "/") == 0 ? "" : path);
	/* The root has no pids files (docs/kernel-facts.md §1.4). */
	if (strcmp(path, "/") != 0)
		add(c, mount, path);
	if (depth > SCAN_DEPTH || !(d = opendir(dir)))
		return;
	while ((de = readdir(d)) != NULL) {
		char sub[256];
		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s", strcmp(path, "/") == 0 ? "" : path, de->d_name) >= (int)sizeof(sub))
			continue;
		walk(c, mount, sub, depth + 1);
	}
	closedir(d);
}

void fx_counters_scan(struct fx_counters *c)
{
	int i, j;

	for (i = 0; i < c->n; i++)
		c->cg[i].seen = 0;
	for (i = 0; i < c->nmounts; i++)
		walk(c, i, "/", 0);
	c->scanned_once = 1;
	for (i = 0, j = 0; i < c->n; i++) {
		if (!c->cg[i].seen) {
			if (c->cg[i].wd >= 0)
				inotify_rm_watch(c->inotify_fd, c->cg[i].wd);
			continue;
		}
		if (i != j)
			c->cg[j] = c->cg[i];
		j++;
	}
	c->n = j;
}

void fx_counters_check(struct fx_counters *c, fx_counted_fn fn, void *arg)
{
	int i;

	for (i = 0; i < c->n; i++) {
		struct fx_counted *g = &c->cg[i];
		uint64_t now;
		if (read_counter(c, g, &now) < 0 || now <= g->last)
			continue;
		fn(c->mounts[g->mount].version, c->mounts[g->mount].point, g->path, now - g->last, arg);
		g->last = now;
	}
}

int fx_counters_pollfds(const struct fx_counters *c, struct pollfd *fds, int max)
{
	int n = 0;

	if (c->inotify_fd >= 0 && n < max) {
		fds[n].fd = c->inotify_fd;
		fds[n++].events = POLLIN;
	}
	if (c->kmsg_fd >= 0 && n < max) {
		fds[n].fd = c->kmsg_fd;
		fds[n++].events = POLLIN;
	}
	return n;
}

int fx_counters_drain(struct fx_counters *c)
{
	char buf[8192];
	ssize_t n;
	int moved = 0;

	if (c->inotify_fd >= 0)
		while ((n = read(c->inotify_fd, buf, sizeof(buf))) > 0)
			moved = 1;
	/* /dev/kmsg gives one record per read. The line is printed once per
	 * cgroup only, so it is a prompt to rescan, not a count. */
	if (c->kmsg_fd >= 0) {
		while ((n = read(c->kmsg_fd, buf, sizeof(buf) - 1)) != 0) {
			if (n < 0) {
				if (errno == EPIPE) /* overwritten records: go on */
					continue;
				break;
			}
			buf[n] = '\0';
			if (strstr(buf, "fork rejected by pids controller in "))
				moved = 2;
		}
	}
	return moved;
}

int fx_counters_member(const char *mount, const char *path)
{
	char dir[600], file[700], buf[64];
	const char *p;
	int64_t pid;
	DIR *d;
	struct dirent *de;
	int found = 0;

	snprintf(dir, sizeof(dir), "%s%s", mount, strcmp(path, "/") == 0 ? "" : path);
	snprintf(file, sizeof(file), "%s/cgroup.procs", dir);
	p = buf;
	if (fx_read_file(file, buf, sizeof(buf)) > 0 && fx_parse_i64(&p, &pid) == 0 && pid > 0)
		return (int)pid;
	/* v2: a limiting level holds no task of its own, its leaves do. */
	if (!(d = opendir(dir)))
		return 0;
	while (!found && (de = readdir(d)) != NULL) {
		char sub[256];
		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s", strcmp(path, "/") == 0 ? "" : path, de->d_name) >= (int)sizeof(sub))
			continue;
		found = fx_counters_member(mount, sub);
	}
	closedir(d);
	return found;
}
