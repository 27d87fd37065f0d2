/* The aarch64 signal frame (CShim/preload/unwind-aarch64.c): a pc at the
 * rt_sigreturn trampoline's two instructions over a frame laid out as the
 * kernel lays out an rt_sigframe gives back every register the signal
 * interrupted; a pc at other code is no signal frame, and a frame that
 * cannot be read ends the walk. On x86_64, whose trampoline has CFI, no pc
 * is one. (The walk out of a real handler is in test_unwind_walk.c.) */
#include "cunit.h"
#include "unwind.h"

#define SIGRETURN 0xd4000001d2801168ull /* mov x8, #139; svc #0 */
#define MCONTEXT_X0 ((128 + 176 + 8) / 8) /* siginfo, ucontext, fault_address */

static int read_frame(uint64_t code, uint64_t sp, struct fx_unw_regs *next)
{
	static uint64_t insns[2];
	struct fx_unw_mem mem;
	struct fx_unw_regs cur = { 0 };

	insns[0] = code;
	fx_unw_mem_init(&mem);
	cur.r[FX_UNW_SP] = sp;
	cur.valid = (uint64_t)1 << FX_UNW_SP;
	cur.pc = (uint64_t)(uintptr_t)insns;
	return fx_unw_sigframe(&mem, &cur, next);
}

void test_unwind_sigframe(void)
{
	static uint64_t frame[160];
	struct fx_unw_regs next = { 0 };
	uint64_t sp = (uint64_t)(uintptr_t)frame;
	int i;

	/* x0..x30, sp, then pc. */
	for (i = 0; i < 33; i++)
		frame[MCONTEXT_X0 + i] = 0x4000 + (uint64_t)i;
#if defined(__aarch64__)
	CHECK(read_frame(SIGRETURN, sp, &next) == 1);
	CHECK(next.r[0] == 0x4000 && next.r[FX_UNW_FP] == 0x4000 + 29 && next.r[FX_UNW_RA] == 0x4000 + 30);
	CHECK(next.r[FX_UNW_SP] == 0x4000 + 31);
	CHECK(next.pc == 0x4000 + 32);
	CHECK(next.valid == 0xffffffffu);
	CHECK(read_frame(0xd4000001d2800ee8ull, sp, &next) == 0); /* mov x8, #119: another call */
	CHECK(read_frame(SIGRETURN, 16, &next) == -1);
#else
	CHECK(read_frame(SIGRETURN, sp, &next) == 0);
#endif
}
