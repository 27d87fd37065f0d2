/* Collects the process, PID-space, limit and memory parts of a snapshot.
 * Every read goes through fx_proc_path/fx_sys_path so that a fixture tree
 * (FORKEXPLAIN_PROC_ROOT, FORKEXPLAIN_SYS_ROOT) can stand in for the kernel. */
#include "snapshot.h"
#include "beancounters.h"
#include "lve.h"
#include "cgroup.h"
#include "clock.h"
#include "config.h"
#include "container.h"
#include "fileio.h"
#include "libc.h"
#include "num.h"
#include "paths.h"
#include "procread.h"
#include "procscan.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static void set_val(struct fx_val *v, int64_t x)
{
	v->v = x;
	v->have = 1;
	v->is_max = 0;
}

/* Reads a one-number file under /proc into v, or notes why not. */
static void proc_number(struct fx_snapshot *s, const char *suffix, struct fx_val *v)
{
	char path[FX_PATH];
	int64_t x;
	int is_max;

	if (fx_proc_path(path, sizeof(path), suffix) < 0)
		return;
	if (fx_read_i64(path, &x, &is_max) < 0) {
		fx_note_failed(s, path, errno);
		return;
	}
	if (is_max) {
		fx_note_unreadable(s, path);
		return;
	}
	set_val(v, x);
}

/* A one-line text file such as comm, without its newline. A failure is
 * noted in notes, unless NULL: a bare identity has no list to note in. */
static void proc_text(struct fx_snapshot *notes, const char *suffix, char *out, size_t cap)
{
	char path[FX_PATH];

	if (fx_proc_path(path, sizeof(path), suffix) < 0)
		return;
	if (fx_read_value(path, out, cap) < 0) {
		if (notes)
			fx_note_failed(notes, path, errno);
		out[0] = '\0';
		return;
	}
	out[strcspn(out, "\n")] = '\0';
}

/* A fixture tree replays another machine: its uname fields win. */
static void fixture_uname(const char *file, char *out, size_t cap)
{
	char path[FX_PATH];
	char buf[65];

	if (strcmp(fx_cfg.proc_root, "/proc") == 0 || fx_proc_path(path, sizeof(path), file) < 0)
		return;
	if (fx_read_file(path, buf, sizeof(buf)) > 0) {
		buf[strcspn(buf, "\n")] = '\0';
		fx_strlcpy(out, buf, cap);
	}
}

/* The identity's collectors write id, and note what they could not read
 * in notes (NULL: nowhere). */
static void collect_header(struct fx_identity *id, struct fx_snapshot *notes)
{
	struct utsname u;

	fx_format_time(id->time, sizeof(id->time));
	if (fx_uname(&u) == 0) {
		fx_strlcpy(id->host, u.nodename, sizeof(id->host));
		fx_strlcpy(id->kernel, u.release, sizeof(id->kernel));
	}
	fixture_uname("/sys/kernel/osrelease", id->kernel, sizeof(id->kernel));
	fixture_uname("/sys/kernel/hostname", id->host, sizeof(id->host));
	proc_text(notes, "/sys/kernel/random/boot_id", id->boot_id, sizeof(id->boot_id));
	id->libc = fx_libc_name();
	id->libc_version = fx_libc_version();
}

/* The failing thread's own name: a JVM names each of its threads, and the
 * process's comm is only the main thread's. */
static void collect_thread_comm(struct fx_identity *id, struct fx_snapshot *notes)
{
	char suffix[64] = "/self/task/";

	if (id->tid == id->pid || id->tid <= 0) {
		fx_strlcpy(id->thread_comm, id->comm, sizeof(id->thread_comm));
		return;
	}
	fx_utoa(suffix + strlen(suffix), (uint64_t)(unsigned)id->tid);
	if (fx_join(suffix, sizeof(suffix), suffix, "/comm") == 0)
		proc_text(notes, suffix, id->thread_comm, sizeof(id->thread_comm));
}

/* argv: NULL, or where FORKEXPLAIN_CMDLINE's command line goes, past the
 * identity (the snapshot's argv, of cap bytes). */
