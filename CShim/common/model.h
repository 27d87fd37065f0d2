/* The state of the machine at the instant a task could not be created:
 * everything a reader needs to tell which limit said no. Filled on the
 * failure path into a preallocated buffer; the layout is internal, the log
 * format (docs/log-format.md) is the contract. */
#ifndef FX_MODEL_H
#define FX_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "fileio.h"
#include "paths.h"

#define FX_CG_HIERARCHIES 4
#define FX_CG_LEVELS 16
#define FX_TOP 8
#define FX_FRAMES 32
#define FX_MODULES 16
#define FX_UNREADABLE 16
#define FX_NSPID 34
#define FX_UID_MAP 8
#define FX_BIND_ROOTS 7
#define FX_MARKERS 5
/* /run/systemd/container: a manager's name, first line, this many bytes at most. */
#define FX_MANAGER 32
/* podman's /run/.containerenv: its engine, name and image values. */
#define FX_CENV_ENGINE 32
#define FX_CENV_NAME 64
#define FX_CENV_IMAGE 128
#define FX_MOUNT_ROOT 256
/* The mount source of "/": a ZFS dataset or a device path. */
#define FX_ROOT_SOURCE 128
/* The beancounters that can refuse a fork (docs/kernel-facts.md §11.1). */
#define FX_UBC_ROWS 4
/* The /proc files LXCFS can stand in for (docs/kernel-facts.md §11.2). */
#define FX_LXCFS_FILES 7

/* An optional number: `have` says it was read, `is_max` that the source
 * said "max"/"unlimited" instead of a number. */
struct fx_val {
	int64_t v;
	unsigned char have;
	unsigned char is_max;
};

/* Why FORKEXPLAIN_FILL=failure left the failure path's buffers unfilled
 * at a failure (CShim/preload/headroom.c): the first source it found
 * without room, with its numbers, so that the tally written instead of a
 * snapshot still says what was short (docs/log-format.md, "fill_refused"). */
enum fx_refusal {
	FX_REFUSED_NONE,
	FX_REFUSED_MEMCG,	  /* a memory cgroup level within need of its limit */
	FX_REFUSED_MEM_AVAILABLE, /* the host's MemAvailable under need */
	FX_REFUSED_UNREAD	  /* a source that could not be read: not a known yes */
};
#define FX_REFUSAL_DIR 256

struct fx_fill_refusal {
	int reason;		/* enum fx_refusal */
	int version;		/* MEMCG: 1 or 2 */
	int memsw;		/* MEMCG v1: the memory+swap counter refused */
	int err;		/* UNREAD: the errno, 0 for a file without the number expected */
	int64_t need;		/* the room asked for, bytes */
	int64_t current, max;	/* MEMCG: usage and limit, bytes; MEM_AVAILABLE: current, kB */
	size_t path_at;		/* MEMCG: where the cgroup's path starts in dir */
	char dir[FX_REFUSAL_DIR]; /* MEMCG: the level's directory; UNREAD: the file */
};

struct fx_limit {
	struct fx_val soft;
	struct fx_val hard;
};

enum fx_controller { FX_CG_PIDS, FX_CG_MEMORY };

/* A level's path is a prefix of its hierarchy's leaf path: only its length
 * is kept, and the counters that only one kind of hierarchy has share their
 * room, so the snapshot stays small enough to preallocate. */
struct fx_cg_level {
	unsigned short path_len;
	unsigned char have_dir;	/* its directory was found under the mount */
	struct fx_val max, current, peak;
	union {
		struct {
			struct fx_val events_max;	/* pids.events "max" */
			struct fx_val events_max_local; /* pids.events.local */
		} pids;
		struct {
			struct fx_val events_max, oom, oom_kill; /* memory.events */
			struct fx_val local_max, local_oom, local_oom_kill; /* .local */
			struct fx_val swap_max, swap_current;	/* memory.swap.* */
			struct fx_val swap_events_max, swap_events_fail;
		} mem2;
		struct {
			struct fx_val failcnt, oom_kill_disable, under_oom, oom_kill;
			struct fx_val kmem_max, kmem_current, kmem_peak, kmem_failcnt;
			struct fx_val memsw_max, memsw_current, memsw_peak, memsw_failcnt;
		} mem1;
	} u;
};

struct fx_cg_hierarchy {
	int version;
	enum fx_controller controller;
	int local_events;	/* cgroup2 mounted with pids_localevents */
	char mount[256];
	char mount_root[FX_MOUNT_ROOT];
	char path[FX_PATH];	/* the process's own level, as in /proc/self/cgroup */
	int nlevels;
	struct fx_cg_level levels[FX_CG_LEVELS];
};

/* Raw facts that tell a container from the host; the reader interprets
 * them (docs/log-format.md, "container"). */
