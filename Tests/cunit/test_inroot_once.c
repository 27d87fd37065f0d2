/* A snapshot of another root (a container's through /proc/PID/root, or a
 * fixture machine's) opens that root once and hands the one descriptor
 * to each of its 5-8 openat2 calls, closed when the snapshot is done. The
 * c-unit binary is linked with --wrap=fx_openat2 (Makefile,
 * CUNIT_LDFLAGS): each call passes here. */
#include "config.h"
#include "container.h"
#include "cunit.h"
#include "inroot.h"
#include "model.h"
#include "str.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int __real_fx_openat2(int dirfd, const char *path, int flags, unsigned long long resolve);
int __wrap_fx_openat2(int dirfd, const char *path, int flags, unsigned long long resolve);

static int calls, first_dirfd = -1, other_dirfds;

int __wrap_fx_openat2(int dirfd, const char *path, int flags, unsigned long long resolve)
{
	if (calls++ == 0)
		first_dirfd = dirfd;
	else if (dirfd != first_dirfd)
		other_dirfds++;
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
static const char *make_machine(void)
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

void test_inroot_once(void)
{
	static struct fx_snapshot s;
	const char *root = make_machine();
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
}
