#include "record.h"
#include "beancounters.h"
#include "lve.h"
#include "calls.h"
#include "errname.h"
#include "cgroup.h"
#include "container.h"
#include "jsonw.h"
#include "num.h"

#include <string.h>

/* The writer's instruction set: what a record's backtrace addresses and
 * its system calls are in (docs/log-format.md, `arch`). */
#if defined(__x86_64__)
#define FX_ARCH "x86_64"
#elif defined(__aarch64__)
#define FX_ARCH "aarch64"
#else
#error "forkexplain's records know x86_64 and aarch64"
#endif

static void val(struct fx_json *w, const char *key, const struct fx_val *v, const char *word)
{
	if (!v->have)
		return;
	if (v->is_max)
		fx_json_str(w, key, word);
	else
		fx_json_i64(w, key, v->v);
}

static void limit(struct fx_json *w, const char *key, const struct fx_limit *l)
{
	if (!l->soft.have && !l->hard.have)
		return;
	fx_json_object_begin(w, key);
	val(w, "soft", &l->soft, "unlimited");
	val(w, "hard", &l->hard, "unlimited");
	fx_json_object_end(w);
}

static void header(struct fx_json *w, const struct fx_identity *s, const char *type)
{
	fx_json_i64(w, "schema", FX_SCHEMA);
	fx_json_str(w, "type", type);
	if (s->source)
		fx_json_str(w, "source", s->source);
	fx_json_str(w, "time", s->time);
	fx_json_str(w, "host", s->host);
	if (s->boot_id[0])
		fx_json_str(w, "boot_id", s->boot_id);
	fx_json_str(w, "kernel", s->kernel);
	fx_json_str(w, "arch", FX_ARCH);
	if (s->libc)
		fx_json_str(w, "libc", s->libc);
	if (s->libc_version)
		fx_json_str(w, "libc_version", s->libc_version);
	/* Schema 1's name for a glibc release, kept for readers before
	 * "libc" (docs/log-format.md). */
	if (s->libc && s->libc_version && strcmp(s->libc, "glibc") == 0)
		fx_json_str(w, "glibc", s->libc_version);
}

/* argv: the command line of s->argv_len bytes, or NULL when not read. */
static void process(struct fx_json *w, const struct fx_identity *s, const char *argv)
{
	size_t i, start = 0;

	fx_json_object_begin(w, "process");
	fx_json_i64(w, "pid", s->pid);
	fx_json_i64(w, "tid", s->tid);
	fx_json_i64(w, "ppid", s->ppid);
	fx_json_u64(w, "uid", s->uid);
	fx_json_u64(w, "euid", s->euid);
	if (s->comm[0])
		fx_json_str(w, "comm", s->comm);
	if (s->thread_comm[0])
		fx_json_str(w, "thread_comm", s->thread_comm);
	if (s->state)
		fx_json_strn(w, "state", &s->state, 1);
	val(w, "seccomp", &s->seccomp, "");
	if (s->exe[0])
		fx_json_str(w, "exe", s->exe);
	if (argv && s->argv_len > 0) {
		fx_json_array_begin(w, "argv");
		for (i = 0; i < s->argv_len; i++) {
			if (argv[i] == '\0') {
				fx_json_strn(w, NULL, argv + start, i - start);
				start = i + 1;
			}
		}
		if (start < s->argv_len)
			fx_json_strn(w, NULL, argv + start, s->argv_len - start);
		fx_json_array_end(w);
	}
	fx_json_object_end(w);
}

/* tally_at: NULL, or where a tally's suppressed count is to be written
 * padded, so that its writer can raise it in place. */
static void call(struct fx_json *w, const struct fx_identity *s, int tally, size_t *tally_at)
{
	const char *name = fx_errno_name(s->err);

	fx_json_object_begin(w, "call");
	fx_json_str(w, "name", s->call_name ? s->call_name : fx_call_name((enum fx_call)s->call));
	fx_json_i64(w, "errno", s->err);
	if (name)
		fx_json_str(w, "errno_name", name);
	if (!tally) {
		val(w, "clone_flags", &s->clone_flags, "");
		if (s->creates)
			fx_json_str(w, "creates", s->creates);
		val(w, "stack_size_bytes", &s->stack_size, "unlimited");
		if (s->execs_in_flight > 0)
			fx_json_i64(w, "execs_in_flight", s->execs_in_flight);
	}
	if (tally_at)
		*tally_at = fx_json_u64_padded(w, "suppressed", s->suppressed);
	else
		fx_json_u64(w, "suppressed", s->suppressed);
	fx_json_u64(w, "lost", s->lost);
	if (!tally)
		fx_json_bool(w, "injected", s->injected);
	fx_json_object_end(w);
}