static void collect_process(struct fx_identity *id, struct fx_snapshot *notes, char *argv, size_t cap)
{
	char path[FX_PATH];
	ssize_t n;

	if (!id->other) {
		id->pid = (int)fx_getpid();
		id->tid = (int)fx_gettid();
		id->ppid = (int)fx_getppid();
		id->uid = (unsigned)fx_getuid();
		id->euid = (unsigned)fx_geteuid();
	}
	proc_text(notes, "/self/comm", id->comm, sizeof(id->comm));
	collect_thread_comm(id, notes);
	if (fx_proc_path(path, sizeof(path), "/self/exe") == 0) {
		n = fx_readlink(path, id->exe, sizeof(id->exe) - 1);
		id->exe[n > 0 ? n : 0] = '\0';
		if (n <= 0 && notes)
			fx_note_failed(notes, path, n < 0 ? errno : EINVAL);
	}
	if (argv && fx_proc_path(path, sizeof(path), "/self/cmdline") == 0) {
		n = fx_read_file(path, argv, cap);
		id->argv_len = n > 0 ? (size_t)n : 0;
	}
}

/* /proc/self/status: uids of record, namespaces, memory, capabilities. */
static void collect_status(struct fx_snapshot *s, uint64_t *cap_eff, int *have_cap)
{
	struct fx_lines *lr = &s->lines;
	char *line;

	if (fx_proc_lines(s, "/self/status") < 0)
		return;
	while ((line = fx_lines_next(lr)) != NULL) {
		const char *p;
		int64_t v;

		if (strncmp(line, "State:", 6) == 0) {
			/* "State:\tZ (zombie)": forkexplain check's target may be
			 * a zombie, or gone by the next read. */
			for (p = line + 6; *p == ' ' || *p == '\t'; p++)
				;
			s->id.state = *p;
		} else if (s->id.other && strncmp(line, "PPid:", 5) == 0) {
			p = line + 5;
			if (fx_parse_i64(&p, &v) == 0)
				s->id.ppid = (int)v;
		} else if (s->id.other && strncmp(line, "Uid:", 4) == 0) {
			int64_t e;
			p = line + 4;
			if (fx_parse_i64(&p, &v) == 0 && fx_parse_i64(&p, &e) == 0) {
				s->id.uid = (unsigned)v;
				s->id.euid = (unsigned)e;
			}
		} else if (strncmp(line, "NSpid:", 6) == 0) {
			p = line + 6;
			while (s->nspid_count < FX_NSPID && fx_parse_i64(&p, &v) == 0)
				s->nspid[s->nspid_count++] = v;
		} else if (strncmp(line, "VmSize:", 7) == 0) {
			p = line + 7;
			if (fx_parse_i64(&p, &v) == 0)
				set_val(&s->vm_size, v);
		} else if (strncmp(line, "VmData:", 7) == 0) {
			p = line + 7;
			if (fx_parse_i64(&p, &v) == 0)
				set_val(&s->vm_data, v);
		} else if (strncmp(line, "VmRSS:", 6) == 0) {
			p = line + 6;
			if (fx_parse_i64(&p, &v) == 0)
				set_val(&s->vm_rss, v);
		} else if (strncmp(line, "Seccomp:", 8) == 0) {
			p = line + 8;
			if (fx_parse_i64(&p, &v) == 0)
				set_val(&s->id.seccomp, v);
		} else if (strncmp(line, "CapEff:", 7) == 0) {
			uint64_t c = 0;
			for (p = line + 7; *p == ' ' || *p == '\t'; p++)
				;
			fx_parse_hex(&p, &c);
			*cap_eff = c;
			*have_cap = 1;
		}
	}
	fx_lines_close(lr);
}

/* One rlimit line of /proc/self/limits: "Max processes  63  63  processes". */
static void parse_limit(const char *p, struct fx_limit *l)
{
	struct fx_val *v[2] = { &l->soft, &l->hard };
	int i;
	int64_t x;

	for (i = 0; i < 2; i++) {
		while (*p == ' ')
			p++;
		if (strncmp(p, "unlimited", 9) == 0) {
			v[i]->have = 1;
			v[i]->is_max = 1;
			p += 9;
		} else if (fx_parse_i64(&p, &x) == 0) {
			set_val(v[i], x);
		} else {
			return;
		}
	}
}

