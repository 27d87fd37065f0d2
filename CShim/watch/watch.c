/* forkexplain watch: picks the mode, says which at start and what it
 * cannot see, and turns kernel events into log lines under the rate
 * limit (docs/watch.md). */
#include "include/forkexplain_watch.h"
#include "capture.h"
#include "clock.h"
#include "config.h"
#include "counters.h"
#include "errname.h"
#include "str.h"
#include "logsink.h"
#include "nsentry.h"
#include "pairing.h"
#include "perfring.h"
#include "probe.h"
#include "tallies.h"
#include "tracefs.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS 200
#define RESCAN_NS (2 * 1000000000LL)
#define LINE_CAP (256 * 1024)

struct watch {
	const struct fx_watch_options *opt;
	struct fx_sink sink;
	struct fx_tallies tallies;
	char line[LINE_CAP];
	unsigned long seen, recorded, tallied, over_budget;
	int64_t budget_start;	/* the current second, monotonic */
	int budget_used;
};

/* Large: static, not on the stack. */
static struct watch W;
static struct fx_perf P;	/* the failures: exit tracepoints or the return probe */
static struct fx_perf E;	/* the entry probe's calls, when it runs */
static struct fx_pairing PAIR;
static int with_entries;
/* Tracepoints mode: E carries sys_enter_clone's namespace clones (nsentry.h). */
static int with_ns_entries;
static struct fx_nsentries NS;
static struct fx_probe K;
static struct fx_counters C;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* No SA_RESTART: poll() must return so the tallies get written. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static const char *call_name_of(int call)
{
	return call < 0 ? "clone" : fx_syscall_name((enum fx_syscall)call);
}

static void write_tally(const struct fx_tally *t, void *arg)
{
	struct watch *w = arg;
	size_t len = fx_capture_tally(t, call_name_of(t->call), w->line, sizeof(w->line));

	if (len > 0 && fx_sink_write(&w->sink, w->line, len) == 0)
		w->tallied += t->suppressed;
}

static void say_failure(const struct watch *w, const struct fx_capture *c, const struct fx_tally *t)
{
	const char *e = fx_errno_name(c->err);

	if (w->opt->quiet)
		return;
	if (c->pid > 0)
		fprintf(stderr, "forkexplain watch: %s[%d/%d] uid %s%u: %s%s%s%s failed: %s", t->comm[0] ? t->comm : "?",
			c->pid, c->tid, t->have_uid ? "" : "? ", t->have_uid ? t->uid : 0u, c->call,
			c->have_flags ? " (" : "", c->have_flags ? fx_capture_creates(c->clone_flags) : "",
			c->have_flags ? ")" : "", e ? e : "?");
	else
		fprintf(stderr, "forkexplain watch: cgroup %s: a fork was refused by its pids limit", c->cg_path);
	if (c->suppressed)
		fprintf(stderr, " (+%llu counted)", (unsigned long long)c->suppressed);
	fprintf(stderr, "\n");
}

/* A snapshot costs the watcher milliseconds of CPU (the /proc scan,
 * docs/watch.md): a storm from many tasks at once must not take the host's
 * CPU, so past the bound a failure is only counted. */
static int budget_take(struct watch *w)
{
	int64_t now = fx_monotonic_ns();

	if (w->opt->max_per_second <= 0)
		return 1;
	if (now - w->budget_start >= 1000000000LL) {
		w->budget_start = now;
		w->budget_used = 0;
	}
	if (w->budget_used >= w->opt->max_per_second)
		return 0;
	w->budget_used++;
	return 1;
}

static void record(struct watch *w, struct fx_capture *c, struct fx_tally *t)
{
	size_t len;

	if (!budget_take(w)) {
		t->suppressed++; /* in its next record or tally */
		w->over_budget++;
		return;
	}
	c->suppressed = t->suppressed;
	t->suppressed = 0;
	len = fx_capture_failure(c, t, w->line, sizeof(w->line));
	if (len > 0 && fx_sink_write(&w->sink, w->line, len) == 0) {
		w->recorded++;
		w->tallied += c->suppressed;
	} else {
		/* Not written: still counted, in the next line for it. */
		t->suppressed += c->suppressed + 1;
	}
	say_failure(w, c, t);
}

