#include "headroom.h"
#include "cgroup.h"
#include "fileio.h"
#include "mountinfo.h"
#include "num.h"
#include "paths.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#define FX_HEADROOM_TRIES 2
#define FX_HEADROOM_PAUSE_NS (10 * 1000 * 1000)

/* A line of /proc/self/cgroup: a longer one is not read as clear. */
#define FX_CGROUP_LINE 768

static int is_dir(const char *path)
{
	struct stat st;

	return fx_fstatat(AT_FDCWD, path, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

/* Notes the first source found without room (or unreadable): the later
 * ones are not read. A path longer than the note keeps its head. */
static void refuse(struct fx_fill_refusal *why, int reason, const char *path)
{
	size_t n = strlen(path);

	if (why->reason != FX_REFUSED_NONE)
		return;
	if (n >= sizeof(why->dir))
		n = sizeof(why->dir) - 1;
	why->reason = reason;
	why->err = reason == FX_REFUSED_UNREAD ? errno : 0;
	memcpy(why->dir, path, n);
	why->dir[n] = '\0';
}

/* The room under one limit: 1 clear, 0 not (*cur and *max read), -1 no
 * such limit file, -2 a usage that cannot be read. */
static int pair_clear(int fd, const char *max_name, const char *cur_name, int64_t need, int64_t *cur, int64_t *max)
{
	int is_max, cur_max;

	if (fx_read_i64_at(fd, max_name, max, &is_max) < 0)
		return -1;
	if (is_max)
		return 1;
	if (fx_read_i64_at(fd, cur_name, cur, &cur_max) < 0 || cur_max)
		return -2;
	return *max - *cur >= need;
}

/* A level's answer for its counter: 1 clear, else noted in why. */
static int noted(int rc, const char *dir, size_t path_at, int v2, int memsw, int64_t cur, int64_t max,
		 struct fx_fill_refusal *why)
{
	if (rc == 1)
		return 1;
	if (rc != 0) {
		refuse(why, FX_REFUSED_UNREAD, dir);
		return 0;
	}
	refuse(why, FX_REFUSED_MEMCG, dir);
	if (why->reason == FX_REFUSED_MEMCG && why->version == 0) {
		why->version = v2 ? 2 : 1;
		why->memsw = memsw;
		why->current = cur;
		why->max = max;
		why->path_at = path_at < strlen(why->dir) ? path_at : strlen(why->dir);
	}
	return 0;
}

/* The room at one level: 1 clear, 0 not (noted in why), -1 no limit file
 * on v2 (a level without the memory controller: charged to its parent). A
 * v1 level's memory+swap limit, where swap is accounted, runs the OOM
 * killer as its memory limit does (docs/kernel-facts.md §6.29). path_at:
 * where the cgroup's own path starts in dir. */
static int level_clear(const char *dir, size_t path_at, int v2, int64_t need, struct fx_fill_refusal *why)
{
	int fd = fx_openat(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0), rc;
	int64_t cur = 0, max = 0;

	if (fd < 0) {
		refuse(why, FX_REFUSED_UNREAD, dir);
		return 0;
	}
	if (v2) {
		rc = pair_clear(fd, "memory.max", "memory.current", need, &cur, &max);
		rc = rc == -1 ? -1 : noted(rc, dir, path_at, 1, 0, cur, max, why);
	} else {
		rc = pair_clear(fd, "memory.limit_in_bytes", "memory.usage_in_bytes", need, &cur, &max);
		rc = noted(rc, dir, path_at, 0, 0, cur, max, why);
		if (rc == 1) {
			int memsw = pair_clear(fd, "memory.memsw.limit_in_bytes", "memory.memsw.usage_in_bytes", need,
					       &cur, &max);

			/* No memory+swap file: swap is not accounted. */
			rc = memsw == -1 ? 1 : noted(memsw, dir, path_at, 0, 1, cur, max, why);
		}
	}
	fx_close(fd);
	return rc;
}

/* Every level of the cgroup at path (as /proc/self/cgroup gives it, less
 * the mount's root) under the mount at base, the leaf first, up to the
 * mount's root: itself a level only when the mount shows a cgroup below
 * the hierarchy's root (root_is_level), which has no limit. shown: the
 * mount shows the path (fx_cgroup_shows_path()). */
static int levels_clear(const char *base, const char *path, size_t path_len, int v2, int shown, int root_is_level,
			int64_t need, struct fx_fill_refusal *why)
{
	char dir[FX_PATH + 32];
	size_t base_len = strlen(base), len;

	if (base_len + path_len >= sizeof(dir)) {
		refuse(why, FX_REFUSED_UNREAD, base);
		return 0;
	}
	memcpy(dir, base, base_len);
	memcpy(dir + base_len, path, path_len);
	len = base_len + path_len;
	dir[len] = '\0';
	if (!shown || !is_dir(dir)) {
		/* Not in view: a container's own level bind-mounted at the
		 * mount point without a cgroup namespace (docker on v1), whose
		 * /proc/self/cgroup still names the host's path. The level in
		 * view is the mount's root, checked as the leaf; the levels
		 * above it cannot be seen, here or by a snapshot. A hierarchy
		 * not mounted at all (a container that mounts only some
		 * controllers) has no level to check: refusing there would
		 * cost every failure its snapshot, a pids limit's as well, for
		 * a limit no snapshot could show either. */
		if (!is_dir(base))
			return 1;
		return level_clear(base, base_len, v2, need, why) != 0;
	}
	while (len > base_len + 1) {
		int rc = level_clear(dir, base_len, v2, need, why);

		if (rc == 0)
			return 0;
		while (len > base_len && dir[len - 1] != '/')
			len--;
		if (len > base_len + 1)
			len--;
		dir[len] = '\0';
	}
	return !root_is_level || level_clear(base, base_len, v2, need, why) != 0;
}

/* Not fx_lines (fileio.h): the check runs on the failing caller's stack,
 * before the failure stack is taken, and that may be a signal handler's
 * 8 KiB alternate stack (Tests/shim/run.sh); its 4 KiB window would take
 * half of it. The caller's buffer here is under 1 KiB.
 *
 * Reads fd a line at a time into buf (cap bytes), handing each to fn
 * without its newline, NUL-terminated, while fn returns 1. A line longer
 * than buf holds is passed over when skip_long, else ends the read (-2,
 * errno 0). Returns 1 (every line taken), 0 (fn said no), -1 (a read
 * error). */
static int each_line(int fd, char *buf, size_t cap, int skip_long, int (*fn)(char *, size_t, void *), void *arg)
{
	size_t len = 0;
	int skipping = 0;

	for (;;) {
		ssize_t n = fx_read(fd, buf + len, cap - 1 - len);
		size_t at = 0;
		char *nl;

		if (n < 0)
			return -1;
		len += (size_t)n;
		while ((nl = memchr(buf + at, '\n', len - at)) != NULL) {
			*nl = '\0';
			if (!skipping && !fn(buf + at, (size_t)(nl - (buf + at)), arg))
				return 0;
			skipping = 0;
			at = (size_t)(nl - buf) + 1;
		}
		memmove(buf, buf + at, len - at);
		len -= at;
		if (n == 0) {
			buf[len] = '\0';
			return len == 0 || skipping || fn(buf, len, arg) ? 1 : 0;
		}
		if (len == cap - 1) {
			if (!skip_long) {
				errno = 0;
				return -2;
			}
			skipping = 1;
			len = 0;
		}
	}
}

/* A memory hierarchy's mount, as cgroup.c chooses it: the last that shows
 * the cgroup's path, else the first listed. */
struct mount_find {
	int v2;
	const char *path;
	char *point;
	size_t cap;
	size_t root_len; /* of the path, what the mount's root covers */
	int found;
	int shown;
};

static int mount_line(char *line, size_t len, void *arg)
{
	struct mount_find *f = arg;
	struct fx_mount mi;
	int shown;

	(void)len;
	if (fx_mountinfo_split(line, &mi) < 0)
		return 1;
	if (f->v2 ? strcmp(mi.fstype, "cgroup2") != 0
		  : strcmp(mi.fstype, "cgroup") != 0 || !fx_has_token(mi.super_opts, strlen(mi.super_opts), "memory"))
		return 1;
	shown = fx_cgroup_shows_path(mi.root, f->path);
	if ((f->found && !shown) || fx_sys_path(f->point, f->cap, mi.point) < 0)
		return 1;
	/* Not shown: only the mount point is looked at (levels_clear()). */
	f->root_len = !shown || strcmp(mi.root, "/") == 0 ? 0 : strlen(mi.root);
	f->shown = shown;
	f->found = 1;
	return 1;
}

/* A mountinfo line: a longer one (an overlay's list of layers) is passed
 * over; a cgroup mount's is some 100 to 300 bytes. */
#define FX_MOUNT_LINE 768

/* Where the memory hierarchy of path is mounted, found as the snapshot
 * finds it (/proc/self/mountinfo, cgroup.c), into f->point: 1 found, 0
 * not mounted in view, -1 refused (noted in why). Where mountinfo cannot
 * be read (a fixture tree without one), the usual mount points:
 * /sys/fs/cgroup/memory, and for v2 the hybrid layout's
 * /sys/fs/cgroup/unified or else /sys/fs/cgroup. */
static int find_mount(struct mount_find *f, struct fx_fill_refusal *why)
{
	char buf[FX_MOUNT_LINE];
	int fd, rc;

	if (fx_proc_path(f->point, f->cap, "/self/mountinfo") < 0)
		return -1;
	fd = fx_openat(AT_FDCWD, f->point, O_RDONLY | O_CLOEXEC, 0);
	if (fd >= 0) {
		rc = each_line(fd, buf, sizeof(buf), 1, mount_line, f);
		/* Named again: a mount point found may have taken its place. */
		if (rc < 0 && fx_proc_path(f->point, f->cap, "/self/mountinfo") == 0)
			refuse(why, FX_REFUSED_UNREAD, f->point);
		fx_close(fd);
		return rc < 0 ? -1 : f->found;
	}
	/* Short of memory: the caller reads again after a pause. */
	if (errno == ENOMEM) {
		refuse(why, FX_REFUSED_UNREAD, f->point);
		return -1;
	}
	f->shown = 1;
	f->root_len = 0;
	if (f->v2 && fx_sys_path(f->point, f->cap, "/sys/fs/cgroup/unified") == 0 && is_dir(f->point))
		return 1;
	if (fx_sys_path(f->point, f->cap, f->v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory") < 0) {
		refuse(why, FX_REFUSED_UNREAD, f->v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory");
		return -1;
	}
	return 1;
}

/* One line of /proc/self/cgroup, "ID:CONTROLLERS:PATH" without its
 * newline: 0 when it names a memory cgroup without room (noted in why),
 * else 1. *v1_memory: a v1 memory line was seen; the v2 line is then
 * passed over, as the memory controller is bound to one hierarchy at a
 * time (docs/kernel-facts.md §1): a mountinfo read the fewer (some 30 to
 * 60 µs) on a v1 or hybrid host, whose /proc/self/cgroup lists "0::"
 * last (as seen on 6.18; another order only costs that read). */
static int line_clear(char *line, size_t len, int64_t need, int *v1_memory, struct fx_fill_refusal *why)
{
	char base[FX_PATH];
	const char *end = line + len, *c1 = memchr(line, ':', len), *c2;
	struct mount_find f = { 0, NULL, base, sizeof(base), 0, 0, 0 };
	int rc;

	if (!c1 || !(c2 = memchr(c1 + 1, ':', (size_t)(end - c1 - 1))))
		return 1;
	f.v2 = c2 == c1 + 1 && len >= 2 && memcmp(line, "0:", 2) == 0;
	if (f.v2 ? *v1_memory : !fx_has_token(c1 + 1, (size_t)(c2 - c1 - 1), "memory"))
		return 1;
	*v1_memory |= !f.v2;
	f.path = c2 + 1;
	rc = find_mount(&f, why);
	if (rc <= 0)
		return rc == 0;
	return levels_clear(base, f.path + f.root_len, (size_t)(end - f.path) - f.root_len, f.v2, f.shown,
			    f.root_len > 0, need, why);
}

struct cgroup_walk {
	int64_t need;
	int v1_memory;
	struct fx_fill_refusal *why;
};

static int cgroup_line(char *line, size_t len, void *arg)
{
	struct cgroup_walk *w = arg;

	return line_clear(line, len, w->need, &w->v1_memory, w->why);
}

/* /proc/self/cgroup a line at a time, as long as it is (a dozen v1
 * hierarchies with a container's path run past 1 KiB): only a line longer
 * than the buffer is not known. */
static int cgroups_clear(int64_t need, struct fx_fill_refusal *why)
{
	char buf[FX_CGROUP_LINE], path[FX_PATH];
	struct cgroup_walk w = { need, 0, why };
	int fd, rc;

	if (fx_proc_path(path, sizeof(path), "/self/cgroup") < 0 ||
	    (fd = fx_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0)) < 0) {
		refuse(why, FX_REFUSED_UNREAD, path);
		return 0;
	}
	rc = each_line(fd, buf, sizeof(buf), 0, cgroup_line, &w);
	if (rc < 0)
		refuse(why, FX_REFUSED_UNREAD, path);
	fx_close(fd);
	return rc == 1;
}

/* Where meminfo has no MemAvailable (kernels before 3.14 but RHEL's:
 * docs/log-format.md, `memory.*`), MemFree + Buffers + Cached from its
 * first lines: the estimate before it. */
static int free_estimate(const char *buf, int64_t *kb)
{
	static const char *const keys[] = { "MemFree:", "Buffers:", "Cached:" };
	size_t i;
	int64_t v;

	*kb = 0;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *at = strstr(buf, keys[i]);

		if (!at)
			return -1;
		at += strlen(keys[i]);
		if (fx_parse_i64(&at, &v) < 0)
			return -1;
		*kb += v;
	}
	return 0;
}

/* MemAvailable, in the first lines of /proc/meminfo. */
static int host_clear(int64_t need, struct fx_fill_refusal *why)
{
	char buf[256], path[FX_PATH];
	const char *at;
	ssize_t n;
	int64_t kb;

	if (fx_proc_path(path, sizeof(path), "/meminfo") < 0 || (n = fx_read_file(path, buf, sizeof(buf))) < 0) {
		refuse(why, FX_REFUSED_UNREAD, path);
		return 0;
	}
	buf[n] = '\0';
	at = strstr(buf, "MemAvailable:");
	if (at ? (at += 13, fx_parse_i64(&at, &kb) < 0) : free_estimate(buf, &kb) < 0) {
		errno = 0;
		refuse(why, FX_REFUSED_UNREAD, path);
		return 0;
	}
	if (kb >= need / 1024)
		return 1;
	refuse(why, FX_REFUSED_MEM_AVAILABLE, path);
	why->current = kb;
	return 0;
}

static int clear(int64_t need, struct fx_fill_refusal *why)
{
	why->reason = FX_REFUSED_NONE;
	why->version = 0;
	why->need = need;
	errno = 0;
	return cgroups_clear(need, why) && host_clear(need, why);
}

/* The cgroups first: at a level's limit its OOM killer runs whatever the
 * host has free, so that is the one to name when both are short. A file
 * that could not be opened for want of memory (its charge refused, as at
 * a full cgroup just after a fork that failed there: docs/kernel-facts.md
 * §6.30) is read again once, 10 ms later, so that the numbers are had
 * where they can be. Once: at a full v1 cgroup the second read had them
 * in about two of three such cases and a third or fourth never did
 * (docs/performance.md, "The headroom check's retries"), so the program
 * that failed waits 10 ms for them, not 30. */
int fx_headroom_clear(int64_t need, struct fx_fill_refusal *why)
{
	struct timespec pause = { 0, FX_HEADROOM_PAUSE_NS };
	int tries = FX_HEADROOM_TRIES;

	while (!clear(need, why)) {
		if (why->reason != FX_REFUSED_UNREAD || why->err != ENOMEM || --tries <= 0)
			return 0;
		fx_nanosleep(&pause, NULL);
	}
	return 1;
}
