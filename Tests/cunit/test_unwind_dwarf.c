/* The DWARF CFI reader over hand-assembled .eh_frame and .eh_frame_hdr
 * bytes: LEB128 and pointer encodings, "zR", "zPLR" and "zRS" CIEs, the
 * CFA program at each instruction of a function, DWARF expressions (the
 * PLT's), and bad tables that must end in -1, not a fault. */
#include "cunit.h"
#include "unwind-dwarf.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned char *buf;
static size_t at;

static void put8(unsigned v)
{
	buf[at++] = (unsigned char)v;
}

static void put32(uint32_t v)
{
	memcpy(buf + at, &v, 4);
	at += 4;
}

static void put_bytes(const char *s, size_t n)
{
	memcpy(buf + at, s, n);
	at += n;
}

/* Patches the 4-byte length at start to cover [start + 4, at). */
static void close_entry(size_t start)
{
	uint32_t len = (uint32_t)(at - start - 4);

	memcpy(buf + start, &len, 4);
}

static uint64_t addr(size_t off)
{
	return (uint64_t)(uintptr_t)(buf + off);
}

/* A CIE with code alignment 1, data alignment -8, return address column
 * 16 and the x86-64 entry rules (CFA = r7 + 8, r16 at CFA - 8). */
static size_t cie(const char *aug, const char *aug_data, size_t aug_len)
{
	size_t start = at;

	put32(0);
	put32(0); /* CIE id */
	put8(1);
	put_bytes(aug, strlen(aug) + 1);
	put8(1);
	put8(0x78); /* sleb -8 */
	put8(16);
	if (aug[0] == 'z') {
		put8((unsigned)aug_len);
		put_bytes(aug_data, aug_len);
	}
	put8(0x0c), put8(7), put8(8); /* def_cfa r7 8 */
	put8(0x90), put8(1);	       /* offset r16 cfa-8 */
	close_entry(start);
	return start;
}

/* An FDE of the CIE at cie_at for [begin, begin + range), pcrel sdata4. */
static size_t fde(size_t cie_at, uint64_t begin, uint32_t range, const char *aug_data, size_t aug_len,
		  const char *insns, size_t n)
{
	size_t start = at;

	put32(0);
	put32((uint32_t)(at - cie_at));
	put32((uint32_t)(begin - addr(at)));
	put32(range);
	if (aug_len != (size_t)-1) {
		put8((unsigned)aug_len);
		put_bytes(aug_data, aug_len);
	}
	put_bytes(insns, n);
	close_entry(start);
	return start;
}

static int row_at(struct fx_unw_mem *m, size_t fde_at, uint64_t pc, struct fx_cfa_state *st, struct fx_cie *c)
{
	struct fx_fde f;

	if (fx_dwarf_parse_fde(m, addr(fde_at), c, &f) < 0)
		return -1;
	return fx_dwarf_run(m, c, &f, pc, st);
}

static int cfa_is(const struct fx_cfa_state *st, unsigned reg, int64_t off)
{
	return st->row.cfa.kind == FX_RULE_CFA_REG && st->row.cfa.len == reg && st->row.cfa.val == off;
}

static void test_leb_and_pointers(struct fx_unw_mem *m)
{
	static const unsigned char bytes[] = { 0xe5, 0x8e, 0x26, 0x7f, 0x80, 0x7f, 0xfc, 0xff, 0xff, 0xff,
					       0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80 };
	struct fx_dw d = { &m->fde, (uint64_t)(uintptr_t)bytes, (uint64_t)(uintptr_t)bytes + sizeof(bytes), 0, 0 };
	uint64_t base = d.p;

	CHECK(fx_dw_uleb(&d) == 624485);
	CHECK(fx_dw_sleb(&d) == -1);
	CHECK(fx_dw_sleb(&d) == -128);
	CHECK(fx_dw_pointer(&d, FX_PE_PCREL | FX_PE_SDATA4) == base + 6 - 4);
	d.datarel = 0x1000;
	CHECK(fx_dw_pointer(&d, FX_PE_DATAREL | FX_PE_UDATA4) == 0x1010);
	d.p -= 4;
	CHECK(fx_dw_pointer(&d, FX_PE_UDATA4) == 0x10);
	d.p -= 4;
	CHECK(fx_dw_pointer(&d, FX_PE_SDATA8) == 0x8000000000000010ull);
	CHECK(!d.bad);
	CHECK(fx_dw_pointer(&d, FX_PE_UDATA4) == 0 && d.bad); /* past the end */
	d.bad = 0;
	d.p = base;
	CHECK(fx_dw_pointer(&d, FX_PE_OMIT) == 0 && !d.bad && d.p == base);
	CHECK(fx_dw_pointer(&d, FX_PE_TEXTREL | FX_PE_UDATA4) == 0 && d.bad);
}

