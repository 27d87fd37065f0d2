/* One pass over /proc for the counts that decide PID verdicts: tasks of the
 * real uid (what RLIMIT_NPROC compares), tasks in the process's PID
 * namespace and in the one its children enter, the tasks holding PIDs below
 * RESERVED_PIDS, zombies, and the processes holding the most PIDs. Bounded
 * by FORKEXPLAIN_SCAN_MS. Each process is read by common/procentry.c,
 * relative to the one open /proc directory. */
#include "procscan.h"
#include "clock.h"
#include "config.h"
#include "fileio.h"
#include "num.h"
#include "paths.h"
#include "procentry.h"
#include "procread.h"
#include "str.h"
#include "sys.h"

#include <fcntl.h>
#include <linux/nsfs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ZOMBIE_PARENTS 64
/* Processes of the uid kept for a look at their PID namespace once the
 * scan shows its RLIMIT_NPROC reached: a readlink each, paid only then
 * (docs/kernel-facts.md §11.61). A uid with more is not placed; 2 KiB of
 * the failure stack, which stays above 4 times its deepest use
 * (docs/performance.md). */
#define UID_PROCS 256
/* The initial PID namespace's inode is a constant (PROC_PID_INIT_INO). */
#define INIT_PID_NS 4026531836ULL
/* kernel/pid.c: below it, numbers are handed out only before the
 * allocator's cursor first passes it (docs/kernel-facts.md §6.17). */
#define RESERVED_PIDS 300

struct zombie_parent {
	int ppid;
	int64_t count;
};

struct uid_proc {
	int pid;
	int threads;
};

struct scan {
	struct fx_snapshot *s;
	struct fx_proc_reader rd;
	int count_ns;
	int count_children_ns;
	int count_host_low;
	int saw_nspid;
	int ns_level;	/* index of the process's own number in NSpid: lists */
	int count_uid_elsewhere;
	int64_t uid_tasks, ns_tasks, children_ns_tasks;
	int64_t host_low_tasks, ns_low_tasks;
	int nzp;
	struct zombie_parent zp[ZOMBIE_PARENTS];
	int nuid_procs, uid_procs_lost;
	struct uid_proc uid_procs[UID_PROCS];
};

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* "PID/file" (or "PID") relative to /proc. */
static int pid_file(char *out, size_t cap, int64_t pid, const char *file)
{
	size_t n = fx_utoa(out, (uint64_t)pid);

	return *file ? fx_join(out + n, cap - n, "/", file) : 0;
}

/* Whether a thread of pid, other than its leader, holds a number below
 * RESERVED_PIDS: in the namespace /proc shows (its directory name, level
 * -1) or in the one at NSpid index level. */
static int low_thread(const struct scan *sc, int pid, int64_t tid, int level)
{
	char path[64], name[24];
	struct fx_proc_entry t;

	if (tid == pid)
		return 0;
	if (level < 0)
		return tid < RESERVED_PIDS;
	name[0] = '/';
	fx_utoa(name + 1, (uint64_t)tid);
	if (pid_file(path, sizeof(path), pid, "task") < 0 || fx_join(path, sizeof(path), path, name) < 0 ||
	    fx_join(path, sizeof(path), path, "/status") < 0 ||
	    fx_proc_entry_status(&sc->rd, path, (int)tid, level, &t) < 0)
		return 0;
	return t.level_pid >= 0 && t.level_pid < RESERVED_PIDS;
}

/* The tasks of a process whose leader holds a number below RESERVED_PIDS
 * that hold one too. Only such a process can have a thread below it: a
 * leader made after the cursor passed 300 has a number above, and so has
 * every thread made after it. */
