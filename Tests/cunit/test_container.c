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

void test_container(void)
{
	podman();
	trusty();
}
