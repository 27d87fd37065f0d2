/* The pids and memory cgroups of the process, every level from its own up
 * to the root: the binding pids.max often sits on a parent (docs/kernel-facts.md §1, §5).
 * v1, v2 and hybrid layouts are found through /proc/self/mountinfo rather
 * than assumed at /sys/fs/cgroup. */
#include "cgroup.h"
#include "config.h"
#include "container.h"
#include "fileio.h"
#include "mountinfo.h"
#include "paths.h"
#include "procread.h"
#include "str.h"
#include "sys.h"
#include "num.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

struct cg_paths {
	char v1_pids[FX_PATH];
	char v1_memory[FX_PATH];
	char v2[FX_PATH];
};

struct cg_mount {
	char point[256];
	char root[FX_MOUNT_ROOT];
	int found;
	int local_events;
};

/* Inside a cgroup namespace the host's mounts, still listed, have roots
 * such as "/../.." that show nothing of it. */
int fx_cgroup_shows_path(const char *root, const char *path)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return 1;
	return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static void read_self_cgroup(struct fx_snapshot *s, struct cg_paths *cp)
{
	struct fx_lines *lr = &s->lines;
	char *line;

	if (fx_proc_lines(s, "/self/cgroup") < 0)
		return;
	/* "4:memory:/a/b" (v1) or "0::/a/b" (v2). */
	while ((line = fx_lines_next(lr)) != NULL) {
		char *c1 = strchr(line, ':');
		char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		size_t clen = (size_t)(c2 - c1 - 1);
		if (clen == 0 && c1 - line == 1 && line[0] == '0')
			fx_strlcpy(cp->v2, c2 + 1, sizeof(cp->v2));
		if (fx_has_token(c1 + 1, clen, "pids"))
			fx_strlcpy(cp->v1_pids, c2 + 1, sizeof(cp->v1_pids));
		if (fx_has_token(c1 + 1, clen, "memory"))
			fx_strlcpy(cp->v1_memory, c2 + 1, sizeof(cp->v1_memory));
	}
	fx_lines_close(lr);
}

/* Per controller, the last mount that shows the process's own cgroup: a
 * runtime mounts over what it inherited, and mountinfo lists the mounts in
 * the order they were made, the hidden ones too. Failing that, the first. */
static void read_mounts(struct fx_snapshot *s, const struct cg_paths *cp, struct cg_mount *pids1,
			struct cg_mount *mem1, struct cg_mount *v2, int container_mounts)
{
	struct fx_lines *lr = &s->lines;
	char *line;

	char path[FX_PATH];

	/* The mounts of the reader, not of the process looked at: the reader
	 * opens the directories, and its /proc/PID/cgroup paths are relative
	 * to its own cgroup namespace (watch and check --pid). */
	if (fx_join(path, sizeof(path), fx_cfg.proc_root, "/self/mountinfo") < 0) {
		fx_note_unreadable(s, "/self/mountinfo");
		return;
	}
	if (fx_lines_open(lr, path) < 0) {
		fx_note_failed(s, path, errno);
		return;
	}
	if (container_mounts)
		s->container.have_mountinfo = 1;
	while ((line = fx_lines_next(lr)) != NULL) {
		struct fx_mount mi;
		struct cg_mount *m = NULL;
		const char *own = NULL;
		size_t olen;
		int shows;

		if (fx_mountinfo_split(line, &mi) < 0)
			continue;
		if (container_mounts)
			fx_container_mount(s, &mi);
		olen = strlen(mi.super_opts);
		if (strcmp(mi.fstype, "cgroup2") == 0) {
			m = v2;
			own = cp->v2;
		} else if (strcmp(mi.fstype, "cgroup") == 0 && fx_has_token(mi.super_opts, olen, "pids")) {
			m = pids1;
			own = cp->v1_pids;
		} else if (strcmp(mi.fstype, "cgroup") == 0 && fx_has_token(mi.super_opts, olen, "memory")) {
			m = mem1;
			own = cp->v1_memory;
		}
		if (!m)
			continue;
		shows = fx_cgroup_shows_path(mi.root, own);
		if (m->found && !shows)
			continue;
		fx_strlcpy(m->point, mi.point, sizeof(m->point));
		fx_strlcpy(m->root, mi.root, sizeof(m->root));
		/* docs/kernel-facts.md §6.6: pids.events counts like v1's. */
		m->local_events = m == v2 && fx_has_token(mi.super_opts, olen, "pids_localevents");
		m->found = 1;
	}
	fx_lines_close(lr);
}