static void pid_space(struct fx_json *w, const struct fx_snapshot *s)
{
	int i;

	fx_json_object_begin(w, "pid");
	val(w, "pid_max", &s->pid_max, "max");
	val(w, "threads_max", &s->threads_max, "max");
	val(w, "host_tasks", &s->host_tasks, "max");
	val(w, "pid_ns", &s->pid_ns, "");
	val(w, "pid_for_children_ns", &s->pid_for_children_ns, "");
	if (s->nspid_count > 0) {
		fx_json_array_begin(w, "nspid");
		for (i = 0; i < s->nspid_count; i++)
			fx_json_i64(w, NULL, s->nspid[i]);
		fx_json_array_end(w);
	}
	val(w, "ns_tasks", &s->ns_tasks, "");
	val(w, "children_ns_tasks", &s->children_ns_tasks, "");
	val(w, "host_low_tasks", &s->host_low_tasks, "");
	val(w, "ns_low_tasks", &s->ns_low_tasks, "");
	val(w, "max_user_namespaces", &s->max_user_namespaces, "");
	val(w, "max_pid_namespaces", &s->max_pid_namespaces, "");
	val(w, "limits_user_ns", &s->limits_user_ns, "");
	fx_json_object_end(w);
}

static void limits(struct fx_json *w, const struct fx_snapshot *s)
{
	fx_json_object_begin(w, "limits");
	limit(w, "nproc", &s->nproc);
	limit(w, "as", &s->as);
	limit(w, "stack", &s->stack);
	limit(w, "nofile", &s->nofile);
	if (s->nproc_exempt)
		fx_json_str(w, "nproc_exempt", s->nproc_exempt);
	val(w, "uid_tasks", &s->uid_tasks, "");
	val(w, "uid_tasks_other_pidns", &s->uid_tasks_other_pidns, "");
	fx_json_object_end(w);
}

static void pids_level(struct fx_json *w, const struct fx_cg_level *l)
{
	val(w, "max", &l->max, "max");
	val(w, "current", &l->current, "max");
	val(w, "peak", &l->peak, "max");
	val(w, "events_max", &l->u.pids.events_max, "max");
	val(w, "events_max_local", &l->u.pids.events_max_local, "max");
}

/* memory.events or memory.events.local as an object. */
static void memory_events(struct fx_json *w, const char *key, const struct fx_val *max,
			  const struct fx_val *oom, const struct fx_val *oom_kill)
{
	if (!max->have && !oom->have && !oom_kill->have)
		return;
	fx_json_object_begin(w, key);
	val(w, "max", max, "");
	val(w, "oom", oom, "");
	val(w, "oom_kill", oom_kill, "");
	fx_json_object_end(w);
}

