/* The entry point `forkexplain check` calls through its SwiftPM C target.
 * The preloaded library carries it too but never calls it (the version
 * script keeps it hidden); outside the failure path, so malloc is fine. */
#include "include/forkexplain_check.h"
#include "config.h"
#include "fileio.h"
#include "num.h"
#include "pidns.h"
#include "procread.h"
#include "record.h"
#include "snapshot.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define FX_CHECK_SCAN_NS (10 * 1000000000LL)

/* Whether this kernel keeps pid_max per PID namespace (6.14,
 * docs/kernel-facts.md §6.19); before, the sysctl is one value for all. */
static int per_ns_pid_max(void)
{
	struct utsname u;
	const char *p;
	int64_t major, minor;

	if (fx_uname(&u) < 0)
		return 1;
	p = u.release;
	if (fx_parse_i64(&p, &major) < 0 || *p++ != '.' || fx_parse_i64(&p, &minor) < 0)
		return 1;
	return major > 6 || (major == 6 && minor >= 14);
}

/* The snapshot read pid_max as we see it; the target may live in another
 * PID namespace with a value of its own. */
static void target_pid_max(struct fx_snapshot *s)
{
	char path[64] = "/proc/";
	uint64_t ours;
	int64_t v;
	int err;

	if (!s->pid_ns.have || fx_read_ns_inode("/proc/self/ns/pid", &ours) < 0 || (int64_t)ours == s->pid_ns.v)
		return;
	if (fx_pidns_pid_max(s->id.pid, &v) == 0) {
		s->pid_max.v = v;
		s->pid_max.have = 1;
		return;
	}
	err = errno;
	if (!per_ns_pid_max())
		return;
	/* Ours would pass for the target's: better none, and why. */
	s->pid_max.have = 0;
	fx_utoa(path + strlen(path), (uint64_t)(unsigned)s->id.pid);
	if (fx_join(path, sizeof(path), path, "/ns/pid") == 0)
		fx_note_failed(s, path, err);
}

size_t fx_check_snapshot(int pid, char *buf, size_t cap)
{
	struct fx_snapshot *s = calloc(1, sizeof(*s));
	size_t len;

	if (!s)
		return 0;
	fx_config_load();
	/* A failing program's scan must not hold it up; check's may take its
	 * time: on a busy host a cut scan leaves the uid and namespace task
	 * counts short, and a monitoring probe would say OK on them. */
	if (!getenv("FORKEXPLAIN_SCAN_MS"))
		fx_cfg.scan_budget_ns = FX_CHECK_SCAN_NS;
	if (pid > 0 && pid != (int)fx_getpid()) {
		fx_cfg.self_dir[0] = '/';
		fx_utoa(fx_cfg.self_dir + 1, (uint64_t)(unsigned)pid);
		s->id.other = 1;
		s->id.pid = pid;
		s->id.tid = pid;
	}
	fx_snapshot_collect(s, -1);
	/* A fixture tree's pid_max is already the replayed process's. */
	if (s->id.other && strcmp(fx_cfg.proc_root, "/proc") == 0)
		target_pid_max(s);
	len = fx_record_snapshot(s, buf, cap);
	free(s);
	return len;
}
