/* openat2(RESOLVE_IN_ROOT) where the kernel has it (5.6); elsewhere a walk
 * of one component at a time that does the same (docs/kernel-facts.md
 * §11.198). Through /proc/PID/root the kernel follows an absolute symlink
 * from the reader's own root: /proc/PID/root/var/run/secrets reads the
 * host's /run/secrets, never the container's. */
#include "inroot.h"
#include "paths.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* include/uapi/linux/openat2.h's resolve bits, spelled out: older
 * headers lack them. */
#define FX_RESOLVE_NO_MAGICLINKS 0x02
#define FX_RESOLVE_IN_ROOT 0x10

/* The kernel's own bound on symlinks in one lookup (MAXSYMLINKS). */
#define FX_MAX_LINKS 40
/* Components looked at in one walk, ".." and links' included: a bound on
 * a path that keeps climbing back, never reached by a real one. */
#define FX_MAX_STEPS 1024

/* Puts head, a '/' and tail into out (tail may be inside out). */
static int put_before(char *out, size_t cap, const char *head, size_t hlen, const char *tail)
{
	size_t tlen = strlen(tail);

	if (hlen + 1 + tlen + 1 > cap)
		return -1;
	memmove(out + hlen + 1, tail, tlen + 1);
	memmove(out, head, hlen);
	out[hlen] = '/';
	return 0;
}

int fx_open_in_root_walk(int rootfd, const char *file, int flags)
{
	char rest[FX_PATH], done[FX_PATH], link[FX_PATH], name[FX_PATH];
	size_t dlen = 0;
	int dir = -1, links = 0, steps = 0, fd = -1;

	if (fx_strlcpy(rest, file, sizeof(rest)) + 1 >= sizeof(rest)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	done[0] = '\0';
	for (;;) {
		char *p = rest, *end;
		size_t len;
		int last;
		ssize_t n;

		while (*p == '/')
			p++;
		end = p + strcspn(p, "/");
		len = (size_t)(end - p);
		last = end[strspn(end, "/")] == '\0';
		if (++steps > FX_MAX_STEPS) {
			errno = ELOOP;
			break;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		memmove(rest, end, strlen(end) + 1);
		if (len == 0 || strcmp(name, ".") == 0) {
			if (len == 0 || last) {
				/* The root itself, or the directory reached: open it as asked. */
				fd = fx_openat(dir >= 0 ? dir : rootfd, ".", flags, 0);
				break;
			}
			continue;
		}
		if (strcmp(name, "..") == 0) {
			/* Walked again from the root to the parent: never above the root. */
			char *slash = strrchr(done, '/');
			dlen = slash ? (size_t)(slash - done) : 0;
			if (put_before(rest, sizeof(rest), done, dlen, rest) < 0)
				goto too_long;
			done[0] = '\0';
			dlen = 0;
			if (dir >= 0)
				fx_close(dir);
			dir = -1;
			continue;
		}
		n = fx_readlinkat(dir >= 0 ? dir : rootfd, name, link, sizeof(link) - 1);
		if (n >= 0) {
			if (++links > FX_MAX_LINKS) {
				errno = ELOOP;
				fd = -1;
				break;
			}
			link[n] = '\0';
			if (link[0] == '/') {
				/* Absolute: from this root, not the reader's. */
				done[0] = '\0';
				dlen = 0;
				if (dir >= 0)
					fx_close(dir);
				dir = -1;
			}
			if (put_before(rest, sizeof(rest), link, (size_t)n, rest) < 0)
				goto too_long;
			continue;
		}
		if (errno != EINVAL) {
			fd = -1;
			break;
		}
		/* No symlink: a link swapped in since fails here, never followed. */
		fd = fx_openat(dir >= 0 ? dir : rootfd, name,
			       last ? flags | O_NOFOLLOW : O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
		if (last || fd < 0)
			break;
		if (dir >= 0)
			fx_close(dir);
		dir = fd;
		if (dlen + 1 + len + 1 > sizeof(done))
			goto too_long;
		done[dlen++] = '/';
		memcpy(done + dlen, name, len + 1);
		dlen += len;
	}
	if (dir >= 0) {
		int saved = errno;
		fx_close(dir);
		errno = saved;
	}
	return fd;
too_long:
	if (dir >= 0)
		fx_close(dir);
	errno = ENAMETOOLONG;
	return -1;
}

int fx_open_in_rootfd(int rootfd, const char *file, int flags)
{
	int fd, tries = 0;

	/* EAGAIN: a rename or a mount anywhere while the lookup went through
	 * "..", which the kernel cannot then tell stayed inside the root; the
	 * caller may retry (openat2(2); docs/kernel-facts.md §11.198). A few
	 * times at once, then the walk, which needs no such check. */
	do
		fd = fx_openat2(rootfd, file, flags, FX_RESOLVE_IN_ROOT | FX_RESOLVE_NO_MAGICLINKS);
	while (fd < 0 && errno == EAGAIN && ++tries < FX_OPENAT2_TRIES);
	/* ENOSYS: before 5.6, or a seccomp filter's answer for a call it does
	 * not know (Docker's before 20.10); EPERM: a filter's other answer. */
	if (fd < 0 && (errno == ENOSYS || errno == EPERM || errno == EAGAIN))
		fd = fx_open_in_root_walk(rootfd, file, flags);
	return fd;
}

int fx_open_in_root(const char *root, const char *file, int flags)
{
	int rootfd, fd, saved;

	rootfd = fx_open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -1;
	fd = fx_open_in_rootfd(rootfd, file, flags);
	saved = errno;
	fx_close(rootfd);
	errno = saved;
	return fd;
}
