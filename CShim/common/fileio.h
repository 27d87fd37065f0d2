/* Reading /proc and /sys on the failure path: raw open/read/close into
 * caller-supplied buffers, never stdio, never malloc. */
#ifndef FX_FILEIO_H
#define FX_FILEIO_H

#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/types.h>

/* How a file to be read is opened: not a controlling terminal, not kept
 * across the program's exec. */
#define FX_READ_FLAGS (O_RDONLY | O_CLOEXEC | O_NOCTTY)

/* Reads up to cap-1 bytes of path into buf and NUL-terminates it.
 * Returns the length, or -1 with errno set. */
ssize_t fx_read_file(const char *path, char *buf, size_t cap);
/* The same of a file open as fd, which it closes (fd -1: returns -1). */
ssize_t fx_read_fd(int fd, char *buf, size_t cap);
/* The same for a file the kernel renders whole at the first read (a cgroup
 * or sysctl value, a one-record seq_file such as /proc/meminfo or
 * /proc/PID/comm; docs/kernel-facts.md §6.27): a read that returns less
 * than it asked for was the whole file, and no second read looks for the
 * end. Not for files of many records (maps, mountinfo, a tracefs format),
 * whose reads may stop short of the end. */
ssize_t fx_read_value(const char *path, char *buf, size_t cap);
/* The same, path relative to the directory open as dirfd. */
ssize_t fx_read_value_at(int dirfd, const char *path, char *buf, size_t cap);

/* A line reader over one file with a fixed window; lines longer than the
 * window are cut (the rest is skipped), never split. */
struct fx_lines {
	int fd;
	size_t start;
	size_t end;
	int eof;
	int skipping;
	char buf[4096];
};

int fx_lines_open(struct fx_lines *lr, const char *path);
/* The same, path relative to the directory open as dirfd. */
int fx_lines_openat(struct fx_lines *lr, int dirfd, const char *path);
/* Returns the next line without its newline, NUL-terminated in place, or
 * NULL at the end. */
char *fx_lines_next(struct fx_lines *lr);
void fx_lines_close(struct fx_lines *lr);

/* Reads one integer from a file such as pids.max; "max" sets *is_max.
 * Returns 0, or -1 with errno set (EINVAL: no number in it). */
int fx_read_i64(const char *path, int64_t *out, int *is_max);
/* The same, path relative to the directory open as dirfd. */
int fx_read_i64_at(int dirfd, const char *path, int64_t *out, int *is_max);

/* Reads the inode number out of a "pid:[4026531836]" namespace link.
 * Returns 0, or -1 with errno set. */
int fx_read_ns_inode(const char *path, uint64_t *out);
/* The same, path relative to the directory open as dirfd. */
int fx_read_ns_inode_at(int dirfd, const char *path, uint64_t *out);

#endif
