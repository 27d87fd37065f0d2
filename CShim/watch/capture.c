/* Two kinds of line: a full snapshot of a task that is still there (the
 * shim's collectors pointed at /proc/PID, docs/log-format.md), and a brief
 * record, written by hand here, of what the event carried when the task
 * was gone (or for a tally): the shim's record writer would put uid 0
 * where the uid is not known. */
#include "capture.h"
#include "clock.h"
#include "config.h"
#include "errname.h"
#include "fileio.h"
#include "jsonw.h"
#include "num.h"
#include "record.h"
#include "snapshot.h"
#include "str.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static struct {
	char host[65];
	char kernel[65];
	char boot_id[40];
} id;

/* Too large for the stack; watch captures one failure at a time. */
static struct fx_snapshot snap;

void fx_capture_init(void)
{
	struct utsname u;

	if (uname(&u) == 0) {
		fx_strlcpy(id.host, u.nodename, sizeof(id.host));
		fx_strlcpy(id.kernel, u.release, sizeof(id.kernel));
	}
	if (fx_read_file("/proc/sys/kernel/random/boot_id", id.boot_id, sizeof(id.boot_id)) > 0)
		id.boot_id[strcspn(id.boot_id, "\n")] = '\0';
}

static void event_time(char *out, size_t cap, int64_t realtime_ns)
{
	fx_format_utc(out, cap, realtime_ns / 1000000000LL, (long)(realtime_ns % 1000000000LL));
}

static int task_alive(int pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	return stat(path, &st) == 0;
}

static void header(struct fx_json *w, const char *type, int64_t realtime_ns)
{
	char t[32];

	event_time(t, sizeof(t), realtime_ns);
	fx_json_i64(w, "schema", FX_SCHEMA);
	fx_json_str(w, "type", type);
	fx_json_str(w, "source", "watch");
	fx_json_str(w, "time", t);
	fx_json_str(w, "host", id.host);
	if (id.boot_id[0])
		fx_json_str(w, "boot_id", id.boot_id);
	fx_json_str(w, "kernel", id.kernel);
}

/* <linux/sched.h> */
#define CLONE_VFORK 0x4000
#define CLONE_THREAD 0x10000

const char *fx_capture_creates(uint64_t clone_flags)
{
	if (clone_flags & CLONE_THREAD)
		return "thread";
	return clone_flags & CLONE_VFORK ? "vfork" : "process";
}

static void call(struct fx_json *w, const char *name, int err, const struct fx_capture *c, uint64_t suppressed)
{
	const char *ename = fx_errno_name(err);

	fx_json_object_begin(w, "call");
	fx_json_str(w, "name", name);
	fx_json_i64(w, "errno", err);
	if (ename)
		fx_json_str(w, "errno_name", ename);
	if (c && c->have_flags) {
		fx_json_u64(w, "clone_flags", c->clone_flags);
		fx_json_str(w, "creates", fx_capture_creates(c->clone_flags));
	}
	fx_json_u64(w, "suppressed", suppressed);
	fx_json_u64(w, "lost", 0);
	fx_json_object_end(w);
}

static void read_number(const char *dir, const char *file, const char *key, struct fx_json *w, const char *field)
{
	char path[FX_PATH + 64], buf[256];
	const char *p;
	int64_t v;
	int is_max = 0;

	if (fx_join(path, sizeof(path), dir, file) < 0)
		return;
	if (!key) {
		if (fx_read_i64(path, &v, &is_max) < 0)
			return;
	} else {
		if (fx_read_file(path, buf, sizeof(buf)) < 0 || !(p = fx_find_key(buf, key)) ||
		    fx_parse_i64(&p, &v) < 0)
			return;
	}
	if (is_max)
		fx_json_str(w, field, "max");
	else
		fx_json_i64(w, field, v);
}

/* The pids levels from path up to the root, as cgroups.pids[] of a
 * snapshot writes them. */
static void pids_chain(struct fx_json *w, int version, const char *mount, const char *path)
{
	char level[FX_PATH], dir[FX_PATH * 2];
	size_t len = fx_strlcpy(level, path, sizeof(level));

	fx_json_object_begin(w, "cgroups");
	fx_json_array_begin(w, "pids");
	while (len > 0) {
		level[len] = '\0';
		fx_json_object_begin(w, NULL);
		fx_json_i64(w, "version", version);
		fx_json_str(w, "path", level);
		if (fx_join(dir, sizeof(dir), mount, strcmp(level, "/") == 0 ? "" : level) == 0) {
			fx_json_str(w, "dir", dir);
			read_number(dir, "/pids.max", NULL, w, "max");
			read_number(dir, "/pids.current", NULL, w, "current");
			read_number(dir, "/pids.peak", NULL, w, "peak");
			read_number(dir, "/pids.events", "max", w, "events_max");
		}
		fx_json_object_end(w);
		if (len == 1)
			break;
		while (len > 1 && level[len - 1] != '/')
			len--;
		if (len > 1)
			len--;
	}
	fx_json_array_end(w);
	fx_json_array_begin(w, "memory");
	fx_json_array_end(w);
	fx_json_object_end(w);
}

/* The cgroup2 directory whose inode is the id the event carried (a
 * cgroup's id is its kernfs inode number): depth-first, bounded. */
