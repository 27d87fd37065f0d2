#include "probe.h"
#include "fileio.h"
#include "num.h"
#include "str.h"
#include "tracefs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

/* Instances of the kretprobe: one is held by every kernel_clone() in
 * flight, which can sleep (memory, the pids charge); a call that finds
 * none free is missed, and counted (fx_probe_missed). */
#define MAXACTIVE 512

/* No clone flags word reaches this (the highest flag, CLONE_INTO_CGROUP,
 * is bit 33); every kernel or user pointer on 64-bit does. */
#define FLAGS_LIMIT (1ULL << 40)

/* The first argument's register, as kprobe and uprobe events name it. */
#if defined(__x86_64__)
#define ARG1 "%di"
#elif defined(__aarch64__)
#define ARG1 "%x0"
#else
#define ARG1 NULL
#endif

static int control_write(const struct fx_probe *pr, const char *line)
{
	char path[320];
	size_t len = strlen(line);
	ssize_t n;
	int fd;

	if (fx_join(path, sizeof(path), pr->tracefs, "/") < 0 || fx_join(path, sizeof(path), path, pr->control) < 0)
		return -ENAMETOOLONG;
	/* O_APPEND: without it the write would first remove every probe of
	 * every other tracer (tracefs clears the file on a truncating open). */
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, line, len);
	if (n < 0) {
		n = -errno;
		close(fd);
		return (int)n;
	}
	close(fd);
	return n == (ssize_t)len ? 0 : -EIO;
}

static int define(struct fx_probe *pr, const char *max, const char *where)
{
	char line[768];

	fx_strlcpy(pr->target, where, sizeof(pr->target));
	/* s32: kernel_clone() returns a pid_t in eax; the upper half of rax
	 * is zero, so read as s64 a -EAGAIN would be 4294967285. */
	if ((size_t)snprintf(line, sizeof(line), "r%s:%s %s ret=$retval:s32\n", max, pr->name, where) >= sizeof(line))
		return -ENAMETOOLONG;
	return control_write(pr, line);
}

/* A watcher killed by SIGKILL leaves its probes behind; a later one
 * removes those whose watcher is gone (the name carries its pid):
 * "forkexplain/clone_ret_PID" and "forkexplain/clone_entry_PID". */
static void remove_stale(struct fx_probe *pr)
{
	char path[320], buf[8192], line[96], *p = buf, *nl;
	const char *tag = "forkexplain/clone_";
	struct stat st;

	if (fx_join(path, sizeof(path), pr->tracefs, "/") < 0 || fx_join(path, sizeof(path), path, pr->control) < 0 ||
	    fx_read_file(path, buf, sizeof(buf)) < 0)
		return;
	for (; (p = strstr(p, tag)) != NULL; p = nl) {
		const char *kind = p + strlen(tag), *q;
		int64_t pid;
		char proc[64];
		int klen;

		nl = strchr(p, ' ');
		if (!nl)
			break;
		if (strncmp(kind, "ret_", 4) == 0)
			klen = 4;
		else if (strncmp(kind, "entry_", 6) == 0)
			klen = 6;
		else
			continue;
		q = kind + klen;
		if (fx_parse_i64(&q, &pid) < 0 || q != nl)
			continue;
		snprintf(proc, sizeof(proc), "/proc/%lld", (long long)pid);
		if (stat(proc, &st) == 0)
			continue;
		snprintf(line, sizeof(line), "-:%s%.*s%lld\n", tag, klen, kind, (long long)pid);
		control_write(pr, line);
	}
}

enum fx_clone_args fx_probe_layout(const char *function, const char *release)
{
	const char *p = release;
	int64_t major = 0, minor = 0;

	if (strcmp(function, "_do_fork") != 0)
		return FX_ARGS_STRUCT;
	/* _do_fork() took struct kernel_clone_args from 5.3 (when clone3
	 * came) until it was renamed kernel_clone() in 5.10. */
	if (fx_parse_i64(&p, &major) < 0 || *p++ != '.' || fx_parse_i64(&p, &minor) < 0)
		return FX_ARGS_PLAIN;
	return major > 5 || (major == 5 && minor >= 3) ? FX_ARGS_STRUCT : FX_ARGS_PLAIN;
}

