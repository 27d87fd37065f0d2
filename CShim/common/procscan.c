/* One pass over /proc for the counts that decide PID verdicts: tasks of the
 * real uid (what RLIMIT_NPROC compares), tasks in the process's PID
 * namespace and in the one its children enter, zombies, and the processes
 * holding the most PIDs. Bounded by FORKEXPLAIN_SCAN_MS. */
#include "procscan.h"
#include "clock.h"
#include "config.h"
#include "fileio.h"
#include "num.h"
#include "paths.h"
#include "procread.h"
#include "str.h"

#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ZOMBIE_PARENTS 64
/* The initial PID namespace's inode is a constant (PROC_PID_INIT_INO). */
#define INIT_PID_NS 4026531836ULL

struct proc_entry {
	int pid;
	int ppid;
	unsigned uid;
	int64_t threads;
	char state;
	char comm[32];
};

struct zombie_parent {
	int ppid;
	int64_t count;
};

struct scan {
	struct fx_snapshot *s;
	int count_ns;
	int count_children_ns;
	int64_t uid_tasks, ns_tasks, children_ns_tasks;
	int nzp;
	struct zombie_parent zp[ZOMBIE_PARENTS];
};

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int pid_dir(char *out, size_t cap, int pid, const char *file)
{
	char suffix[64];

	suffix[0] = '/';
	fx_utoa(suffix + 1, (uint64_t)(unsigned)pid);
	if (fx_join(suffix, sizeof(suffix), suffix, file) < 0)
		return -1;
	return fx_proc_path(out, cap, suffix);
}

/* The line reader is the snapshot's: the failure path keeps big buffers
 * off the stack of whatever thread failed. "PID/status" is opened relative
 * to the scan's open /proc (proc_fd): a path from the root walked "/" and
 * "proc" again for each of the host's processes. */
static int read_entry(struct fx_lines *lr, int proc_fd, int pid, struct proc_entry *e)
{
	char name[32];
	char *line;
	int need = 5;

	memset(e, 0, sizeof(*e));
	e->pid = pid;
	e->threads = 1;
	fx_utoa(name, (uint64_t)(unsigned)pid);
	if (fx_join(name, sizeof(name), name, "/status") < 0 || fx_lines_openat(lr, proc_fd, name) < 0)
		return -1;
	while (need > 0 && (line = fx_lines_next(lr)) != NULL) {
		const char *p;
		int64_t v;

		if (strncmp(line, "Name:", 5) == 0) {
			p = line + 5;
			while (*p == ' ' || *p == '\t')
				p++;
			fx_strlcpy(e->comm, p, sizeof(e->comm));
			need--;
		} else if (strncmp(line, "State:", 6) == 0) {
			p = line + 6;
			while (*p == ' ' || *p == '\t')
				p++;
			e->state = *p;
			need--;
		} else if (strncmp(line, "PPid:", 5) == 0) {
			p = line + 5;
			if (fx_parse_i64(&p, &v) == 0)
				e->ppid = (int)v;
			need--;
		} else if (strncmp(line, "Uid:", 4) == 0) {
			p = line + 4;
			if (fx_parse_i64(&p, &v) == 0)
				e->uid = (unsigned)v;
			need--;
		} else if (strncmp(line, "Threads:", 8) == 0) {
			p = line + 8;
			if (fx_parse_i64(&p, &v) == 0)
				e->threads = v;
			need--;
		}
	}
	fx_lines_close(lr);
	return 0;
}

static void insert_holder(struct fx_snapshot *s, const struct proc_entry *e, int64_t zombies)
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

static void visit(struct scan *sc, int proc_fd, int pid)
{
	struct fx_snapshot *s = sc->s;
	struct proc_entry e;
	char path[FX_PATH];
	uint64_t ns;

	if (read_entry(&s->lines, proc_fd, pid, &e) < 0)
		return;	/* exited while we looked */
	s->top_processes++;
	if (e.uid == s->uid)
		sc->uid_tasks += e.threads;
	if (e.state == 'Z') {
		s->top_zombies++;
		note_zombie(sc, e.ppid);
	}
	if ((sc->count_ns || sc->count_children_ns) &&
	    pid_dir(path, sizeof(path), pid, "/ns/pid") == 0 && fx_read_ns_inode(path, &ns) == 0) {
		if (sc->count_ns && (int64_t)ns == s->pid_ns.v)
			sc->ns_tasks += e.threads;
		/* A zombie init still shows in a namespace that is dead. */
		if (sc->count_children_ns && (int64_t)ns == s->pid_for_children_ns.v && e.state != 'Z')
			sc->children_ns_tasks += e.threads;
	}
	insert_holder(s, &e, 0);
}

/* Zombies hold PIDs for the parent that does not reap them: credit them to
 * it, fetching parents that were not among the top holders. */
static void credit_zombies(struct scan *sc, int proc_fd)
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
		struct proc_entry e;
		if (read_entry(&s->lines, proc_fd, sc->zp[i].ppid, &e) == 0)
			insert_holder(s, &e, sc->zp[i].count);
	}
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
	s->top_complete = 1;
	fd = open(fx_cfg.proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fx_note_unreadable(s, fx_cfg.proc_root);
		s->top_complete = 0;
		return;
	}
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
			visit(&sc, fd, (int)pid);
			if (++seen % 32 == 0 && fx_monotonic_ns() > deadline) {
				s->top_complete = 0;
				goto out;
			}
		}
	}
out:
	credit_zombies(&sc, fd);
	close(fd);
	/* Partial counts would read as headroom that is not there. */
	if (!s->top_complete)
		return;
	s->uid_tasks.v = sc.uid_tasks;
	s->uid_tasks.have = 1;
	if (sc.count_ns) {
		s->ns_tasks.v = sc.ns_tasks;
		s->ns_tasks.have = 1;
	}
	if (sc.count_children_ns) {
		s->children_ns_tasks.v = sc.children_ns_tasks;
		s->children_ns_tasks.have = 1;
	}
}
