/* /proc/self/cgroup and /proc/self/mountinfo parsing, over fixture trees
 * standing in for /proc and /sys (as FORKEXPLAIN_PROC_ROOT and
 * FORKEXPLAIN_SYS_ROOT do): v1, v2, hybrid, two container views, v1 kmem
 * and v2's .local counters. */
#include "cgroup.h"
#include "config.h"
#include "cunit.h"
#include "model.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct fx_snapshot *collect(const char *machine)
{
	static struct fx_snapshot s;

	memset(&s, 0, sizeof(s));
	cu_use_machine("cgroup", machine);
	fx_cgroup_collect(&s, 0);
	return &s;
}

static const char *level_path(const struct fx_cg_hierarchy *h, int i)
{
	static char out[FX_PATH];

	if (i >= h->nlevels || fx_cgroup_level_path(h, &h->levels[i], out, sizeof(out)) < 0)
		return NULL;
	return out;
}

static const char *level_dir(const struct fx_cg_hierarchy *h, int i)
{
	static char out[FX_PATH];

	if (i >= h->nlevels || fx_cgroup_level_dir(h, &h->levels[i], out, sizeof(out)) < 0)
		return NULL;
	return out;
}

static void v1(void)
{
	struct fx_snapshot *s = collect("v1");
	const struct fx_cg_hierarchy *p = &s->cg[0], *m = &s->cg[1];

	CHECK(s->ncg == 2 && s->id.nunreadable == 0);
	CHECK(p->version == 1 && p->controller == FX_CG_PIDS && p->nlevels == 4);
	CHECK_STR(level_path(p, 0), "/user.slice/user-1000.slice/session-1.scope");
	CHECK_STR(level_path(p, 1), "/user.slice/user-1000.slice");
	CHECK_STR(level_path(p, 3), "/");
	CHECK_STR(level_dir(p, 1), "/sys/fs/cgroup/pids/user.slice/user-1000.slice");
	CHECK_STR(level_dir(p, 3), "/sys/fs/cgroup/pids");
	CHECK(p->levels[0].max.have && p->levels[0].max.is_max && p->levels[0].current.v == 5);
	CHECK(p->levels[1].max.have && !p->levels[1].max.is_max && p->levels[1].max.v == 100);
	CHECK(p->levels[1].u.pids.events_max.have && p->levels[1].u.pids.events_max.v == 7);
	CHECK(!p->levels[3].max.have);
	CHECK(m->version == 1 && m->controller == FX_CG_MEMORY && m->nlevels == 2);
	CHECK(m->levels[0].max.v == 9223372036854771712LL && m->levels[0].u.mem1.failcnt.v == 3);
	CHECK(m->levels[0].u.mem1.oom_kill_disable.v == 1 && m->levels[0].u.mem1.under_oom.have && m->levels[0].u.mem1.under_oom.v == 0);
}

static void v2(void)
{
	struct fx_snapshot *s = collect("v2");
	const struct fx_cg_hierarchy *p = &s->cg[0], *m = &s->cg[1];

	CHECK(s->ncg == 2);
	CHECK(p->version == 2 && p->controller == FX_CG_PIDS && p->nlevels == 3);
	CHECK_STR(level_dir(p, 0), "/sys/fs/cgroup/system.slice/app.service");
	CHECK(p->levels[0].max.is_max && p->levels[0].peak.v == 12 && p->levels[0].u.pids.events_max.v == 3);
	CHECK(p->levels[1].max.v == 50);
	CHECK(m->version == 2 && m->controller == FX_CG_MEMORY && m->nlevels == 3);
	CHECK(m->levels[0].max.v == 1073741824 && m->levels[0].current.v == 1073700000);
	/* "oom" must not be read from "oom_kill", nor "max" from elsewhere. */
	CHECK(m->levels[0].u.mem2.events_max.v == 2 && m->levels[0].u.mem2.oom.v == 1 && m->levels[0].u.mem2.oom_kill.v == 4);
}

static void hybrid(void)
{
	struct fx_snapshot *s = collect("hybrid");

	/* The unified mount carries no controller: only the v1 hierarchies. */
	CHECK(s->ncg == 2);
	CHECK(s->cg[0].version == 1 && s->cg[0].controller == FX_CG_PIDS && s->cg[0].nlevels == 2);
	CHECK(s->cg[0].levels[0].max.v == 200);
	CHECK(s->cg[1].version == 1 && s->cg[1].controller == FX_CG_MEMORY);
	CHECK(s->cg[1].levels[0].max.v == 4294967296LL);
}