static int on_ns_entry(const struct fx_watch_event *ev, void *arg)
{
	(void)arg;
	fx_nsentry_note(&NS, ev);
	return 0;
}

/* A failed clone's namespace flags in tracepoints mode: its entry was
 * written before its exit, so if it is not yet read, one more drain of
 * the entries finds it. None: the call had no CLONE_NEW* flag, and its
 * flags stay unknown. */
static int ns_flags(struct watch *w, const struct fx_watch_event *ev, uint64_t *flags)
{
	if (fx_nsentry_take(&NS, ev->tid, ev->mono_ns, flags) == 0)
		return 1;
	fx_perf_drain(&E, on_ns_entry, w);
	return fx_nsentry_take(&NS, ev->tid, ev->mono_ns, flags) == 0;
}

static int on_event(const struct fx_watch_event *ev, void *arg)
{
	struct watch *w = arg;
	struct fx_capture c;
	struct fx_tally *t;

	/* The shim's errno filter (FORKEXPLAIN_ERRNOS); the kernel-side
	 * filter already keeps to it, this catches the rest. */
	if (!fx_errno_recorded(ev->err))
		return 0;
	w->seen++;
	t = fx_tally_hit(&w->tallies, ev->pid, ev->pid, ev->tid, (int)ev->call, ev->err, 1, fx_monotonic_ns(), write_tally, w);
	if (!t)
		return 0;
	memset(&c, 0, sizeof(c));
	c.pid = ev->pid;
	c.tid = ev->tid;
	c.call = fx_syscall_name(ev->call);
	c.err = ev->err;
	c.realtime_ns = ev->realtime_ns;
	c.cgroup_id = ev->cgroup_id;
	c.have_flags = ev->have_flags;
	c.clone_flags = ev->clone_flags;
	if (!c.have_flags && with_ns_entries && ev->call == FX_SYS_CLONE)
		c.have_flags = ns_flags(w, ev, &c.clone_flags);
	record(w, &c, t);
	return 0;
}

/* A failure from the return probe waits for its entry (pairing.h);
 * returns 1 when the pending list is full. */
static int on_return(const struct fx_watch_event *ev, void *arg)
{
	if (!with_entries)
		return on_event(ev, arg);
	if (!fx_errno_recorded(ev->err))
		return 0;
	return fx_pairing_return(&PAIR, ev);
}

static int on_entry(const struct fx_watch_event *ev, void *arg)
{
	uint64_t flags = 0;
	int have = fx_probe_flags(K.layout, ev, &flags) == 0;

	(void)arg;
	fx_pairing_entry(&PAIR, ev->tid, have, flags, ev->mono_ns);
	return 0;
}

/* Failures first, then the entries: every entry of a failure read is in
 * its ring by then (it was written before the failure's return). */
static void drain(struct watch *w)
{
	int more;

	if (with_ns_entries)
		fx_perf_drain(&E, on_ns_entry, w);
	do {
		uint64_t lost = E.lost, full = E.full;
		more = fx_perf_drain(&P, on_return, w);
		if (!with_entries)
			break;
		fx_perf_drain(&E, on_entry, w);
		if (E.lost != lost || E.full != full)
			fx_pairing_lost(&PAIR, fx_monotonic_ns());
		fx_pairing_finish(&PAIR, on_event, w);
	} while (more);
}

static int64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Counters mode: delta refusals in one cgroup. The rate-limit key is the
 * cgroup path's hash (negative, never a pid); the task snapshotted is one
 * of its members, standing for the one refused, which is not known. */
