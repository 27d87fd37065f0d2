#include "logsink.h"
#include "logname.h"
#include "str.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int open_log(const char *path)
{
	/* As the shim opens it (docs/log-format.md): never through a link. */
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0640);
}

/* A per-node directory named to watch is the shims' too: sticky and open
 * to every uid, as /tmp (docs/log-format.md, "Per-node directory"). One
 * root owns (made by watch, by a hostPath volume, by systemd) is given
 * that mode; one another user owns is refused, as the shim refuses it. */
static int node_dir(const char *dir)
{
	struct stat st;

	mkdir(dir, 01777);
	if (lstat(dir, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode) && st.st_uid == 0 && (st.st_mode & 07777) != 01777) {
		if (chmod(dir, 01777) < 0)
			return -1;
		fprintf(stderr, "forkexplain watch: %s is the node's log directory: mode 1777, as /tmp\n", dir);
		return 0;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != 0) {
		fprintf(stderr, "forkexplain watch: %s is not a safe log directory: it must be a directory owned "
				"by root\n", dir);
		errno = EPERM;
		return -1;
	}
	return 0;
}

int fx_sink_open(struct fx_sink *k, const char *path, long max_bytes)
{
	char dir[512], host[FX_HOST_NAME];
	char *slash;

	memset(k, 0, sizeof(*k));
	k->fd = -1;
	k->max_bytes = max_bytes;
	if (strcmp(path, "-") == 0) {
		k->to_stderr = 1;
		return 0;
	}
	/* The shim's %p %u %h, for a log named per host on shared storage. */
	fx_log_host(host);
	if (fx_log_name_expand(dir, sizeof(dir), path, (int)getpid(), (unsigned)geteuid(), host) < 0 ||
	    fx_join(k->path, sizeof(k->path), dir, fx_log_name_is_dir(dir) ? FX_WATCH_LOG_NAME : "") < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	slash = strrchr(dir, '/');
	if (slash && slash[1] == '\0') {
		*slash = '\0';
		if (dir[0] && node_dir(dir) < 0)
			return -1;
	} else if (slash && slash != dir) {
		*slash = '\0';
		mkdir(dir, 0750);
	}
	k->fd = open_log(k->path);
	return k->fd < 0 ? -1 : 0;
}

static void rotate(struct fx_sink *k)
{
	char old[520];

	if (fx_join(old, sizeof(old), k->path, ".1") < 0)
		return;
	if (rename(k->path, old) == 0) {
		close(k->fd);
		k->fd = open_log(k->path);
	}
}

int fx_sink_write(struct fx_sink *k, const char *line, size_t len)
{
	struct stat st;
	ssize_t n;
	int fd = k->to_stderr ? 2 : k->fd;

	if (!k->to_stderr && k->max_bytes > 0 && fstat(k->fd, &st) == 0 &&
	    st.st_size + (off_t)len > (off_t)k->max_bytes)
		rotate(k);
	fd = k->to_stderr ? 2 : k->fd;
	do {
		n = write(fd, line, len);
	} while (n < 0 && errno == EINTR);
	if (n != (ssize_t)len) {
		k->failed++;
		return -1;
	}
	return 0;
}

void fx_sink_close(struct fx_sink *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
}
