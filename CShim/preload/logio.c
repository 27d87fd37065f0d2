#include "logio.h"
#include "config.h"
#include "jsonw.h"
#include "errname.h"
#include "logname.h"
#include "num.h"
#include "paths.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define FX_SAY_PARTS 12
/* O_NOFOLLOW: never follow a link planted in /tmp. O_NONBLOCK: a FIFO
 * planted there must not hang the program. */
#define FX_LOG_OPEN_FLAGS (O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)

/* Why a log is refused, as words for one stderr line. */
struct why {
	const char *part[4];
	char num[2][21];
};

/* One fx_writev(2), retried only if a signal interrupted it before any byte
 * went out: a second call could interleave with another process. For an
 * O_APPEND regular file the kernel places the whole vector at the end in
 * one step, as it does a fx_write(2). */
static ssize_t writev_got(int fd, const struct iovec *iov, int n)
{
	ssize_t got;

	do {
		got = fx_writev(fd, iov, n);
	} while (got < 0 && errno == EINTR);
	return got;
}

static ssize_t iov_bytes(const struct iovec *iov, int n)
{
	ssize_t want = 0;
	int i;

	for (i = 0; i < n; i++)
		want += (ssize_t)iov[i].iov_len;
	return want;
}

static int writev_once(int fd, const struct iovec *iov, int n)
{
	return writev_got(fd, iov, n) == iov_bytes(iov, n) ? 0 : -1;
}

/* Whether a write of a line (ending in '\n') that got bytes out put the
 * whole record in the file. One that a full disk cut short by its '\n'
 * alone did: the next line's leading '\n' ends it (ends_torn()) and
 * readers count it, so it must not be counted again. */
static int line_written(ssize_t got, ssize_t want)
{
	return got == want || (got > 0 && got == want - 1);
}

/* One line on stderr from up to FX_SAY_PARTS strings (NULL ends the list
 * early), gathered by writev: no buffer on the caller's stack. */
static void say(const char *const parts[FX_SAY_PARTS])
{
	struct iovec iov[FX_SAY_PARTS];
	int n;

	for (n = 0; n < FX_SAY_PARTS && parts[n]; n++) {
		iov[n].iov_base = (void *)parts[n];
		iov[n].iov_len = strlen(parts[n]);
	}
	writev_once(2, iov, n);
}

static void because(struct why *w, const char *a, const char *b, const char *c, const char *d)
{
	w->part[0] = a;
	w->part[1] = b;
	w->part[2] = c;
	w->part[3] = d;
}

/* The process that last said why the log is refused, and the one that
 * last said where it writes instead: a forked child says each again,
 * once, for itself. */
static _Atomic int refusal_said, fallback_said;

static void say_refused(const char *path, const struct why *w)
{
	int pid = (int)fx_getpid();
	const char *parts[FX_SAY_PARTS] = { "forkexplain: not writing to ", path[0] ? path : "a log", ": ",
					    w->part[0], w->part[1], w->part[2], w->part[3], "\n" };

	if (atomic_exchange(&refusal_said, pid) != pid)
		say(parts);
}

/* Only a regular file that the writer's effective uid owns, with exactly
 * one link, may receive a record. Another user's file (root's included)
 * planted at the path would leak the record to that user or let them feed
 * it to root; a second link is a name someone else may have made for a
 * file that is not a log at all (with fs.protected_hardlinks=0, any file
 * root owns), so it is refused even when the file is ours. */
static int acceptable(const struct stat *st, struct why *w)
{
	if (S_ISLNK(st->st_mode)) {
		because(w, "it is a symbolic link", "", "", "");
		return 0;
	}
	if (S_ISDIR(st->st_mode)) {
		because(w, "it is a directory (a per-node log directory is named with a final '/')", "", "", "");
		return 0;
	}
	if (!S_ISREG(st->st_mode)) {
		because(w, "it is not a regular file", "", "", "");
		return 0;
	}
	if (st->st_uid != fx_geteuid()) {
		fx_utoa(w->num[0], st->st_uid);
		fx_utoa(w->num[1], fx_geteuid());
		because(w, "it is owned by uid ", w->num[0], ", not ", w->num[1]);
		return 0;
	}
	if (st->st_nlink != 1) {
		fx_utoa(w->num[0], (uint64_t)st->st_nlink);
		because(w, "it has ", w->num[0], " links", "");
		return 0;
	}
	return 1;
}

