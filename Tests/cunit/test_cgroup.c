/* /proc/self/cgroup and /proc/self/mountinfo parsing, over fixture trees
 * standing in for /proc and /sys (as FORKEXPLAIN_PROC_ROOT and
 * FORKEXPLAIN_SYS_ROOT do): v1, v2, hybrid, and two container views. */
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
	char root[512];

	memset(&s, 0, sizeof(s));
	fx_config_load();
	snprintf(root, sizeof(root), "%s/cgroup/%s/proc", cu_fixtures, machine);
	fx_strlcpy(fx_cfg.proc_root, root, sizeof(fx_cfg.proc_root));
	snprintf(root, sizeof(root), "%s/cgroup/%s/sys", cu_fixtures, machine);
	fx_strlcpy(fx_cfg.sys_root, root, sizeof(fx_cfg.sys_root));
	fx_cgroup_collect(&s);
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

	CHECK(s->ncg == 2 && s->nunreadable == 0);
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

static void missing(void)
{
	struct fx_snapshot *s = collect("nonexistent");

	CHECK(s->ncg == 0 && s->nunreadable == 2);
}

void test_cgroup(void)
{
	v1();
	v2();
	hybrid();
	container();
	cgroupns();
	missing();
}