struct fx_container {
	struct fx_val cgroup_ns, user_ns;
	int have_uid_map;
	int nuid_map;
	int64_t uid_map[FX_UID_MAP][3];	/* inside, outside, count */
	unsigned markers;		/* bit i: fx_container_markers[i] exists */
	/* First line of /run/systemd/container, "" if absent. */
	char manager[FX_MANAGER + 1];
	/* engine=, name= and image= of /run/.containerenv, "" if absent:
	 * podman writes them for a --privileged container only, buildah's
	 * RUN always (docs/kernel-facts.md §11.195). */
	char cenv_engine[FX_CENV_ENGINE + 1];
	char cenv_name[FX_CENV_NAME + 1];
	char cenv_image[FX_CENV_IMAGE + 1];
	/* The value of container= in PID 1's environment (LXC, podman and
	 * systemd-nspawn set it), "" if absent or unreadable. */
	char init_container[FX_MANAGER + 1];
	int have_mountinfo;
	/* The mountinfo root of each of fx_bind_points[], "" if not mounted
	 * (for "/", also "" when its root is "/": every host's). */
	char bind_roots[FX_BIND_ROOTS][FX_MOUNT_ROOT];
	/* The mount source of "/" when its root is not "/": a ZFS dataset
	 * (LXD's and Incus's POOL/containers/NAME) or a device, "" otherwise
	 * (docs/kernel-facts.md §11.200). */
	char root_source[FX_ROOT_SOURCE];
	/* bit i: fx_lxcfs_files[i] is a fuse.lxcfs mount, the container's
	 * numbers rather than the host's. */
	unsigned lxcfs;
};

/* One row of /proc/user_beancounters (OpenVZ, Virtuozzo). */
struct fx_ubc_row {
	struct fx_val held, maxheld, barrier, limit, failcnt;
};

struct fx_beancounters {
	int have;
	struct fx_val ctid;
	/* In the order of fx_ubc_resources[]. */
	struct fx_ubc_row rows[FX_UBC_ROWS];
};

/* The process's own row of CloudLinux's LVE statistics
 * (/proc/lve/per-lve/UID/stat, else /proc/lve/list; docs/kernel-facts.md
 * §11.164): the usage, limit and fault count of the resources that
 * refuse a task or its memory. Memory in 4 KiB pages, as the file has it. */
struct fx_lve {
	int have;		/* the kernel has LVE: the file was read */
	int version;		/* the number before the header's ':' */
	struct fx_val id;	/* the LVE of this row (the uid); unset: no row */
	struct fx_val ep, ep_limit, ep_faults;
	struct fx_val nproc, nproc_limit, nproc_faults;
	struct fx_val pmem, pmem_limit, pmem_faults;
	struct fx_val vmem, vmem_limit, vmem_faults;
};

struct fx_holder {
	int pid;
	unsigned uid;
	int64_t threads;
	int64_t zombies;
	char comm[32];
};

struct fx_module {
	char path[256];
	uint64_t bias;		/* runtime address minus ELF virtual address */
	unsigned char build_id[20];
	int build_id_len;
};

struct fx_frame {
	uint64_t addr;
	int module;		/* index in modules, -1 unknown */
};

/* Who failed and how: the header, the process and the call, all that a
 * tally of the default settings carries (docs/log-format.md, "tally"). A
 * struct of its own so that a tally composed on the caller's stack
 * (CShim/preload/stacktally.c) is one, and its collector
 * (fx_snapshot_identity_bare()) and formatter (fx_record_tally()) take
 * it: the first member of every snapshot, whose unreadable list and
 * command line follow it (FX_SNAPSHOT_BARE, FX_SNAPSHOT_IDENTITY,
 * common/snapshot.h). */
struct fx_identity {
	/* Header. */
	char time[32];
	char host[65];
	char kernel[65];
	char boot_id[40];
	/* The C library ("glibc", "musl") and its release, NULL unknown. */
	const char *libc;
	const char *libc_version;
	/* Who wrote the record: NULL for the shim (the field is then left
	 * out), "watch" for forkexplain watch (docs/log-format.md). */
	const char *source;

	/* Process: this one, or with `other` set the one forkexplain check
	 * looks at (pid and tid given, the rest read from its status). */
	int other;
	int pid, tid, ppid;
	unsigned uid, euid;
	char comm[32];
	char thread_comm[32];
	char state;		/* the letter of "State:" in its status, 0 unread */
	/* "Seccomp:" of its status (3.8+): 0 none, 1 strict, 2 a filter, which
	 * may answer clone3 with EPERM (docs/kernel-facts.md §11.62). */
	struct fx_val seccomp;
	char exe[FX_PATH];
	/* The command line's length: the line itself follows the identity
	 * in a snapshot (argv), and is 0 when it was not read. */
	size_t argv_len;

