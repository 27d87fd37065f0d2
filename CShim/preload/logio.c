#include "logio.h"
#include "config.h"
#include "num.h"
#include "str.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all_once(int fd, const char *buf, size_t len)
{
	ssize_t n;

	/* One write, retried only if a signal interrupted it before any byte
	 * went out: a second write could interleave with another process. */
	do {
		n = write(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n == (ssize_t)len ? 0 : -1;
}

int fx_log_write(const char *line, size_t len)
{
	struct stat st;
	int fd, rc;

	if (fx_cfg.log_to_stderr)
		return write_all_once(2, line, len);
	if (!fx_cfg.log_path[0])
		return -1;
	/* O_NOFOLLOW: never follow a link planted in /tmp. O_NONBLOCK: a FIFO
	 * planted there must not hang the program. */
	fd = open(fx_cfg.log_path,
		  O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0600);
	if (fd < 0)
		return -1;
	/* Only a regular file of ours (or root's) may receive the snapshot:
	 * another user's file in /tmp would leak it to them. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (st.st_uid != geteuid() && st.st_uid != 0)) {
		close(fd);
		return -1;
	}
	rc = write_all_once(fd, line, len);
	close(fd);
	return rc;
}

void fx_log_notice(const char *call, const char *errname, int err)
{
	char buf[768];
	char num[21];
	const char *where = fx_cfg.log_to_stderr ? "stderr" : fx_cfg.log_path;
	size_t n;

	if (!fx_cfg.notify_stderr)
		return;
	fx_utoa(num, (uint64_t)(unsigned)err);
	n = fx_strlcpy(buf, "forkexplain: ", sizeof(buf));
	n += fx_strlcpy(buf + n, call, sizeof(buf) - n);
	n += fx_strlcpy(buf + n, " failed: ", sizeof(buf) - n);
	n += fx_strlcpy(buf + n, errname ? errname : "errno ", sizeof(buf) - n);
	if (!errname)
		n += fx_strlcpy(buf + n, num, sizeof(buf) - n);
	n += fx_strlcpy(buf + n, "; snapshot in ", sizeof(buf) - n);
	n += fx_strlcpy(buf + n, where, sizeof(buf) - n);
	n += fx_strlcpy(buf + n, " (forkexplain report)\n", sizeof(buf) - n);
	write_all_once(2, buf, n);
}
