/* Settings read once from FORKEXPLAIN_* at load time, read-only after. */
#ifndef FX_CONFIG_H
#define FX_CONFIG_H

#include <stdint.h>

enum fx_call {
	FX_CALL_FORK,
	FX_CALL__FORK,
	FX_CALL_VFORK,
	FX_CALL_CLONE,
	FX_CALL_PTHREAD_CREATE,
	FX_CALL_POSIX_SPAWN,
	FX_CALL_POSIX_SPAWNP,
	FX_CALL_SYSTEM,
	FX_CALL_POPEN,
	FX_CALL_FORKPTY,
	FX_CALL_DAEMON,
	FX_CALL_COUNT
};

#define FX_ERRNO_WORDS 4 /* errnos 0..255 */

struct fx_config {
	char log_path[512];	/* empty: no log could be named */
	int log_to_stderr;	/* FORKEXPLAIN_LOG=- */
	uint64_t errnos[FX_ERRNO_WORDS];
	int64_t interval_ns;
	int64_t scan_budget_ns;
	int notify_stderr;
	int cmdline;
	int backtrace;
	char proc_root[256];
	char sys_root[256];
	char self_dir[24];	/* "/self", or "/PID" for forkexplain check */
	int inject[FX_CALL_COUNT];
};

extern struct fx_config fx_cfg;

void fx_config_load(void);
const char *fx_call_name(enum fx_call call);
int fx_errno_recorded(int err);

/* errno number <-> name, for the names FORKEXPLAIN_* and the log use. */
const char *fx_errno_name(int err);
int fx_errno_from_name(const char *name, int len);

#endif
