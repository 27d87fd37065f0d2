/* fx_headroom_clear() (CShim/preload/headroom.c), on trees made here: a
 * yes only when the host and every memory cgroup level, v1 and v2, have
 * the room asked for, and a no whenever one cannot be read. */
#include "cunit.h"
#include "config.h"
#include "headroom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NEED (8LL * 1024 * 1024)
#define MIB (1024LL * 1024)

static char root[200];
static struct fx_fill_refusal why;

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
	return fx_headroom_clear(NEED, &why);
}

/* The refusal noted: a memory cgroup level, its directory under root,
 * its counter and numbers. */
static void refused_memcg(const char *rel_dir, size_t path_len, int version, int memsw, long long cur, long long max)
{
	char dir[600];

	snprintf(dir, sizeof(dir), "%s/%s", root, rel_dir);
	CHECK(why.reason == FX_REFUSED_MEMCG);
	CHECK(strcmp(why.dir, dir) == 0);
	CHECK(strlen(why.dir + why.path_at) == path_len);
	CHECK(why.version == version && why.memsw == memsw);
	CHECK(why.current == cur && why.max == max && why.need == NEED);
}

/* The refusal noted: a source that could not be read, ending in tail. */
static void refused_unread(const char *tail)
{
	size_t n = strlen(why.dir), t = strlen(tail);

	CHECK(why.reason == FX_REFUSED_UNREAD);
	CHECK(n >= t && strcmp(why.dir + n - t, tail) == 0);
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
	CHECK(fx_headroom_clear(NEED, &why) == 1);

	/* The parent near its limit, the leaf unlimited: no. */
	CHECK(clear_with("sys/fs/cgroup/memory/a/memory.usage_in_bytes", 1020 * MIB) == 0);
	refused_memcg("sys/fs/cgroup/memory/a", 2, 1, 0, 1020 * MIB, 1024 * MIB);
	CHECK(clear_with("sys/fs/cgroup/memory/a/memory.usage_in_bytes", 500 * MIB) == 1);

	/* The leaf near its own. */
	CHECK(clear_with("sys/fs/cgroup/memory/a/b/memory.limit_in_bytes", 404 * MIB) == 0);
	refused_memcg("sys/fs/cgroup/memory/a/b", 4, 1, 0, 400 * MIB, 404 * MIB);
	CHECK(clear_with("sys/fs/cgroup/memory/a/b/memory.limit_in_bytes", 409 * MIB) == 1);

	/* Swap accounted: the memory+swap limit counts as well. */
	put_i64("sys/fs/cgroup/memory/a/memory.memsw.limit_in_bytes", 2048 * MIB);
	CHECK(clear_with("sys/fs/cgroup/memory/a/memory.memsw.usage_in_bytes", 2045 * MIB) == 0);
	refused_memcg("sys/fs/cgroup/memory/a", 2, 1, 1, 2045 * MIB, 2048 * MIB);
	CHECK(clear_with("sys/fs/cgroup/memory/a/memory.memsw.usage_in_bytes", 600 * MIB) == 1);

	/* A v1 level whose limit cannot be read is not a yes. */
	put("sys/fs/cgroup/memory/a/b/memory.limit_in_bytes", "garbage\n");
	CHECK(fx_headroom_clear(NEED, &why) == 0);
	refused_unread("sys/fs/cgroup/memory/a/b");
}

static void v2(void)
{
	machine("v2", "0::/x/y\n", 4000000);
	/* y without the memory controller: charged to x. */
	put("sys/fs/cgroup/x/y/cgroup.procs", "");
	put("sys/fs/cgroup/x/memory.max", "max\n");
	CHECK(clear_with("sys/fs/cgroup/x/memory.current", 900 * MIB) == 1);
	CHECK(clear_with("sys/fs/cgroup/x/memory.max", 905 * MIB) == 0);
	refused_memcg("sys/fs/cgroup/x", 2, 2, 0, 900 * MIB, 905 * MIB);
	CHECK(clear_with("sys/fs/cgroup/x/memory.max", 2048 * MIB) == 1);

	/* The host short of memory. */
	machine("v2", "0::/x/y\n", 4096);
	CHECK(fx_headroom_clear(NEED, &why) == 0);
	CHECK(why.reason == FX_REFUSED_MEM_AVAILABLE && why.current == 4096);

	/* A cgroup that is not there (a container's own level bind-mounted
	 * at the mount point, /proc/self/cgroup naming the host's path): the
	 * mount's root is the level in view, checked in its place. */
	machine("v2", "0::/x/z\n", 4000000);
	CHECK(fx_headroom_clear(NEED, &why) == 1);
	put_i64("sys/fs/cgroup/memory.max", 64 * MIB);
	CHECK(clear_with("sys/fs/cgroup/memory.current", 60 * MIB) == 0);
	refused_memcg("sys/fs/cgroup", 0, 2, 0, 60 * MIB, 64 * MIB);
	CHECK(clear_with("sys/fs/cgroup/memory.current", 6 * MIB) == 1);
	/* No mount there at all (a container that mounts only some
	 * controllers): no level to check, only MemAvailable. */
	machine("nomount", "0::/x/z\n4:memory:/x\n", 4000000);
	CHECK(fx_headroom_clear(NEED, &why) == 1);
	machine("nomount", "0::/x/z\n4:memory:/x\n", 4096);
	CHECK(fx_headroom_clear(NEED, &why) == 0);
	CHECK(why.reason == FX_REFUSED_MEM_AVAILABLE);
}