void test_unwind_dwarf(void)
{
	long page = sysconf(_SC_PAGESIZE);
	static struct fx_unw_mem m;
	static struct fx_cfa_state st;
	struct fx_cie c;
	struct fx_fde f;
	uint64_t text, found;
	size_t cie1, cie2, cie3, fde1, fde2, fde3, hdr, tail;
	/* 1: push rbp; 3: mov rsp,rbp; 0x24: an epilogue (remember, CFA
	 * back on rsp), 0x25: the body again (restore). */
	static const char insns1[] = { 0x41, 0x0e, 0x10, (char)0x86, 0x02, 0x43, 0x0d, 0x06, 0x02, 0x20,
				       0x0a, 0x0c, 0x07, 0x08, 0x41, 0x0b, 0x00, 0x00 };
	static const char insns2[] = { 0x41, 0x0e, 0x10 };
	static const char zplr[] = { (char)0x9b, 0x10, 0x00, 0x00, 0x00, 0x1b, 0x1b };
	static const char lsda[] = { 0x20, 0x00, 0x00, 0x00 };
	static const char r_pcrel[] = { 0x1b };

	buf = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(buf != MAP_FAILED);
	if (buf == MAP_FAILED)
		return;
	fx_unw_mem_init(&m);
	test_leb_and_pointers(&m);

	at = 0;
	text = addr(0x800); /* only an address: nothing there runs */
	cie1 = cie("zR", r_pcrel, 1);
	fde1 = fde(cie1, text, 0x40, "", 0, insns1, sizeof(insns1));
	cie2 = cie("zPLR", zplr, sizeof(zplr));
	fde2 = fde(cie2, text + 0x100, 0x10, lsda, sizeof(lsda), insns2, sizeof(insns2));
	cie3 = cie("zRS", r_pcrel, 1);
	fde3 = fde(cie3, text + 0x200, 0x10, "", 0, "", 0);
	put32(0); /* .eh_frame's terminator */

	/* .eh_frame_hdr: version, pcrel sdata4 eh_frame_ptr, udata4 count,
	 * datarel sdata4 table. */
	hdr = at;
	put8(1), put8(0x1b), put8(0x03), put8(0x3b);
	put32((uint32_t)(addr(0) - addr(at)));
	put32(3);
	put32((uint32_t)(text - addr(hdr))), put32((uint32_t)(fde1 - hdr));
	put32((uint32_t)(text + 0x100 - addr(hdr))), put32((uint32_t)(fde2 - hdr));
	put32((uint32_t)(text + 0x200 - addr(hdr))), put32((uint32_t)(fde3 - hdr));

	/* The CIE's own rules, at the function's first byte. */
	CHECK(row_at(&m, fde1, text, &st, &c) == 0);
	CHECK(c.code_align == 1 && c.data_align == -8 && c.ra_col == 16 && c.fde_enc == 0x1b && !c.signal);
	CHECK(cfa_is(&st, 7, 8));
	CHECK(st.row.reg[16].kind == FX_RULE_OFFSET && st.row.reg[16].val == -8);
	CHECK(st.row.reg[6].kind == FX_RULE_SAME);
	CHECK(row_at(&m, fde1, text + 1, &st, &c) == 0);
	CHECK(cfa_is(&st, 7, 16));
	CHECK(st.row.reg[6].kind == FX_RULE_OFFSET && st.row.reg[6].val == -16);
	CHECK(row_at(&m, fde1, text + 3, &st, &c) == 0 && cfa_is(&st, 7, 16));
	CHECK(row_at(&m, fde1, text + 4, &st, &c) == 0 && cfa_is(&st, 6, 16));
	CHECK(row_at(&m, fde1, text + 0x23, &st, &c) == 0 && cfa_is(&st, 6, 16));
	CHECK(row_at(&m, fde1, text + 0x24, &st, &c) == 0 && cfa_is(&st, 7, 8));
	CHECK(st.row.reg[6].kind == FX_RULE_OFFSET);
	CHECK(row_at(&m, fde1, text + 0x25, &st, &c) == 0 && cfa_is(&st, 6, 16));
	CHECK(row_at(&m, fde1, text + 0x3f, &st, &c) == 0 && cfa_is(&st, 6, 16));

	/* "zPLR": personality and LSDA skipped, the FDE's augmentation too. */
	CHECK(fx_dwarf_parse_fde(&m, addr(fde2), &c, &f) == 0);
	CHECK(f.pc_begin == text + 0x100 && f.pc_end == text + 0x110 && !c.signal);
	CHECK(row_at(&m, fde2, text + 0x101, &st, &c) == 0 && cfa_is(&st, 7, 16));
	/* "zRS": a signal trampoline. */
	CHECK(fx_dwarf_parse_fde(&m, addr(fde3), &c, &f) == 0 && c.signal);

	/* The binary search table. */
	CHECK(fx_dwarf_find_fde(&m, addr(hdr), text - 1, &found) < 0);
	CHECK(fx_dwarf_find_fde(&m, addr(hdr), text, &found) == 0 && found == addr(fde1));
	CHECK(fx_dwarf_find_fde(&m, addr(hdr), text + 0x3f, &found) == 0 && found == addr(fde1));
	CHECK(fx_dwarf_find_fde(&m, addr(hdr), text + 0x105, &found) == 0 && found == addr(fde2));
	CHECK(fx_dwarf_find_fde(&m, addr(hdr), text + 0x900, &found) == 0 && found == addr(fde3));
	/* A CIE where an FDE should be. */
	CHECK(fx_dwarf_parse_fde(&m, addr(cie1), &c, &f) < 0);

	/* An instruction it does not know (DW_CFA_lo_user) and
	 * restore_state with nothing remembered: -1. */
	tail = at;
	fde(cie1, text, 0x40, "", 0, "\x41\x1c", 2);
	CHECK(row_at(&m, tail, text + 2, &st, &c) < 0);
	tail = at;
	fde(cie1, text, 0x40, "", 0, "\x0b", 1);
	CHECK(row_at(&m, tail, text, &st, &c) < 0);
	/* remember_state deeper than the walk keeps. */
	tail = at;
	fde(cie1, text, 0x40, "", 0, "\x0a\x0a\x0a", 3);
	CHECK(row_at(&m, tail, text, &st, &c) < 0);

	/* An FDE whose length runs into an unmapped page: -1, no fault. */
	at = (size_t)page - 24;
	tail = fde(cie1, text, 0x40, "", 0, "\x41\x0e\x10", 3);
	memcpy(buf + tail, &(uint32_t){ 0x1000 }, 4);
	CHECK(mprotect(buf + page, (size_t)page, PROT_NONE) == 0);
	CHECK(fx_dwarf_parse_fde(&m, addr(tail), &c, &f) == 0);
	CHECK(fx_dwarf_run(&m, &c, &f, text + 0x30, &st) < 0);
	CHECK(fx_dwarf_find_fde(&m, addr(page), text, &found) < 0);
	munmap(buf, (size_t)page * 2);
}

