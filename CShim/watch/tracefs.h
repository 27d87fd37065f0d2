/* Finding the syscall exit tracepoints: tracefs, mounted if it is not
 * (docs/watch.md). */
#ifndef FX_TRACEFS_H
#define FX_TRACEFS_H

#include <stddef.h>

/* The tracefs directory in out. *mounted is set when this call mounted it.
 * Returns 0, or -1 with a reason in why. */
int fx_tracefs_find(char *out, size_t cap, int *mounted, char *why, size_t whycap);

/* The id of syscalls/sys_exit_NAME, and where `ret` sits in its raw
 * record; -1 if this kernel has no such tracepoint. */
int fx_tracepoint_exit(const char *tracefs, const char *name, int *ret_offset);

#endif
