/* Whole snapshots of fixture machines (FORKEXPLAIN_PROC_ROOT=DIR/proc):
 * container identity, the runtimes' bind-mount roots, uid_map, the
 * meminfo of a kernel without MemAvailable, and sources that are absent
 * told apart from sources that are unreadable. */
#include "config.h"
#include "container.h"
#include "cunit.h"
#include "model.h"
#include "record.h"
#include "snapshot.h"
#include "str.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static struct fx_snapshot *snapshot_of(const char *machine)
{
	static struct fx_snapshot s;

	memset(&s, 0, sizeof(s));
	cu_use_machine("machine", machine);
	fx_snapshot_collect(&s, -1);
	return &s;
}

static const char *record_of(const struct fx_snapshot *s)
{
	static char line[32768];

	return fx_record_failure(s, line, sizeof(line)) > 0 ? line : "";
}

/* Whether the record's "key":[...] array holds an entry ending in tail. */
static int listed(const char *record, const char *key, const char *tail)
{
	char want[128];
	const char *start = strstr(record, key), *end, *hit;

	if (!start || !(end = strchr(start, ']')))
		return 0;
	snprintf(want, sizeof(want), "%s\"", tail);
	hit = strstr(start, want);
	return hit && hit < end;
}

static void podman(void)
{
	struct fx_snapshot *s = snapshot_of("podman");
	const struct fx_container *c = &s->container;
	const char *rec;

	CHECK(c->cgroup_ns.have && c->cgroup_ns.v == 4026532656LL);
	CHECK(c->user_ns.have && c->user_ns.v == 4026532650LL);
	CHECK(c->have_uid_map && c->nuid_map == 2);
	CHECK(c->uid_map[0][0] == 0 && c->uid_map[0][1] == 1000 && c->uid_map[0][2] == 1);
	CHECK(c->uid_map[1][0] == 1 && c->uid_map[1][1] == 100000 && c->uid_map[1][2] == 65536);
	CHECK(c->markers == 2); /* /run/.containerenv, no /.dockerenv */
	CHECK_STR(c->bind_roots[0], "/home/dev/.local/share/containers/storage/overlay-containers/"
				    "4d3c2b1a0f9e8d7c6b5a49382716f5e4d3c2b1a0f9e8d7c6b5a49382716f5e4d/userdata/hostname");
	CHECK(strstr(c->bind_roots[2], "/userdata/resolv.conf") != NULL);
	CHECK(c->bind_roots[3][0] == '\0');
	CHECK(!fx_container_initial_user_ns(c));
	/* Root inside a user namespace is not exempt from RLIMIT_NPROC. */
	CHECK(s->nproc_exempt == NULL);
	rec = record_of(s);
	CHECK(strstr(rec, "\"uid_map\":[[0,1000,1],[1,100000,65536]]") != NULL);
	CHECK(strstr(rec, "\"markers\":[\"/run/.containerenv\"]") != NULL);
	/* A --privileged container's .containerenv: its name and image. */
	CHECK_STR(c->cenv_engine, "podman-5.2.2");
	CHECK_STR(c->cenv_name, "web-286");
	CHECK_STR(c->cenv_image, "docker.io/library/nginx:1.27");
	CHECK(strstr(rec, "\"containerenv\":{\"engine\":\"podman-5.2.2\",\"name\":\"web-286\","
			  "\"image\":\"docker.io/library/nginx:1.27\"}") != NULL);
	CHECK(strstr(rec, "\"bind_roots\":{\"/etc/hostname\":\"/home/dev/") != NULL);
	CHECK(strstr(rec, "\"pids_mount\":{\"version\":2,\"mount\":\"/sys/fs/cgroup\",\"root\":\"/\","
			  "\"local_events\":false}") != NULL);
	CHECK(strstr(rec, "\"/dev/termination-log\"") == NULL);
}

/* Ubuntu 14.04's 3.13: no MemAvailable (3.14), no overcommit_kbytes
 * (3.14), no pid_for_children (4.12), no cgroup namespace (4.6). */
static void trusty(void)
{
	struct fx_snapshot *s = snapshot_of("trusty");
	const char *rec;

	CHECK(!s->mem_available.have);
	CHECK(s->mem_total.v == 16431000 && s->mem_free.v == 350000 && s->cached.v == 3100000);
	CHECK(s->buffers.v == 120000 && s->shmem.v == 900000 && s->sreclaimable.v == 180000);
	/* "Cached:" is not read from "SwapCached:". */
	CHECK(s->cached.v != 1200);
	CHECK(s->container.user_ns.v == 4026531837LL && !s->container.cgroup_ns.have);
	CHECK(fx_container_initial_user_ns(&s->container));
	rec = record_of(s);
	CHECK(strstr(rec, "\"mem_available_kb\"") == NULL);
	CHECK(strstr(rec, "\"sreclaimable_kb\":180000") != NULL);
	CHECK(listed(rec, "\"absent\"", "/proc/sys/vm/overcommit_kbytes"));
	CHECK(listed(rec, "\"absent\"", "/proc/self/ns/pid_for_children"));
	CHECK(listed(rec, "\"absent\"", "/proc/self/ns/cgroup"));
	CHECK(!listed(rec, "\"unreadable\"", "/proc/sys/vm/overcommit_kbytes"));
	CHECK(listed(rec, "\"unreadable\"", "/proc/sys/kernel/threads-max"));
	CHECK(!listed(rec, "\"absent\"", "/proc/sys/kernel/threads-max"));
	/* No bind mounts in a fixture without mountinfo: left out, not {}. */
	CHECK(strstr(rec, "\"bind_roots\"") == NULL && strstr(rec, "\"markers\":[]") != NULL);
}