static int64_t low_tasks(const struct scan *sc, const struct fx_proc_entry *e, int level)
{
	struct fx_snapshot *s = sc->s;
	char path[64];
	int64_t count = 1;
	int fd;

	if (e->threads <= 1 || pid_file(path, sizeof(path), e->pid, "task") < 0)
		return count;
	fd = fx_openat(sc->rd.dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0)
		return count;
	for (;;) {
		long n = syscall(SYS_getdents64, fd, s->task_scratch, sizeof(s->task_scratch));
		long off = 0;
		if (n <= 0)
			break;
		while (off < n) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(s->task_scratch + off);
			const char *name = d->d_name;
			int64_t tid;
			off += d->d_reclen;
			if (name[0] < '1' || name[0] > '9' || fx_parse_i64(&name, &tid) < 0 || *name)
				continue;
			count += low_thread(sc, e->pid, tid, level);
		}
	}
	fx_close(fd);
	return count;
}

static void insert_holder(struct fx_snapshot *s, const struct fx_proc_entry *e, int64_t zombies)
{
	int64_t score = e->threads + zombies;
	int i, pos;

	for (i = 0; i < s->nholders; i++)
		if (s->holders[i].pid == e->pid)
			return;
	pos = s->nholders;
	while (pos > 0 && s->holders[pos - 1].threads + s->holders[pos - 1].zombies < score)
		pos--;
	if (pos >= FX_TOP)
		return;
	if (s->nholders < FX_TOP)
		s->nholders++;
	for (i = s->nholders - 1; i > pos; i--)
		s->holders[i] = s->holders[i - 1];
	s->holders[pos].pid = e->pid;
	s->holders[pos].uid = e->uid;
	s->holders[pos].threads = e->threads;
	s->holders[pos].zombies = zombies;
	fx_strlcpy(s->holders[pos].comm, e->comm, sizeof(s->holders[pos].comm));
}

static void note_zombie(struct scan *sc, int ppid)
{
	int i;

	for (i = 0; i < sc->nzp; i++) {
		if (sc->zp[i].ppid == ppid) {
			sc->zp[i].count++;
			return;
		}
	}
	if (sc->nzp < ZOMBIE_PARENTS) {
		sc->zp[sc->nzp].ppid = ppid;
		sc->zp[sc->nzp].count = 1;
		sc->nzp++;
	}
}

static int64_t zombies_of(const struct scan *sc, int pid)
{
	int i;

	for (i = 0; i < sc->nzp; i++)
		if (sc->zp[i].ppid == pid)
			return sc->zp[i].count;
	return 0;
}

/* Whether the PID namespace behind ns_path lies `up` levels below the one
 * with inode target: NS_GET_PARENT (4.9+) walks up. */
static int descends_from(int dirfd, const char *ns_path, int up, uint64_t target)
{
	struct stat st;
	int fd = fx_openat(dirfd, ns_path, O_RDONLY | O_CLOEXEC, 0), parent, found = 0;

	while (fd >= 0 && up-- > 0) {
		parent = fx_ioctl(fd, NS_GET_PARENT, 0);
		fx_close(fd);
		fd = parent;
	}
	if (fd >= 0) {
		found = fx_fstat(fd, &st) == 0 && (uint64_t)st.st_ino == target;
		fx_close(fd);
	}
	return found;
}

/* A task holds a number in the process's PID namespace when it lives
 * there or in a namespace nested below it (kernel/pid.c alloc_pid() takes
 * one at every level): such a task shows more NSpid numbers than the
 * process, and its namespace has the process's as an ancestor. */
static int in_pid_ns(const struct scan *sc, const struct fx_proc_entry *e, const char *ns_path, uint64_t ns)
{
	if ((int64_t)ns == sc->s->pid_ns.v)
		return 1;
	if (sc->ns_level < 0 || e->nspid_count <= sc->ns_level + 1)
		return 0;
	return descends_from(sc->rd.dirfd, ns_path, e->nspid_count - 1 - sc->ns_level, (uint64_t)sc->s->pid_ns.v);
}

