#include "backtrace.h"
#include "config.h"
#include "unwind.h"

#include <stddef.h>

/* The walk's state lives in the snapshot's scratch space (the shared slot),
 * not on the failing thread's stack, which may be a small sigaltstack. */
_Static_assert(sizeof(struct fx_unwind) <= sizeof(((struct fx_snapshot *)0)->scratch),
	       "the unwinder's state outgrew the snapshot's scratch space");
_Static_assert(offsetof(struct fx_snapshot, scratch) % _Alignof(struct fx_unwind) == 0,
	       "the snapshot's scratch space is not aligned for the unwinder");

#define FX_MAX_STEPS 256

/* noinline: its frame is the walk's first and must stay live through it. */
__attribute__((noinline)) void fx_backtrace_capture(struct fx_snapshot *s)
{
	struct fx_unwind *w = (struct fx_unwind *)(void *)s->scratch;
	const struct fx_unw_module *mod;
	uint64_t self = 0;
	int steps = 0;

	s->nframes = 0;
	if (!fx_cfg.backtrace)
		return;
	fx_unw_capture(&w->regs);
	fx_unwind_init(w, &s->lines, s);
	/* The shim's own frames stay out of the record; without the maps
	 * (no free file descriptor) they could not be told apart. */
	mod = fx_unwind_module(w, (uint64_t)(uintptr_t)fx_backtrace_capture);
	if (!mod || !mod->elf)
		return;
	self = mod->elf;
	do {
		uint64_t pc = w->regs.pc;
		if (pc == 0)
			break;
		mod = fx_unwind_module(w, pc);
		if (mod && mod->elf == self)
			continue;
		s->frames[s->nframes].addr = pc;
		s->frames[s->nframes].module = mod && w->modules ? mod->module : -1;
		s->nframes++;
	} while (s->nframes < FX_FRAMES && ++steps < FX_MAX_STEPS && fx_unwind_step(w) > 0);
	/* Else fx_modules_resolve reads the maps again for them. */
	if (w->modules) {
		s->modules_done = 1;
		s->maps_lines = w->map_lines;
	}
}
