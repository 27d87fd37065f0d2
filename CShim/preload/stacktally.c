#include "stacktally.h"
#include "logio.h"
#include "record.h"
#include "snapshot.h"

#include <string.h>

/* What the stack holds here at once, as measured (x86_64, glibc, GCC 12:
 * 4,336 bytes of the caller's stack in all, against the fill check's
 * 4,656 just before it; docs/performance.md, "The first task creation:
 * nothing filled"): more would go deeper than the check. */
_Static_assert(sizeof(struct fx_identity) + FX_STACK_TALLY_LINE <= 1856, "the stack tally outgrew the depth measured");

/* The identity a tally carries, a struct of its own (common/model.h):
 * collected without the command line and noting nothing, it is all that
 * is written and read, as in the tree's tally area, of which only the
 * snapshot's first FX_SNAPSHOT_BARE bytes, this struct, are filled
 * ahead without FORKEXPLAIN_CMDLINE. */
int fx_stack_tally(int call, int err, const struct fx_fill_refusal *why)
{
	struct fx_identity id;
	char line[FX_STACK_TALLY_LINE];
	size_t len;

	memset(&id, 0, sizeof(id));
	id.notes_off = 1;
	id.call = call;
	id.err = err;
	id.suppressed = 1;
	id.lost = 1;
	fx_snapshot_identity_bare(&id);
	len = fx_record_tally_why(&id, NULL, why, line, sizeof(line), NULL);
	return len > 0 && fx_log_append(line, len, 0, NULL) == 0 ? 0 : -1;
}