/* name is pid's directory under /proc. */
static void visit(struct scan *sc, const char *name, int pid)
{
	struct fx_snapshot *s = sc->s;
	struct fx_proc_entry e;
	char path[64];
	uint64_t ns;
	int same_uid;

	/* NSpid is read (from status) only to place tasks in a nested
	 * namespace. */
	if (fx_proc_entry_read(&sc->rd, name, pid, sc->count_ns ? sc->ns_level : -1, &e) < 0)
		return;	/* exited while we looked */
	s->top_processes++;
	if (sc->count_host_low && pid < RESERVED_PIDS)
		sc->host_low_tasks += low_tasks(sc, &e, -1);
	same_uid = e.uid == s->id.uid;
	if (same_uid)
		sc->uid_tasks += e.threads;
	if (same_uid && sc->count_uid_elsewhere) {
		if (sc->nuid_procs < UID_PROCS) {
			sc->uid_procs[sc->nuid_procs].pid = pid;
			sc->uid_procs[sc->nuid_procs++].threads = (int)e.threads;
		} else {
			sc->uid_procs_lost = 1;
		}
	}
	if (e.state == 'Z') {
		s->top_zombies++;
		note_zombie(sc, e.ppid);
	}
	if ((sc->count_ns || sc->count_children_ns) &&
	    pid_file(path, sizeof(path), pid, "ns/pid") == 0 && fx_read_ns_inode_at(sc->rd.dirfd, path, &ns) == 0) {
		if (sc->count_ns && in_pid_ns(sc, &e, path, ns)) {
			sc->ns_tasks += e.threads;
			sc->saw_nspid |= e.level_pid >= 0;
			if (e.level_pid >= 0 && e.level_pid < RESERVED_PIDS)
				sc->ns_low_tasks += low_tasks(sc, &e, sc->ns_level);
		}
		/* A zombie init still shows in a namespace that is dead. */
		if (sc->count_children_ns && (int64_t)ns == s->pid_for_children_ns.v && e.state != 'Z')
			sc->children_ns_tasks += e.threads;
	}
	insert_holder(s, &e, 0);
}

/* Zombies hold PIDs for the parent that does not reap them: credit them to
 * it, fetching parents that were not among the top holders. */
static void credit_zombies(struct scan *sc)
{
	struct fx_snapshot *s = sc->s;
	int i, j;

	for (i = 0; i < s->nholders; i++)
		s->holders[i].zombies = zombies_of(sc, s->holders[i].pid);
	for (i = 0; i < s->nholders; i++) {
		for (j = i; j > 0 && s->holders[j - 1].threads + s->holders[j - 1].zombies <
					   s->holders[j].threads + s->holders[j].zombies; j--) {
			struct fx_holder t = s->holders[j];
			s->holders[j] = s->holders[j - 1];
			s->holders[j - 1] = t;
		}
	}
	for (i = 0; i < sc->nzp; i++) {
		struct fx_proc_entry e;
		char name[24];
		fx_utoa(name, (uint64_t)(unsigned)sc->zp[i].ppid);
		if (fx_proc_entry_read(&sc->rd, name, sc->zp[i].ppid, -1, &e) == 0)
			insert_holder(s, &e, sc->zp[i].count);
	}
}

/* Of the uid's tasks, those whose PID namespace is not the process's:
 * looked at only once they reach its RLIMIT_NPROC, when they may be what
 * refused (a process that exited since is passed over). */
static void place_uid_tasks(struct scan *sc)
{
	struct fx_snapshot *s = sc->s;
	int64_t elsewhere = 0;
	char path[64];
	uint64_t ns;
	int i;

	if (!sc->count_uid_elsewhere || sc->uid_procs_lost || sc->uid_tasks < s->nproc.soft.v)
		return;
	for (i = 0; i < sc->nuid_procs; i++) {
		if (pid_file(path, sizeof(path), sc->uid_procs[i].pid, "ns/pid") == 0 &&
		    fx_read_ns_inode_at(sc->rd.dirfd, path, &ns) == 0 && (int64_t)ns != s->pid_ns.v)
			elsewhere += sc->uid_procs[i].threads;
	}
	s->uid_tasks_other_pidns.v = elsewhere;
	s->uid_tasks_other_pidns.have = 1;
}