/* A per-node directory is shared by every uid of the node: only its owner
 * (root, or the writer itself) and the sticky bit keep one user from
 * removing or renaming another's file and putting their own in its place
 * (docs/design.md, "Per-node log directory"). Its last component is not
 * followed: a link could be turned elsewhere between two records. */
static int open_dir(const char *dir, struct why *w)
{
	struct stat st;
	int dfd = fx_open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (dfd < 0) {
		/* A missing directory or a full fd table is said at the end,
		 * with its count, as for a single file. */
		if ((errno == ELOOP || errno == ENOTDIR) && fx_lstat(dir, &st) == 0)
			because(w, S_ISLNK(st.st_mode) ? "the directory is a symbolic link" : "it is not a directory",
				"", "", "");
		return -1;
	}
	if (fx_fstat(dfd, &st) < 0) {
		because(w, "the directory cannot be read", "", "", "");
	} else if (st.st_uid != 0 && st.st_uid != fx_geteuid()) {
		fx_utoa(w->num[0], st.st_uid);
		because(w, "the directory is owned by uid ", w->num[0], ", not root or the writer", "");
	} else if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX)) {
		because(w, "the directory is writable by other users and not sticky (chmod 1777, as /tmp)", "", "", "");
	} else {
		return dfd;
	}
	fx_close(dfd);
	return -1;
}

/* Opens name in dfd, created by this writer (O_EXCL: never a file someone
 * else put there first) or, when it exists, without creating. Read access
 * is for ends_torn() only: a log we may not read is still written,
 * unchecked. */
