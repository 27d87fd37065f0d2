/* x86-64: the first frame's registers. A C function cannot read its
 * caller's registers as they are after the return, so this is assembly:
 * rbx, rbp, r12..r15 as they are, rsp as it is after `ret` pops the return
 * address, and the return address as pc. */
#if defined(__x86_64__)
#include "unwind-regs.h"

#include <stddef.h>

_Static_assert(offsetof(struct fx_unw_regs, pc) == 17 * 8, "the assembly below stores pc at 136");

const uint64_t fx_unw_captured =
	(1u << 3) | (1u << 6) | (1u << 7) | (1u << 12) | (1u << 13) | (1u << 14) | (1u << 15);

__asm__(".text\n"
	".globl fx_unw_capture\n"
	".hidden fx_unw_capture\n"
	".type fx_unw_capture, @function\n"
	"fx_unw_capture:\n"
	"	movq %rbx, 24(%rdi)\n"
	"	movq %rbp, 48(%rdi)\n"
	"	leaq 8(%rsp), %rax\n"
	"	movq %rax, 56(%rdi)\n"
	"	movq %r12, 96(%rdi)\n"
	"	movq %r13, 104(%rdi)\n"
	"	movq %r14, 112(%rdi)\n"
	"	movq %r15, 120(%rdi)\n"
	"	movq (%rsp), %rax\n"
	"	movq %rax, 136(%rdi)\n"
	"	ret\n"
	".size fx_unw_capture, .-fx_unw_capture\n");

/* x86-64 has no pointer authentication. */
uint64_t fx_unw_strip_pac(uint64_t ra)
{
	return ra;
}

/* x86-64 handlers return to glibc's __restore_rt (the kernel there needs
 * SA_RESTORER), whose CFI describes the whole signal frame. */
int fx_unw_sigframe(struct fx_unw_mem *m, const struct fx_unw_regs *cur, struct fx_unw_regs *next)
{
	(void)m;
	(void)cur;
	(void)next;
	return 0;
}
#endif