/* Whether the numbers of this /proc are the initial namespace's:
 * "thread-self" (3.17+) resolves only for a reader that has a number in
 * the mount's namespace, and names the reader's own namespace (PID 1's ns
 * link may be closed to us; "self" would be the checked process's,
 * fx_proc_path). A fixture tree replays another machine, whose low PIDs it
 * does not list. */
static int proc_is_initial_ns(void)
{
	char path[FX_PATH];
	uint64_t ns;

	return strcmp(fx_cfg.proc_root, "/proc") == 0 && fx_proc_path(path, sizeof(path), "/thread-self/ns/pid") == 0 &&
	       fx_read_ns_inode(path, &ns) == 0 && ns == INIT_PID_NS;
}

void fx_procscan_collect(struct fx_snapshot *s)
{
	struct scan sc;
	char *buf = s->scratch;
	int64_t deadline = fx_monotonic_ns() + fx_cfg.scan_budget_ns;
	int fd, seen = 0;

	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.count_ns = s->pid_ns.have && (uint64_t)s->pid_ns.v != INIT_PID_NS;
	sc.count_children_ns = s->pid_for_children_ns.have && s->pid_ns.have &&
			       s->pid_for_children_ns.v != s->pid_ns.v;
	sc.count_host_low = proc_is_initial_ns();
	sc.ns_level = s->nspid_count - 1;
	/* Only a finite RLIMIT_NPROC that binds this process makes the
	 * uid's tasks elsewhere worth a look (place_uid_tasks). */
	sc.count_uid_elsewhere = s->pid_ns.have && s->nproc.soft.have && !s->nproc.soft.is_max && !s->nproc_exempt;
	s->top_complete = 1;
	fd = fx_open(fx_cfg.proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fx_note_unreadable(s, fx_cfg.proc_root);
		s->top_complete = 0;
		return;
	}
	sc.rd.dirfd = fd;
	sc.rd.live = strcmp(fx_cfg.proc_root, "/proc") == 0;
	sc.rd.lines = &s->lines;
	/* Free while an entry is read: low_tasks() lists task/ into it only
	 * after. */
	sc.rd.buf = s->task_scratch;
	sc.rd.cap = sizeof(s->task_scratch);
	/* 6 KiB takes some 180 entries a call; a call costs less than
	 * reading one process's stat. */
	for (;;) {
		long n = syscall(SYS_getdents64, fd, buf, sizeof(s->scratch));
		long off = 0;
		if (n <= 0)
			break;
		while (off < n) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			const char *name = d->d_name;
			int64_t pid;
			off += d->d_reclen;
			if (name[0] < '1' || name[0] > '9' || fx_parse_i64(&name, &pid) < 0 || *name)
				continue;
			visit(&sc, d->d_name, (int)pid);
			if (++seen % 32 == 0 && fx_monotonic_ns() > deadline) {
				s->top_complete = 0;
				goto out;
			}
		}
	}
out:
	credit_zombies(&sc);
	/* Partial counts would read as headroom that is not there. */
	if (s->top_complete)
		place_uid_tasks(&sc);
	fx_close(fd);
	if (!s->top_complete)
		return;
	s->uid_tasks.v = sc.uid_tasks;
	s->uid_tasks.have = 1;
	if (sc.count_ns) {
		s->ns_tasks.v = sc.ns_tasks;
		s->ns_tasks.have = 1;
		/* Without NSpid (before 4.1) nothing could be placed. */
		if (sc.saw_nspid) {
			s->ns_low_tasks.v = sc.ns_low_tasks;
			s->ns_low_tasks.have = 1;
		}
	}
	if (sc.count_host_low) {
		s->host_low_tasks.v = sc.host_low_tasks;
		s->host_low_tasks.have = 1;
	}
	if (sc.count_children_ns) {
		s->children_ns_tasks.v = sc.children_ns_tasks;
		s->children_ns_tasks.have = 1;
	}
}
