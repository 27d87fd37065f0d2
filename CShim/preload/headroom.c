#include "headroom.h"
#include "fileio.h"
#include "num.h"
#include "paths.h"
#include "sys.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

/* Enough for /proc/self/cgroup on the systems seen (a dozen v1
 * hierarchies and a v2 line); a longer file is not read as clear. */
#define FX_CGROUP_FILE 768

static int is_dir(const char *path)
{
	struct stat st;

	return fx_fstatat(AT_FDCWD, path, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

/* The room under one limit: 1 clear, 0 not, -1 no such limit file. */
static int pair_clear(int fd, const char *max_name, const char *cur_name, int64_t need)
{
	int64_t max, cur;
	int is_max, cur_max;

	if (fx_read_i64_at(fd, max_name, &max, &is_max) < 0)
		return -1;
	return is_max || (fx_read_i64_at(fd, cur_name, &cur, &cur_max) == 0 && !cur_max && max - cur >= need);
}

/* The room at one level: 1 clear, 0 not, -1 no limit file (a v2 level
 * without the memory controller: charged to its parent). A v1 level's
 * memory+swap limit, where swap is accounted, runs the OOM killer as its
 * memory limit does (docs/kernel-facts.md §6.29). */
static int level_clear(const char *dir, int v2, int64_t need)
{
	int fd = fx_openat(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0), rc;

	if (fd < 0)
		return 0;
	if (v2) {
		rc = pair_clear(fd, "memory.max", "memory.current", need);
	} else {
		rc = pair_clear(fd, "memory.limit_in_bytes", "memory.usage_in_bytes", need);
		if (rc == 1 && pair_clear(fd, "memory.memsw.limit_in_bytes", "memory.memsw.usage_in_bytes", need) == 0)
			rc = 0;
	}
	fx_close(fd);
	return rc;
}

/* Every level of the cgroup at path (as /proc/self/cgroup gives it) under
 * the mount at base, the leaf first; the mount's root has no limit. */
static int levels_clear(const char *base, const char *path, size_t path_len, int v2, int64_t need)
{
	char dir[FX_PATH + 32];
	size_t base_len = strlen(base), len;

	if (base_len + path_len >= sizeof(dir))
		return 0;
	memcpy(dir, base, base_len);
	memcpy(dir + base_len, path, path_len);
	len = base_len + path_len;
	dir[len] = '\0';
	if (!is_dir(dir))
		return 0; /* another namespace's view: not known */
	while (len > base_len + 1) {
		int rc = level_clear(dir, v2, need);

		if (rc == 0 || (rc < 0 && !v2))
			return 0;
		while (len > base_len && dir[len - 1] != '/')
			len--;
		if (len > base_len + 1)
			len--;
		dir[len] = '\0';
	}
	return 1;
}

/* Whether a v1 line's controller list ("cpu,memory") names memory. */
static int names_memory(const char *list, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t end = i;

		while (end < len && list[end] != ',')
			end++;
		if (end - i == 6 && memcmp(list + i, "memory", 6) == 0)
			return 1;
		i = end + 1;
	}
	return 0;
}

/* The v2 mount: the hybrid layout's /sys/fs/cgroup/unified, or else
 * /sys/fs/cgroup itself. */
static int v2_base(char *out, size_t cap)
{
	if (fx_sys_path(out, cap, "/sys/fs/cgroup/unified") == 0 && is_dir(out))
		return 0;
	return fx_sys_path(out, cap, "/sys/fs/cgroup");
}

static int cgroups_clear(int64_t need)
{
	char file[FX_CGROUP_FILE], base[FX_PATH];
	char *line, *end;
	ssize_t n;

	if (fx_proc_path(base, sizeof(base), "/self/cgroup") < 0 ||
	    (n = fx_read_file(base, file, sizeof(file))) < 0 || (size_t)n >= sizeof(file) - 1)
		return 0;
	file[n] = '\0';
	for (line = file; *line; line = *end ? end + 1 : end) {
		char *c1 = strchr(line, ':'), *c2;

		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		if (!c1 || c1 > end || !(c2 = memchr(c1 + 1, ':', (size_t)(end - c1 - 1))))
			continue;
		if (c2 == c1 + 1 && strncmp(line, "0:", 2) == 0) {
			if (v2_base(base, sizeof(base)) < 0 || !levels_clear(base, c2 + 1, (size_t)(end - c2 - 1), 1, need))
				return 0;
		} else if (names_memory(c1 + 1, (size_t)(c2 - c1 - 1))) {
			if (fx_sys_path(base, sizeof(base), "/sys/fs/cgroup/memory") < 0 ||
			    !levels_clear(base, c2 + 1, (size_t)(end - c2 - 1), 0, need))
				return 0;
		}
	}
	return 1;
}

/* MemAvailable, in the first lines of /proc/meminfo. */
static int host_clear(int64_t need)
{
	char buf[256], path[FX_PATH];
	const char *at;
	ssize_t n;
	int64_t kb;

	if (fx_proc_path(path, sizeof(path), "/meminfo") < 0 || (n = fx_read_file(path, buf, sizeof(buf))) < 0)
		return 0;
	buf[n] = '\0';
	at = strstr(buf, "MemAvailable:");
	if (!at)
		return 0;
	at += 13;
	return fx_parse_i64(&at, &kb) == 0 && kb >= need / 1024;
}

int fx_headroom_clear(int64_t need)
{
	return host_clear(need) && cgroups_clear(need);
}
