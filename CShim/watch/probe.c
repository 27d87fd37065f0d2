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
#include <unistd.h>

/* Instances of the kretprobe: one is held by every kernel_clone() in
 * flight, which can sleep (memory, the pids charge); a call that finds
 * none free is missed, and counted (fx_probe_missed). */
#define MAXACTIVE 512

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

/* A watcher killed by SIGKILL leaves its probe behind; a later one removes
 * those whose watcher is gone (the name carries its pid). */
static void remove_stale(struct fx_probe *pr)
{
	char path[320], buf[8192], line[96], *p = buf, *nl;
	const char *tag = "forkexplain/clone_ret_";
	struct stat st;

	if (fx_join(path, sizeof(path), pr->tracefs, "/") < 0 || fx_join(path, sizeof(path), path, pr->control) < 0 ||
	    fx_read_file(path, buf, sizeof(buf)) < 0)
		return;
	for (; (p = strstr(p, tag)) != NULL; p = nl) {
		const char *q = p + strlen(tag);
		int64_t pid;
		char proc[64];

		nl = strchr(p, ' ');
		if (!nl || fx_parse_i64(&q, &pid) < 0)
			break;
		snprintf(proc, sizeof(proc), "/proc/%lld", (long long)pid);
		if (stat(proc, &st) == 0)
			continue;
		snprintf(line, sizeof(line), "-:%s%lld\n", tag, (long long)pid);
		control_write(pr, line);
	}
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
	char path[320], event[96], maxactive[16];
	struct stat st;
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
		err = define(pr, "", target + 7);
	} else {
		snprintf(maxactive, sizeof(maxactive), "%d", MAXACTIVE);
		err = define(pr, maxactive, "kernel_clone");
		if (err == -ENOENT || err == -EINVAL)
			err = define(pr, maxactive, "_do_fork");
	}
	if (err < 0) {
		reason(why, whycap, pr, err);
		return -1;
	}
	pr->created = 1;
	snprintf(event, sizeof(event), "%s", pr->name);
	pr->src.id = fx_tracefs_event(tracefs, event, &pr->src.ret_offset, &pr->src.ret_size);
	pr->src.call = FX_KERNEL_CLONE;
	if (pr->src.id < 0) {
		snprintf(why, whycap, "the probe %s was made but tracefs has no id or ret field for it", pr->name);
		fx_probe_remove(pr);
		return -1;
	}
	return 0;
}

void fx_probe_remove(struct fx_probe *pr)
{
	char line[96];

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
