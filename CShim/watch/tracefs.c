#include "tracefs.h"
#include "fileio.h"
#include "num.h"
#include "str.h"

#include <errno.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

static int has_syscall_events(const char *dir)
{
	char path[256];
	struct stat st;

	if (fx_join(path, sizeof(path), dir, "/events/syscalls") < 0)
		return 0;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fx_tracefs_find(char *out, size_t cap, int *mounted, char *why, size_t whycap)
{
	static const char *const dirs[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	size_t i;

	*mounted = 0;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (has_syscall_events(dirs[i])) {
			fx_strlcpy(out, dirs[i], cap);
			return 0;
		}
	}
	/* Not mounted at boot on many hosts: the kernel has the events, only
	 * the directory that names their ids is missing. */
	if (mount("nodev", dirs[0], "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		fx_strlcpy(why, "no tracefs with syscall events can be read here, and mounting one failed: ", whycap);
		fx_join(why, whycap, why, strerror(errno));
		return -1;
	}
	if (!has_syscall_events(dirs[0])) {
		fx_strlcpy(why, "tracefs has no syscalls events (CONFIG_FTRACE_SYSCALLS off)", whycap);
		return -1;
	}
	*mounted = 1;
	fx_strlcpy(out, dirs[0], cap);
	return 0;
}

int fx_tracepoint_exit(const char *tracefs, const char *name, int *ret_offset)
{
	char path[512], buf[4096];
	const char *p;
	int64_t id, off;
	int is_max;

	if (fx_join(path, sizeof(path), tracefs, "/events/syscalls/sys_exit_") < 0 ||
	    fx_join(path, sizeof(path), path, name) < 0)
		return -1;
	{
		char idpath[512];
		if (fx_join(idpath, sizeof(idpath), path, "/id") < 0 || fx_read_i64(idpath, &id, &is_max) < 0)
			return -1;
	}
	/* "field:long ret;	offset:16;	size:8;	signed:1;" */
	if (fx_join(path, sizeof(path), path, "/format") < 0 || fx_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, " ret;");
	if (!p || !(p = strstr(p, "offset:")))
		return -1;
	p += 7;
	if (fx_parse_i64(&p, &off) < 0)
		return -1;
	*ret_offset = (int)off;
	return (int)id;
}
