/* One process of the /proc scan. /proc/PID/stat gives parent, state,
 * threads and name for about half of what the kernel spends rendering
 * status (no memory, signal, capability or CPU-list lines), but no uid.
 * The owner of /proc/PID is the effective uid; RLIMIT_NPROC counts the
 * real one, and status, which has it, is read only where the two may
 * differ (docs/kernel-facts.md §6.24). Every open is relative to the
 * scan's directory: no path is built from the root for each process. */
#include "procentry.h"
#include "fileio.h"
#include "num.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* include/linux/sched.h: a kernel thread (2.6.27+). */
#define PF_KTHREAD 0x00200000

/* name + "/" + file into out; names come from getdents, at most 255. */
static int entry_path(char *out, size_t cap, const char *name, const char *file)
{
	size_t n = strlen(name), f = strlen(file);

	if (n + 1 + f + 1 > cap)
		return -1;
	memcpy(out, name, n);
	out[n] = '/';
	memcpy(out + n + 1, file, f + 1);
	return 0;
}

static void entry_reset(struct fx_proc_entry *e, int pid)
{
	memset(e, 0, sizeof(*e));
	e->pid = pid;
	e->threads = 1;
	e->level_pid = -1;
}

int fx_proc_entry_status(const struct fx_proc_reader *r, const char *path, int pid, int level,
			 struct fx_proc_entry *e)
{
	struct fx_lines *lr = r->lines;
	char *line;
	int need = 6;

	entry_reset(e, pid);
	if (fx_lines_openat(lr, r->dirfd, path) < 0)
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
		} else if (strncmp(line, "NSpid:", 6) == 0) {
			/* Absent before 4.1: then need never reaches 0. */
			p = line + 6;
			while (fx_parse_i64(&p, &v) == 0)
				if (e->nspid_count++ == level)
					e->level_pid = v;
			need--;
		}
	}
	fx_lines_close(lr);
	return 0;
}

int fx_proc_stat_parse(const char *text, struct fx_proc_entry *e, int *kthread)
{
	/* "PID (comm) S ppid ...": comm may hold spaces and parentheses, so
	 * it ends at the last ')'. */
	const char *open = strchr(text, '('), *close = strrchr(text, ')'), *p;
	int64_t v, flags = 0;
	size_t len;
	int field;

	if (!open || !close || close < open || close[1] != ' ' || !close[2])
		return -1;
	len = (size_t)(close - open - 1);
	if (len >= sizeof(e->comm))
		len = sizeof(e->comm) - 1;
	memcpy(e->comm, open + 1, len);
	e->comm[len] = '\0';
	e->state = close[2];
	p = close + 3;
	/* Fields 4 (ppid) to 20 (num_threads) are all numbers (proc(5)). */
	for (field = 4; field <= 20; field++) {
		if (fx_parse_i64(&p, &v) < 0)
			return -1;
		if (field == 4)
			e->ppid = (int)v;
		else if (field == 9)
			flags = v;
		else if (field == 20)
			e->threads = v;
	}
	*kthread = (flags & PF_KTHREAD) != 0;
	return 0;
}

/* stat into e; on the live /proc, of a process that is no kernel thread
 * (whose uid is 0 whatever its files say: on a quiet host most entries),
 * *euid is the owner of /proc/PID and *owner that of its stat file, asked
 * for only where the first is not root: an effective uid of 0 reads 0 from
 * both (docs/kernel-facts.md §6.24), and most of a host's processes are
 * root's. Returns 0, -1 when unreadable, and -1 with errno ENOENT when
 * there is no stat file (the process is gone, or a fixture tree has only
 * status). */
static int read_stat(const struct fx_proc_reader *r, const char *name, struct fx_proc_entry *e, int *kthread,
		     unsigned *euid, unsigned *owner)
{
	char path[300];
	struct stat st;
	ssize_t n;
	int fd, bad;

	if (entry_path(path, sizeof(path), name, "stat") < 0)
		return -1;
	fd = fx_openat(r->dirfd, path, FX_READ_FLAGS, 0);
	if (fd < 0)
		return -1;
	/* The line is read whole: one read of a seq_file gives all of it. */
	do
		n = fx_read(fd, r->buf, r->cap - 1);
	while (n < 0 && errno == EINTR);
	bad = n <= 0;
	if (!bad) {
		r->buf[n] = '\0';
		bad = fx_proc_stat_parse(r->buf, e, kthread) < 0;
	}
	*euid = *owner = 0;
	if (!bad && r->live && !*kthread) {
		if (fx_fstatat(r->dirfd, name, &st, 0) < 0)
			bad = 1;
		else
			*euid = *owner = (unsigned)st.st_uid;
		if (!bad && *euid != 0) {
			if (fx_fstat(fd, &st) < 0)
				bad = 1;
			else
				*owner = (unsigned)st.st_uid;
		}
	}
	fx_close(fd);
	if (bad) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* The real uid from status, for a process whose stat has been read. */
static int status_uid(const struct fx_proc_reader *r, const char *name, int pid, unsigned *uid)
{
	struct fx_proc_entry t;
	char path[300];

	if (entry_path(path, sizeof(path), name, "status") < 0 ||
	    fx_proc_entry_status(r, path, pid, -1, &t) < 0)
		return -1;
	*uid = t.uid;
	return 0;
}

int fx_proc_entry_read(const struct fx_proc_reader *r, const char *name, int pid, int level,
		       struct fx_proc_entry *e)
{
	char path[300];
	unsigned euid, owner;
	int kthread = 0;

	entry_reset(e, pid);
	/* Status is the fallback: NSpid is there alone, and a fixture tree
	 * may have no stat files. */
	if (level >= 0 || read_stat(r, name, e, &kthread, &euid, &owner) < 0) {
		if (level < 0 && errno != ENOENT)
			return -1;
		return entry_path(path, sizeof(path), name, "status") < 0 ? -1 :
		       fx_proc_entry_status(r, path, pid, level, e);
	}
	if (kthread)
		return 0;	/* uid 0 */
	/* A fixture's files belong to whoever checked it out. */
	if (!r->live)
		return status_uid(r, name, pid, &e->uid) < 0 ? -1 : 0;
	/* /proc/PID is the effective uid's, always; stat is too unless the
	 * process is not dumpable or has no memory (a zombie), when it is
	 * root's. Being dumpable means its uids have not changed since its
	 * last exec, nor since it set itself dumpable again: its real uid is
	 * the effective one. */
	e->uid = euid;
	if (owner != e->uid && status_uid(r, name, pid, &e->uid) < 0)
		return -1;
	return 0;
}