/* A machine of its own, NAME under the scratch directory, whose only
 * file is FILE (below /run or /var/run) holding text, or a directory when
 * text is NULL; the snapshot of it. */
static struct fx_snapshot *machine_with_n(const char *name, const char *file, const char *text, size_t len)
{
	static struct fx_snapshot s;
	char dir[200], path[400], *slash;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", cu_temp_file("manager-anchor", "", 0));
	*strrchr(dir, '/') = '\0';
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/proc", dir, name);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s%s", dir, name, file);
	/* Each parent of FILE, from the machine's root down. */
	for (slash = path + strlen(dir) + strlen(name) + 2; (slash = strchr(slash, '/')) != NULL; slash++) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	if (text) {
		f = fopen(path, "w");
		CHECK(f != NULL && fwrite(text, 1, len, f) == len && fclose(f) == 0);
	} else {
		mkdir(path, 0700);
	}
	fx_config_load();
	snprintf(fx_cfg.proc_root, sizeof(fx_cfg.proc_root), "%s/%s/proc", dir, name);
	snprintf(fx_cfg.sys_root, sizeof(fx_cfg.sys_root), "%s/%s/sys", dir, name);
	memset(&s, 0, sizeof(s));
	fx_snapshot_collect(&s, -1);
	return &s;
}

static struct fx_snapshot *machine_with(const char *name, const char *file, const char *text)
{
	return machine_with_n(name, file, text, text ? strlen(text) : 0);
}

static struct fx_snapshot *with_manager_file(const char *text)
{
	return machine_with("manager", "/run/systemd/container", text);
}

/* /run/.containerenv: engine, name and image of a --privileged podman
 * container, bounded and printable; an unprivileged one's file holds none
 * of them (docs/kernel-facts.md §11.195). */
static void containerenv(void)
{
	struct fx_snapshot *s = machine_with("cenv-plain", "/run/.containerenv", "graphRootMounted=1\n");
	const char *rec = record_of(s);

	CHECK(s->container.markers == 2 && s->container.cenv_name[0] == '\0');
	CHECK(strstr(rec, "\"containerenv\"") == NULL);
	s = machine_with("cenv-odd", "/run/.containerenv",
			 "name=\"a\x01" "b\\\"c\"\nimage=\"" /* 140 bytes of image reference */
			 "registry.example.com/a-very-long-project-name/and-a-longer-repository-name-still/"
			 "with-a-path:and-a-tag-0123456789012345678901234\"\nengine=unquoted\n");
	CHECK_STR(s->container.cenv_name, "a?b");
	CHECK(strlen(s->container.cenv_image) == FX_CENV_IMAGE);
	CHECK(s->container.cenv_engine[0] == '\0');
}

/* container= in PID 1's environ: LXC's with no systemd inside, found
 * past the first chunk read, at an entry's start only, bounded. */
static void init_container(void)
{
	static char env[2200];
	struct fx_snapshot *s;
	size_t n;

	memset(env, 'x', sizeof(env));
	memcpy(env, "HOME=/\0PATH=/bin\0NOTcontainer=docker\0", 38);
	env[1500] = '\0';
	memcpy(env + 1501, "container=lxc\0TERM=linux", 25);
	n = 1501 + 25;
	s = machine_with_n("init-lxc", "/proc/1/environ", env, n);
	CHECK_STR(s->container.init_container, "lxc");
	CHECK(strstr(record_of(s), "\"init_container\":\"lxc\"") != NULL);
	s = machine_with_n("init-none", "/proc/1/environ", "HOME=/\0NOTcontainer=podman\0", 28);
	CHECK(s->container.init_container[0] == '\0' && strstr(record_of(s), "\"init_container\"") == NULL);
	s = machine_with_n("init-long", "/proc/1/environ", "container=a-value-longer-than-32-bytes-by-far\0", 47);
	CHECK_STR(s->container.init_container, "a-value-longer-than-32-bytes-by-");
}

/* kubelet's service account mount, a directory: the third marker. */
static void serviceaccount(void)
{
	struct fx_snapshot *s = machine_with("sa", "/var/run/secrets/kubernetes.io/serviceaccount", NULL);

	CHECK(s->container.markers == 4);
	CHECK(strstr(record_of(s), "\"markers\":[\"/var/run/secrets/kubernetes.io/serviceaccount\"]") != NULL);
}

/* /run/systemd/container: its first line, printable, at most 32 bytes;
 * the file belongs to the container and may hold anything. */
