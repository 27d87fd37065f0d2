/* Settings read once from FORKEXPLAIN_* at load time, read-only after. */
#ifndef FX_CONFIG_H
#define FX_CONFIG_H

#include <stdint.h>

#include "calls.h"

#define FX_ERRNO_WORDS 4 /* errnos 0..255 */
/* No lease of the shared buffer is longer (FORKEXPLAIN_TEST_LEASE_MS's
 * bound; the default is 10 s + 4 scan budgets of at most 60 s). */
#define FX_LEASE_MAX_MS 3600000

struct fx_config {
	/* FORKEXPLAIN_LOG as given, or the default "/tmp/forkexplain-%u.jsonl"
	 * (common/logname.h); log_path is it expanded at load. A template
	 * with %p or %u (log_varies) is expanded again for each record: a
	 * forked child, or a daemon that dropped privileges, has its own. */
	char log_template[512];
	char log_path[512];	/* empty: no log could be named */
	const char *log_refused; /* why FORKEXPLAIN_LOG was not taken, or NULL */
	int log_to_stderr;	/* FORKEXPLAIN_LOG=- */
	int log_varies;
	int log_explicit;	/* FORKEXPLAIN_LOG named it: a fallback may apply */
	unsigned load_euid;	/* the effective uid when the shim was loaded */
	char host[65];		/* %h: uname(2) nodename at load */
	uint64_t errnos[FX_ERRNO_WORDS];
	int64_t interval_ns;
	int64_t scan_budget_ns;
	int notify_stderr;
	int cmdline;
	int backtrace;
	/* FORKEXPLAIN_FILL=failure, the default: the failure path's buffers
	 * are filled at the first failure that finds memory with clear room,
	 * not at the first task creation (`start`; docs/performance.md). */
	int fill_late;
	char proc_root[256];
	char sys_root[256];
	char self_dir[24];	/* "/self", or "/PID" for forkexplain check */
	int inject[FX_CALL_COUNT];
	/* Test hooks (never under AT_SECURE), docs/log-format.md "Test
	 * hooks": a failure of call stall_call sleeps stall_ms holding the
	 * shared buffer (at_write FX_STALL_WRITE: between its last lease
	 * check and the write of any line; FX_STALL_TALLY: of a tally line
	 * only); lease_ns replaces the buffer's lease. */
	int stall_call;		/* -1: none */
	int64_t stall_ms;
	int stall_at_write;	/* 0, FX_STALL_WRITE, FX_STALL_TALLY */
	int64_t lease_ns;
};

enum { FX_STALL_WRITE = 1, FX_STALL_TALLY = 2 };

extern struct fx_config fx_cfg;

void fx_config_load(void);
int fx_errno_recorded(int err);

#endif