#if defined(__x86_64__)
/* The PLT's CFA: rsp + 8, plus 8 more once pc is past the push in its
 * 16-byte entry ((rip & 15) >= 11). */
void test_unwind_expr(void)
{
	static const unsigned char plt[] = { 0x77, 0x08, 0x80, 0x00, 0x3f, 0x1a, 0x3b, 0x2a, 0x33, 0x24, 0x22 };
	static const unsigned char bad[] = { 0x77, 0x00, 0x06 };
	static struct fx_unw_mem m;
	struct fx_unw_regs r = { 0 };
	uint64_t out = 0;
	long page = sysconf(_SC_PAGESIZE);
	char *guard = mmap(NULL, (size_t)page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	fx_unw_mem_init(&m);
	r.r[7] = 0x1000;
	r.valid = 1u << 7;
	r.pc = 0x401005;
	CHECK(fx_dwarf_eval(&m, (uint64_t)(uintptr_t)plt, sizeof(plt), &r, 0, 0, &out) == 0 && out == 0x1008);
	r.pc = 0x40100c;
	CHECK(fx_dwarf_eval(&m, (uint64_t)(uintptr_t)plt, sizeof(plt), &r, 0, 0, &out) == 0 && out == 0x1010);
	/* A register it has no value for; a deref of unmapped memory. */
	r.valid = 0;
	CHECK(fx_dwarf_eval(&m, (uint64_t)(uintptr_t)plt, sizeof(plt), &r, 0, 0, &out) < 0);
	r.valid = 1u << 7;
	r.r[7] = (uint64_t)(uintptr_t)guard;
	CHECK(fx_dwarf_eval(&m, (uint64_t)(uintptr_t)bad, sizeof(bad), &r, 0, 0, &out) < 0);
	munmap(guard, (size_t)page);
}
#else
void test_unwind_expr(void)
{
}
#endif
