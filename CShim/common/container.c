/* Container identity, uninterpreted: what the reader needs to tell a
 * level shown as "/" inside a cgroup namespace from the real root, and
 * which runtime owns the container (docs/kernel-facts.md §6.15). */
#include "container.h"
#include "config.h"
#include "fileio.h"
#include "inroot.h"
#include "mountinfo.h"
#include "num.h"
#include "paths.h"
#include "procread.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* /alloc and /local: Nomad's docker driver binds the allocation's shared
 * directory and the task's own over them in every container it starts
 * (docs/kernel-facts.md §11.185), whatever its networking. "/": an LXC
 * container's root is its rootfs directory, LXCPATH/NAME/rootfs or LXD's
 * and Incus's .../containers/NAME/rootfs (§11.200). */
const char *const fx_bind_points[FX_BIND_ROOTS] = {
	"/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/dev/termination-log", "/alloc", "/local", "/",
};

/* LXCFS mounts its FUSE files over these, computed from the container's
 * cgroups (docs/kernel-facts.md §11.2). */
const char *const fx_lxcfs_files[FX_LXCFS_FILES] = {
	"/proc/loadavg", "/proc/meminfo", "/proc/stat", "/proc/uptime", "/proc/swaps", "/proc/cpuinfo",
	"/proc/diskstats",
};

/* docker writes /.dockerenv, podman /run/.containerenv; kubelet mounts a
 * pod's service account token at the third unless the pod sets
 * automountServiceAccountToken: false (docs/kernel-facts.md §11.195).
 * LXD binds its guest API directory at /dev/lxd, Incus at /dev/incus,
 * each onto a directory the mount creates in the container's own /dev
 * (§11.200): a bit each, where a root would cost the record area a page. */
const char *const fx_container_markers[FX_MARKERS] = {
	"/.dockerenv", "/run/.containerenv", "/var/run/secrets/kubernetes.io/serviceaccount", "/dev/lxd", "/dev/incus",
};

/* A byte of the container's files as the record may carry it: printable
 * ASCII as it is, anything else '?'. The files are the container's and may
 * say anything; the record is one JSON line that a terminal may print. */
static char printable(char ch)
{
	return ch < 0x20 || ch > 0x7e ? '?' : ch;
}

/* "         0       1000          1\n" lines (kernel/user_namespace.c
 * uid_m_show); at most FX_UID_MAP of them, as the kernel's own limit of
 * 340 extents is never near in practice. */
static void read_uid_map(struct fx_snapshot *s)
{
	struct fx_container *c = &s->container;
	char *line;

	if (fx_proc_lines(s, "/self/uid_map") < 0)
		return;
	c->have_uid_map = 1;
	while ((line = fx_lines_next(&s->lines)) != NULL && c->nuid_map < FX_UID_MAP) {
		const char *p = line;
		int64_t *e = c->uid_map[c->nuid_map];
		if (fx_parse_i64(&p, &e[0]) == 0 && fx_parse_i64(&p, &e[1]) == 0 && fx_parse_i64(&p, &e[2]) == 0)
			c->nuid_map++;
	}
	fx_lines_close(&s->lines);
}

/* The root the process sees "/" as, opened once a snapshot (O_PATH) and
 * handed to each of its 5-8 opens. kind 0: the reader's own "/"; 1:
 * another, at fd (another process's through /proc/PID/root, or a fixture
 * machine's: FORKEXPLAIN_PROC_ROOT=DIR/proc puts it at DIR); -1: none to
 * look at. No malloc, no lock: the failure path builds it. */
struct seen_root {
	int kind;
	int fd;
};

