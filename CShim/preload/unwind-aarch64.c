/* AArch64: the first frame's registers. x19..x30 and sp as they are in the
 * caller (a `ret` changes neither), and the link register as pc. */
#if defined(__aarch64__)
#include "unwind-regs.h"

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
#endif