int fx_probe_flags(enum fx_clone_args layout, const struct fx_watch_event *ev, uint64_t *flags)
{
	if (layout == FX_ARGS_STRUCT) {
		if (!ev->have_deref || ev->deref >= FLAGS_LIMIT)
			return -1;
		*flags = ev->deref;
		return 0;
	}
	/* A pointer where the flags should be: a kernel before 5.3 that has
	 * the struct backported. Not dereferenced (see define_entry). */
	if (!ev->have_arg || ev->arg >= FLAGS_LIMIT)
		return -1;
	*flags = ev->arg;
	return 0;
}

static int field_u64(const struct fx_probe *pr, const char *field)
{
	int off, size;

	if (fx_tracefs_field(pr->tracefs, pr->entry_name, field, &off, &size) < 0 || size != 8)
		return -1;
	return off;
}

void fx_probe_remove_entry(struct fx_probe *pr)
{
	char line[96];

	if (!pr->entry_created)
		return;
	snprintf(line, sizeof(line), "-:%s\n", pr->entry_name);
	control_write(pr, line);
	pr->entry_created = 0;
}

/* The entry probe on the function the return probe is on: its first
 * argument, and for the struct layout the u64 it points to, the flags.
 * The plain layout does not dereference: its first argument is a number,
 * and every clone would pay a faulting read. */
static int define_entry(struct fx_probe *pr, const char *where)
{
	char line[768];
	int n;

	if (!ARG1) {
		fx_strlcpy(pr->entry_why, "watch names no argument register on this architecture", sizeof(pr->entry_why));
		return -1;
	}
	snprintf(pr->entry_name, sizeof(pr->entry_name), "forkexplain/clone_entry_%ld", (long)getpid());
	if (pr->layout == FX_ARGS_STRUCT)
		n = snprintf(line, sizeof(line), "p:%s %s arg=%s:x64 flags=+0(%s):x64\n", pr->entry_name, where, ARG1,
			     ARG1);
	else
		n = snprintf(line, sizeof(line), "p:%s %s arg=%s:x64\n", pr->entry_name, where, ARG1);
	if (n < 0 || (size_t)n >= sizeof(line))
		return -1;
	n = control_write(pr, line);
	if (n < 0) {
		snprintf(pr->entry_why, sizeof(pr->entry_why), "writing the entry probe to %s: %s", pr->control,
			 strerror(-n));
		return -1;
	}
	pr->entry_created = 1;
	pr->entry_src.id = fx_tracefs_id(pr->tracefs, pr->entry_name);
	pr->entry_src.call = FX_KERNEL_CLONE;
	pr->entry_src.entry = 1;
	pr->entry_src.ret_offset = -1;
	pr->entry_src.arg_offset = field_u64(pr, "arg");
	pr->entry_src.deref_offset = pr->layout == FX_ARGS_STRUCT ? field_u64(pr, "flags") : -1;
	if (pr->entry_src.id < 0 || pr->entry_src.arg_offset < 0 ||
	    (pr->layout == FX_ARGS_STRUCT && pr->entry_src.deref_offset < 0)) {
		snprintf(pr->entry_why, sizeof(pr->entry_why), "the entry probe %s was made but tracefs has no id or "
			 "u64 fields arg and flags for it", pr->entry_name);
		fx_probe_remove_entry(pr);
		return -1;
	}
	return 0;
}

static void reason(char *why, size_t whycap, const struct fx_probe *pr, int err)
{
	const char *hint = "";

	if (err == -EPERM)
		hint = " (a kernel locked down at \"confidentiality\" refuses kprobes: docs/kernel-facts.md §9)";
	else if (err == -ENOENT || err == -EINVAL)
		hint = " (no such symbol or file here; the kernel says why in tracefs error_log)";
	snprintf(why, whycap, "writing %s/%s: %s%s", pr->tracefs, pr->control, strerror(-err), hint);
}

