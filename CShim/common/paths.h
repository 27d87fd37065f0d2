/* Where a collector reads: /proc and /sys, or the fixture trees that stand
 * in for them (FORKEXPLAIN_PROC_ROOT, FORKEXPLAIN_SYS_ROOT), and /proc/self
 * as /proc/PID when forkexplain check looks at another process. */
#ifndef FX_PATHS_H
#define FX_PATHS_H

#include <stddef.h>

/* The longest path a collector builds or keeps. */
#define FX_PATH 512

/* suffix is under /proc ("/self/status"). Returns 0, or -1 if it would
 * not fit. */
int fx_proc_path(char *out, size_t cap, const char *suffix);
/* abs_path is absolute; under /sys it moves to the fixture root. */
int fx_sys_path(char *out, size_t cap, const char *abs_path);

#endif