static void open_root(struct seen_root *r)
{
	char path[FX_PATH];
	size_t n = strlen(fx_cfg.proc_root);

	r->kind = -1;
	r->fd = -1;
	if (strcmp(fx_cfg.proc_root, "/proc") == 0) {
		if (strcmp(fx_cfg.self_dir, "/self") == 0) {
			r->kind = 0;
			return;
		}
		if (fx_proc_path(path, sizeof(path), "/self/root") < 0)
			return;
	} else {
		if (n < 5 || strcmp(fx_cfg.proc_root + n - 5, "/proc") != 0 || n - 5 >= sizeof(path))
			return;
		memcpy(path, fx_cfg.proc_root, n - 5);
		path[n - 5] = '\0';
	}
	r->fd = fx_openat(AT_FDCWD, path, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	if (r->fd >= 0)
		r->kind = 1;
}

static void close_root(struct seen_root *r)
{
	if (r->fd >= 0)
		fx_close(r->fd);
	r->fd = -1;
}

/* Opens file as the process sees it: in another root, its symlinks are
 * that root's (/var/run -> /run is the container's /run, not the
 * reader's: docs/kernel-facts.md §11.198). */
static int open_in_root(const struct seen_root *r, const char *file, int flags)
{
	switch (r->kind) {
	case 0:
		return fx_open(file, flags);
	case 1:
		return fx_open_in_rootfd(r->fd, file, flags);
	default:
		errno = ENOENT;
		return -1;
	}
}

/* Whether file is there as the process sees it: in the shim's own root
 * one access(2), as ever; in another, an O_PATH open of it there. */
static int exists_in_root(const struct seen_root *r, const char *file)
{
	int fd;

	if (r->kind == 0)
		return fx_access(file, F_OK) == 0;
	if ((fd = open_in_root(r, file, O_PATH | O_CLOEXEC)) < 0)
		return 0;
	fx_close(fd);
	return 1;
}

static void read_markers(struct fx_snapshot *s, const struct seen_root *r)
{
	unsigned i;

	for (i = 0; i < FX_MARKERS; i++)
		if (exists_in_root(r, fx_container_markers[i]))
			s->container.markers |= 1u << i;
}

/* systemd's container interface: the manager that made the container
 * (systemd-nspawn, lxc, docker, podman, ...) writes its name to
 * /run/systemd/container. Only the first line, printable bytes, bounded:
 * the file is the container's and may say anything. */
static void read_manager(struct fx_snapshot *s, const struct seen_root *r)
{
	char *m = s->container.manager;
	size_t i;

	m[0] = '\0';
	if (fx_read_fd(open_in_root(r, "/run/systemd/container", FX_READ_FLAGS), m, sizeof(s->container.manager)) < 0) {
		m[0] = '\0';
		return;
	}
	for (i = 0; m[i]; i++) {
		if (m[i] == '\n') {
			m[i] = '\0';
			break;
		}
		m[i] = printable(m[i]);
	}
}

/* The value of `key="value"` (Go's %q) at line, printable bytes only and
 * at most cap-1 of them; a backslash ends it (podman's names and image
 * references never hold one). */
static void cenv_value(const char *line, const char *key, char *out, size_t cap)
{
	size_t k = strlen(key), n = 0;
	const char *p;

	if (strncmp(line, key, k) != 0 || line[k] != '=' || line[k + 1] != '"')
		return;
	for (p = line + k + 2; *p && *p != '"' && *p != '\\' && *p != '\n' && n + 1 < cap; p++)
		out[n++] = printable(*p);
	out[n] = '\0';
}

/* podman's /run/.containerenv: `engine="podman-5.2.2"`, `name="web"`,
 * `image="docker.io/library/nginx:latest"`, one a line, written only for a
 * --privileged container (libpod makePlatformBindMounts; empty or
 * `graphRootMounted=1` otherwise); buildah's RUN writes them always. One
 * bounded read of the head of a small file: the container's, so it may
 * say anything. */
static void read_containerenv(struct fx_snapshot *s, const struct seen_root *r)
{
	struct fx_container *c = &s->container;
	char buf[512];
	char *line, *next;

	c->cenv_engine[0] = c->cenv_name[0] = c->cenv_image[0] = '\0';
	if (!(c->markers & 2u) || fx_read_fd(open_in_root(r, "/run/.containerenv", FX_READ_FLAGS), buf, sizeof(buf)) <= 0)
		return;
	for (line = buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		cenv_value(line, "engine", c->cenv_engine, sizeof(c->cenv_engine));
		cenv_value(line, "name", c->cenv_name, sizeof(c->cenv_name));
		cenv_value(line, "image", c->cenv_image, sizeof(c->cenv_image));
	}
}

/* container= in the environment of PID 1 of the process's PID namespace
 * (its /proc, through open_in_root): LXC, podman and systemd-nspawn set it
 * for the container's first process, with or without systemd inside
 * (docs/kernel-facts.md §11.195). Readable only to whom may ptrace-read
 * PID 1 (root of the container, mostly). Read in chunks of the buffer,
 * at most FX_ENVIRON_MAX bytes; an entry is matched at its start only. */
#define FX_ENVIRON_MAX 16384
static void read_init_container(struct fx_snapshot *s, const struct seen_root *r)
{
	static const char key[] = "container=";
	char *out = s->container.init_container;
	char buf[512];
	size_t total = 0, k = 0, n = 0;
	int fd, at_start = 1, copying = 0;
	ssize_t got;

	out[0] = '\0';
	if ((fd = open_in_root(r, "/proc/1/environ", O_RDONLY | O_CLOEXEC)) < 0)
		return;
	while (total < FX_ENVIRON_MAX && (got = fx_read(fd, buf, sizeof(buf))) > 0) {
		total += (size_t)got;
		for (ssize_t i = 0; i < got; i++) {
			char ch = buf[i];
			if (ch == '\0') {
				if (copying)
					goto done;
				at_start = 1;
				k = 0;
				continue;
			}
			if (copying) {
				if (n < FX_MANAGER)
					out[n++] = printable(ch);
			} else if (at_start && ch == key[k]) {
				if (++k == sizeof(key) - 1)
					copying = 1;
			} else {
				at_start = 0;
			}
		}
	}
done:
	out[n] = '\0';
	fx_close(fd);
}

void fx_container_mount(struct fx_snapshot *s, const struct fx_mount *m)
{
	int i;

	/* The last mount on a point is the one in effect. A root of "/" at
	 * "/" is every host's and says nothing: left out, as is its source. */
	for (i = 0; i < FX_BIND_ROOTS; i++) {
		if (strcmp(m->point, fx_bind_points[i]) != 0)
			continue;
		if (strcmp(m->point, "/") == 0) {
			int whole = strcmp(m->root, "/") == 0;
			fx_strlcpy(s->container.bind_roots[i], whole ? "" : m->root, sizeof(s->container.bind_roots[i]));
			fx_strlcpy(s->container.root_source, whole ? "" : m->source, sizeof(s->container.root_source));
			continue;
		}
		fx_strlcpy(s->container.bind_roots[i], m->root, sizeof(s->container.bind_roots[i]));
	}
	for (i = 0; i < FX_LXCFS_FILES; i++) {
		if (strcmp(m->point, fx_lxcfs_files[i]) != 0)
			continue;
		if (strcmp(m->fstype, "fuse.lxcfs") == 0)
			s->container.lxcfs |= 1u << i;
		else
			s->container.lxcfs &= ~(1u << i);
	}
}

static void read_bind_roots(struct fx_snapshot *s)
{
	char *line;

	if (fx_proc_lines(s, "/self/mountinfo") < 0)
		return;
	s->container.have_mountinfo = 1;
	while ((line = fx_lines_next(&s->lines)) != NULL) {
		struct fx_mount m;

		if (fx_mountinfo_split(line, &m) == 0)
			fx_container_mount(s, &m);
	}
	fx_lines_close(&s->lines);
}

void fx_container_collect(struct fx_snapshot *s, int mounts)
{
	struct seen_root root;

	fx_proc_ns_inode(s, "/self/ns/cgroup", &s->container.cgroup_ns);
	fx_proc_ns_inode(s, "/self/ns/user", &s->container.user_ns);
	read_uid_map(s);
	open_root(&root);
	read_markers(s, &root);
	read_containerenv(s, &root);
	read_manager(s, &root);
	read_init_container(s, &root);
	close_root(&root);
	if (mounts)
		read_bind_roots(s);
}

int fx_container_initial_user_ns(const struct fx_container *c)
{
	/* Kernels without user namespaces have no uid_map: all is initial. */
	if (!c->have_uid_map)
		return 1;
	return c->nuid_map == 1 && c->uid_map[0][0] == 0 && c->uid_map[0][1] == 0 &&
	       c->uid_map[0][2] == 4294967295LL;
}