static void many_lines(void)
{
	char file[4096], line[160];
	int i;

	file[0] = '\0';
	for (i = 1; i <= 20; i++) {
		snprintf(line, sizeof(line), "%d:ctl%d:/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n", i, i);
		strcat(file, line);
	}
	strcat(file, "21:memory:/c\n");
	machine("many", file, 4000000);
	put_i64("sys/fs/cgroup/memory/c/memory.limit_in_bytes", 64 * MIB);
	CHECK(clear_with("sys/fs/cgroup/memory/c/memory.usage_in_bytes", 10 * MIB) == 1);
	CHECK(clear_with("sys/fs/cgroup/memory/c/memory.usage_in_bytes", 60 * MIB) == 0);
	refused_memcg("sys/fs/cgroup/memory/c", 2, 1, 0, 60 * MIB, 64 * MIB);
	CHECK(strlen(file) > 1500);
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
	CHECK(fx_headroom_clear(NEED, &why) == 0);
	refused_unread("proc/self/cgroup");

	/* A long file of short lines (a dozen v1 hierarchies, a container's
	 * path each) is read whole: its memory line, last, decides. */
	many_lines();

	/* No MemAvailable. */
	machine("nomem", "0::/\n", 4000000);
	put("sys/fs/cgroup/cgroup.controllers", "memory\n");
	put("proc/meminfo", "MemTotal: 8000000 kB\n");
	CHECK(fx_headroom_clear(NEED, &why) == 0);
	refused_unread("proc/meminfo");

	/* Before 3.14: MemFree + Buffers + Cached stand in for it. */
	put("proc/meminfo", "MemTotal: 8000000 kB\nMemFree: 4000 kB\nBuffers: 100 kB\nCached: 9000 kB\n");
	CHECK(fx_headroom_clear(NEED, &why) == 1);
	put("proc/meminfo", "MemTotal: 8000000 kB\nMemFree: 4000 kB\nBuffers: 100 kB\nCached: 3000 kB\n");
	CHECK(fx_headroom_clear(NEED, &why) == 0);
	CHECK(why.reason == FX_REFUSED_MEM_AVAILABLE && why.current == 7100);
}

/* The tmpfs under /sys/fs/cgroup and an overlay root whose line is longer
 * than the shim reads (passed over), ahead of the cgroup mounts. */
static void mountinfo(const char *cgroup_lines)
{
	char text[4096], layers[1200];
	size_t i;

	for (i = 0; i + 1 < sizeof(layers); i++)
		layers[i] = i % 12 == 11 ? ':' : 'l';
	layers[sizeof(layers) - 1] = '\0';
	snprintf(text, sizeof(text),
		 "22 1 0:21 / / rw,relatime - overlay overlay rw,lowerdir=%s,upperdir=/u,workdir=/w\n"
		 "30 22 0:26 / /sys/fs/cgroup rw,nosuid - tmpfs tmpfs rw,mode=755\n%s",
		 layers, cgroup_lines);
	put("proc/self/mountinfo", text);
}

/* A level of version's hierarchy at dir (under root): its limit and
 * usage files' names, the limit set to max_mib. */
static void limited(const char *dir, int version, long long max_mib, char *cur_rel, size_t cap)
{
	char max_rel[300];

	snprintf(max_rel, sizeof(max_rel), "%s/%s", dir, version == 2 ? "memory.max" : "memory.limit_in_bytes");
	snprintf(cur_rel, cap, "%s/%s", dir, version == 2 ? "memory.current" : "memory.usage_in_bytes");
	put_i64(max_rel, max_mib * MIB);
}