static void collect_limits(struct fx_snapshot *s)
{
	static const struct {
		const char *name;
		size_t off;
	} rows[] = {
		{ "Max processes", offsetof(struct fx_snapshot, nproc) },
		{ "Max address space", offsetof(struct fx_snapshot, as) },
		{ "Max stack size", offsetof(struct fx_snapshot, stack) },
		{ "Max open files", offsetof(struct fx_snapshot, nofile) },
	};
	struct fx_lines *lr = &s->lines;
	char *line;
	size_t i;

	if (fx_proc_lines(s, "/self/limits") < 0)
		return;
	while ((line = fx_lines_next(lr)) != NULL) {
		for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			size_t len = strlen(rows[i].name);
			if (strncmp(line, rows[i].name, len) == 0 && line[len] == ' ')
				parse_limit(line + len, (struct fx_limit *)((char *)s + rows[i].off));
		}
	}
	fx_lines_close(lr);
}

static void collect_meminfo(struct fx_snapshot *s)
{
	static const struct {
		const char *key;
		size_t off;
	} rows[] = {
		{ "MemTotal:", offsetof(struct fx_snapshot, mem_total) },
		{ "MemAvailable:", offsetof(struct fx_snapshot, mem_available) },
		/* What overcommit mode 0 summed before 5.2, and what stands in
		 * for MemAvailable before 3.14 (docs/kernel-facts.md §6.11). */
		{ "MemFree:", offsetof(struct fx_snapshot, mem_free) },
		{ "Cached:", offsetof(struct fx_snapshot, cached) },
		{ "Buffers:", offsetof(struct fx_snapshot, buffers) },
		{ "Shmem:", offsetof(struct fx_snapshot, shmem) },
		{ "SReclaimable:", offsetof(struct fx_snapshot, sreclaimable) },
		{ "SwapTotal:", offsetof(struct fx_snapshot, swap_total) },
		{ "SwapFree:", offsetof(struct fx_snapshot, swap_free) },
		{ "CommitLimit:", offsetof(struct fx_snapshot, commit_limit) },
		{ "Committed_AS:", offsetof(struct fx_snapshot, committed_as) },
	};
	char *buf = s->scratch;
	size_t i;

	if (fx_proc_read(s, "/meminfo", buf, sizeof(s->scratch)) < 0)
		return;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *p = fx_find_key(buf, rows[i].key);
		int64_t v;
		if (p && fx_parse_i64(&p, &v) == 0)
			set_val((struct fx_val *)((char *)s + rows[i].off), v);
	}
}

/* One number read quietly: a source that older kernels (before 4.9) and
 * fixture trees lack is left out of the record, not listed unreadable. */
static void quiet_number(const char *path, struct fx_val *v)
{
	int64_t x;
	int is_max;

	if (fx_read_i64(path, &x, &is_max) == 0 && !is_max)
		set_val(v, x);
}

/* The namespace counts' limits. /proc/sys/user shows the limits of the
 * reader's user namespace, whatever /proc/PID is looked at, so the
 * reader's namespace is recorded with them (/proc/thread-self is never
 * rewritten to the target): a record whose user_ns differs from it was
 * read from an ancestor's view (watch, check --pid), and the process's own
 * limit is not in it (docs/kernel-facts.md §11.76). Two small reads, no
 * allocation: cheap enough for the failure path. */
static void collect_ns_limits(struct fx_snapshot *s)
{
	char path[FX_PATH];
	uint64_t ino;

	if (fx_proc_path(path, sizeof(path), "/sys/user/max_user_namespaces") == 0)
		quiet_number(path, &s->max_user_namespaces);
	if (fx_proc_path(path, sizeof(path), "/sys/user/max_pid_namespaces") == 0)
		quiet_number(path, &s->max_pid_namespaces);
	if (s->max_user_namespaces.have && fx_proc_path(path, sizeof(path), "/thread-self/ns/user") == 0 &&
	    fx_read_ns_inode(path, &ino) == 0)
		set_val(&s->limits_user_ns, (int64_t)ino);
}

static void collect_pid_space(struct fx_snapshot *s)
{
	char path[FX_PATH];
	char buf[128];

	proc_number(s, "/sys/kernel/pid_max", &s->pid_max);
	proc_number(s, "/sys/kernel/threads-max", &s->threads_max);
	/* "0.00 0.01 0.05 2/351 4242": the total after the slash counts every
	 * task on the host, whatever namespace reads it; unless LXCFS stands
	 * in for the file: then it counts the container's tasks, and the
	 * host's count is not to be had (docs/kernel-facts.md §11.2). */
	if (!(s->container.lxcfs & FX_LXCFS_LOADAVG) && fx_proc_path(path, sizeof(path), "/loadavg") == 0) {
		const char *slash;
		int64_t v;
		if (fx_read_value(path, buf, sizeof(buf)) < 0)
			fx_note_failed(s, path, errno);
		else if ((slash = strchr(buf, '/')) != NULL && (slash++, fx_parse_i64(&slash, &v) == 0))
			set_val(&s->host_tasks, v);
		else
			fx_note_unreadable(s, path);
	}
	fx_proc_ns_inode(s, "/self/ns/pid", &s->pid_ns);
	/* Absent before 4.12. */
	fx_proc_ns_inode(s, "/self/ns/pid_for_children", &s->pid_for_children_ns);
	collect_ns_limits(s);
}

