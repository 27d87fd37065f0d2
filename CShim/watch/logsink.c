#include "logsink.h"
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

int fx_sink_open(struct fx_sink *k, const char *path, long max_bytes)
{
	char dir[512];
	char *slash;

	memset(k, 0, sizeof(*k));
	k->fd = -1;
	k->max_bytes = max_bytes;
	if (strcmp(path, "-") == 0) {
		k->to_stderr = 1;
		return 0;
	}
	if (fx_strlcpy(k->path, path, sizeof(k->path)) >= sizeof(k->path) - 1) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fx_strlcpy(dir, path, sizeof(dir));
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
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
