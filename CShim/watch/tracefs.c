#include "tracefs.h"
#include "fileio.h"
#include "num.h"
#include "str.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

static int has_events(const char *dir)
{
	char path[256];
	struct stat st;

	if (fx_join(path, sizeof(path), dir, "/events") < 0)
		return 0;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fx_tracefs_find(char *out, size_t cap, int *mounted, char *why, size_t whycap)
{
	static const char *const dirs[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	size_t i;

	*mounted = 0;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (has_events(dirs[i])) {
			fx_strlcpy(out, dirs[i], cap);
			return 0;
		}
	}
	/* Not mounted at boot on many hosts: the kernel has the events, only
	 * the directory that names their ids is missing. */
	if (mount("nodev", dirs[0], "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		fx_strlcpy(why, "no tracefs can be read here, and mounting one failed: ", whycap);
		fx_join(why, whycap, why, strerror(errno));
		return -1;
	}
	if (!has_events(dirs[0])) {
		fx_strlcpy(why, "the tracefs mounted has no events directory", whycap);
		return -1;
	}
	*mounted = 1;
	fx_strlcpy(out, dirs[0], cap);
	return 0;
}

static int event_path(char *out, size_t cap, const char *tracefs, const char *event, const char *file)
{
	if (fx_join(out, cap, tracefs, "/events/") < 0 || fx_join(out, cap, out, event) < 0)
		return -1;
	return fx_join(out, cap, out, file);
}

int fx_tracefs_field(const char *tracefs, const char *event, const char *field, int *offset, int *size)
{
	char path[512], buf[4096], want[72];
	const char *p;
	int64_t off, sz;

	/* "field:long ret;	offset:16;	size:8;	signed:1;" (a syscall exit),
	 * "field:s32 ret;	offset:24;	size:4;	signed:1;" (a return probe),
	 * "field:u64 flags;	offset:24;	size:8;	signed:0;" (an entry probe) */
	if ((size_t)snprintf(want, sizeof(want), " %s;", field) >= sizeof(want) ||
	    event_path(path, sizeof(path), tracefs, event, "/format") < 0 || fx_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, want);
	if (!p || !(p = strstr(p, "offset:")))
		return -1;
	p += 7;
	if (fx_parse_i64(&p, &off) < 0 || off < 0 || !(p = strstr(p, "size:")))
		return -1;
	p += 5;
	if (fx_parse_i64(&p, &sz) < 0 || sz < 1 || sz > 8)
		return -1;
	*offset = (int)off;
	*size = (int)sz;
	return 0;
}

int fx_tracefs_id(const char *tracefs, const char *event)
{
	char path[512];
	int64_t id;
	int is_max;

	if (event_path(path, sizeof(path), tracefs, event, "/id") < 0 || fx_read_i64(path, &id, &is_max) < 0 ||
	    id < 0 || id > 65535)
		return -1;
	return (int)id;
}

int fx_tracefs_event(const char *tracefs, const char *event, int *ret_offset, int *ret_size)
{
	int id = fx_tracefs_id(tracefs, event);

	if (id < 0 || fx_tracefs_field(tracefs, event, "ret", ret_offset, ret_size) < 0 ||
	    (*ret_size != 4 && *ret_size != 8))
		return -1;
	return id;
}
