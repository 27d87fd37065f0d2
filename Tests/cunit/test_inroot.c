/* Files of another root opened as a process chrooted there would open
 * them (docs/kernel-facts.md §11.198): an absolute symlink is that root's,
 * ".." stops at it, and no symlink leads out of it; the same through
 * openat2 and through the walk used where the kernel lacks openat2. A
 * machine whose /var/run is a symlink to /run (Debian, Ubuntu, RHEL) has
 * kubelet's service account mount as a container marker. */
#include "config.h"
#include "container.h"
#include "cunit.h"
#include "inroot.h"
#include "model.h"
#include "snapshot.h"
#include "str.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char top[400];

/* DIR/rel under the tree's top. */
static const char *at(const char *rel)
{
	static char path[600];

	snprintf(path, sizeof(path), "%s%s", top, rel);
	return path;
}

static void put(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");

	CHECK(f != NULL && fputs(text, f) >= 0 && fclose(f) == 0);
}

/* What file reads as inside root (through the walk when walk is set),
 * or "" when it cannot be opened; errno then says why. */
static const char *read_in(const char *root, const char *file, int walk)
{
	static char buf[64];
	ssize_t n;
	int fd;

	buf[0] = '\0';
	if (walk) {
		int rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
		fd = fx_open_in_root_walk(rootfd, file, O_RDONLY | O_CLOEXEC);
		int saved = errno;
		close(rootfd);
		errno = saved;
	} else {
		fd = fx_open_in_root(root, file, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return buf;
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

/* DIR/machine: var/run -> /run, run/secrets/.../serviceaccount, a file
 * outside the machine that its symlinks name, and links that climb. */
static void make_tree(void)
{
	char outside[500];

	snprintf(top, sizeof(top), "%s/inroot", cu_scratch_dir());
	mkdir(top, 0700);
	put("/outside", "outside\n");
	mkdir(at("/machine"), 0700);
	mkdir(at("/machine/proc"), 0700);
	mkdir(at("/machine/var"), 0700);
	mkdir(at("/machine/run"), 0700);
	mkdir(at("/machine/run/secrets"), 0700);
	mkdir(at("/machine/run/secrets/kubernetes.io"), 0700);
	mkdir(at("/machine/run/secrets/kubernetes.io/serviceaccount"), 0700);
	put("/machine/run/secrets/kubernetes.io/serviceaccount/namespace", "default\n");
	put("/machine/etc-hostname", "inside\n");
	CHECK(symlink("/run", at("/machine/var/run")) == 0);
	/* The host's path of the file outside, absolute and climbing. */
	snprintf(outside, sizeof(outside), "%s/outside", top);
	CHECK(symlink(outside, at("/machine/run/absolute-out")) == 0);
	CHECK(symlink("../../../../../../../../../../../../../outside", at("/machine/run/climb-out")) == 0);
	CHECK(symlink("../etc-hostname", at("/machine/run/up-one")) == 0);
	CHECK(symlink("/var/run/up-one", at("/machine/run/chain")) == 0);
	CHECK(symlink("loop-b", at("/machine/run/loop-a")) == 0);
	CHECK(symlink("loop-a", at("/machine/run/loop-b")) == 0);
}

static void both_ways(const char *root)
{
	for (int walk = 0; walk <= 1; walk++) {
		CHECK_STR(read_in(root, "/var/run/secrets/kubernetes.io/serviceaccount/namespace", walk), "default\n");
		CHECK_STR(read_in(root, "/run/up-one", walk), "inside\n");
		CHECK_STR(read_in(root, "/var/run/chain", walk), "inside\n");
		CHECK_STR(read_in(root, "/var/../var/./run/../etc-hostname", walk), "inside\n");
		CHECK_STR(read_in(root, "/../../../etc-hostname", walk), "inside\n");
		/* Out of the root: the name is looked up inside it, not found. */
		CHECK_STR(read_in(root, "/run/absolute-out", walk), "");
		CHECK(errno == ENOENT);
		CHECK_STR(read_in(root, "/run/climb-out", walk), "");
		CHECK(errno == ENOENT);
		CHECK_STR(read_in(root, "/run/loop-a", walk), "");
		CHECK(errno == ELOOP);
		CHECK_STR(read_in(root, "/run/none", walk), "");
		CHECK(errno == ENOENT);
	}
}

void test_inroot(void)
{
	make_tree();
	/* Plain open follows them out: what the reader did before. */
	CHECK(access(at("/machine/run/absolute-out"), F_OK) == 0);
	both_ways(at("/machine"));

	/* The container's marker through its /var/run, which the host's /run
	 * does not have (or the case proves nothing). */
	CHECK(access("/run/secrets/kubernetes.io/serviceaccount", F_OK) != 0);
	static struct fx_snapshot s;
	fx_config_load();
	fx_strlcpy(fx_cfg.proc_root, at("/machine/proc"), sizeof(fx_cfg.proc_root));
	fx_strlcpy(fx_cfg.sys_root, at("/machine/sys"), sizeof(fx_cfg.sys_root));
	memset(&s, 0, sizeof(s));
	fx_snapshot_collect(&s, -1);
	CHECK(s.container.markers == 4);
}

/* A snapshot of another root opens that root once and hands the one
 * descriptor to each of its 5-8 openat2 calls, closed when the snapshot
 * is done; an openat2 that says EAGAIN (a rename or mount raced its "..")
 * is tried again a few times, then the walk opens the file
 * (docs/kernel-facts.md §11.198). The c-unit binary is linked with
 * --wrap=fx_openat2 (Makefile, CUNIT_LDFLAGS): each call passes here, and
 * may be answered EAGAIN. */
int __real_fx_openat2(int dirfd, const char *path, int flags, unsigned long long resolve);
int __wrap_fx_openat2(int dirfd, const char *path, int flags, unsigned long long resolve);

/* eagain: that many calls are answered EAGAIN before the real one; -1,
 * every call. */
static int calls, first_dirfd = -1, other_dirfds, eagain;

int __wrap_fx_openat2(int dirfd, const char *path, int flags, unsigned long long resolve)
{
	if (calls++ == 0)
		first_dirfd = dirfd;
	else if (dirfd != first_dirfd)
		other_dirfds++;
	if (eagain != 0) {
		if (eagain > 0)
			eagain--;
		errno = EAGAIN;
		return -1;
	}
	return __real_fx_openat2(dirfd, path, flags, resolve);
}

static void count_from_zero(void)
{
	calls = other_dirfds = 0;
	first_dirfd = -1;
	cu_path_opens = 0;
}

/* DIR/once: a machine with the podman marker, its .containerenv and
 * systemd's manager file. */
static const char *make_once_machine(void)
{
	static char root[400];
	char path[600];
	FILE *f;

	snprintf(root, sizeof(root), "%s/once", cu_scratch_dir());
	mkdir(root, 0700);
	snprintf(path, sizeof(path), "%s/proc", root);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/run", root);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/run/systemd", root);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/run/systemd/container", root);
	f = fopen(path, "w");
	CHECK(f != NULL && fputs("podman\n", f) >= 0 && fclose(f) == 0);
	snprintf(path, sizeof(path), "%s/run/.containerenv", root);
	f = fopen(path, "w");
	CHECK(f != NULL && fputs("engine=\"podman-5.2.2\"\n", f) >= 0 && fclose(f) == 0);
	return root;
}

/* Whether this kernel (or emulator: qemu-user before 9.0 answers ENOSYS)
 * has openat2 at all; without it the walk opens every file. */
static int have_openat2(void)
{
	int fd = __real_fx_openat2(AT_FDCWD, "/", O_PATH | O_CLOEXEC, 0);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return errno != ENOSYS;
}

static void eagain_retried(const char *root)
{
	/* Raced on all but the last try: openat2 opens it, no walk (where
	 * there is no openat2, the last try's ENOSYS takes the walk). */
	count_from_zero();
	eagain = FX_OPENAT2_TRIES - 1;
	cu_count_path = "container";
	CHECK_STR(read_in(root, "/run/systemd/../systemd/container", 0), "podman\n");
	CHECK(calls == FX_OPENAT2_TRIES);
	CHECK(cu_path_opens == (have_openat2() ? 0 : 1));
	/* Raced on every try: bounded, then the walk opens it. */
	count_from_zero();
	eagain = -1;
	CHECK_STR(read_in(root, "/run/systemd/../systemd/container", 0), "podman\n");
	CHECK(calls == FX_OPENAT2_TRIES);
	CHECK(cu_path_opens == 1);
	/* And a file that is not there is still not there. */
	count_from_zero();
	CHECK_STR(read_in(root, "/run/none", 0), "");
	CHECK(errno == ENOENT);
	eagain = 0;
	cu_count_path = NULL;
}

void test_inroot_once(void)
{
	static struct fx_snapshot s;
	const char *root = make_once_machine();
	char proc[500];

	fx_config_load();
	snprintf(proc, sizeof(proc), "%s/proc", root);
	fx_strlcpy(fx_cfg.proc_root, proc, sizeof(fx_cfg.proc_root));
	memset(&s, 0, sizeof(s));
	count_from_zero();
	cu_count_path = root;
	fx_container_collect(&s, 0);
	cu_count_path = NULL;
	/* 5 markers, .containerenv, the manager's file, PID 1's environ. */
	CHECK(calls == 8);
	CHECK(cu_path_opens == 1);
	CHECK(other_dirfds == 0);
	/* Closed when the snapshot is done: nothing leaks into the program. */
	CHECK(first_dirfd >= 0 && fcntl(first_dirfd, F_GETFD) < 0 && errno == EBADF);
	CHECK(s.container.markers == 2);
	CHECK_STR(s.container.manager, "podman");
	CHECK_STR(s.container.cenv_engine, "podman-5.2.2");
	eagain_retried(root);
}
