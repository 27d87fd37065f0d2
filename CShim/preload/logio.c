#include "logio.h"
#include "config.h"
#include "jsonw.h"
#include "num.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define FX_SAY_PARTS 10
/* O_NOFOLLOW: never follow a link planted in /tmp. O_NONBLOCK: a FIFO
 * planted there must not hang the program. */
#define FX_LOG_OPEN_FLAGS (O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)

/* One writev(2), retried only if a signal interrupted it before any byte
 * went out: a second call could interleave with another process. For an
 * O_APPEND regular file the kernel places the whole vector at the end in
 * one step, as it does a write(2). */
static int writev_once(int fd, const struct iovec *iov, int n)
{
	ssize_t want = 0, got;
	int i;

	for (i = 0; i < n; i++)
		want += (ssize_t)iov[i].iov_len;
	do {
		got = writev(fd, iov, n);
	} while (got < 0 && errno == EINTR);
	return got == want ? 0 : -1;
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

/* The process that last said why the log is refused: a forked child says
 * it again, once, for itself. */
static _Atomic int refusal_said;

static void say_refused(const char *a, const char *b, const char *c, const char *d)
{
	int pid = (int)getpid();
	const char *parts[FX_SAY_PARTS] = { "forkexplain: not writing to ",
					    fx_cfg.log_path[0] ? fx_cfg.log_path : "a log",
					    ": ", a, b, c, d, "\n" };

	if (atomic_exchange(&refusal_said, pid) != pid)
		say(parts);
}

/* Only a regular file that the writer's effective uid owns, with exactly
 * one link, may receive a record. Another user's file (root's included)
 * planted at the path would leak the record to that user or let them feed
 * it to root; a second link is a name someone else may have made for a
 * file that is not a log at all (with fs.protected_hardlinks=0, any file
 * root owns), so it is refused even when the file is ours. */
static int acceptable(const struct stat *st)
{
	char num[21], own[21];

	if (!S_ISREG(st->st_mode)) {
		say_refused("it is not a regular file", "", "", "");
		return 0;
	}
	if (st->st_uid != geteuid()) {
		fx_utoa(num, st->st_uid);
		fx_utoa(own, geteuid());
		say_refused("it is owned by uid ", num, ", not ", own);
		return 0;
	}
	if (st->st_nlink != 1) {
		fx_utoa(num, (uint64_t)st->st_nlink);
		say_refused("it has ", num, " links", "");
		return 0;
	}
	return 1;
}

/* Whether the file ends in the middle of a line: a write that did not fit
 * (a full disk), ours or anyone's, left a torn line that would swallow the
 * next record. */
static int ends_torn(int fd, const struct stat *st)
{
	char last;

	return st->st_size > 0 && pread(fd, &last, 1, st->st_size - 1) == 1 && last != '\n';
}

int fx_log_write(const char *line, size_t len)
{
	return fx_log_append(line, len, 0, NULL);
}

int fx_log_append(const char *line, size_t len, size_t mark, struct fx_log_spot *spot)
{
	struct iovec iov[2] = { { "\n", 1 }, { (void *)line, len } };
	struct stat st;
	off_t end;
	int fd, rc, err;

	if (fx_cfg.log_to_stderr) {
		if (spot) {
			errno = ESPIPE;
			return -1;
		}
		return writev_once(2, iov + 1, 1);
	}
	if (!fx_cfg.log_path[0]) {
		if (fx_cfg.log_refused)
			say_refused(fx_cfg.log_refused, "", "", "");
		errno = ENOENT;
		return -1;
	}
	fd = open(fx_cfg.log_path, O_RDWR | FX_LOG_OPEN_FLAGS, 0600);
	/* Read access is for ends_torn() only: a log we may not read is still
	 * written, unchecked. */
	if (fd < 0 && errno == EACCES)
		fd = open(fx_cfg.log_path, O_WRONLY | FX_LOG_OPEN_FLAGS, 0600);
	if (fd < 0) {
		if (errno == ELOOP)
			say_refused("it is a symbolic link", "", "", "");
		return -1;
	}
	if (fstat(fd, &st) < 0 || !acceptable(&st)) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	/* The check and the write are not one step: a writer tearing a line
	 * in between still costs the next record, as before. */
	rc = ends_torn(fd, &st) ? writev_once(fd, iov, 2) : writev_once(fd, iov + 1, 1);
	err = errno;
	/* After an O_APPEND write the descriptor's offset is the end of what
	 * it wrote, whoever appended since. */
	if (rc == 0 && spot) {
		end = lseek(fd, 0, SEEK_CUR);
		spot->dev = (uint64_t)st.st_dev;
		spot->ino = (uint64_t)st.st_ino;
		spot->at = end < 0 ? -1 : (int64_t)(end - (off_t)len + (off_t)mark);
		if (end < 0) {
			rc = -1;
			err = errno;
		}
	}
	close(fd);
	errno = err;
	return rc;
}

int fx_log_raise(const struct fx_log_spot *spot, uint64_t was, uint64_t now)
{
	char old[FX_JSON_U64_WIDTH], seen[FX_JSON_U64_WIDTH], num[FX_JSON_U64_WIDTH];
	struct stat st;
	int fd, rc = -1, err;

	if (fx_cfg.log_to_stderr || !fx_cfg.log_path[0] || spot->at < 0)
		return -1;
	/* No O_APPEND: Linux would put a pwrite(2) at the end of the file. */
	fd = open(fx_cfg.log_path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	fx_num_padded(old, was);
	fx_num_padded(num, now);
	if (fstat(fd, &st) == 0 && (uint64_t)st.st_dev == spot->dev && (uint64_t)st.st_ino == spot->ino &&
	    acceptable(&st) && pread(fd, seen, sizeof(seen), spot->at) == (ssize_t)sizeof(seen) &&
	    memcmp(seen, old, sizeof(old)) == 0 && pwrite(fd, num, sizeof(num), spot->at) == (ssize_t)sizeof(num))
		rc = 0;
	err = errno;
	close(fd);
	errno = err;
	return rc;
}

void fx_log_notice(const char *call, const char *errname, int err)
{
	char num[21];
	const char *parts[FX_SAY_PARTS] = { "forkexplain: ", call, " failed: ", errname ? errname : "errno ",
					    errname ? "" : num, "; snapshot in ",
					    fx_cfg.log_to_stderr ? "stderr" : fx_cfg.log_path,
					    " (forkexplain report)\n" };

	if (!fx_cfg.notify_stderr)
		return;
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
