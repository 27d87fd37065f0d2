/* AArch64: the first frame's registers. x19..x30 and sp as they are in the
 * caller (a `ret` changes neither), and the link register as pc. */
#if defined(__aarch64__)
#include "unwind-regs.h"
#include "unwind-dwarf.h"

#include <stddef.h>

_Static_assert(offsetof(struct fx_unw_regs, pc) == 32 * 8, "the assembly below stores pc at 256");

const uint64_t fx_unw_captured = 0xfff80000u | (1ull << 31); /* x19..x31 */

__asm__(".text\n"
	".globl fx_unw_capture\n"
	".hidden fx_unw_capture\n"
	".type fx_unw_capture, %function\n"
	"fx_unw_capture:\n"
	"	stp x19, x20, [x0, #152]\n"
	"	stp x21, x22, [x0, #168]\n"
	"	stp x23, x24, [x0, #184]\n"
	"	stp x25, x26, [x0, #200]\n"
	"	stp x27, x28, [x0, #216]\n"
	"	stp x29, x30, [x0, #232]\n"
	"	mov x1, sp\n"
	"	str x1, [x0, #248]\n"
	"	str x30, [x0, #256]\n"
	"	ret\n"
	".size fx_unw_capture, .-fx_unw_capture\n");

/* XPACLRI (HINT #7) strips x30 by the layout the running kernel chose:
 * bits 54 down to its virtual address size (39, 42, 47, 48 or 52), which
 * no fixed mask knows; a NOP on a CPU without pointer authentication,
 * whose return addresses are never signed (docs/kernel-facts.md §7.6). x16
 * is the intra-procedure scratch register. */
__asm__(".text\n"
	".globl fx_unw_strip_pac\n"
	".hidden fx_unw_strip_pac\n"
	".type fx_unw_strip_pac, %function\n"
	"fx_unw_strip_pac:\n"
	"	mov x16, x30\n"
	"	mov x30, x0\n"
	"	hint #7\n"
	"	mov x0, x30\n"
	"	mov x30, x16\n"
	"	ret\n"
	".size fx_unw_strip_pac, .-fx_unw_strip_pac\n");

/* A handler returns to `mov x8, #139; svc #0` (rt_sigreturn): the vDSO's
 * on a real kernel, whose CFI gives back only x29 and x30, and a page of
 * qemu-user's own with no CFI at all. Known by those two instructions, as
 * libgcc knows it, the frame is read whole from the rt_sigframe at sp
 * (docs/kernel-facts.md §7): every register and the pc the signal struck. */
#define SIGRETURN_INSNS 0xd4000001d2801168ull /* little-endian: mov, then svc */
#define SIGFRAME_MCONTEXT (128 + 176) /* siginfo, then ucontext's uc_mcontext */

int fx_unw_sigframe(struct fx_unw_mem *m, const struct fx_unw_regs *cur, struct fx_unw_regs *next)
{
	uint64_t insns, at, i;

	if (!(cur->valid >> FX_UNW_SP & 1) || fx_unw_word(m, cur->pc, &insns) < 0 || insns != SIGRETURN_INSNS)
		return 0;
	/* fault_address, then x0..x30, sp and pc. */
	at = cur->r[FX_UNW_SP] + SIGFRAME_MCONTEXT + 8;
	for (i = 0; i < FX_UNW_NREGS; i++)
		if (fx_unw_word(m, at + 8 * i, &next->r[i]) < 0)
			return -1;
	if (fx_unw_word(m, at + 8 * FX_UNW_NREGS, &next->pc) < 0)
		return -1;
	next->valid = ((uint64_t)1 << FX_UNW_NREGS) - 1;
	return 1;
}
#endif
