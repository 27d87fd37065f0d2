/* The failing call's stack, walked by the shim's own unwinder (unwind.h):
 * nothing loaded, nothing allocated, no lock taken. */
#ifndef FX_BACKTRACE_H
#define FX_BACKTRACE_H

#include "model.h"

/* On the failure path: fills s->frames, dropping the shim's own frames.
 * Uses s->scratch and s->lines while it runs. */
void fx_backtrace_capture(struct fx_snapshot *s);

#endif
