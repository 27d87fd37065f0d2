/* Pointer authentication (docs/kernel-facts.md §7.6): a signed return
 * address stripped back to the address, and a walk through functions built
 * with pac-ret, whose frames hold signed return addresses, landing in their
 * callers. On x86_64 the strip is the identity. */
#include "cunit.h"
#include "unwind.h"

#include <stdio.h>
#include <sys/auxv.h>

#define MAX_PCS 16

static struct fx_unwind w;
static struct fx_lines lr;
static uint64_t pcs[MAX_PCS];
static int npcs;
static volatile int sink;

#if defined(__aarch64__)
#define FX_PAC_RET __attribute__((noinline, target("branch-protection=pac-ret")))
#define HWCAP_PACA_BIT (1ul << 30) /* the kernel's asm/hwcap.h */

/* PACIA1716 (HINT #8): x17 signed with the A key, x16 the modifier. */
static uint64_t sign(uint64_t p)
{
	register uint64_t x17 __asm__("x17") = p;
	register uint64_t x16 __asm__("x16") = 0x1234;

	__asm__ volatile("hint #8" : "+r"(x17) : "r"(x16));
	return x17;
}
#else
#define FX_PAC_RET __attribute__((noinline))
#endif

FX_PAC_RET static void pac_walk(void)
{
	fx_unw_capture(&w.regs);
	fx_unwind_init(&w, &lr, NULL);
	npcs = 0;
	do
		pcs[npcs++] = w.regs.pc;
	while (npcs < MAX_PCS && fx_unwind_step(&w) > 0);
	sink++;
}

FX_PAC_RET static void pac_level2(void)
{
	pac_walk();
	sink++;
}

FX_PAC_RET static void pac_level1(void)
{
	pac_level2();
	sink++;
}

/* The function whose FDE covers pc, or 0. */
static uint64_t function_of(uint64_t pc)
{
	const struct fx_unw_module *mod = fx_unwind_module(&w, pc);
	struct fx_cie c;
	struct fx_fde f;
	uint64_t fde = 0;

	if (!mod || !mod->hdr || fx_dwarf_find_fde(&w.mem, mod->hdr, pc, &fde) < 0 ||
	    fx_dwarf_parse_fde(&w.mem, fde, &c, &f) < 0)
		return 0;
	return f.pc_begin;
}

void test_unwind_pac(void)
{
	uint64_t fn = (uint64_t)(uintptr_t)pac_level1;

	CHECK(fx_unw_strip_pac(fn) == fn);
#if defined(__aarch64__)
	uint64_t s = sign(fn);

	CHECK(fx_unw_strip_pac(s) == fn);
	if (getauxval(AT_HWCAP) & HWCAP_PACA_BIT)
		CHECK(s != fn);
	else
		printf("note: this CPU has no pointer authentication: signing is a NOP, the walk below is unsigned\n");
#endif
	pac_level1();
	/* pac_walk's caller pac_level2, then pac_level1, then this function. */
	CHECK(npcs >= 4);
	CHECK(function_of(pcs[1] - 1) == (uint64_t)(uintptr_t)pac_level2);
	CHECK(function_of(pcs[2] - 1) == fn);
	CHECK(function_of(pcs[3] - 1) == (uint64_t)(uintptr_t)test_unwind_pac);
}
