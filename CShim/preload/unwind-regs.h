/* The registers the unwinder tracks, in DWARF numbering, per architecture
 * (the x86-64 and AArch64 psABIs' DWARF register tables). */
#ifndef FX_UNWIND_REGS_H
#define FX_UNWIND_REGS_H

#include <stdint.h>

#if defined(__x86_64__)
/* rax rdx rcx rbx rsi rdi rbp rsp r8..r15, then 16: the return address. */
#define FX_UNW_NREGS 17
#define FX_UNW_SP 7
#define FX_UNW_FP 6
#define FX_UNW_RA 16
#define FX_UNW_PC_REG 16 /* DW_OP_breg16 reads rip (the PLT's CFA) */
#elif defined(__aarch64__)
/* x0..x30, 31: sp; x30 is the link register. */
#define FX_UNW_NREGS 32
#define FX_UNW_SP 31
#define FX_UNW_FP 29
#define FX_UNW_RA 30
#define FX_UNW_PC_REG (-1)
#else
#error "forkexplain's shim supports x86_64 and aarch64"
#endif

/* One frame's registers: r[] indexed by DWARF number, `valid` a bit per
 * register, pc where the frame executes (a return address but for the
 * first frame and the frame a signal interrupted). */
struct fx_unw_regs {
	uint64_t r[FX_UNW_NREGS];
	uint64_t pc;
	uint64_t valid;
};

/* Fills the callee-saved registers, sp and pc as they will be in its
 * caller right after it returns: the caller's frame is the walk's first,
 * and stays live while the caller walks. unwind-<arch>.c, in assembly. */
void fx_unw_capture(struct fx_unw_regs *r);
/* The bits of `valid` that fx_unw_capture fills. */
extern const uint64_t fx_unw_captured;

/* A return address as the CPU branches to it: on AArch64 without the
 * pointer authentication code a signed one carries between bit 54 and the
 * kernel's virtual address size (docs/kernel-facts.md §7.6); unchanged on
 * x86_64. unwind-<arch>.c. */
uint64_t fx_unw_strip_pac(uint64_t ra);

struct fx_unw_mem;
/* When cur's pc is a sigreturn trampoline that has no usable CFI, fills
 * next with the registers the signal interrupted, pc exact: 1. 0 when it
 * is not one, -1 when its frame cannot be read. */
int fx_unw_sigframe(struct fx_unw_mem *m, const struct fx_unw_regs *cur, struct fx_unw_regs *next);

#endif