int fx_cgroup_level_path(const struct fx_cg_hierarchy *h, const struct fx_cg_level *l, char *out, size_t cap)
{
	size_t n = l->path_len;

	if (n == 0 || n >= cap)
		return -1;
	memcpy(out, h->path, n);
	out[n] = '\0';
	return 0;
}

/* Where a cgroup path lives under a mount of its hierarchy; -1 when the
 * mount does not show it (a host mount inherited into a cgroup namespace,
 * its root "/../.."): reading there would give another cgroup's numbers. */
int fx_cgroup_level_dir(const struct fx_cg_hierarchy *h, const struct fx_cg_level *l, char *out, size_t cap)
{
	char cgpath[FX_PATH];
	const char *rest = cgpath;

	if (fx_cgroup_level_path(h, l, cgpath, sizeof(cgpath)) < 0 || !fx_cgroup_shows_path(h->mount_root, cgpath))
		return -1;
	if (strcmp(h->mount_root, "/") != 0)
		rest = cgpath + strlen(h->mount_root);
	if (strcmp(rest, "/") == 0)
		rest = "";
	return fx_join(out, cap, h->mount, rest);
}

/* A file missing at a level is normal (the root has no pids.max, an old
 * kernel no pids.peak): left out silently. Any other error is noted. */
static void open_failed(struct fx_snapshot *s, const char *dir, const char *file)
{
	char path[FX_PATH + 64];

	if (errno != ENOENT && fx_join(path, sizeof(path), dir, file) == 0)
		fx_note_failed(s, path, errno);
}

/* A level's directory, open: its files are opened relative to it, which
 * spares a walk of the whole path for each (some 2 us a file here, more
 * for the deep paths of a Kubernetes pod) for one open of the directory. */
struct cg_dir {
	int fd;
	const char *path;
};

static void read_value(struct fx_snapshot *s, const struct cg_dir *dir, const char *file, struct fx_val *v)
{
	int64_t x;
	int is_max;

	if (fx_read_i64_at(dir->fd, file + 1, &x, &is_max) < 0) {
		open_failed(s, dir->path, file);
		return;
	}
	v->v = x;
	v->is_max = (unsigned char)is_max;
	v->have = 1;
}

/* "max 3\noom 0\noom_kill 0\n" style files. */
static void read_keyed(struct fx_snapshot *s, const struct cg_dir *dir, const char *file, const char *const *keys,
		       struct fx_val *const *vals, int n)
{
	char buf[1024];
	int i;

	if (fx_read_value_at(dir->fd, file + 1, buf, sizeof(buf)) < 0) {
		open_failed(s, dir->path, file);
		return;
	}
	for (i = 0; i < n; i++) {
		const char *p = fx_find_key(buf, keys[i]);
		int64_t x;
		if (p && fx_parse_i64(&p, &x) == 0) {
			vals[i]->v = x;
			vals[i]->have = 1;
		}
	}
}

static void read_pids_level(struct fx_snapshot *s, const struct cg_dir *dir, struct fx_cg_level *l)
{
	static const char *const keys[] = { "max" };
	struct fx_val *ev[] = { &l->u.pids.events_max };
	struct fx_val *local[] = { &l->u.pids.events_max_local };

	read_value(s, dir, "/pids.max", &l->max);
	read_value(s, dir, "/pids.current", &l->current);
	read_value(s, dir, "/pids.peak", &l->peak);
	read_keyed(s, dir, "/pids.events", keys, ev, 1);
	/* v2 since 6.11 (docs/kernel-facts.md §6.6). */
	read_keyed(s, dir, "/pids.events.local", keys, local, 1);
}

/* A limit a counter can reach: v1 shows none as PAGE_COUNTER_MAX pages
 * (9223372036854771712 bytes on 4 KiB pages), and the reader takes any
 * number above 2^50 (a PiB) for no limit (docs/log-format.md). A level's
 * peaks, and the usage and failcnt of its swap and kmem counters, are read
 * only where there is a limit they can be measured against: without one
 * the classifier has no use for them (a peak it never reads), and each
 * file costs an open, a read and a close, some 8 us for a cgroup file on
 * a small VM; most levels (the root, the slices above a container) have
 * none. */
static int limited(const struct fx_val *v)
{
	return v->have && !v->is_max && v->v >= 0 && v->v <= (int64_t)1 << 50;
}