static void manager(void)
{
	struct fx_snapshot *s = with_manager_file("systemd-nspawn\n");

	CHECK_STR(s->container.manager, "systemd-nspawn");
	CHECK(strstr(record_of(s), "\"markers\":[],\"manager\":\"systemd-nspawn\"") != NULL);
	s = with_manager_file("lxc");
	CHECK_STR(s->container.manager, "lxc");
	s = with_manager_file("a-manager-name-longer-than-32-bytes-by-far\n");
	CHECK_STR(s->container.manager, "a-manager-name-longer-than-32-by");
	s = with_manager_file("do\tcker\x01\"\nsecond line\n");
	CHECK_STR(s->container.manager, "do?cker?\"");
	CHECK(strstr(record_of(s), "\"manager\":\"do?cker?\\\"\"") != NULL);
	s = with_manager_file("\n");
	CHECK(strstr(record_of(s), "\"manager\"") == NULL);
	/* No file: no key. */
	CHECK(strstr(record_of(snapshot_of("podman")), "\"manager\"") == NULL);
}

/* The three readers of the container's own words (the manager's file,
 * .containerenv's values, PID 1's container=) map a byte alike: printable
 * ASCII kept, every other byte '?', DEL and the high half included. */
static void printable_alike(void)
{
	static const char odd[] = "a\x01\t\x7f\x80\xffz";
	char text[64];
	struct fx_snapshot *s;

	s = with_manager_file("a\x01\t\x7f\x80\xffz\n");
	CHECK_STR(s->container.manager, "a?????z");
	snprintf(text, sizeof(text), "name=\"%s\"\n", odd);
	s = machine_with("cenv-bytes", "/run/.containerenv", text);
	CHECK_STR(s->container.cenv_name, "a?????z");
	snprintf(text, sizeof(text), "container=%s", odd);
	s = machine_with_n("init-bytes", "/proc/1/environ", text, strlen(text) + 1);
	CHECK_STR(s->container.init_container, "a?????z");
}

/* A systemd unit's SystemCallFilter=: "Seccomp: 2" in its status, recorded
 * as process.seccomp (docs/kernel-facts.md §11.62); a status without the
 * line (before 3.8, or a fixture) records none. */
static void filtered(void)
{
	struct fx_snapshot *s = snapshot_of("filtered");

	CHECK(s->id.seccomp.have && s->id.seccomp.v == 2);
	CHECK(strstr(record_of(s), "\"seccomp\":2") != NULL);
	CHECK(strstr(record_of(snapshot_of("podman")), "\"seccomp\"") == NULL);
}

/* A Nomad docker task in host networking, no `dns` block: docker's own
 * hostname, hosts and resolv.conf, and the allocation's /alloc and the
 * task's /local bound from the client's alloc_dir (docs/kernel-facts.md
 * §11.185); /secrets is a tmpfs whose root says nothing, not recorded. */
static void nomad_docker(void)
{
	struct fx_snapshot *s = snapshot_of("nomad-docker");
	const char *rec = record_of(s);

	CHECK_STR(s->container.bind_roots[4], "/opt/nomad/data/alloc/5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13/alloc");
	CHECK_STR(s->container.bind_roots[5], "/opt/nomad/data/alloc/5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13/web/local");
	CHECK(strstr(rec, "\"/alloc\":\"/opt/nomad/data/alloc/5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13/alloc\"") != NULL);
	CHECK(strstr(rec, "\"/local\":\"/opt/nomad/data/alloc/5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13/web/local\"") !=
	      NULL);
	CHECK(strstr(rec, "\"/etc/hostname\":\"/var/lib/docker/containers/") != NULL);
	CHECK(strstr(rec, "\"/secrets\"") == NULL);
	/* The podman container has neither. */
	CHECK(strstr(record_of(snapshot_of("podman")), "\"/alloc\"") == NULL);
	/* Its root is overlay's "/": every host's, left out with its source. */
	CHECK(s->container.bind_roots[6][0] == '\0' && s->container.root_source[0] == '\0');
	CHECK(strstr(rec, "\"/\":\"") == NULL && strstr(rec, "\"root_source\"") == NULL);
}

/* An LXD container on a ZFS pool: its root is the dataset's /rootfs, the
 * dataset POOL/containers/NAME its source, and LXD's guest API directory
 * is bound at /dev/lxd, a marker (docs/kernel-facts.md §11.200). */
static void lxd_zfs(void)
{
	struct fx_snapshot *s = snapshot_of("lxd-zfs");
	const char *rec = record_of(s);

	CHECK_STR(s->container.bind_roots[6], "/rootfs");
	CHECK_STR(s->container.root_source, "default/containers/web1");
	CHECK(s->container.markers == 8); /* /dev/lxd, no /dev/incus */
	CHECK(strstr(rec, "\"/\":\"/rootfs\"") != NULL);
	CHECK(strstr(rec, "\"markers\":[\"/dev/lxd\"]") != NULL);
	CHECK(strstr(rec, "\"root_source\":\"default/containers/web1\"") != NULL);
}

void test_container(void)
{
	podman();
	nomad_docker();
	lxd_zfs();
	trusty();
	manager();
	containerenv();
	serviceaccount();
	init_container();
	printable_alike();
	filtered();
}
