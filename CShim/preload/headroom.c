#include "headroom.h"
#include "fileio.h"
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

/* Every level of the cgroup at path (as /proc/self/cgroup gives it) under
 * the mount at base, the leaf first; the mount's root has no limit. */
static int levels_clear(const char *base, const char *path, size_t path_len, int v2, int64_t need,
			struct fx_fill_refusal *why)
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
	if (!is_dir(dir)) {
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
	return 1;
}

/* The v2 mount: the hybrid layout's /sys/fs/cgroup/unified, or else
 * /sys/fs/cgroup itself. */
static int v2_base(char *out, size_t cap)
{
	if (fx_sys_path(out, cap, "/sys/fs/cgroup/unified") == 0 && is_dir(out))
		return 0;
	return fx_sys_path(out, cap, "/sys/fs/cgroup");
}

/* One line of /proc/self/cgroup, "ID:CONTROLLERS:PATH" without its
 * newline: 0 when it names a memory cgroup without room (noted in why),
 * else 1. */
static int line_clear(const char *line, size_t len, int64_t need, struct fx_fill_refusal *why)
{
	char base[FX_PATH];
	const char *end = line + len, *c1 = memchr(line, ':', len), *c2;

	if (!c1 || !(c2 = memchr(c1 + 1, ':', (size_t)(end - c1 - 1))))
		return 1;
	if (c2 == c1 + 1 && len >= 2 && memcmp(line, "0:", 2) == 0) {
		if (v2_base(base, sizeof(base)) < 0) {
			refuse(why, FX_REFUSED_UNREAD, "/sys/fs/cgroup");
			return 0;
		}
		return levels_clear(base, c2 + 1, (size_t)(end - c2 - 1), 1, need, why);
	}
	if (!fx_has_token(c1 + 1, (size_t)(c2 - c1 - 1), "memory"))
		return 1;
	if (fx_sys_path(base, sizeof(base), "/sys/fs/cgroup/memory") < 0) {
		refuse(why, FX_REFUSED_UNREAD, "/sys/fs/cgroup/memory");
		return 0;
	}
	return levels_clear(base, c2 + 1, (size_t)(end - c2 - 1), 0, need, why);
}

/* /proc/self/cgroup a line at a time, as long as it is (a dozen v1
 * hierarchies with a container's path run past 1 KiB): only a line longer
 * than the buffer is not known. */
static int cgroups_clear(int64_t need, struct fx_fill_refusal *why)
{
	char buf[FX_CGROUP_LINE], path[FX_PATH];
	size_t len = 0;
	int fd, rc = 1;

	if (fx_proc_path(path, sizeof(path), "/self/cgroup") < 0 ||
	    (fd = fx_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0)) < 0) {
		refuse(why, FX_REFUSED_UNREAD, path);
		return 0;
	}
	while (rc) {
		ssize_t n = fx_read(fd, buf + len, sizeof(buf) - len);
		size_t at = 0;
		char *nl;

		if (n < 0) {
			refuse(why, FX_REFUSED_UNREAD, path);
			rc = 0;
			break;
		}
		len += (size_t)n;
		while (rc && (nl = memchr(buf + at, '\n', len - at)) != NULL) {
			rc = line_clear(buf + at, (size_t)(nl - (buf + at)), need, why);
			at = (size_t)(nl - buf) + 1;
		}
		memmove(buf, buf + at, len - at);
		len -= at;
		if (!rc)
			break;
		if (n == 0) {
			rc = len == 0 || line_clear(buf, len, need, why);
			break;
		}
		if (len == sizeof(buf)) {
			errno = 0;
			refuse(why, FX_REFUSED_UNREAD, path);
			rc = 0;
		}
	}
	fx_close(fd);
	return rc;
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