static void memory_level(struct fx_json *w, int version, const struct fx_cg_level *l)
{
	val(w, "max_bytes", &l->max, "max");
	val(w, "current_bytes", &l->current, "max");
	val(w, "peak_bytes", &l->peak, "max");
	if (version == 2) {
		memory_events(w, "events", &l->u.mem2.events_max, &l->u.mem2.oom, &l->u.mem2.oom_kill);
		memory_events(w, "events_local", &l->u.mem2.local_max, &l->u.mem2.local_oom,
			      &l->u.mem2.local_oom_kill);
		val(w, "swap_max_bytes", &l->u.mem2.swap_max, "max");
		val(w, "swap_current_bytes", &l->u.mem2.swap_current, "max");
		if (l->u.mem2.swap_events_max.have || l->u.mem2.swap_events_fail.have) {
			fx_json_object_begin(w, "swap_events");
			val(w, "max", &l->u.mem2.swap_events_max, "");
			val(w, "fail", &l->u.mem2.swap_events_fail, "");
			fx_json_object_end(w);
		}
		return;
	}
	val(w, "failcnt", &l->u.mem1.failcnt, "");
	val(w, "oom_kill_disable", &l->u.mem1.oom_kill_disable, "");
	val(w, "under_oom", &l->u.mem1.under_oom, "");
	val(w, "oom_kill", &l->u.mem1.oom_kill, "");
	val(w, "kmem_max_bytes", &l->u.mem1.kmem_max, "max");
	val(w, "kmem_current_bytes", &l->u.mem1.kmem_current, "max");
	val(w, "kmem_peak_bytes", &l->u.mem1.kmem_peak, "max");
	val(w, "kmem_failcnt", &l->u.mem1.kmem_failcnt, "");
	val(w, "memsw_max_bytes", &l->u.mem1.memsw_max, "max");
	val(w, "memsw_current_bytes", &l->u.mem1.memsw_current, "max");
	val(w, "memsw_peak_bytes", &l->u.mem1.memsw_peak, "max");
	val(w, "memsw_failcnt", &l->u.mem1.memsw_failcnt, "");
}

static void cg_level(struct fx_json *w, const struct fx_cg_hierarchy *h, const struct fx_cg_level *l)
{
	char path[FX_PATH], dir[FX_PATH];

	if (fx_cgroup_level_path(h, l, path, sizeof(path)) < 0)
		return;
	fx_json_object_begin(w, NULL);
	fx_json_i64(w, "version", h->version);
	fx_json_str(w, "path", path);
	if (l->have_dir && fx_cgroup_level_dir(h, l, dir, sizeof(dir)) == 0)
		fx_json_str(w, "dir", dir);
	if (h->controller == FX_CG_PIDS)
		pids_level(w, l);
	else
		memory_level(w, h->version, l);
	fx_json_object_end(w);
}

/* The mount a controller was read through: its root is the container's
 * own cgroup when a runtime bind-mounted its leaf. */
static void cg_mount(struct fx_json *w, const char *key, const struct fx_cg_hierarchy *h)
{
	fx_json_object_begin(w, key);
	fx_json_i64(w, "version", h->version);
	fx_json_str(w, "mount", h->mount);
	fx_json_str(w, "root", h->mount_root);
	if (h->version == 2)
		fx_json_bool(w, "local_events", h->local_events);
	fx_json_object_end(w);
}

static void cgroups(struct fx_json *w, const struct fx_snapshot *s)
{
	static const char *const names[] = { "pids", "memory" };
	static const char *const mounts[] = { "pids_mount", "memory_mount" };
	int c, i, j;

	fx_json_object_begin(w, "cgroups");
	for (c = 0; c < 2; c++) {
		fx_json_array_begin(w, names[c]);
		for (i = 0; i < s->ncg; i++) {
			const struct fx_cg_hierarchy *h = &s->cg[i];
			if ((int)h->controller != c)
				continue;
			for (j = 0; j < h->nlevels; j++)
				cg_level(w, h, &h->levels[j]);
		}
		fx_json_array_end(w);
	}
	for (c = 0; c < 2; c++) {
		for (i = 0; i < s->ncg && (int)s->cg[i].controller != c; i++)
			;
		if (i < s->ncg)
			cg_mount(w, mounts[c], &s->cg[i]);
	}
	fx_json_object_end(w);
}

