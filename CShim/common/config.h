/* Settings read once from FORKEXPLAIN_* at load time, read-only after. */
#ifndef FX_CONFIG_H
#define FX_CONFIG_H

#include <stdint.h>

#include "calls.h"

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
int fx_errno_recorded(int err);

#endif
