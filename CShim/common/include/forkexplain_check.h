/* The shim's snapshot code, for `forkexplain check`: the same collection
 * the preloaded library runs on a failure, here on demand and for any
 * process, rendered as a log record (docs/log-format.md, type "snapshot").
 * Also the list of calls the library wraps, so the Swift side can agree
 * with it. */
#ifndef FORKEXPLAIN_CHECK_H
#define FORKEXPLAIN_CHECK_H

#include <stddef.h>

/* Snapshots process pid (0: the caller) into buf as one JSON line.
 * Returns its length, or 0 if it did not fit or memory ran out. Honours
 * FORKEXPLAIN_PROC_ROOT and FORKEXPLAIN_SYS_ROOT like the shim.
 * process.state is the letter of the target's "State:": "Z" for a zombie;
 * absent when the target was gone before its status could be read
 * ("/proc/PID/status" is then in the record's "absent"). For a target in
 * another PID namespace, pid.pid_max is read as that namespace sees it
 * (a forked reader inside it, which needs CAP_SYS_ADMIN over it); when it
 * cannot be, on kernels that keep one per namespace (6.14+), pid_max is
 * absent and "/proc/PID/ns/pid" is listed as unreadable. */
size_t fx_check_snapshot(int pid, char *buf, size_t cap);

/* The wrapped calls, in the order of the shim's list (common/calls.h):
 * their number, and the name of each as the log's call.name writes it;
 * NULL for an index out of range. */
int fx_wrapped_call_count(void);
const char *fx_wrapped_call_name(int index);

#endif