static void container(struct fx_json *w, const struct fx_snapshot *s)
{
	const struct fx_container *c = &s->container;
	int i;

	fx_json_object_begin(w, "container");
	val(w, "cgroup_ns", &c->cgroup_ns, "");
	val(w, "user_ns", &c->user_ns, "");
	if (c->have_uid_map) {
		fx_json_array_begin(w, "uid_map");
		for (i = 0; i < c->nuid_map; i++) {
			fx_json_array_begin(w, NULL);
			fx_json_i64(w, NULL, c->uid_map[i][0]);
			fx_json_i64(w, NULL, c->uid_map[i][1]);
			fx_json_i64(w, NULL, c->uid_map[i][2]);
			fx_json_array_end(w);
		}
		fx_json_array_end(w);
	}
	fx_json_array_begin(w, "markers");
	for (i = 0; i < FX_MARKERS; i++)
		if (c->markers >> i & 1)
			fx_json_str(w, NULL, fx_container_markers[i]);
	fx_json_array_end(w);
	if (c->manager[0])
		fx_json_str(w, "manager", c->manager);
	if (c->init_container[0])
		fx_json_str(w, "init_container", c->init_container);
	if (c->cenv_engine[0] || c->cenv_name[0] || c->cenv_image[0]) {
		fx_json_object_begin(w, "containerenv");
		if (c->cenv_engine[0])
			fx_json_str(w, "engine", c->cenv_engine);
		if (c->cenv_name[0])
			fx_json_str(w, "name", c->cenv_name);
		if (c->cenv_image[0])
			fx_json_str(w, "image", c->cenv_image);
		fx_json_object_end(w);
	}
	if (c->have_mountinfo) {
		fx_json_object_begin(w, "bind_roots");
		for (i = 0; i < FX_BIND_ROOTS; i++)
			if (c->bind_roots[i][0])
				fx_json_str(w, fx_bind_points[i], c->bind_roots[i]);
		fx_json_object_end(w);
		if (c->root_source[0])
			fx_json_str(w, "root_source", c->root_source);
		fx_json_array_begin(w, "lxcfs");
		for (i = 0; i < FX_LXCFS_FILES; i++)
			if (c->lxcfs >> i & 1)
				fx_json_str(w, NULL, fx_lxcfs_files[i]);
		fx_json_array_end(w);
	}
	fx_json_object_end(w);
}

/* Only on OpenVZ / Virtuozzo kernels, where the file exists. */
static void beancounters(struct fx_json *w, const struct fx_snapshot *s)
{
	const struct fx_beancounters *b = &s->ubc;
	int i;

	if (!b->have)
		return;
	fx_json_object_begin(w, "beancounters");
	val(w, "ctid", &b->ctid, "");
	for (i = 0; i < FX_UBC_ROWS; i++) {
		const struct fx_ubc_row *r = &b->rows[i];
		if (!r->held.have)
			continue;
		fx_json_object_begin(w, fx_ubc_resources[i]);
		val(w, "held", &r->held, "");
		val(w, "maxheld", &r->maxheld, "");
		val(w, "barrier", &r->barrier, "");
		val(w, "limit", &r->limit, "");
		val(w, "failcnt", &r->failcnt, "");
		fx_json_object_end(w);
	}
	fx_json_object_end(w);
}

/* Only on CloudLinux's LVE kernels: the uid's row, or just the version
 * when the uid has no LVE now (docs/kernel-facts.md §11.164). */
static void lve(struct fx_json *w, const struct fx_snapshot *s)
{
	const struct fx_lve *l = &s->lve;

	if (!l->have)
		return;
	fx_json_object_begin(w, "lve");
	fx_json_i64(w, "version", l->version);
	val(w, "id", &l->id, "");
	val(w, "ep", &l->ep, "");
	val(w, "ep_limit", &l->ep_limit, "");
	val(w, "ep_faults", &l->ep_faults, "");
	val(w, "nproc", &l->nproc, "");
	val(w, "nproc_limit", &l->nproc_limit, "");
	val(w, "nproc_faults", &l->nproc_faults, "");
	val(w, "pmem_pages", &l->pmem, "");
	val(w, "pmem_limit_pages", &l->pmem_limit, "");
	val(w, "pmem_faults", &l->pmem_faults, "");
	val(w, "vmem_pages", &l->vmem, "");
	val(w, "vmem_limit_pages", &l->vmem_limit, "");
	val(w, "vmem_faults", &l->vmem_faults, "");
	fx_json_object_end(w);
}