static void read_memory2_level(struct fx_snapshot *s, const struct cg_dir *dir, struct fx_cg_level *l)
{
	static const char *const keys[] = { "max", "oom", "oom_kill" };
	struct fx_val *ev[] = { &l->u.mem2.events_max, &l->u.mem2.oom, &l->u.mem2.oom_kill };
	struct fx_val *local[] = { &l->u.mem2.local_max, &l->u.mem2.local_oom, &l->u.mem2.local_oom_kill };
	static const char *const swap_keys[] = { "max", "fail" };
	struct fx_val *swap_ev[] = { &l->u.mem2.swap_events_max, &l->u.mem2.swap_events_fail };

	read_value(s, dir, "/memory.max", &l->max);
	read_value(s, dir, "/memory.current", &l->current);
	if (limited(&l->max))
		read_value(s, dir, "/memory.peak", &l->peak);
	read_keyed(s, dir, "/memory.events", keys, ev, 3);
	read_keyed(s, dir, "/memory.events.local", keys, local, 3);
	/* With swap.max 0, or this cgroup's swap full, reclaim cannot move
	 * anonymous memory out and a charge at memory.max goes to the OOM
	 * killer (docs/kernel-facts.md §11.6). */
	read_value(s, dir, "/memory.swap.max", &l->u.mem2.swap_max);
	/* No swap.max, no swap files: no swap accounting, or the root. */
	if (!l->u.mem2.swap_max.have)
		return;
	if (limited(&l->u.mem2.swap_max))
		read_value(s, dir, "/memory.swap.current", &l->u.mem2.swap_current);
	/* Read under swap.max "max" too: `fail` also counts swap-outs refused
	 * because the host's swap was full (mm/memcontrol.c
	 * __mem_cgroup_try_charge_swap(), docs/kernel-facts.md §11.6). */
	read_keyed(s, dir, "/memory.swap.events", swap_keys, swap_ev, 2);
}

static void read_memory1_level(struct fx_snapshot *s, const struct cg_dir *dir, struct fx_cg_level *l)
{
	static const char *const keys[] = { "oom_kill_disable", "under_oom", "oom_kill" };
	struct fx_val *oom[] = { &l->u.mem1.oom_kill_disable, &l->u.mem1.under_oom, &l->u.mem1.oom_kill };
	int mem, kmem, memsw;

	read_value(s, dir, "/memory.limit_in_bytes", &l->max);
	read_value(s, dir, "/memory.usage_in_bytes", &l->current);
	read_value(s, dir, "/memory.failcnt", &l->u.mem1.failcnt);
	read_keyed(s, dir, "/memory.oom_control", keys, oom, 3);
	/* The kernel-memory counter: task structs and kernel stacks are
	 * charged here, and it can be full while the memory counter is not
	 * (docs/kernel-facts.md §6.10). */
	read_value(s, dir, "/memory.kmem.limit_in_bytes", &l->u.mem1.kmem_max);
	/* Memory + swap, charged before the memory counter: at its limit a
	 * fork fails (or the OOM killer runs) while usage_in_bytes may be
	 * below limit_in_bytes (docs/kernel-facts.md §11.6). Absent without
	 * swap accounting (swapaccount=0). */
	read_value(s, dir, "/memory.memsw.limit_in_bytes", &l->u.mem1.memsw_max);
	mem = limited(&l->max);
	kmem = limited(&l->u.mem1.kmem_max);
	memsw = limited(&l->u.mem1.memsw_max);
	if (mem)
		read_value(s, dir, "/memory.max_usage_in_bytes", &l->peak);
	/* Its share of a level's usage matters under any of the three
	 * limits (docs/kernel-facts.md §11.3). */
	if (mem || kmem || memsw)
		read_value(s, dir, "/memory.kmem.usage_in_bytes", &l->u.mem1.kmem_current);
	if (kmem) {
		read_value(s, dir, "/memory.kmem.max_usage_in_bytes", &l->u.mem1.kmem_peak);
		read_value(s, dir, "/memory.kmem.failcnt", &l->u.mem1.kmem_failcnt);
	}
	if (memsw) {
		read_value(s, dir, "/memory.memsw.usage_in_bytes", &l->u.mem1.memsw_current);
		read_value(s, dir, "/memory.memsw.max_usage_in_bytes", &l->u.mem1.memsw_peak);
		read_value(s, dir, "/memory.memsw.failcnt", &l->u.mem1.memsw_failcnt);
	}
}

