/* A failure's tally composed on the caller's stack, for a process that
 * has no tree buffers and no room to fill one (CShim/preload/failure.c). */
#ifndef FX_STACKTALLY_H
#define FX_STACKTALLY_H

#include "model.h"

/* The line's room. A usual tally with its fill_refused is some 600 bytes;
 * with the identity (struct fx_identity) beside it on the stack, the
 * path stays within the depth of the fill check that runs just before it
 * (docs/performance.md, "The first task creation: nothing filled"). */
#define FX_STACK_TALLY_LINE 896

/* Writes a tally of this one failure of call with err to the log, with why
 * no buffer was filled where the line has room for it: 0, or -1 when even
 * the plain tally is longer than FX_STACK_TALLY_LINE (a long executable's
 * path) or the log refused it; the caller then says it on stderr. Takes
 * no page: nothing but the caller's stack, some 2 KiB of it, is written. */
int fx_stack_tally(int call, int err, const struct fx_fill_refusal *why);

#endif
