#include "stacktally.h"
#include "logio.h"
#include "record.h"
#include "snapshot.h"

#include <alloca.h>
#include <string.h>

/* What the stack holds here at once, as measured (x86_64, glibc: 4,560
 * bytes of the caller's stack in all, against the fill check's 4,576
 * just before it; docs/performance.md): more would go deeper than the
 * check. */
_Static_assert(FX_SNAPSHOT_BARE + FX_STACK_TALLY_LINE <= 1856, "the stack tally outgrew the depth measured");

/* The identity a tally carries: with notes_off and without the command
 * line it is written and read in the snapshot's first FX_SNAPSHOT_BARE
 * bytes alone (Tests/cunit/test_tallybound.c), as in the tree's tally
 * area, of which only those pages are filled ahead. Out of line: inlined
 * where the alloca is, GCC 12 sees each member store as an access to a
 * struct fx_snapshot partly outside the 956 bytes (-Warray-bounds),
 * which it is, though no byte outside them is touched. A struct of the
 * identity's own in fx_snapshot would make that exact; not done yet. */
static __attribute__((noinline)) void identity(struct fx_snapshot *s, int call, int err)
{
	memset(s, 0, FX_SNAPSHOT_BARE);
	s->notes_off = 1;
	s->call = call;
	s->err = err;
	s->suppressed = 1;
	s->lost = 1;
	fx_snapshot_identity_bare(s);
}

/* The identity's room comes from alloca: storage with no declared type,
 * like a mapping's, whose members a struct fx_snapshot then writes and
 * reads; a char array's would be read through another type. */
int fx_stack_tally(int call, int err, const struct fx_fill_refusal *why)
{
	struct fx_snapshot *s = alloca(FX_SNAPSHOT_BARE);
	char line[FX_STACK_TALLY_LINE];
	size_t len;

	identity(s, call, err);
	len = fx_record_tally_why(s, why, line, sizeof(line), NULL);
	return len > 0 && fx_log_append(line, len, 0, NULL) == 0 ? 0 : -1;
}
