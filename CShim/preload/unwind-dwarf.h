/* The DWARF call-frame information of .eh_frame (the LSB's "Exception
 * Frames" and DWARF 4 §6.4): finding a pc's FDE through .eh_frame_hdr's
 * binary search table, parsing its CIE and FDE, and running their CFA
 * programs up to the pc. Every byte is read through a fx_mem window, so a
 * bad table ends the walk instead of the process. */
#ifndef FX_UNWIND_DWARF_H
#define FX_UNWIND_DWARF_H

#include <stdint.h>

#include "safemem.h"
#include "unwind-regs.h"

#define FX_CFA_REMEMBER 2

enum fx_rule_kind {
	FX_RULE_SAME = 0, /* callee-saved: unchanged (the default) */
	FX_RULE_UNDEF,
	FX_RULE_OFFSET,	    /* saved at CFA + val */
	FX_RULE_VAL_OFFSET, /* is CFA + val */
	FX_RULE_REG,	    /* in register val */
	FX_RULE_EXPR,	    /* saved at the address the expression gives */
	FX_RULE_VAL_EXPR,   /* is what the expression gives */
	FX_RULE_CFA_REG,    /* the CFA only: register len + val */
};

/* An expression's rule keeps its bytes' address in val and length in len. */
struct fx_rule {
	int64_t val;
	uint32_t len;
	uint8_t kind;
};

struct fx_cfa_row {
	struct fx_rule cfa;
	struct fx_rule reg[FX_UNW_NREGS];
};

/* A CFA program's state: the row being built, the CIE's initial row (what
 * DW_CFA_restore returns to) and DW_CFA_remember_state's stack. */
struct fx_cfa_state {
	struct fx_cfa_row row;
	struct fx_cfa_row initial;
	struct fx_cfa_row saved[FX_CFA_REMEMBER];
	int depth;
};

struct fx_cie {
	uint64_t code_align;
	int64_t data_align;
	uint64_t ra_col;
	uint8_t fde_enc; /* DW_EH_PE_* of the FDE's addresses */
	uint8_t signal;	 /* augmentation "S": a signal trampoline */
	uint64_t insns, insns_end;
};

struct fx_fde {
	uint64_t pc_begin, pc_end;
	uint64_t insns, insns_end;
};

/* The DW_EH_PE_* pointer encodings. */
enum {
	FX_PE_ABSPTR = 0x00,
	FX_PE_ULEB128 = 0x01,
	FX_PE_UDATA2 = 0x02,
	FX_PE_UDATA4 = 0x03,
	FX_PE_UDATA8 = 0x04,
	FX_PE_SLEB128 = 0x09,
	FX_PE_SDATA2 = 0x0a,
	FX_PE_SDATA4 = 0x0b,
	FX_PE_SDATA8 = 0x0c,
	FX_PE_PCREL = 0x10,
	FX_PE_TEXTREL = 0x20,
	FX_PE_DATAREL = 0x30,
	FX_PE_FUNCREL = 0x40,
	FX_PE_ALIGNED = 0x50,
	FX_PE_INDIRECT = 0x80,
	FX_PE_OMIT = 0xff,
};

/* The reader's windows: one each for the binary search table, the FDE,
 * its CIE (often the same for the next frame) and the stack, so that
 * moving between them does not refill one window over and over. */
struct fx_unw_mem {
	struct fx_mem table, fde, cie, data;
};

void fx_unw_mem_init(struct fx_unw_mem *m);
/* A 64-bit word of the stack (or wherever an expression points). */
int fx_unw_word(struct fx_unw_mem *m, uint64_t addr, uint64_t *out);

/* A cursor over bytes in memory; `bad` is set by any read past `end` or
 * of unmapped memory, and every later read then returns 0. */
struct fx_dw {
	struct fx_mem *m;
	uint64_t p, end;
	uint64_t datarel; /* DW_EH_PE_datarel's base: .eh_frame_hdr */
	int bad;
};

uint64_t fx_dw_u8(struct fx_dw *d);
uint64_t fx_dw_uleb(struct fx_dw *d);
int64_t fx_dw_sleb(struct fx_dw *d);
/* A pointer in encoding enc; pcrel is relative to where it is stored. */
uint64_t fx_dw_pointer(struct fx_dw *d, uint8_t enc);

/* The FDE covering pc, from the .eh_frame_hdr at hdr. Returns 0 and its
 * address, or -1 (no table, a table without binary search, no FDE). */
int fx_dwarf_find_fde(struct fx_unw_mem *m, uint64_t hdr, uint64_t pc, uint64_t *fde);
/* Parses the FDE at fde and its CIE. Returns 0, or -1 if malformed. */
int fx_dwarf_parse_fde(struct fx_unw_mem *m, uint64_t fde, struct fx_cie *cie, struct fx_fde *out);
/* Runs the CIE's initial instructions, then the FDE's while their location
 * is at or below pc. Returns 0, or -1 on an instruction it does not know
 * or a malformed program. */
int fx_dwarf_run(struct fx_unw_mem *m, const struct fx_cie *cie, const struct fx_fde *fde, uint64_t pc,
		 struct fx_cfa_state *st);
/* Evaluates a DWARF expression (the stack operations CFI uses: literals,
 * register bases, deref, arithmetic, comparisons) with `push` pushed first
 * if have_push. Returns 0 and the top of the stack, or -1. */
int fx_dwarf_eval(struct fx_unw_mem *m, uint64_t expr, uint32_t len, const struct fx_unw_regs *r, int have_push,
		  uint64_t push, uint64_t *out);

#endif