static void memory(struct fx_json *w, const struct fx_snapshot *s)
{
	fx_json_object_begin(w, "memory");
	val(w, "mem_total_kb", &s->mem_total, "");
	val(w, "mem_available_kb", &s->mem_available, "");
	val(w, "mem_free_kb", &s->mem_free, "");
	val(w, "cached_kb", &s->cached, "");
	val(w, "buffers_kb", &s->buffers, "");
	val(w, "shmem_kb", &s->shmem, "");
	val(w, "sreclaimable_kb", &s->sreclaimable, "");
	val(w, "swap_total_kb", &s->swap_total, "");
	val(w, "swap_free_kb", &s->swap_free, "");
	val(w, "commit_limit_kb", &s->commit_limit, "");
	val(w, "committed_as_kb", &s->committed_as, "");
	val(w, "overcommit_memory", &s->overcommit_memory, "");
	val(w, "overcommit_ratio", &s->overcommit_ratio, "");
	val(w, "overcommit_kbytes", &s->overcommit_kbytes, "");
	val(w, "vm_size_kb", &s->vm_size, "");
	val(w, "vm_data_kb", &s->vm_data, "");
	val(w, "vm_rss_kb", &s->vm_rss, "");
	val(w, "map_count", &s->map_count, "");
	val(w, "max_map_count", &s->max_map_count, "");
	fx_json_object_end(w);
}

static void top(struct fx_json *w, const struct fx_snapshot *s)
{
	int i;

	fx_json_object_begin(w, "top");
	fx_json_bool(w, "complete", s->top_complete);
	fx_json_i64(w, "processes", s->top_processes);
	fx_json_i64(w, "zombies", s->top_zombies);
	fx_json_array_begin(w, "holders");
	for (i = 0; i < s->nholders; i++) {
		const struct fx_holder *h = &s->holders[i];
		fx_json_object_begin(w, NULL);
		fx_json_i64(w, "pid", h->pid);
		fx_json_str(w, "comm", h->comm);
		fx_json_u64(w, "uid", h->uid);
		fx_json_i64(w, "threads", h->threads);
		fx_json_i64(w, "zombies", h->zombies);
		fx_json_object_end(w);
	}
	fx_json_array_end(w);
	fx_json_object_end(w);
}

static void backtrace(struct fx_json *w, const struct fx_snapshot *s)
{
	const char *hex = fx_hex_digits;
	int i, k;

	if (s->nframes == 0)
		return;
	fx_json_array_begin(w, "backtrace");
	for (i = 0; i < s->nframes; i++) {
		const struct fx_frame *f = &s->frames[i];
		fx_json_object_begin(w, NULL);
		fx_json_hex(w, "addr", f->addr);
		if (f->module >= 0) {
			const struct fx_module *m = &s->modules[f->module];
			char id[41];
			fx_json_str(w, "module", m->path);
			fx_json_hex(w, "offset", f->addr - m->bias);
			if (m->build_id_len > 0) {
				for (k = 0; k < m->build_id_len; k++) {
					id[2 * k] = hex[m->build_id[k] >> 4];
					id[2 * k + 1] = hex[m->build_id[k] & 15];
				}
				fx_json_strn(w, "build_id", id, (size_t)m->build_id_len * 2);
			}
		}
		fx_json_object_end(w);
	}
	fx_json_array_end(w);
}

/* "absent" (ENOENT) and "unreadable" (any other error), from one list. */
static void failed_sources(struct fx_json *w, const struct fx_snapshot *s, const char *key, int absent)
{
	int i, any = 0;

	for (i = 0; i < s->id.nunreadable; i++)
		any |= s->unreadable_absent[i] == absent;
	if (!any)
		return;
	fx_json_array_begin(w, key);
	for (i = 0; i < s->id.nunreadable; i++)
		if (s->unreadable_absent[i] == absent)
			fx_json_str(w, NULL, s->unreadable[i]);
	fx_json_array_end(w);
}

/* A failure record is a state record with the call and its stack. */
static size_t state_record(const struct fx_snapshot *s, char *buf, size_t cap, int with_call)
{
	struct fx_json w;

	fx_json_init(&w, buf, cap);
	fx_json_object_begin(&w, NULL);
	header(&w, &s->id, with_call ? "failure" : "snapshot");
	process(&w, &s->id, s->argv);
	if (with_call)
		call(&w, &s->id, 0, NULL);
	pid_space(&w, s);
	limits(&w, s);
	container(&w, s);
	beancounters(&w, s);
	lve(&w, s);
	cgroups(&w, s);
	memory(&w, s);
	top(&w, s);
	if (with_call)
		backtrace(&w, s);
	failed_sources(&w, s, "absent", 1);
	failed_sources(&w, s, "unreadable", 0);
	fx_json_object_end(&w);
	return fx_json_finish(&w);
}

