/* The shim's own stack walker: DWARF CFI from each module's .eh_frame_hdr
 * and .eh_frame (unwind-dwarf.c), a frame-pointer walk where a pc has none
 * (JIT code, interpreters' generated stubs). No malloc, no lock, no loader
 * call: modules are found in /proc/self/maps and their ELF headers in
 * memory (modules.c), and every read of the stack or of a table goes
 * through process_vm_readv (safemem.c), so a corrupt stack ends the walk,
 * never the process. Its state is a struct fx_unwind the caller provides
 * (the failure path's shared slot), not the failing thread's stack. */
#ifndef FX_UNWIND_H
#define FX_UNWIND_H

#include <stdint.h>

#include "fileio.h"
#include "model.h"
#include "safemem.h"
#include "unwind-dwarf.h"
#include "unwind-regs.h"

/* The executable mappings one pass over /proc/self/maps keeps for the walk:
 * enough for a program and some dozens of libraries. Where a process has
 * more, a pc outside them costs a scan of its own. */
#define FX_UNW_MODULES 48
#define FX_UNW_SCANS 48 /* reads of /proc/self/maps in one walk, at most */

/* An executable mapping and its module's unwind table; elf 0 for anonymous
 * memory (JIT code), hdr 0 for a module without .eh_frame_hdr. */
struct fx_unw_module {
	uint64_t lo, hi;
	uint64_t elf;
	uint64_t hdr;
	int module; /* its index in the snapshot's modules, -1 none */
};

struct fx_unwind {
	struct fx_unw_regs regs;
	int exact; /* regs.pc is no return address: first frame, or after a signal */
	uint64_t stack_lo, stack_hi;
	struct fx_lines *lr;
	int nmods, evict, scans;
	int complete; /* mods holds every executable mapping: no scan for a miss */
	int modules; /* and each has its module in the snapshot, if it is a file's */
	int64_t map_lines;
	struct fx_unw_module mods[FX_UNW_MODULES];
	struct fx_unw_mem mem;
	struct fx_cie cie;
	struct fx_fde fde;
	struct fx_cfa_state cfa;
	struct fx_unw_regs next;
};

/* Starts a walk at the frame that called fx_unw_capture(&w->regs) just
 * before; that frame must stay live for the walk. lr reads the maps. With
 * s, the same pass adds each executable file mapping's module to
 * s->modules (modules.c) and counts the maps' lines. */
void fx_unwind_init(struct fx_unwind *w, struct fx_lines *lr, struct fx_snapshot *s);
/* The module holding pc, or NULL if no executable mapping does. */
const struct fx_unw_module *fx_unwind_module(struct fx_unwind *w, uint64_t pc);
/* Moves to the caller's frame: 1, or 0 at the outermost frame or where
 * neither unwind information nor a frame pointer leads on. */
int fx_unwind_step(struct fx_unwind *w);

#endif
