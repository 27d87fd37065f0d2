/* The log's name from FORKEXPLAIN_LOG's template, as sanitizers and
 * heaptrack name theirs: %p the writing process's pid, %u its effective
 * uid, %h the host name, %% a percent sign (docs/log-format.md, "Path").
 * A name ending in '/' is a per-node directory; the writer then names
 * its own file in it. No allocation: the shim expands at load and again
 * on the failure path. */
#ifndef FX_LOGNAME_H
#define FX_LOGNAME_H

#include <stddef.h>

/* The longest host name uname(2) gives, and its NUL. */
#define FX_HOST_NAME 65

/* Where a process writes when FORKEXPLAIN_LOG says nothing: its own file
 * in /tmp, named for the effective uid of each write. */
#define FX_LOG_DEFAULT "/tmp/forkexplain-%u.jsonl"

/* The file a writer of effective uid `uid` uses in a per-node directory. */
#define FX_LOG_DIR_PREFIX "forkexplain-"
#define FX_LOG_DIR_SUFFIX ".jsonl"

/* Expands tmpl into out (cap bytes, NUL included). A '/' in host becomes
 * '_', and a host starting with '.' starts with '_' instead, so that %h
 * never names another directory (a container sets its own host name).
 * Any other %X, and a '%' at the end, stay as written. Returns the
 * length, or -1 when the result would not fit (out is then ""). */
int fx_log_name_expand(char *out, size_t cap, const char *tmpl, int pid, unsigned uid, const char *host);

/* Whether tmpl uses %p or %u: its name then changes with the process that
 * writes (a forked child, a daemon that dropped privileges). */
int fx_log_name_varies(const char *tmpl);

/* Whether a log name (expanded or not) names a per-node directory. */
int fx_log_name_is_dir(const char *name);

/* The node's host name for %h: uname(2) nodename, or "" if it fails. */
void fx_log_host(char out[FX_HOST_NAME]);

/* dir + "forkexplain-<uid>.jsonl" into out; dir ends in '/'. Returns 0,
 * or -1 when it would not fit. */
int fx_log_dir_file(char *out, size_t cap, const char *dir, unsigned uid);

#endif
