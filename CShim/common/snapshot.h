/* Collecting a snapshot: the process, PID-space, limit and memory parts
 * here, the cgroups (cgroup.c) and the /proc scan (procscan.c) called from
 * here. */
#ifndef FX_SNAPSHOT_H
#define FX_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Header and process only: what a tally record carries. It writes (and
 * fx_record_tally() reads) nothing past the first FX_SNAPSHOT_IDENTITY
 * bytes of s (s->id, its unreadable list and, with FORKEXPLAIN_CMDLINE,
 * its command line), which it expects zeroed: the failure path fills
 * only those pages of a tally's buffer ahead (CShim/preload/failure.c). */
void fx_snapshot_identity(struct fx_snapshot *s);
/* The same into an identity alone, without the command line whatever
 * FORKEXPLAIN_CMDLINE says, and noting nothing (there is no list to note
 * in): nothing is written outside *id, so that a tally's identity can be
 * one on the caller's stack (CShim/preload/stacktally.c). It expects *id
 * zeroed, with call, err and the counts set. */
void fx_snapshot_identity_bare(struct fx_identity *id);
#define FX_SNAPSHOT_IDENTITY offsetof(struct fx_snapshot, pid_max)
/* The identity without its unreadable list (which a tally, notes_off,
 * neither writes nor prints) and command line (which ends it): all that a
 * tally writes and reads when FORKEXPLAIN_CMDLINE is unset (the default),
 * so the failure path clears and fills no more (CShim/preload/failure.c):
 * struct fx_identity, the snapshot's first member. */
#define FX_SNAPSHOT_BARE sizeof(struct fx_identity)
_Static_assert(offsetof(struct fx_snapshot, id) == 0 && offsetof(struct fx_snapshot, unreadable) == FX_SNAPSHOT_BARE,
	       "the unreadable list must follow the identity");
_Static_assert(offsetof(struct fx_snapshot, argv) + sizeof(((struct fx_snapshot *)0)->argv) == FX_SNAPSHOT_IDENTITY,
	       "the command line must end the identity");
/* What of the identity a tally of these settings writes and reads. */
#define FX_SNAPSHOT_TALLY(cmdline) ((cmdline) ? FX_SNAPSHOT_IDENTITY : FX_SNAPSHOT_BARE)
/* What a record (fx_record_failure()) reads: all but the collectors'
 * scratch at the end, which is done with once the snapshot is collected,
 * so the failure path formats the record's line over it
 * (CShim/preload/failure.c, struct area; Tests/cunit/test_recordbound.c). */
#define FX_SNAPSHOT_RECORDED offsetof(struct fx_snapshot, lines)
/* Everything. map_count: the mappings of /proc/self/maps when the caller
 * has just counted them (the backtrace's walk), or -1 to count them here.
 * A fixture tree's own maps win over a count of the real ones. */
void fx_snapshot_collect(struct fx_snapshot *s, int64_t map_count);

#endif