static void on_counted(int version, const char *mount, const char *path, uint64_t delta, void *arg)
{
	struct watch *w = arg;
	struct fx_capture c;
	struct fx_tally *t;
	unsigned h = 5381;
	const char *p;

	for (p = path; *p; p++)
		h = h * 33 + (unsigned char)*p;
	w->seen += delta;
	memset(&c, 0, sizeof(c));
	c.pid = fx_counters_member(mount, path);
	c.tid = c.pid;
	t = fx_tally_hit(&w->tallies, -(long)h - 1, c.pid, c.pid, -1, EAGAIN, delta, fx_monotonic_ns(), write_tally, w);
	if (!t)
		return;
	c.call = "clone";
	c.err = EAGAIN; /* pids_try_charge(), docs/kernel-facts.md §1 */
	c.realtime_ns = realtime_ns();
	c.cg_version = version;
	c.cg_mount = mount;
	c.cg_path = path;
	c.why_no_task = "the refused task: counters mode sees the cgroup's pids.events, not the task";
	record(w, &c, t);
}

static int ring_fds(const struct fx_perf *p, struct pollfd *fds, int n)
{
	int i;

	for (i = 0; i < p->nrings; i++)
		if (p->rings[i].base) {
			fds[n].fd = p->rings[i].fd;
			fds[n++].events = POLLIN;
		}
	return n;
}

static void run_tracing(struct watch *w)
{
	static struct pollfd fds[2 * FX_PERF_MAX_CPUS];
	int n = ring_fds(&P, fds, 0);
	int64_t last_flush = fx_monotonic_ns();

	if (with_entries || with_ns_entries)
		n = ring_fds(&E, fds, n);
	while (!stop) {
		int64_t now;
		poll(fds, (nfds_t)n, TICK_MS);
		drain(w);
		now = fx_monotonic_ns();
		if (now - last_flush >= (int64_t)TICK_MS * 1000000) {
			fx_tally_flush(&w->tallies, now, 0, write_tally, w);
			fx_pairing_expire(&PAIR, now);
			last_flush = now;
		}
	}
	drain(w);
}

static void run_counters(struct watch *w)
{
	struct pollfd fds[2];
	int n = fx_counters_pollfds(&C, fds, 2);
	int64_t last_scan = fx_monotonic_ns();

	while (!stop) {
		int64_t now;
		int r = poll(fds, (nfds_t)n, TICK_MS);
		now = fx_monotonic_ns();
		/* The kernel's line names a cgroup that may be new: look now. */
		if ((r > 0 && fx_counters_drain(&C) == 2) || now - last_scan >= RESCAN_NS) {
			fx_counters_scan(&C);
			last_scan = now;
		}
		/* v1 has no notification: every tick reads every counter. */
		fx_counters_check(&C, on_counted, w);
		fx_tally_flush(&w->tallies, now, 0, write_tally, w);
	}
	fx_counters_check(&C, on_counted, w);
}

/* Only the recorded errnos (FORKEXPLAIN_ERRNOS) ever leave the kernel.
 * With "all", "ret > -512" keeps out the kernel's restart codes
 * (ERRESTARTNOINTR: a fork interrupted by a signal, restarted unseen). */
static void build_filter(char *out, size_t cap)
{
	size_t n = 0;
	int err, count = 0;

	out[0] = '\0';
	for (err = 1; err < 256; err++) {
		if (!fx_errno_recorded(err))
			continue;
		if (++count > 16)
			break;
		n += (size_t)snprintf(out + n, cap - n, "%sret == -%d", n ? " || " : "", err);
		if (n >= cap)
			break;
	}
	if (count == 0 || count > 16 || n >= cap)
		snprintf(out, cap, "ret < 0 && ret > -512");
}

/* /proc/PID/cgroup shows paths relative to the reader's cgroup namespace.
 * In a container (a DaemonSet with hostPID) that is the container's: enter
 * the host's, PID 1's, so that every level up to the host's root is named. */