static int find_cgroup_id(const char *dir, uint64_t want, char *out, size_t cap, int depth)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int found = 0;

	if (stat(dir, &st) < 0)
		return 0;
	if ((uint64_t)st.st_ino == want) {
		fx_strlcpy(out, dir, cap);
		return 1;
	}
	if (depth > 32 || !(d = opendir(dir)))
		return 0;
	while (!found && (de = readdir(d)) != NULL) {
		char sub[FX_PATH];
		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if (fx_join(sub, sizeof(sub), dir, "/") < 0 || fx_join(sub, sizeof(sub), sub, de->d_name) < 0)
			continue;
		found = find_cgroup_id(sub, want, out, cap, depth + 1);
	}
	closedir(d);
	return found;
}

static const char *cgroup2_mount(void)
{
	static const char *const dirs[] = { "/sys/fs/cgroup/unified", "/sys/fs/cgroup" };
	char path[128];
	struct stat st;
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/cgroup.controllers", dirs[i]);
		if (stat(path, &st) == 0)
			return dirs[i];
	}
	return NULL;
}

static size_t brief_failure(const struct fx_capture *c, char *buf, size_t cap)
{
	struct fx_json w;
	char note[FX_PATH + 160];

	fx_json_init(&w, buf, cap);
	fx_json_object_begin(&w, NULL);
	header(&w, "failure", c->realtime_ns);
	/* Counters mode with the cgroup emptied: no task to name at all. */
	if (c->pid > 0) {
		fx_json_object_begin(&w, "process");
		fx_json_i64(&w, "pid", c->pid);
		fx_json_i64(&w, "tid", c->tid);
		fx_json_object_end(&w);
	}
	call(&w, c->call, c->err, c, c->suppressed);
	if (c->cg_path && c->cg_mount)
		pids_chain(&w, c->cg_version, c->cg_mount, c->cg_path);
	fx_json_array_begin(&w, "unreadable");
	if (c->pid > 0) {
		snprintf(note, sizeof(note), "/proc/%d (the task had exited before it could be read)", c->pid);
		fx_json_str(&w, NULL, note);
	} else if (c->why_no_task) {
		fx_json_str(&w, NULL, c->why_no_task);
	}
	if (c->cgroup_id) {
		const char *m = cgroup2_mount();
		char dir[FX_PATH];
		if (m && find_cgroup_id(m, c->cgroup_id, dir, sizeof(dir), 0))
			snprintf(note, sizeof(note), "cgroup2 id %llu of the event: %s", (unsigned long long)c->cgroup_id,
				 dir[strlen(m)] ? dir + strlen(m) : "/");
		else
			snprintf(note, sizeof(note), "cgroup2 id %llu of the event (no longer in the hierarchy)",
				 (unsigned long long)c->cgroup_id);
		fx_json_str(&w, NULL, note);
	}
	fx_json_array_end(&w);
	fx_json_object_end(&w);
	return fx_json_finish(&w);
}

size_t fx_capture_failure(const struct fx_capture *c, struct fx_tally *t, char *buf, size_t cap)
{
	size_t len;

	if (c->pid <= 0 || !task_alive(c->pid))
		return brief_failure(c, buf, cap);
	memset(&snap, 0, sizeof(snap));
	fx_cfg.self_dir[0] = '/';
	fx_utoa(fx_cfg.self_dir + 1, (uint64_t)c->pid);
	snap.id.other = 1;
	snap.id.pid = c->pid;
	snap.id.tid = c->tid;
	fx_snapshot_collect(&snap, -1);
	fx_strlcpy(fx_cfg.self_dir, "/self", sizeof(fx_cfg.self_dir));
	/* Gone while it was being read: what was read is not its state. */
	if (!snap.id.comm[0] && !task_alive(c->pid))
		return brief_failure(c, buf, cap);
	snap.id.source = "watch";
	snap.id.libc = NULL; /* the watcher's, not the task's */
	snap.id.libc_version = NULL;
	snap.id.call_name = c->call;
	if (c->have_flags) {
		snap.id.clone_flags.have = 1;
		snap.id.clone_flags.v = (int64_t)c->clone_flags;
		snap.id.creates = fx_capture_creates(c->clone_flags);
	}
	snap.id.err = c->err;
	snap.id.suppressed = c->suppressed;
	event_time(snap.id.time, sizeof(snap.id.time), c->realtime_ns);
	len = fx_record_failure(&snap, buf, cap);
	if (t) {
		t->have_uid = 1;
		t->uid = snap.id.uid;
		t->ppid = snap.id.ppid;
		fx_strlcpy(t->comm, snap.id.comm, sizeof(t->comm));
	}
	return len;
}

size_t fx_capture_tally(const struct fx_tally *t, const char *name, char *buf, size_t cap)
{
	struct fx_json w;
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	fx_json_init(&w, buf, cap);
	fx_json_object_begin(&w, NULL);
	header(&w, "tally", (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec);
	fx_json_object_begin(&w, "process");
	fx_json_i64(&w, "pid", t->pid);
	fx_json_i64(&w, "tid", t->tid);
	if (t->have_uid) {
		fx_json_i64(&w, "ppid", t->ppid);
		fx_json_u64(&w, "uid", t->uid);
	}
	if (t->comm[0])
		fx_json_str(&w, "comm", t->comm);
	fx_json_object_end(&w);
	call(&w, name, t->err, NULL, t->suppressed);
	fx_json_object_end(&w);
	return fx_json_finish(&w);
}