/* A container without a cgroup namespace: the mount's root is the
 * container's own cgroup, and nothing above it is visible. */
static void container(void)
{
	struct fx_snapshot *s = collect("container");
	const struct fx_cg_hierarchy *p = &s->cg[0];

	CHECK(s->ncg == 2);
	CHECK(p->nlevels == 1);
	CHECK_STR(level_path(p, 0), "/docker/0123abcd");
	CHECK_STR(level_dir(p, 0), "/sys/fs/cgroup/pids");
	CHECK(p->levels[0].max.v == 64 && p->levels[0].current.v == 64);
	CHECK(s->cg[1].nlevels == 1 && s->cg[1].levels[0].max.v == 536870912);
}

/* Inside a cgroup namespace the process sits at "/" of its own view. */
static void cgroupns(void)
{
	struct fx_snapshot *s = collect("cgroupns");

	CHECK(s->ncg == 2 && s->cg[0].nlevels == 1);
	CHECK_STR(level_path(&s->cg[0], 0), "/");
	CHECK(s->cg[0].levels[0].max.v == 32);
	CHECK(s->cg[1].levels[0].max.is_max);
}

/* Docker on v1 with --kernel-memory (kernel 5.4): the kmem counter is
 * full while memory is at half; oom_control has oom_kill (4.13+). */