	/* The call. call_name, when set, names a system call that is not
	 * in the wrapped list (watch: clone3). */
	int call;
	const char *call_name;
	int err;
	struct fx_val clone_flags;
	/* watch: what the clone flags create ("thread", "process", "vfork"),
	 * NULL when they are not known (left out). */
	const char *creates;
	struct fx_val stack_size;
	uint64_t suppressed;
	uint64_t lost;
	int injected;
	/* The shim's: execs of this process in flight while the thread
	 * creation failed, 0 none (left out). An int in what was the
	 * struct's tail padding: the stack tally's depth has no byte to
	 * spare (CShim/preload/stacktally.c). */
	int execs_in_flight;

	/* Of the sources that could not be read (the snapshot's list, which
	 * follows), how many; and notes_off, set for a tally, which prints
	 * no list and so notes nothing: its identity's collectors then write
	 * nothing past this struct. */
	int nunreadable;
	int notes_off;
};

struct fx_snapshot {
	struct fx_identity id;

	/* Sources that could not be read: absent (ENOENT, often a file the
	 * kernel does not have yet) or unreadable (any other error), sharing
	 * one list of id.nunreadable. Here, before the PID space: the identity's collectors
	 * note theirs too (FX_SNAPSHOT_IDENTITY, common/snapshot.h), unless
	 * notes_off: a tally, which prints no list, notes nothing, and its
	 * line is formatted over the list (FX_SNAPSHOT_BARE). */
	char unreadable[FX_UNREADABLE][128];
	unsigned char unreadable_absent[FX_UNREADABLE];
	/* The command line (FORKEXPLAIN_CMDLINE), last of the identity:
	 * without it a tally's line is formatted over it and the list, so
	 * that the tally buffer filled at the first task creation is 2 pages
	 * (FX_SNAPSHOT_BARE, common/snapshot.h). */
	_Alignas(8) char argv[4096];

	/* PID space. It and all that follows fx_snapshot_identity() and
	 * fx_record_tally() leave alone. */
	struct fx_val pid_max, threads_max, host_tasks, ns_tasks, children_ns_tasks;
	/* Tasks holding a PID below RESERVED_PIDS (300): in the initial
	 * namespace, and in the process's own when it is nested. Once the
	 * allocator has passed 300 those numbers are never handed out again,
	 * so they do not use up the pid_max − 300 that remain
	 * (docs/kernel-facts.md §6.17). */
	struct fx_val host_low_tasks, ns_low_tasks;
	struct fx_val pid_ns, pid_for_children_ns;
	/* The namespace counts' limits (user.max_user_namespaces,
	 * user.max_pid_namespaces) as /proc/sys/user shows them to the reader,
	 * and the reader's user namespace they belong to: the file shows only
	 * its reader's namespace's value, and every ancestor's binds too
	 * (docs/kernel-facts.md §11.76). */
	struct fx_val max_user_namespaces, max_pid_namespaces, limits_user_ns;
	int64_t nspid[FX_NSPID];
	int nspid_count;

	/* Limits. */
	struct fx_limit nproc, as, stack, nofile;
	const char *nproc_exempt;
	struct fx_val uid_tasks;
	/* Of uid_tasks, those whose PID namespace is not the process's own:
	 * containers running as the same uid without a user namespace count
	 * against its RLIMIT_NPROC (docs/kernel-facts.md §11.61). */
	struct fx_val uid_tasks_other_pidns;

	/* Cgroups: pids and memory, v1 and v2. */
	int ncg;
	struct fx_cg_hierarchy cg[FX_CG_HIERARCHIES];

	/* Container identity. */
	struct fx_container container;
	struct fx_beancounters ubc;
	struct fx_lve lve;

	/* Memory. */
	struct fx_val mem_total, mem_available, swap_total, swap_free;
	struct fx_val mem_free, cached, buffers, shmem, sreclaimable;
	struct fx_val commit_limit, committed_as;
	struct fx_val overcommit_memory, overcommit_ratio, overcommit_kbytes;
	struct fx_val vm_size, vm_data, vm_rss, map_count, max_map_count;

	/* Who holds the PIDs. */
	int top_complete;
	int64_t top_processes, top_zombies;
	int nholders;
	struct fx_holder holders[FX_TOP];

	/* Backtrace of the failing call's caller. */
	int nframes;
	struct fx_frame frames[FX_FRAMES];
	int nmodules;
	struct fx_module modules[FX_MODULES];
	/* Set where the walk's one pass over /proc/self/maps also gave each
	 * frame its module and counted the maps' lines (preload/unwind.c). */
	int modules_done;
	int64_t maps_lines;

	/* Scratch for the collectors, here rather than on the failing
	 * thread's stack; first the backtrace walk's state, whose table of
	 * executable mappings (preload/unwind.h) makes it some 5.3 KiB on
	 * aarch64. Last, and read by no record (FX_SNAPSHOT_RECORDED): the
	 * failure path formats its line over it. */
	struct fx_lines lines;
	char scratch[6144];
	/* A process's task/ directory, listed while scratch holds /proc's;
	 * before that, the process's stat line (common/procentry.c). */
	char task_scratch[1024];
};

#endif
