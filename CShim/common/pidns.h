/* Reading kernel.pid_max as a process in another PID namespace sees it,
 * for forkexplain check --pid (never on the failure path: it forks). */
#ifndef FX_PIDNS_H
#define FX_PIDNS_H

#include <stdint.h>

/* pid_max in the PID namespace of pid, read by a grandchild made inside
 * that namespace. Returns 0, or -1 with errno set (EPERM without
 * CAP_SYS_ADMIN over it). */
int fx_pidns_pid_max(int pid, int64_t *out);

#endif