int fx_probe_create(struct fx_probe *pr, const char *tracefs, const char *target, char *why, size_t whycap)
{
	char path[320], maxactive[16];
	struct stat st;
	struct utsname u;
	int err;

	memset(pr, 0, sizeof(*pr));
	fx_strlcpy(pr->tracefs, tracefs, sizeof(pr->tracefs));
	fx_strlcpy(pr->control, target && strncmp(target, "uprobe:", 7) == 0 ? "uprobe_events" : "kprobe_events",
		   sizeof(pr->control));
	if (target && strncmp(target, "uprobe:", 7) != 0) {
		snprintf(why, whycap, "FORKEXPLAIN_WATCH_PROBE_TARGET must be uprobe:PATH:OFFSET, not \"%s\"", target);
		return -1;
	}
	if (fx_join(path, sizeof(path), tracefs, "/") < 0 || fx_join(path, sizeof(path), path, pr->control) < 0 ||
	    stat(path, &st) < 0) {
		snprintf(why, whycap, "no %s in %s: this kernel is built without %s", pr->control, tracefs,
			 target ? "CONFIG_UPROBE_EVENTS" : "CONFIG_KPROBES (or CONFIG_KPROBE_EVENTS)");
		return -1;
	}
	snprintf(pr->name, sizeof(pr->name), "forkexplain/clone_ret_%ld", (long)getpid());
	remove_stale(pr);
	if (target) {
		/* The stand-in takes a struct whose first field is the flags,
		 * as kernel_clone() does. */
		err = define(pr, "", target + 7);
		pr->layout = FX_ARGS_STRUCT;
	} else {
		snprintf(maxactive, sizeof(maxactive), "%d", MAXACTIVE);
		err = define(pr, maxactive, "kernel_clone");
		if (err == -ENOENT || err == -EINVAL)
			err = define(pr, maxactive, "_do_fork");
		pr->layout = fx_probe_layout(pr->target, uname(&u) == 0 ? u.release : "");
	}
	if (err < 0) {
		reason(why, whycap, pr, err);
		return -1;
	}
	pr->created = 1;
	pr->src.id = fx_tracefs_event(tracefs, pr->name, &pr->src.ret_offset, &pr->src.ret_size);
	pr->src.call = FX_KERNEL_CLONE;
	pr->src.arg_offset = pr->src.deref_offset = -1;
	if (pr->src.id < 0) {
		snprintf(why, whycap, "the probe %s was made but tracefs has no id or ret field for it", pr->name);
		fx_probe_remove(pr);
		return -1;
	}
	/* Without the entry probe watch still sees every failure, only not
	 * its flags: not a reason to fall back to the tracepoints. */
	define_entry(pr, pr->target);
	return 0;
}

void fx_probe_remove(struct fx_probe *pr)
{
	char line[96];

	fx_probe_remove_entry(pr);
	if (!pr->created)
		return;
	snprintf(line, sizeof(line), "-:%s\n", pr->name);
	control_write(pr, line);
	pr->created = 0;
}

/* kprobe_profile: "  forkexplain/clone_ret_PID   HITS   MISSED" */
long long fx_probe_missed(const struct fx_probe *pr)
{
	char path[320], buf[16384];
	const char *p;
	int64_t hits, missed;

	if (strcmp(pr->control, "kprobe_events") != 0 || fx_join(path, sizeof(path), pr->tracefs, "/kprobe_profile") < 0 ||
	    fx_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; (p = strstr(p, pr->name)) != NULL; p++)
		if (p[strlen(pr->name)] == ' ')
			break;
	if (!p)
		return -1;
	p += strlen(pr->name);
	while (*p == ' ' || *p == '\t')
		p++;
	if (fx_parse_i64(&p, &hits) < 0)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (fx_parse_i64(&p, &missed) < 0)
		return -1;
	return (long long)missed;
}