static void read_level(struct fx_snapshot *s, const struct fx_cg_hierarchy *h, const char *path,
		       struct fx_cg_level *l)
{
	struct cg_dir dir = { fx_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), path };

	if (dir.fd < 0) {
		if (errno != ENOENT)
			fx_note_failed(s, path, errno);
		return;
	}
	if (h->controller == FX_CG_PIDS)
		read_pids_level(s, &dir, l);
	else if (h->version == 2)
		read_memory2_level(s, &dir, l);
	else
		read_memory1_level(s, &dir, l);
	fx_close(dir.fd);
}

static void add_hierarchy(struct fx_snapshot *s, int version, enum fx_controller ctl,
			  const struct cg_mount *m, const char *cgpath)
{
	struct fx_cg_hierarchy *h;
	char abs[FX_PATH], dir[FX_PATH + 256];
	size_t len;

	if (!m->found || cgpath[0] != '/' || s->ncg >= FX_CG_HIERARCHIES)
		return;
	h = &s->cg[s->ncg++];
	h->version = version;
	h->controller = ctl;
	h->nlevels = 0;
	h->local_events = m->local_events;
	fx_strlcpy(h->mount, m->point, sizeof(h->mount));
	fx_strlcpy(h->mount_root, m->root, sizeof(h->mount_root));
	len = fx_strlcpy(h->path, cgpath, sizeof(h->path));
	/* From the process's own level up to "/", or to the mount's root:
	 * levels above it are not visible from here. */
	while (len > 0 && h->nlevels < FX_CG_LEVELS) {
		struct fx_cg_level *l = &h->levels[h->nlevels++];

		memset(l, 0, sizeof(*l));
		l->path_len = (unsigned short)len;
		if (fx_cgroup_level_dir(h, l, abs, sizeof(abs)) == 0 && fx_sys_path(dir, sizeof(dir), abs) == 0) {
			l->have_dir = 1;
			read_level(s, h, dir, l);
		}
		if (len == 1 || (len == strlen(h->mount_root) && strncmp(h->path, h->mount_root, len) == 0))
			break;
		while (len > 1 && h->path[len - 1] != '/')
			len--;
		/* "/a/b" -> "/a"; "/a" -> "/" */
		if (len > 1)
			len--;
	}
}

/* v2 exposes a controller's files only where cgroup.controllers lists it;
 * the file is read once for both. */
#define V2_PIDS 1
#define V2_MEMORY 2

static int v2_controllers(const struct cg_mount *m)
{
	char abs[FX_PATH], path[FX_PATH];
	char buf[512];
	size_t len;
	int found = 0;

	if (!m->found || fx_join(abs, sizeof(abs), m->point, "/cgroup.controllers") < 0 ||
	    fx_sys_path(path, sizeof(path), abs) < 0 || fx_read_value(path, buf, sizeof(buf)) <= 0)
		return 0;
	for (char *p = buf; *p; p++)
		if (*p == ' ' || *p == '\n')
			*p = ',';
	len = strlen(buf);
	if (fx_has_token(buf, len, "pids"))
		found |= V2_PIDS;
	if (fx_has_token(buf, len, "memory"))
		found |= V2_MEMORY;
	return found;
}

void fx_cgroup_collect(struct fx_snapshot *s, int container_mounts)
{
	struct cg_paths cp;
	struct cg_mount pids1, mem1, v2;
	int v2_has;

	memset(&cp, 0, sizeof(cp));
	memset(&pids1, 0, sizeof(pids1));
	memset(&mem1, 0, sizeof(mem1));
	memset(&v2, 0, sizeof(v2));
	read_self_cgroup(s, &cp);
	read_mounts(s, &cp, &pids1, &mem1, &v2, container_mounts);
	v2_has = cp.v2[0] ? v2_controllers(&v2) : 0;
	if (cp.v1_pids[0])
		add_hierarchy(s, 1, FX_CG_PIDS, &pids1, cp.v1_pids);
	if (v2_has & V2_PIDS)
		add_hierarchy(s, 2, FX_CG_PIDS, &v2, cp.v2);
	if (cp.v1_memory[0])
		add_hierarchy(s, 1, FX_CG_MEMORY, &mem1, cp.v1_memory);
	if (v2_has & V2_MEMORY)
		add_hierarchy(s, 2, FX_CG_MEMORY, &v2, cp.v2);
}