static int open_log(int dfd, const char *name, struct why *w)
{
	struct stat st;
	int fd = fx_openat(dfd, name, O_RDWR | O_CREAT | O_EXCL | FX_LOG_OPEN_FLAGS, 0600);

	if (fd < 0 && errno == EEXIST)
		fd = fx_openat(dfd, name, O_RDWR | FX_LOG_OPEN_FLAGS, 0);
	if (fd < 0 && errno == EACCES)
		fd = fx_openat(dfd, name, O_WRONLY | FX_LOG_OPEN_FLAGS, 0);
	if (fd < 0) {
		int err = errno;

		/* Who owns what is there says more than EACCES. A log that
		 * cannot be opened for any other reason (no such directory, the
		 * fd table full) is said at the end, with the count of what it
		 * cost (fx_log_unrecorded). */
		if (fx_fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			acceptable(&st, w);
		errno = err;
		return -1;
	}
	if (fx_fstat(fd, &st) < 0 || !acceptable(&st, w)) {
		fx_close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

/* Whether the file ends in the middle of a line: a write that did not fit
 * (a full disk), ours or anyone's, left a torn line that would swallow the
 * next record. */
static int ends_torn(int fd)
{
	struct stat st;
	char last;

	return fx_fstat(fd, &st) == 0 && st.st_size > 0 && fx_pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n';
}

/* The log this process writes now: the template expanded again when its
 * name varies, and in a per-node directory the writer's own file. */
static int current_path(char path[FX_PATH])
{
	size_t len;

	if (!fx_cfg.log_varies)
		fx_strlcpy(path, fx_cfg.log_path, FX_PATH);
	else if (fx_log_name_expand(path, FX_PATH, fx_cfg.log_template, (int)fx_getpid(), (unsigned)fx_geteuid(),
				    fx_cfg.host) < 0)
		return -1;
	len = strlen(path);
	if (fx_log_name_is_dir(path))
		return fx_log_dir_file(path + len, FX_PATH - len, "", (unsigned)fx_geteuid());
	return 0;
}

/* Appends the line to path (the file in a per-node directory when
 * in_dir); fills w when the log is refused, and spot, if asked, with where
 * line[mark] landed. */
static int append(char *path, int in_dir, const char *line, size_t len, struct why *w, size_t mark,
		  struct fx_log_spot *spot)
{
	struct iovec iov[2] = { { "\n", 1 }, { (void *)line, len } };
	char *slash = strrchr(path, '/');
	struct stat st;
	off_t end;
	ssize_t got, want;
	int dfd = AT_FDCWD, fd, rc, err, torn;

	if (in_dir && slash) {
		/* The directory without its last '/', which would follow a
		 * link there. */
		*slash = '\0';
		dfd = open_dir(slash == path ? "/" : path, w);
		*slash = '/';
		if (dfd < 0) {
			errno = EPERM;
			return -1;
		}
	}
	fd = open_log(dfd, dfd == AT_FDCWD ? path : slash + 1, w);
	err = errno;
	if (dfd != AT_FDCWD)
		fx_close(dfd);
	if (fd < 0) {
		errno = err;
		return -1;
	}
	/* The check and the write are not one step: a writer tearing a line
	 * in between still costs the next record, as before. */
	torn = ends_torn(fd);
	want = iov_bytes(iov + !torn, 1 + torn);
	got = writev_got(fd, iov + !torn, 1 + torn);
	rc = line_written(got, want) ? 0 : -1;
	err = got >= 0 && rc < 0 ? ENOSPC : errno;
	/* After an O_APPEND write the descriptor's offset is the end of what
	 * it wrote, whoever appended since (docs/kernel-facts.md §6.22). */
	if (rc == 0 && spot) {
		end = fx_lseek(fd, 0, SEEK_CUR);
		if (end < 0 || fx_fstat(fd, &st) < 0) {
			rc = -1;
			err = errno;
		} else {
			spot->dev = (uint64_t)st.st_dev;
			spot->ino = (uint64_t)st.st_ino;
			spot->at = (int64_t)(end - (off_t)got + (off_t)torn + (off_t)mark);
		}
	}
	fx_close(fd);
	errno = err;
	return rc;
}

/* A process that changed its effective uid since the shim was loaded (a
 * daemon dropping root) may no longer open the log it was given: its
 * records then go to the default log of its new uid, and it says so once
 * (docs/log-format.md, "A process that changed uid"). */
static int append_fallback(const char *refused, const char *line, size_t len)
{
	char path[FX_PATH], from[21], to[21];
	unsigned euid = (unsigned)fx_geteuid();
	struct why w;
	int pid = (int)fx_getpid();

	if (!fx_cfg.log_explicit || euid == fx_cfg.load_euid ||
	    fx_log_name_expand(path, sizeof(path), FX_LOG_DEFAULT, pid, euid, fx_cfg.host) < 0 ||
	    strcmp(path, refused) == 0 || append(path, 0, line, len, &w, 0, NULL) < 0)
		return -1;
	if (atomic_exchange(&fallback_said, pid) != pid) {
		const char *parts[FX_SAY_PARTS] = { "forkexplain: writing to ", path, " instead: the process changed its uid from ",
						    from, " to ", to, "\n" };

		fx_utoa(from, fx_cfg.load_euid);
		fx_utoa(to, euid);
		say(parts);
	}
	return 0;
}

int fx_log_write(const char *line, size_t len)
{
	return fx_log_append(line, len, 0, NULL);
}

int fx_log_append(const char *line, size_t len, size_t mark, struct fx_log_spot *spot)
{
	struct iovec iov = { (void *)line, len };
	char path[FX_PATH];
	struct why w;
	int err;

	if (fx_cfg.log_to_stderr) {
		if (spot) {
			errno = ESPIPE;
			return -1;
		}
		return writev_once(2, &iov, 1);
	}
	if (!fx_cfg.log_path[0]) {
		because(&w, fx_cfg.log_refused ? fx_cfg.log_refused : "no log is named", "", "", "");
		say_refused("", &w);
		errno = ENOENT;
		return -1;
	}
	if (current_path(path) < 0) {
		because(&w, "FORKEXPLAIN_LOG is longer than 511 bytes once expanded", "", "", "");
		say_refused(fx_cfg.log_template, &w);
		errno = ENAMETOOLONG;
		return -1;
	}
	because(&w, "", "", "", "");
	if (append(path, fx_log_name_is_dir(fx_cfg.log_path), line, len, &w, mark, spot) == 0)
		return 0;
	err = errno;
	if (w.part[0][0])
		say_refused(path, &w);
	/* A line to be raised in place is not moved to the fallback log: it
	 * would be found missing at every raise and written again. */
	if (!spot && append_fallback(path, line, len) == 0)
		return 0;
	errno = err;
	return -1;
}

int fx_log_spot_raisable(const struct fx_log_spot *spot)
{
	return spot->at >= 0 && spot->at / 4096 == (spot->at + FX_JSON_U64_WIDTH - 1) / 4096;
}

int fx_log_raise(const struct fx_log_spot *spot, uint64_t was, uint64_t now)
{
	char old[FX_JSON_U64_WIDTH], seen[FX_JSON_U64_WIDTH], num[FX_JSON_U64_WIDTH], path[FX_PATH];
	struct stat st;
	struct why w;
	int fd, rc = -1, err;

	if (fx_cfg.log_to_stderr || !fx_cfg.log_path[0] || spot->at < 0 || current_path(path) < 0)
		return -1;
	/* No O_APPEND: Linux would put a fx_pwrite(2) at the end of the file. */
	fd = fx_open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	fx_num_padded(old, was);
	fx_num_padded(num, now);
	if (fx_fstat(fd, &st) == 0 && (uint64_t)st.st_dev == spot->dev && (uint64_t)st.st_ino == spot->ino &&
	    acceptable(&st, &w) && fx_pread(fd, seen, sizeof(seen), spot->at) == (ssize_t)sizeof(seen) &&
	    memcmp(seen, old, sizeof(old)) == 0 && fx_pwrite(fd, num, sizeof(num), spot->at) == (ssize_t)sizeof(num))
		rc = 0;
	err = errno;
	fx_close(fd);
	errno = err;
	return rc;
}

void fx_log_notice(const char *call, const char *errname, int err)
{
	char num[21], path[FX_PATH];
	const char *parts[FX_SAY_PARTS] = { "forkexplain: ", call, " failed: ", errname ? errname : "errno ",
					    errname ? "" : num, "; snapshot in ",
					    fx_cfg.log_to_stderr ? "stderr" : path,
					    " (forkexplain report)\n" };

	if (!fx_cfg.notify_stderr)
		return;
	if (current_path(path) < 0)
		fx_strlcpy(path, fx_cfg.log_path, sizeof(path));
	fx_utoa(num, (uint64_t)(unsigned)err);
	say(parts);
}

void fx_log_unrecorded(const char *call, const char *errname, uint64_t count)
{
	char num[21];
	const char *parts[FX_SAY_PARTS] = { "forkexplain: cannot write ",
					    fx_cfg.log_to_stderr ? "stderr" : fx_cfg.log_path[0] ? fx_cfg.log_path : "a log",
					    ": ", call, " failures not recorded: ", num, " (",
					    errname ? errname : "errno", ")\n" };

	fx_utoa(num, count);
	say(parts);
}

void fx_log_held(const char *call, const char *errname, const char *log_errname, uint64_t waiting)
{
	char num[21];
	const char *parts[FX_SAY_PARTS] = { "forkexplain: cannot write ",
					    fx_cfg.log_path[0] ? fx_cfg.log_path : "a log",
					    " (", log_errname ? log_errname : "errno", "): ", call, " failure held (",
					    errname ? errname : "errno", "), ", num, " waiting\n" };

	fx_utoa(num, waiting);
	say(parts);
}

void fx_log_held_left(uint64_t waiting)
{
	char num[21];
	const char *parts[FX_SAY_PARTS] = { "forkexplain: cannot write ",
					    fx_cfg.log_path[0] ? fx_cfg.log_path : "a log",
					    ": ", num, " failures still held at this process's end, "
					    "for the next writer of its tree (lost if none is left)\n" };

	fx_utoa(num, waiting);
	say(parts);
}
