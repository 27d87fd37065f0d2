/* Reading /proc and /sys on the failure path: raw open/read/close into
 * caller-supplied buffers, never stdio, never malloc. */
#ifndef FX_FILEIO_H
#define FX_FILEIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Reads up to cap-1 bytes of path into buf and NUL-terminates it.
 * Returns the length, or -1 with errno set. */
ssize_t fx_read_file(const char *path, char *buf, size_t cap);

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
/* Returns the next line without its newline, NUL-terminated in place, or
 * NULL at the end. */
char *fx_lines_next(struct fx_lines *lr);
void fx_lines_close(struct fx_lines *lr);

/* Builds root + suffix into out; returns 0, or -1 if it would not fit. */
int fx_join(char *out, size_t cap, const char *root, const char *suffix);

/* Copies at most cap-1 bytes and NUL-terminates. Returns the bytes copied. */
size_t fx_strlcpy(char *dst, const char *src, size_t cap);

/* Writes v in decimal, NUL-terminated, into out, which holds at least 21
 * bytes. Returns the number of digits. */
size_t fx_utoa(char *out, uint64_t v);

/* Parses a decimal integer at *s, skipping leading blanks; advances *s.
 * Returns 0 on success, -1 if there is no number. */
int fx_parse_i64(const char **s, int64_t *out);

/* "Key:<blanks>value" lookup in a NUL-terminated text: returns a pointer to
 * the value, or NULL. key includes the colon. */
const char *fx_find_key(const char *text, const char *key);

/* Reads one integer from a file such as pids.max; "max" sets *is_max. */
int fx_read_i64(const char *path, int64_t *out, int *is_max);

/* Reads the inode number out of a "pid:[4026531836]" namespace link. */
int fx_read_ns_inode(const char *path, uint64_t *out);

#endif