/* RLIMIT_NPROC does not bind the initial user's root, nor CAP_SYS_ADMIN or
 * CAP_SYS_RESOURCE holders in the initial user namespace (kernel/fork.c
 * copy_process: INIT_USER and capable()). An OpenVZ container, whose
 * beancounters carry an id other than the host's 0, keeps users of its
 * own: its root is not INIT_USER and only those capabilities exempt it
 * (docs/kernel-facts.md §11.65). Needs the beancounters read first. */
static void decide_nproc_exempt(struct fx_snapshot *s, uint64_t cap_eff, int have_cap)
{
	int ve_root = s->ubc.have && s->ubc.ctid.have && s->ubc.ctid.v != 0;

	if (!fx_container_initial_user_ns(&s->container))
		return;
	if (s->id.uid == 0 && !ve_root)
		s->nproc_exempt = "root";
	else if (have_cap && (cap_eff >> 21 & 1))
		s->nproc_exempt = "cap_sys_admin";
	else if (have_cap && (cap_eff >> 24 & 1))
		s->nproc_exempt = "cap_sys_resource";
}

/* Mappings count against vm.max_map_count one line of maps each. A count
 * the caller just made of the real maps stands, unless a fixture tree
 * replays another machine's. */
static void collect_map_count(struct fx_snapshot *s, int64_t known)
{
	int64_t count = 0;

	if (known >= 0 && strcmp(fx_cfg.proc_root, "/proc") == 0) {
		set_val(&s->map_count, known);
		return;
	}
	if (fx_proc_lines(s, "/self/maps") < 0)
		return;
	while (fx_lines_next(&s->lines) != NULL)
		count++;
	fx_lines_close(&s->lines);
	set_val(&s->map_count, count);
}

void fx_snapshot_identity(struct fx_snapshot *s)
{
	collect_header(&s->id, s);
	collect_process(&s->id, s, fx_cfg.cmdline ? s->argv : NULL, sizeof(s->argv));
}

void fx_snapshot_identity_bare(struct fx_identity *id)
{
	collect_header(id, NULL);
	collect_process(id, NULL, NULL, 0);
}

void fx_snapshot_collect(struct fx_snapshot *s, int64_t map_count)
{
	uint64_t cap_eff = 0;
	int have_cap = 0;
	/* One pass over mountinfo for both collectors where the process's is
	 * the reader's own: among the dearest files a record reads (some
	 * 50 us of the kernel's time for 20 mounts). */
	int shared = strcmp(fx_cfg.self_dir, "/self") == 0;

	fx_snapshot_identity(s);
	/* Another process (watch, check --pid): its cgroup's counters before
	 * anything else. They change first: a program that failed exits at
	 * once (the Go runtime does), and its threads leave pids.current as
	 * they go while the rest is read (some 0.4 ms, more when preempted:
	 * docs/watch.md, "The counters first"). The collectors after this
	 * read nothing it gives. */
	if (!shared)
		fx_cgroup_collect(s, 0);
	/* First: its mounts say which /proc files LXCFS stands in for. */
	fx_container_collect(s, !shared);
	if (shared)
		fx_cgroup_collect(s, 1);
	collect_pid_space(s);
	collect_status(s, &cap_eff, &have_cap);
	collect_limits(s);
	fx_beancounters_collect(s);
	fx_lve_collect(s);
	decide_nproc_exempt(s, cap_eff, have_cap);
	collect_meminfo(s);
	proc_number(s, "/sys/vm/overcommit_memory", &s->overcommit_memory);
	proc_number(s, "/sys/vm/overcommit_ratio", &s->overcommit_ratio);
	proc_number(s, "/sys/vm/overcommit_kbytes", &s->overcommit_kbytes);
	proc_number(s, "/sys/vm/max_map_count", &s->max_map_count);
	collect_map_count(s, map_count);
	fx_procscan_collect(s);
}
