/* watch's trace events read from tracefs (CShim/watch/tracefs.c) and its
 * return probe's definition, removal and miss count (CShim/watch/probe.c),
 * on a scratch directory laid out as tracefs is. */
#include "cunit.h"
#include "../../CShim/watch/probe.h"
#include "../../CShim/watch/tracefs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

#if defined(__aarch64__)
#define REG "%x0"
#else
#define REG "%di"
#endif

static void put(const char *rel, const char *text)
{
	char path[256], dir[256], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	for (slash = dir + strlen(root) + 1; (slash = strchr(slash, '/')) != NULL; slash++) {
		*slash = '\0';
		mkdir(dir, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void read_back(const char *rel, char *buf, size_t cap)
{
	char path[256];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "r");
	if (f) {
		n = fread(buf, 1, cap - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
}

static void test_events(void)
{
	int off = -1, size = -1;

	put("events/syscalls/sys_exit_clone/id", "123\n");
	put("events/syscalls/sys_exit_clone/format",
	    "name: sys_exit_clone\nID: 123\nformat:\n"
	    "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	    "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
	    "\tfield:long ret;\toffset:16;\tsize:8;\tsigned:1;\n");
	CHECK(fx_tracefs_event(root, "syscalls/sys_exit_clone", &off, &size) == 123);
	CHECK(off == 16 && size == 8);
	CHECK(fx_tracefs_event(root, "syscalls/sys_exit_fork", &off, &size) == -1);
	/* A ret of another width is not read as if it were one of these. */
	put("events/odd/ev/id", "9\n");
	put("events/odd/ev/format", "\tfield:short ret;\toffset:8;\tsize:2;\tsigned:1;\n");
	CHECK(fx_tracefs_event(root, "odd/ev", &off, &size) == -1);
}

static void test_probe_lifecycle(void)
{
	struct fx_probe pr;
	char why[512], name[64], event[96], buf[1024], want[128];

	/* No kprobe_events: a kernel without kprobes, said so. */
	why[0] = '\0';
	CHECK(fx_probe_create(&pr, root, NULL, why, sizeof(why)) == -1);
	CHECK(strstr(why, "no kprobe_events") && strstr(why, "CONFIG_KPROBES"));
	CHECK(fx_probe_create(&pr, root, "kprobe:x", why, sizeof(why)) == -1);
	CHECK(strstr(why, "uprobe:PATH:OFFSET") != NULL);

	/* A plain file stands for kprobe_events: what watch writes to it, and
	 * the event the kernel would make, laid out beforehand. A probe left
	 * by a watcher that is gone (pid 1999999999 does not exist) is removed. */
	put("kprobe_events", "r512:forkexplain/clone_ret_1999999999 kernel_clone ret=$retval:s32\n"
			     "p:forkexplain/clone_entry_1999999999 kernel_clone arg=%di:x64 flags=+0(%di):x64\n"
			     "p:forkexplain/clone_other_1999999999 kernel_clone\n");
	snprintf(name, sizeof(name), "forkexplain/clone_ret_%ld", (long)getpid());
	snprintf(event, sizeof(event), "events/%s/id", name);
	put(event, "1501\n");
	snprintf(event, sizeof(event), "events/%s/format", name);
	put(event, "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
		   "\tfield:unsigned long __probe_func;\toffset:8;\tsize:8;\tsigned:0;\n"
		   "\tfield:unsigned long __probe_ret_ip;\toffset:16;\tsize:8;\tsigned:0;\n"
		   "\tfield:s32 ret;\toffset:24;\tsize:4;\tsigned:1;\n");
	/* Without its entry event in tracefs, the entry probe is given up
	 * (and removed) with the reason, the return probe still runs. */
	CHECK(fx_probe_create(&pr, root, NULL, why, sizeof(why)) == 0);
	CHECK(pr.src.id == 1501 && pr.src.ret_offset == 24 && pr.src.ret_size == 4);
	CHECK(pr.src.call == FX_KERNEL_CLONE && !pr.src.entry);
	CHECK_STR(pr.target, "kernel_clone");
	CHECK(pr.layout == FX_ARGS_STRUCT);
	CHECK(!pr.entry_created && strstr(pr.entry_why, "no id or u64 fields") != NULL);
	read_back("kprobe_events", buf, sizeof(buf));
	CHECK(strstr(buf, "-:forkexplain/clone_ret_1999999999\n") != NULL);
	CHECK(strstr(buf, "-:forkexplain/clone_entry_1999999999\n") != NULL);
	CHECK(strstr(buf, "-:forkexplain/clone_other") == NULL);
	snprintf(want, sizeof(want), "r512:%s kernel_clone ret=$retval:s32\n", name);
	CHECK(strstr(buf, want) != NULL);
	snprintf(want, sizeof(want), "p:forkexplain/clone_entry_%ld kernel_clone arg=%s:x64 flags=+0(%s):x64\n"
		 "-:forkexplain/clone_entry_%ld\n", (long)getpid(), REG, REG, (long)getpid());
	CHECK(strstr(buf, want) != NULL);
	fx_probe_remove(&pr);

	/* With it: its id and the offsets of its two u64 fields. */
	snprintf(event, sizeof(event), "events/forkexplain/clone_entry_%ld/id", (long)getpid());
	put(event, "1502\n");
	snprintf(event, sizeof(event), "events/forkexplain/clone_entry_%ld/format", (long)getpid());
	put(event, "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
		   "\tfield:unsigned long __probe_ip;\toffset:8;\tsize:8;\tsigned:0;\n"
		   "\tfield:u64 arg;\toffset:16;\tsize:8;\tsigned:0;\n"
		   "\tfield:u64 flags;\toffset:24;\tsize:8;\tsigned:0;\n");
	CHECK(fx_probe_create(&pr, root, NULL, why, sizeof(why)) == 0);
	CHECK(pr.entry_created && pr.entry_src.entry && pr.entry_src.id == 1502);
	CHECK(pr.entry_src.arg_offset == 16 && pr.entry_src.deref_offset == 24 && pr.entry_src.ret_offset == -1);

	/* kprobe_profile: another watcher's name that starts with ours is not
	 * ours. */
	snprintf(buf, sizeof(buf), "  %s9   70   1\n  %s   5   3\n", name, name);
	put("kprobe_profile", buf);
	CHECK(fx_probe_missed(&pr) == 3);

	fx_probe_remove(&pr);
	read_back("kprobe_events", buf, sizeof(buf));
	snprintf(want, sizeof(want), "-:%s\n", name);
	CHECK(strstr(buf, want) != NULL);
	snprintf(want, sizeof(want), "-:forkexplain/clone_entry_%ld\n", (long)getpid());
	CHECK(strstr(buf, want) != NULL);
	CHECK(pr.created == 0 && pr.entry_created == 0);
}

static void test_layout_and_flags(void)
{
	struct fx_watch_event ev;
	uint64_t flags = 0;

	CHECK(fx_probe_layout("kernel_clone", "6.1.0-27-amd64") == FX_ARGS_STRUCT);
	CHECK(fx_probe_layout("_do_fork", "5.4.0-150-generic") == FX_ARGS_STRUCT);
	CHECK(fx_probe_layout("_do_fork", "5.3.0") == FX_ARGS_STRUCT);
	CHECK(fx_probe_layout("_do_fork", "5.2.21") == FX_ARGS_PLAIN);
	CHECK(fx_probe_layout("_do_fork", "4.19.0-27-amd64") == FX_ARGS_PLAIN);
	CHECK(fx_probe_layout("_do_fork", "3.10.0-1160.el7.x86_64") == FX_ARGS_PLAIN);
	CHECK(fx_probe_layout("_do_fork", "") == FX_ARGS_PLAIN);

	/* The struct: the flags are the u64 its first argument points to. */
	memset(&ev, 0, sizeof(ev));
	ev.entry = ev.have_arg = ev.have_deref = 1;
	ev.arg = 0xffffc90000a3bd50ULL;
	ev.deref = 0x3d0f00;
	CHECK(fx_probe_flags(FX_ARGS_STRUCT, &ev, &flags) == 0 && flags == 0x3d0f00);
	ev.deref = 0xffff888003a1c000ULL; /* not a flags word */
	CHECK(fx_probe_flags(FX_ARGS_STRUCT, &ev, &flags) == -1);
	ev.have_deref = 0;
	CHECK(fx_probe_flags(FX_ARGS_STRUCT, &ev, &flags) == -1);
	/* Before 5.3: the first argument is the flags, the exit signal in
	 * its low byte; a pointer there (a backported struct) is no flags. */
	ev.arg = 0x1200011;
	CHECK(fx_probe_flags(FX_ARGS_PLAIN, &ev, &flags) == 0 && flags == 0x1200011);
	ev.arg = 0xffffc90000a3bd50ULL;
	CHECK(fx_probe_flags(FX_ARGS_PLAIN, &ev, &flags) == -1);
}

void test_probe(void)
{
	char cmd[96];

	snprintf(root, sizeof(root), "/tmp/fx-cunit-tracefs.XXXXXX");
	if (!mkdtemp(root)) {
		CHECK(!"mkdtemp");
		return;
	}
	test_events();
	test_probe_lifecycle();
	test_layout_and_flags();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		CHECK(!"rm -rf the scratch tracefs");
}
