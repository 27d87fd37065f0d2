/* fx_headroom_clear() (CShim/preload/headroom.c), on trees made here: a
 * yes only when the host and every memory cgroup level, v1 and v2, have
 * the room asked for, and a no whenever one cannot be read. */
#include "cunit.h"
#include "config.h"
#include "headroom.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define NEED (8LL * 1024 * 1024)
#define MIB (1024LL * 1024)

static char root[200];

/* root/rel, its directories made. */
static void put(const char *rel, const char *text)
{
	char path[600];
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (i = strlen(cu_scratch_dir()) + 1; path[i]; i++) {
		if (path[i] != '/')
			continue;
		path[i] = '\0';
		mkdir(path, 0700);
		path[i] = '/';
	}
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static void put_i64(const char *rel, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld\n", v);
	put(rel, num);
}

/* rel set to v, and what fx_headroom_clear() says then. */
static int clear_with(const char *rel, long long v)
{
	put_i64(rel, v);
	return fx_headroom_clear(NEED);
}

static void machine(const char *name, const char *cgroup, long long avail_kb)
{
	char meminfo[128];

	snprintf(root, sizeof(root), "%s/headroom-%s", cu_scratch_dir(), name);
	snprintf(meminfo, sizeof(meminfo), "MemTotal: 8000000 kB\nMemFree: 100 kB\nMemAvailable: %lld kB\n", avail_kb);
	put("proc/meminfo", meminfo);
	put("proc/self/cgroup", cgroup);
	fx_config_load();
	snprintf(fx_cfg.proc_root, sizeof(fx_cfg.proc_root), "%s/proc", root);
	snprintf(fx_cfg.sys_root, sizeof(fx_cfg.sys_root), "%s/sys", root);
}

static void v1(void)
{
	machine("v1", "5:pids:/a/b\n4:cpu,memory:/a/b\n0::/\n", 4000000);
	put("sys/fs/cgroup/unified/cgroup.controllers", "memory pids\n");
	put_i64("sys/fs/cgroup/memory/a/memory.limit_in_bytes", 1024 * MIB);
	put_i64("sys/fs/cgroup/memory/a/memory.usage_in_bytes", 500 * MIB);
	put("sys/fs/cgroup/memory/a/b/memory.limit_in_bytes", "9223372036854771712\n");
	put_i64("sys/fs/cgroup/memory/a/b/memory.usage_in_bytes", 400 * MIB);
	CHECK(fx_headroom_clear(NEED) == 1);

	/* The parent near its limit, the leaf unlimited: no. */
	CHECK(clear_with("sys/fs/cgroup/memory/a/memory.usage_in_bytes", 1020 * MIB) == 0);
	CHECK(clear_with("sys/fs/cgroup/memory/a/memory.usage_in_bytes", 500 * MIB) == 1);

	/* The leaf near its own. */
	CHECK(clear_with("sys/fs/cgroup/memory/a/b/memory.limit_in_bytes", 404 * MIB) == 0);
	CHECK(clear_with("sys/fs/cgroup/memory/a/b/memory.limit_in_bytes", 409 * MIB) == 1);

	/* Swap accounted: the memory+swap limit counts as well. */
	put_i64("sys/fs/cgroup/memory/a/memory.memsw.limit_in_bytes", 2048 * MIB);
	CHECK(clear_with("sys/fs/cgroup/memory/a/memory.memsw.usage_in_bytes", 2045 * MIB) == 0);
	CHECK(clear_with("sys/fs/cgroup/memory/a/memory.memsw.usage_in_bytes", 600 * MIB) == 1);

	/* A v1 level whose limit cannot be read is not a yes. */
	put("sys/fs/cgroup/memory/a/b/memory.limit_in_bytes", "garbage\n");
	CHECK(fx_headroom_clear(NEED) == 0);
}

static void v2(void)
{
	machine("v2", "0::/x/y\n", 4000000);
	/* y without the memory controller: charged to x. */
	put("sys/fs/cgroup/x/y/cgroup.procs", "");
	put("sys/fs/cgroup/x/memory.max", "max\n");
	CHECK(clear_with("sys/fs/cgroup/x/memory.current", 900 * MIB) == 1);
	CHECK(clear_with("sys/fs/cgroup/x/memory.max", 905 * MIB) == 0);
	CHECK(clear_with("sys/fs/cgroup/x/memory.max", 2048 * MIB) == 1);

	/* The host short of memory. */
	machine("v2", "0::/x/y\n", 4096);
	CHECK(fx_headroom_clear(NEED) == 0);

	/* A cgroup that is not there (another namespace's view). */
	machine("v2", "0::/x/z\n", 4000000);
	CHECK(fx_headroom_clear(NEED) == 0);
}

static void unknown(void)
{
	char longer[1200];

	/* A /proc/self/cgroup longer than what is read. */
	memset(longer, 'a', sizeof(longer) - 2);
	memcpy(longer, "0::/x/y\n", 8);
	longer[sizeof(longer) - 2] = '\n';
	longer[sizeof(longer) - 1] = '\0';
	machine("v2", longer, 4000000);
	CHECK(fx_headroom_clear(NEED) == 0);

	/* No MemAvailable. */
	machine("nomem", "0::/\n", 4000000);
	put("proc/meminfo", "MemTotal: 8000000 kB\n");
	CHECK(fx_headroom_clear(NEED) == 0);
}

void test_headroom(void)
{
	v1();
	v2();
	unknown();
	fx_config_load();
}