static void enter_host_cgroup_ns(void)
{
	struct stat self, init;
	int fd;

	if (stat("/proc/self/ns/cgroup", &self) < 0 || stat("/proc/1/ns/cgroup", &init) < 0 ||
	    self.st_ino == init.st_ino)
		return;
	fd = open("/proc/1/ns/cgroup", O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && setns(fd, CLONE_NEWCGROUP) == 0)
		fprintf(stderr, "forkexplain watch: entered PID 1's cgroup namespace (cgroup paths from the host's root)\n");
	else
		fprintf(stderr, "forkexplain watch: cannot enter PID 1's cgroup namespace (%s): cgroup paths are relative "
				"to this container's\n", strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* The mechanisms, best first (docs/watch.md, "The mechanisms"). */
enum mechanism { MECH_KRETPROBE, MECH_TRACEPOINTS, MECH_COUNTERS, MECH_AUTO };

static const char *const mech_names[] = { "kretprobe", "tracepoints", "counters", "auto" };

/* The test hook FORKEXPLAIN_WATCH_MECHANISM forces one; -1: not a name. */
static int mechanism_wanted(void)
{
	const char *env = getenv("FORKEXPLAIN_WATCH_MECHANISM");
	int m;

	if (!env || !*env)
		return MECH_AUTO;
	for (m = 0; m <= MECH_AUTO; m++)
		if (strcmp(env, mech_names[m]) == 0)
			return m;
	return -1;
}

static int open_kretprobe(const char *tracefs, const char *filter, char *why, size_t whycap)
{
	if (fx_probe_create(&K, tracefs, getenv("FORKEXPLAIN_WATCH_PROBE_TARGET"), why, whycap) < 0)
		return -1;
	/* The entries before the returns: a failure whose call began
	 * before both were on has no entry, and so no flags. */
	with_entries = 0;
	if (K.entry_created) {
		if (fx_perf_open(&E, &K.entry_src, 1, NULL, K.entry_why, sizeof(K.entry_why)) == 0)
			with_entries = 1;
		else
			fx_probe_remove_entry(&K);
	}
	if (fx_perf_open(&P, &K.src, 1, filter, why, whycap) < 0) {
		if (with_entries)
			fx_perf_close(&E);
		with_entries = 0;
		fx_probe_remove(&K);
		return -1;
	}
	return 0;
}

static char ns_why[256];

static int open_tracepoints(const char *tracefs, const char *filter, char *why, size_t whycap)
{
	struct fx_perf_source src[FX_SYS_COUNT];
	char event[64];
	int i, n = 0;

	memset(src, 0, sizeof(src));
	for (i = 0; i < FX_SYS_COUNT; i++) {
		src[n].arg_offset = src[n].deref_offset = -1;
		snprintf(event, sizeof(event), "syscalls/sys_exit_%s", fx_syscall_name((enum fx_syscall)i));
		src[n].id = fx_tracefs_event(tracefs, event, &src[n].ret_offset, &src[n].ret_size);
		src[n].call = (enum fx_syscall)i;
		if (src[n].id >= 0)
			n++;
		else if (i == FX_SYS_CLONE) {
			fx_strlcpy(why, "no syscalls:sys_exit_clone tracepoint in tracefs (CONFIG_FTRACE_SYSCALLS off)",
				   whycap);
			return -1;
		}
	}
	if (fx_perf_open(&P, src, n, filter, why, whycap) < 0)
		return -1;
	with_ns_entries = fx_nsentry_open(&E, tracefs, ns_why, sizeof(ns_why)) == 0;
	return 0;
}

static void say_mode(int mech, const char *tracefs, int mounted, const char *filter, const char *why_k,
		     const char *log_path)
{
	const char *mnt = mounted ? "; mounted tracefs at " : "";

	if (mech == MECH_KRETPROBE) {
		fprintf(stderr,
			"forkexplain watch: kretprobe mode: %s on %s through perf_event_open on %d CPUs, kernel "
			"filter \"%s\"%s%s%s; only task creation pays, no other system call%s%s; log %s\n",
			K.name, K.target, P.nrings, filter, with_entries ? ", and the entry probe " : "",
			with_entries ? K.entry_name : "",
			with_entries ? (K.layout == FX_ARGS_STRUCT ? " for the clone flags (struct kernel_clone_args)"
								 : " for the clone flags (its first argument)")
				     : "",
			mnt, mounted ? tracefs : "", log_path);
		if (with_entries)
			fprintf(stderr, "forkexplain watch: kretprobe mode cannot see which system call failed (clone, "
					"clone3, fork and vfork all enter %s: a record says thread, process or vfork "
					"from the clone flags), nor the state of a task that exits before it is read "
					"(its record then says so)\n", K.target);
		else
			fprintf(stderr, "forkexplain watch: kretprobe mode cannot see which system call failed (clone, "
					"clone3, fork and vfork all enter %s), nor the clone flags (thread or process: "
					"no entry probe, %s), nor the state of a task that exits before it is read (its "
					"record then says so)\n", K.target, K.entry_why[0] ? K.entry_why : "?");
		return;
	}
	fprintf(stderr,
		"forkexplain watch: tracepoints mode (no kretprobe: %s): syscalls:sys_exit_{clone,clone3,fork,vfork} "
		"(%d of 4 on this kernel) through perf_event_open on %d CPUs, kernel filter \"%s\"%s%s; log %s\n",
		why_k, P.nsources, P.nrings, filter, mnt, mounted ? tracefs : "", log_path);
	fprintf(stderr, "forkexplain watch: tracepoints mode sends every system call of every task on the host "
			"through the kernel's slow path while it runs (docs/watch.md, \"Cost\"); it cannot see the "
			"clone flags (thread or process) %s%s%s, nor the state of a task that exits before it is read "
			"(its record then says so)%s\n",
		with_ns_entries ? "but those of clone calls with CLONE_NEW* flags (sys_enter_clone, filtered to them)"
				: "nor namespace flags (",
		with_ns_entries ? "" : ns_why, with_ns_entries ? "" : ")",
		P.with_cgroup ? "" : ", nor the cgroup of such a task (kernel < 5.7)");
}

/* Picks the first mechanism that opens (or the forced one); says why each
 * better one did not. Returns the mechanism, or -1 after a message. */
static int open_mechanism(int want, const char *filter, const char *log_path, char *why, size_t whycap)
{
	char tracefs[256], why_k[512] = "", why_t[512] = "";
	int mounted = 0, have_tracefs;

	if (want == MECH_COUNTERS) {
		snprintf(why, whycap, "FORKEXPLAIN_WATCH_MECHANISM=counters (test hook)");
		return MECH_COUNTERS;
	}
	have_tracefs = fx_tracefs_find(tracefs, sizeof(tracefs), &mounted, why_k, sizeof(why_k)) == 0;
	if (!have_tracefs)
		fx_strlcpy(why_t, why_k, sizeof(why_t));
	if (have_tracefs && (want == MECH_AUTO || want == MECH_KRETPROBE)) {
		if (open_kretprobe(tracefs, filter, why_k, sizeof(why_k)) == 0) {
			say_mode(MECH_KRETPROBE, tracefs, mounted, filter, "", log_path);
			return MECH_KRETPROBE;
		}
	}
	if (want == MECH_TRACEPOINTS)
		snprintf(why_k, sizeof(why_k), "FORKEXPLAIN_WATCH_MECHANISM=tracepoints (test hook)");
	if (want == MECH_KRETPROBE) {
		fprintf(stderr, "forkexplain: watch cannot run the forced kretprobe mechanism: %s\n", why_k);
		return -1;
	}
	if (have_tracefs && open_tracepoints(tracefs, filter, why_t, sizeof(why_t)) == 0) {
		say_mode(MECH_TRACEPOINTS, tracefs, mounted, filter, why_k, log_path);
		return MECH_TRACEPOINTS;
	}
	if (want == MECH_TRACEPOINTS) {
		fprintf(stderr, "forkexplain: watch cannot run the forced tracepoints mechanism: %s\n", why_t);
		return -1;
	}
	if (strcmp(why_k, why_t) == 0)
		snprintf(why, whycap, "%s", why_k);
	else
		snprintf(why, whycap, "no kretprobe: %s; no tracepoints: %s", why_k, why_t);
	return MECH_COUNTERS;
}

int fx_watch_run(const struct fx_watch_options *opt)
{
	struct watch *w = &W;
	char why[1100], filter[1024];
	int want = mechanism_wanted(), mech;

	if (want < 0) {
		fprintf(stderr, "forkexplain: FORKEXPLAIN_WATCH_MECHANISM must be auto, kretprobe, tracepoints or "
				"counters\n");
		return 1;
	}
	fx_config_load();
	fx_capture_init();
	memset(w, 0, sizeof(*w));
	w->opt = opt;
	w->tallies.interval_ns = (int64_t)opt->interval_ms * 1000000LL;
	if (fx_sink_open(&w->sink, opt->log_path, opt->max_log_bytes) < 0) {
		fprintf(stderr, "forkexplain: cannot open the log %s: %s; give a writable path with --log\n",
			w->sink.path[0] ? w->sink.path : opt->log_path, strerror(errno));
		return 1;
	}
	install_signals();
	enter_host_cgroup_ns();
	build_filter(filter, sizeof(filter));
	why[0] = '\0';
	mech = open_mechanism(want, filter, w->sink.to_stderr ? "-" : w->sink.path, why, sizeof(why));
	if (mech < 0) {
		fx_sink_close(&w->sink);
		return 1;
	}
	if (mech != MECH_COUNTERS) {
		run_tracing(w);
		fx_perf_close(&P);
		if (with_entries || with_ns_entries)
			fx_perf_close(&E);
		if (mech == MECH_KRETPROBE) {
			long long missed = fx_probe_missed(&K);
			if (missed > 0)
				fprintf(stderr, "forkexplain watch: the kretprobe missed %lld calls (more in flight at "
						"once than its instances)\n", missed);
			if (with_entries)
				fprintf(stderr, "forkexplain watch: clone flags: %lu failures paired with their "
						"entry, %lu without one, %lu not given because entries may have been "
						"lost (%llu entry samples dropped by the kernel)\n",
					PAIR.paired, PAIR.unpaired, PAIR.uncertain, (unsigned long long)E.lost);
			fx_probe_remove(&K);
		}
	} else {
		char cwhy[256];
		if (fx_counters_open(&C, cwhy, sizeof(cwhy)) < 0) {
			fprintf(stderr, "forkexplain: watch cannot run: tracing unavailable (%s) and %s\n", why, cwhy);
			fx_sink_close(&w->sink);
			return 1;
		}
		fx_counters_scan(&C);
		fprintf(stderr,
			"forkexplain watch: counters mode (tracing unavailable: %s): pids.events of %d cgroups in %d "
			"pids hierarchies (v2 notified, v1 read every %d ms)%s; log %s\n"
			"forkexplain watch: counters mode cannot see which task failed, its errno, or any refusal "
			"other than a pids cgroup's (RLIMIT_NPROC, pid_max, threads-max, a dead PID namespace, "
			"memory)\n",
			why, C.n, C.nmounts, TICK_MS, C.kmsg_fd >= 0 ? ", /dev/kmsg" : " (no /dev/kmsg)",
			w->sink.to_stderr ? "-" : w->sink.path);
		run_counters(w);
		fx_counters_close(&C);
	}
	fx_tally_flush(&w->tallies, fx_monotonic_ns(), 1, write_tally, w);
	fprintf(stderr,
		"forkexplain watch: stopped: %lu failures seen, %lu snapshotted, %lu counted in records and tallies "
		"(%lu of them past the snapshot budget), %lu lines not written, %llu events lost by the kernel\n",
		w->seen, w->recorded, w->tallied, w->over_budget, w->sink.failed, (unsigned long long)P.lost);
	fx_sink_close(&w->sink);
	return 0;
}