static void kmem(void)
{
	struct fx_snapshot *s = collect("kmem");
	const struct fx_cg_hierarchy *m = &s->cg[1];
	const struct fx_cg_level *l = &m->levels[0];

	CHECK(s->ncg == 2 && s->id.nunreadable == 0);
	CHECK(m->version == 1 && m->controller == FX_CG_MEMORY && m->nlevels == 1);
	CHECK_STR(m->mount_root, "/docker/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	CHECK_STR(m->mount, "/sys/fs/cgroup/memory");
	CHECK(l->max.v == 4294967296LL && l->current.v == 2139095040LL && l->peak.v == 2281701376LL);
	CHECK(l->u.mem1.kmem_max.have && l->u.mem1.kmem_max.v == 536870912);
	CHECK(l->u.mem1.kmem_current.v == 536862720 && l->u.mem1.kmem_peak.v == 536870912);
	CHECK(l->u.mem1.kmem_failcnt.have && l->u.mem1.kmem_failcnt.v == 18211);
	CHECK(l->u.mem1.oom_kill.have && l->u.mem1.oom_kill.v == 2 && l->u.mem1.under_oom.v == 0);
	CHECK(!s->cg[0].local_events && !s->cg[0].levels[0].u.pids.events_max_local.have);
}

/* Peaks, and swap and kmem counters' usage and failcnt, are read only
 * where there is a limit (at most 2^50 bytes): the fixture's files where
 * there is none hold numbers that must not show up. */
static void swap_v1(void)
{
	struct fx_snapshot *s = collect("swap1");
	const struct fx_cg_hierarchy *m = &s->cg[0];
	const struct fx_cg_level *own = &m->levels[0], *parent = &m->levels[1], *root = &m->levels[2];

	CHECK(s->ncg == 1 && s->id.nunreadable == 0);
	CHECK(m->version == 1 && m->controller == FX_CG_MEMORY && m->nlevels == 3);
	CHECK(own->u.mem1.memsw_max.have && own->u.mem1.memsw_max.v == 1073741824);
	CHECK(own->u.mem1.memsw_current.have && own->u.mem1.memsw_current.v == 1073741824);
	CHECK(own->u.mem1.memsw_peak.have && own->u.mem1.memsw_failcnt.v == 42);
	CHECK(own->u.mem1.kmem_max.have && own->u.mem1.kmem_current.have && own->u.mem1.kmem_current.v == 8192000);
	CHECK(!own->u.mem1.kmem_peak.have && !own->u.mem1.kmem_failcnt.have);
	CHECK(parent->u.mem1.memsw_max.have && parent->u.mem1.memsw_max.v == 9223372036854771712LL);
	CHECK(!parent->u.mem1.memsw_current.have && !parent->u.mem1.memsw_peak.have &&
	      !parent->u.mem1.memsw_failcnt.have);
	CHECK(parent->u.mem1.kmem_failcnt.have && parent->u.mem1.kmem_failcnt.v == 3 &&
	      parent->u.mem1.kmem_peak.v == 110000000);
	CHECK(root->current.v == 3000000000LL && !root->u.mem1.memsw_max.have && !root->u.mem1.kmem_max.have);
	CHECK(root->u.mem1.failcnt.have && !root->peak.have && !root->u.mem1.kmem_current.have);
	CHECK(own->peak.have && own->peak.v == 600000000 && !parent->peak.have);
	CHECK(parent->u.mem1.kmem_current.have && parent->u.mem1.kmem_current.v == 100000000);
}

/* v2: swap.current only under a swap.max that is a number; swap.events
 * under "max" too (its fail counts the host's swap running out); nothing
 * where there is no swap.max (the root). */
static void swap_v2(void)
{
	struct fx_snapshot *s = collect("swap2");
	const struct fx_cg_hierarchy *m = &s->cg[1];
	const struct fx_cg_level *pod = &m->levels[0], *parent = &m->levels[1], *root = &m->levels[2];

	CHECK(s->ncg == 2 && s->id.nunreadable == 0);
	CHECK(m->version == 2 && m->controller == FX_CG_MEMORY && m->nlevels == 3);
	CHECK(pod->u.mem2.swap_max.have && !pod->u.mem2.swap_max.is_max && pod->u.mem2.swap_max.v == 0);
	CHECK(pod->u.mem2.swap_current.have && pod->u.mem2.swap_current.v == 0);
	CHECK(pod->u.mem2.swap_events_max.v == 3 && pod->u.mem2.swap_events_fail.v == 4);
	CHECK(pod->peak.have && pod->peak.v == 1073741824 && !parent->peak.have);
	CHECK(parent->u.mem2.swap_max.have && parent->u.mem2.swap_max.is_max);
	CHECK(!parent->u.mem2.swap_current.have);
	CHECK(parent->u.mem2.swap_events_fail.have && parent->u.mem2.swap_events_fail.v == 9);
	CHECK(root->current.have && !root->u.mem2.swap_max.have && !root->u.mem2.swap_events_fail.have);
}

/* A pod on v2 (6.12) in a cgroup namespace, cgroup2 mounted with
 * pids_localevents: the .local files at the visible level. */
static void v2_local(void)
{
	struct fx_snapshot *s = collect("v2local");
	const struct fx_cg_hierarchy *p = &s->cg[0], *m = &s->cg[1];

	CHECK(s->ncg == 2 && p->nlevels == 1 && m->nlevels == 1);
	CHECK(p->version == 2 && p->local_events && m->local_events);
	CHECK_STR(p->mount_root, "/");
	CHECK(p->levels[0].u.pids.events_max.v == 4);
	CHECK(p->levels[0].u.pids.events_max_local.have && p->levels[0].u.pids.events_max_local.v == 4);
	CHECK(m->levels[0].u.mem2.events_max.v == 12 && m->levels[0].u.mem2.oom_kill.v == 1);
	CHECK(m->levels[0].u.mem2.local_max.v == 5 && m->levels[0].u.mem2.local_oom.v == 2);
	CHECK(m->levels[0].u.mem2.local_oom_kill.have && m->levels[0].u.mem2.local_oom_kill.v == 0);
	/* No pids_localevents on the plain v2 host, no .local file either. */
	s = collect("v2");
	CHECK(!s->cg[0].local_events && !s->cg[0].levels[0].u.pids.events_max_local.have);
}

/* Inside a cgroup namespace and a mount namespace of its own, with the
 * pids hierarchy mounted again over the inherited mounts (as a runtime
 * does): the inherited mount, listed first, shows nothing of "/". */
static void shadowed(void)
{
	struct fx_snapshot *s = collect("shadowed");
	const struct fx_cg_hierarchy *p = &s->cg[0];

	CHECK(s->ncg == 2 && p->nlevels == 1);
	CHECK_STR(p->mount_root, "/");
	CHECK_STR(level_path(p, 0), "/");
	CHECK_STR(level_dir(p, 0), "/sys/fs/cgroup/pids");
	CHECK(p->levels[0].max.is_max && p->levels[0].current.v == 3);
	/* The memory hierarchy has only the inherited mount: the host's root
	 * memcg must not pass for the container's. */
	CHECK(s->cg[1].controller == FX_CG_MEMORY && s->cg[1].nlevels == 1);
	CHECK(!s->cg[1].levels[0].have_dir && !s->cg[1].levels[0].max.have);
	CHECK(level_dir(&s->cg[1], 0) == NULL);
}

static void missing(void)
{
	struct fx_snapshot *s = collect("nonexistent");

	CHECK(s->ncg == 0 && s->id.nunreadable == 2);
}

void test_cgroup(void)
{
	v1();
	v2();
	hybrid();
	container();
	cgroupns();
	kmem();
	swap_v1();
	swap_v2();
	v2_local();
	shadowed();
	missing();
}