/* A level that is not the one to check, all but full. */
static void decoy(const char *dir, int version)
{
	char cur_rel[300];

	limited(dir, version, 1024, cur_rel, sizeof(cur_rel));
	put_i64(cur_rel, 1023 * MIB);
}

/* A level limited to max_mib: 4 MiB short of it a no that names it
 * (path_len: its cgroup path's length), 1 MiB used a yes. */
static void near_limit(const char *dir, size_t path_len, int version, long long max_mib)
{
	char cur_rel[300];

	limited(dir, version, max_mib, cur_rel, sizeof(cur_rel));
	CHECK(clear_with(cur_rel, (max_mib - 4) * MIB) == 0);
	refused_memcg(dir, path_len, version, 0, (max_mib - 4) * MIB, max_mib * MIB);
	CHECK(clear_with(cur_rel, MIB) == 1);
}

/* A machine whose mounts (after mountinfo()'s first two) are mounts, a
 * decoy level near its limit where the shim must not look, and the level
 * it must check at dir (a 64 MiB limit). */
static void mounted_at(const char *name, const char *cgroup, const char *mounts, const char *decoy_dir,
		       int decoy_version, const char *dir, int version)
{
	machine(name, cgroup, 4000000);
	mountinfo(mounts);
	decoy(decoy_dir, decoy_version);
	near_limit(dir, 2, version, 64);
}

/* The memory hierarchy where /proc/self/mountinfo says it is mounted, as
 * the snapshot finds it (CShim/common/cgroup.c), not at a fixed path. */
static void mounted(void)
{
	/* At an unusual point; a decoy at the usual one. */
	mounted_at("elsewhere", "4:memory:/a\n0::/\n",
		   "35 30 0:32 / /sys/fs/cgroup/mem-elsewhere rw,relatime shared:15 - cgroup cgroup rw,memory\n"
		   "41 30 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n",
		   "sys/fs/cgroup/memory/a", 1, "sys/fs/cgroup/mem-elsewhere/a", 1);

	/* Not listed at all, the usual directory there or not: passed over. */
	mountinfo("41 30 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n");
	CHECK(fx_headroom_clear(NEED, &why) == 1);

	/* Mounted at the container's own level (root /a/b): the mount point
	 * is that level, and its own limit counts. */
	machine("leaf", "4:memory:/a/b\n", 4000000);
	mountinfo("35 30 0:32 /a/b /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
	near_limit("sys/fs/cgroup/memory", 0, 1, 64);

	/* Mounted one level up (root /a): the leaf b under it, then a. */
	mountinfo("35 30 0:32 /a /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
	near_limit("sys/fs/cgroup/memory/b", 2, 1, 32);
	CHECK(clear_with("sys/fs/cgroup/memory/memory.usage_in_bytes", 60 * MIB) == 0);
	refused_memcg("sys/fs/cgroup/memory", 0, 1, 0, 60 * MIB, 64 * MIB);

	/* Two mounts: the one that shows the path wins over the first, which
	 * shows another cgroup's (a host mount kept in a namespace). */
	mounted_at("two", "0::/x\n",
		   "50 30 0:40 /../.. /sys/fs/cgroup/host rw - cgroup2 cgroup2 rw\n"
		   "51 30 0:40 / /sys/fs/cgroup/mine rw - cgroup2 cgroup2 rw,nsdelegate\n",
		   "sys/fs/cgroup/host/x", 2, "sys/fs/cgroup/mine/x", 2);

	/* Only a mount that does not show it: its root is the level in view,
	 * checked as the leaf (as for a path not under a fixed mount). */
	mountinfo("50 30 0:40 /../.. /sys/fs/cgroup/host rw - cgroup2 cgroup2 rw\n");
	near_limit("sys/fs/cgroup/host", 0, 2, 64);

	/* Hybrid: memory on its v1 hierarchy, so the v2 line is passed over
	 * (a v2 level could not hold memory then; one that says so is not
	 * read). */
	mounted_at("hybrid", "4:memory:/a\n0::/a\n",
		   "35 30 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
		   "41 30 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n",
		   "sys/fs/cgroup/unified/a", 2, "sys/fs/cgroup/memory/a", 1);
}

void test_headroom(void)
{
	v1();
	v2();
	unknown();
	mounted();
	fx_config_load();
}