size_t fx_record_failure(const struct fx_snapshot *s, char *buf, size_t cap)
{
	return state_record(s, buf, cap, 1);
}

size_t fx_record_snapshot(const struct fx_snapshot *s, char *buf, size_t cap)
{
	return state_record(s, buf, cap, 0);
}

size_t fx_record_tally_max(int cmdline)
{
	return FX_RECORD_TALLY_MAX - (cmdline ? 0 : 6 * FX_TALLY_ARGV);
}

/* A tally written because FORKEXPLAIN_FILL=failure found no room to fill
 * a snapshot's buffers: what it found (docs/log-format.md). */
static const char *const fill_reasons[] = { "", "memcg", "mem_available", "unread" };

static void fill_refused(struct fx_json *w, const struct fx_fill_refusal *r)
{
	if (r->reason <= FX_REFUSED_NONE || r->reason > FX_REFUSED_UNREAD)
		return;
	/* One buffer, the mount then the cgroup's path. */
	fx_json_object_begin(w, "fill_refused");
	fx_json_str(w, "reason", fill_reasons[r->reason]);
	fx_json_i64(w, "need_bytes", r->need);
	if (r->reason == FX_REFUSED_MEMCG) {
		fx_json_i64(w, "version", r->version);
		fx_json_strn(w, "mount", r->dir, r->path_at);
		fx_json_str(w, "path", r->dir[r->path_at] ? r->dir + r->path_at : "/");
		fx_json_str(w, "counter", r->memsw ? "memsw" : "memory");
		fx_json_i64(w, "current_bytes", r->current);
		fx_json_i64(w, "max_bytes", r->max);
	} else if (r->reason == FX_REFUSED_MEM_AVAILABLE) {
		fx_json_i64(w, "mem_available_kb", r->current);
	} else {
		fx_json_str(w, "source", r->dir);
		if (r->err && fx_errno_name(r->err))
			fx_json_str(w, "errno_name", fx_errno_name(r->err));
	}
	fx_json_object_end(w);
}

/* A tally of failures held back in the tree's tally area and written
 * later, by whichever writer of the tree could (docs/log-format.md,
 * "held"): keys, a number and constants, within FX_TALLY_FRAME. */
static void held(struct fx_json *w, const struct fx_tally_held *h)
{
	const char *name = fx_errno_name(h->log_err);

	fx_json_object_begin(w, "held");
	fx_json_i64(w, "log_errno", h->log_err);
	if (name)
		fx_json_str(w, "log_errno_name", name);
	if (h->fill > FX_REFUSED_NONE && h->fill <= FX_REFUSED_UNREAD)
		fx_json_str(w, "fill", fill_reasons[h->fill]);
	fx_json_bool(w, "overflow", h->overflow != 0);
	fx_json_object_end(w);
}

static size_t tally(const struct fx_identity *id, const char *argv, const struct fx_fill_refusal *why,
		    const struct fx_tally_held *h, char *buf, size_t cap, size_t *count_at)
{
	struct fx_json w;

	fx_json_init(&w, buf, cap);
	fx_json_object_begin(&w, NULL);
	header(&w, id, "tally");
	process(&w, id, argv);
	call(&w, id, 1, count_at);
	if (why)
		fill_refused(&w, why);
	if (h)
		held(&w, h);
	fx_json_object_end(&w);
	return fx_json_finish(&w);
}

size_t fx_record_tally(const struct fx_identity *id, const char *argv, char *buf, size_t cap, size_t *count_at)
{
	return tally(id, argv, NULL, NULL, buf, cap, count_at);
}

size_t fx_record_tally_held(const struct fx_identity *id, const char *argv, const struct fx_tally_held *h,
			    char *buf, size_t cap)
{
	return tally(id, argv, NULL, h, buf, cap, NULL);
}

size_t fx_record_tally_why(const struct fx_identity *id, const char *argv, const struct fx_fill_refusal *why,
			   char *buf, size_t cap, size_t *count_at)
{
	size_t len = why && why->reason != FX_REFUSED_NONE ? tally(id, argv, why, NULL, buf, cap, count_at) : 0;

	return len > 0 ? len : tally(id, argv, NULL, NULL, buf, cap, count_at);
}
