#include "fileio.h"
#include "num.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Reads up to cap-1 bytes of fd and closes it; with `whole`, stops after
 * the first read that returned less than it asked for. */
static ssize_t read_fd(int fd, char *buf, size_t cap, int whole)
{
	size_t len = 0;

	if (fd < 0)
		return -1;
	if (cap == 0) {
		fx_close(fd);
		return -1;
	}
	while (len < cap - 1) {
		size_t want = cap - 1 - len;
		ssize_t n = fx_read(fd, buf + len, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			fx_close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (whole && (size_t)n < want)
			break;
	}
	fx_close(fd);
	buf[len] = '\0';
	return (ssize_t)len;
}

static ssize_t read_path(int dirfd, const char *path, char *buf, size_t cap, int whole)
{
	if (cap == 0)
		return -1;
	return read_fd(fx_openat(dirfd, path, FX_READ_FLAGS, 0), buf, cap, whole);
}

ssize_t fx_read_fd(int fd, char *buf, size_t cap)
{
	return read_fd(fd, buf, cap, 0);
}

ssize_t fx_read_file(const char *path, char *buf, size_t cap)
{
	return read_path(AT_FDCWD, path, buf, cap, 0);
}

ssize_t fx_read_value(const char *path, char *buf, size_t cap)
{
	return read_path(AT_FDCWD, path, buf, cap, 1);
}

ssize_t fx_read_value_at(int dirfd, const char *path, char *buf, size_t cap)
{
	return read_path(dirfd, path, buf, cap, 1);
}

int fx_lines_openat(struct fx_lines *lr, int dirfd, const char *path)
{
	lr->start = 0;
	lr->end = 0;
	lr->eof = 0;
	lr->skipping = 0;
	lr->fd = fx_openat(dirfd, path, FX_READ_FLAGS, 0);
	return lr->fd < 0 ? -1 : 0;
}

int fx_lines_open(struct fx_lines *lr, const char *path)
{
	return fx_lines_openat(lr, AT_FDCWD, path);
}

/* Refills the window after moving the unread tail to its front. */
static void fill(struct fx_lines *lr)
{
	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
		lr->end -= lr->start;
		lr->start = 0;
	}
	while (!lr->eof && lr->end < sizeof(lr->buf) - 1) {
		ssize_t n = fx_read(lr->fd, lr->buf + lr->end, sizeof(lr->buf) - 1 - lr->end);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			lr->eof = 1;
			break;
		}
		lr->end += (size_t)n;
		if (memchr(lr->buf + lr->end - (size_t)n, '\n', (size_t)n))
			break;
	}
}

char *fx_lines_next(struct fx_lines *lr)
{
	if (lr->fd < 0)
		return NULL;
	for (;;) {
		char *line = lr->buf + lr->start;
		char *nl = memchr(line, '\n', lr->end - lr->start);

		if (nl) {
			lr->start = (size_t)(nl - lr->buf) + 1;
			if (lr->skipping) {
				lr->skipping = 0;
				continue;
			}
			*nl = '\0';
			return line;
		}
		if (lr->eof) {
			if (lr->start == lr->end || lr->skipping)
				return NULL;
			lr->buf[lr->end] = '\0';
			lr->start = lr->end;
			return line;
		}
		if (lr->start == 0 && lr->end == sizeof(lr->buf) - 1) {
			/* A full window and no newline: hand out its head once and
			 * drop the rest of that line. */
			lr->start = lr->end;
			if (lr->skipping)
				continue;
			lr->buf[lr->end] = '\0';
			lr->skipping = 1;
			return line;
		}
		fill(lr);
	}
}

void fx_lines_close(struct fx_lines *lr)
{
	if (lr->fd >= 0)
		fx_close(lr->fd);
	lr->fd = -1;
}

int fx_read_i64(const char *path, int64_t *out, int *is_max)
{
	return fx_read_i64_at(AT_FDCWD, path, out, is_max);
}

int fx_read_i64_at(int dirfd, const char *path, int64_t *out, int *is_max)
{
	char buf[64];
	const char *p = buf;

	*is_max = 0;
	if (fx_read_value_at(dirfd, path, buf, sizeof(buf)) < 0)
		return -1;
	if (strncmp(buf, "max", 3) == 0) {
		*is_max = 1;
		*out = 0;
		return 0;
	}
	if (fx_parse_i64(&p, out) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int fx_read_ns_inode(const char *path, uint64_t *out)
{
	return fx_read_ns_inode_at(AT_FDCWD, path, out);
}

int fx_read_ns_inode_at(int dirfd, const char *path, uint64_t *out)
{
	char buf[64];
	ssize_t n = fx_readlinkat(dirfd, path, buf, sizeof(buf) - 1);
	const char *p;
	int64_t v;

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strchr(buf, '[');
	if (p)
		p++;
	if (!p || fx_parse_i64(&p, &v) < 0 || v < 0) {
		errno = EINVAL;
		return -1;
	}
	*out = (uint64_t)v;
	return 0;
}
