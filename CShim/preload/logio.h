/* The log is opened for each record and closed again: a descriptor kept
 * open could be closed or dup2'd over by the program, and then our next
 * record would land in the program's own file. */
#ifndef FX_LOGIO_H
#define FX_LOGIO_H

#include <stddef.h>
#include <stdint.h>

/* Appends one whole line with one writev(2), after a '\n' if the file
 * ends in a torn line. Returns 0, or -1 with errno set if the line could
 * not be written whole. A file that is not the writer's own regular file
 * with one link is refused (errno EPERM), and so is a FORKEXPLAIN_LOG the
 * shim could not take (fx_cfg.log_refused): said once per process on
 * stderr. */
int fx_log_write(const char *line, size_t len);

/* Where a count was written in the log file: so that it can be raised in
 * place (docs/design.md, "Counts that outlive the process"). */
struct fx_log_spot {
	uint64_t dev;
	uint64_t ino;
	int64_t at; /* file offset of the count's FX_JSON_U64_WIDTH bytes */
};

/* fx_log_write(), and where line[mark] landed in the file. Not for
 * FORKEXPLAIN_LOG=- (stderr has no place to come back to). */
int fx_log_append(const char *line, size_t len, size_t mark, struct fx_log_spot *spot);

/* Whether the count at spot can be raised in place: its bytes lie within
 * one 4 KiB page of the file. A SIGKILL can cut a write at a page
 * boundary and leave a count half old, half new (docs/kernel-facts.md
 * §6.26). */
int fx_log_spot_raisable(const struct fx_log_spot *spot);

/* Replaces the padded count `was` at spot by `now`, if the file at the
 * log's path is still the one written, still acceptable, and still holds
 * `was` there (a log truncated or replaced since is not written into).
 * One pwrite(2) over bytes already on disk: where the file system writes
 * in place it needs no new block, and succeeds on a full disk
 * (docs/kernel-facts.md §6.22). Returns 0 or -1. */
int fx_log_raise(const struct fx_log_spot *spot, uint64_t was, uint64_t now);

/* FORKEXPLAIN_STDERR=1: one short line per record on the program's stderr. */
void fx_log_notice(const char *call, const char *errname, int err);

/* At the end of a process whose counted failures could not be written:
 * their number, on stderr. */
void fx_log_unrecorded(const char *call, const char *errname, uint64_t count);

/* A failure whose tally the log refused (log_errname: why), held in the
 * tree's tally area for the next writer that can open the log: how many
 * wait there now, this one included (CShim/preload/heldtally.h). */
void fx_log_held(const char *call, const char *errname, const char *log_errname, uint64_t waiting);

/* At the exit or exec of a process whose flush the log still refused:
 * how many failures its tree holds now, left to the tree's next writer,
 * and lost if this process was the tree's last (no one else can write
 * them: docs/performance.md, "Failures held back at a full memory
 * cgroup"). */
void fx_log_held_left(uint64_t waiting);

#endif
