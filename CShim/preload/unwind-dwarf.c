#include "unwind-dwarf.h"

#include <string.h>

#define FX_EXPR_STACK 8
#define FX_CFA_PROGRAM_MAX (64 * 1024)
#define FX_HDR_MAX_FDES (1u << 26) /* more than any real module has */

void fx_unw_mem_init(struct fx_unw_mem *m)
{
	fx_mem_init(&m->table, FX_MEM_WINDOW / 2);
	fx_mem_init(&m->fde, 0);
	fx_mem_init(&m->cie, 0);
	fx_mem_init(&m->data, 64);
}

int fx_unw_word(struct fx_unw_mem *m, uint64_t addr, uint64_t *out)
{
	return fx_mem_get(&m->data, addr, out, sizeof(*out));
}

static uint64_t get_bytes(struct fx_dw *d, unsigned n)
{
	unsigned char b[8];
	uint64_t v = 0;
	unsigned i;

	if (d->bad || n > d->end - d->p || d->p > d->end || fx_mem_get(d->m, d->p, b, n) < 0) {
		d->bad = 1;
		return 0;
	}
	d->p += n;
	for (i = n; i > 0; i--)
		v = v << 8 | b[i - 1];
	return v;
}

uint64_t fx_dw_u8(struct fx_dw *d)
{
	return get_bytes(d, 1);
}

/* A LEB128 number; *last gets its final byte (for the sign). */
static uint64_t leb(struct fx_dw *d, unsigned *shift, uint64_t *last)
{
	uint64_t v = 0, b;

	*shift = 0;
	do {
		b = get_bytes(d, 1);
		if (*shift < 64)
			v |= (b & 0x7f) << *shift;
		*shift += 7;
	} while ((b & 0x80) && !d->bad && *shift < 70);
	*last = b;
	return v;
}

uint64_t fx_dw_uleb(struct fx_dw *d)
{
	unsigned shift;
	uint64_t last;

	return leb(d, &shift, &last);
}

int64_t fx_dw_sleb(struct fx_dw *d)
{
	unsigned shift;
	uint64_t last, v = leb(d, &shift, &last);

	if (shift < 64 && (last & 0x40))
		v |= ~(uint64_t)0 << shift;
	return (int64_t)v;
}

static uint64_t sign_extend(uint64_t v, unsigned bits)
{
	uint64_t m = (uint64_t)1 << (bits - 1);

	return (v ^ m) - m;
}

/* The DW_EH_PE_indirect bit is left to the caller: only personality
 * routines use it, and the unwinder skips those. */
uint64_t fx_dw_pointer(struct fx_dw *d, uint8_t enc)
{
	uint64_t at, v;

	if (enc == FX_PE_OMIT)
		return 0;
	if ((enc & 0x70) == FX_PE_ALIGNED) {
		d->p = (d->p + 7) & ~(uint64_t)7;
		enc = FX_PE_ABSPTR;
	}
	at = d->p;
	switch (enc & 0x0f) {
	case FX_PE_ABSPTR:
	case FX_PE_UDATA8:
	case FX_PE_SDATA8:
		v = get_bytes(d, 8);
		break;
	case FX_PE_UDATA4:
		v = get_bytes(d, 4);
		break;
	case FX_PE_SDATA4:
		v = sign_extend(get_bytes(d, 4), 32);
		break;
	case FX_PE_UDATA2:
		v = get_bytes(d, 2);
		break;
	case FX_PE_SDATA2:
		v = sign_extend(get_bytes(d, 2), 16);
		break;
	case FX_PE_ULEB128:
		v = fx_dw_uleb(d);
		break;
	case FX_PE_SLEB128:
		v = (uint64_t)fx_dw_sleb(d);
		break;
	default:
		d->bad = 1;
		return 0;
	}
	switch (enc & 0x70) {
	case 0:
		break;
	case FX_PE_PCREL:
		v += at;
		break;
	case FX_PE_DATAREL:
		if (!d->datarel)
			d->bad = 1;
		v += d->datarel;
		break;
	default: /* textrel, funcrel: not used by .eh_frame on Linux */
		d->bad = 1;
	}
	return d->bad ? 0 : v;
}

int fx_dwarf_find_fde(struct fx_unw_mem *m, uint64_t hdr, uint64_t pc, uint64_t *fde)
{
	struct fx_dw d = { &m->table, hdr, hdr + 32, hdr, 0 };
	uint64_t count, table, lo, hi, loc;
	uint8_t ptr_enc, count_enc, table_enc;

	if (fx_dw_u8(&d) != 1)
		return -1;
	ptr_enc = (uint8_t)fx_dw_u8(&d);
	count_enc = (uint8_t)fx_dw_u8(&d);
	table_enc = (uint8_t)fx_dw_u8(&d);
	fx_dw_pointer(&d, ptr_enc);
	if (count_enc == FX_PE_OMIT)
		return -1;
	count = fx_dw_pointer(&d, count_enc);
	/* Binary search needs fixed-size entries: what every linker writes. */
	if (d.bad || table_enc != (FX_PE_DATAREL | FX_PE_SDATA4) || count == 0 || count > FX_HDR_MAX_FDES)
		return -1;
	table = d.p;
	lo = 0;
	hi = count;
	d.end = table + count * 8;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		d.p = table + mid * 8;
		loc = fx_dw_pointer(&d, table_enc);
		if (d.bad)
			return -1;
		if (loc <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	d.p = table + (lo - 1) * 8 + 4;
	*fde = fx_dw_pointer(&d, table_enc);
	return d.bad ? -1 : 0;
}

/* An entry's length and where it ends; 0 for the terminator. */
static uint64_t entry_length(struct fx_dw *d)
{
	uint64_t len = get_bytes(d, 4);

	if (len == 0xffffffffu)
		len = get_bytes(d, 8);
	if (d->bad || len == 0 || len > (1u << 30))
		return 0;
	d->end = d->p + len;
	return len;
}

static int parse_cie(struct fx_mem *m, uint64_t at, struct fx_cie *cie, int *has_z)
{
	struct fx_dw d = { m, at, at + 12, 0, 0 };
	char aug[8];
	unsigned i = 0;
	uint64_t version;

	memset(cie, 0, sizeof(*cie));
	if (!entry_length(&d) || get_bytes(&d, 4) != 0)
		return -1;
	version = get_bytes(&d, 1);
	if (version != 1 && version != 3)
		return -1;
	for (;;) {
		uint64_t c = fx_dw_u8(&d);
		if (d.bad || i == sizeof(aug))
			return -1;
		aug[i++] = (char)c;
		if (c == 0)
			break;
	}
	cie->code_align = fx_dw_uleb(&d);
	cie->data_align = fx_dw_sleb(&d);
	cie->ra_col = fx_dw_uleb(&d);
	cie->fde_enc = FX_PE_ABSPTR;
	*has_z = aug[0] == 'z';
	if (*has_z) {
		uint64_t len = fx_dw_uleb(&d);
		uint64_t data_end = d.p + len;
		for (i = 1; aug[i] && !d.bad; i++) {
			if (aug[i] == 'R') {
				cie->fde_enc = (uint8_t)fx_dw_u8(&d);
			} else if (aug[i] == 'P') {
				fx_dw_pointer(&d, (uint8_t)(fx_dw_u8(&d) & 0x7f));
			} else if (aug[i] == 'L') {
				fx_dw_u8(&d);
			} else if (aug[i] == 'S') {
				cie->signal = 1;
			} else if (aug[i] != 'B' && aug[i] != 'G') {
				break; /* unknown: its data is skipped by the length */
			}
		}
		d.p = data_end;
	} else {
		for (i = 0; aug[i]; i++) {
			if (aug[i] != 'S')
				return -1; /* no length to skip what it does not know */
			cie->signal = 1;
		}
	}
	if (d.bad || d.p > d.end || cie->code_align == 0)
		return -1;
	cie->insns = d.p;
	cie->insns_end = d.end;
	return 0;
}

int fx_dwarf_parse_fde(struct fx_unw_mem *m, uint64_t fde, struct fx_cie *cie, struct fx_fde *out)
{
	struct fx_dw d = { &m->fde, fde, fde + 12, 0, 0 };
	uint64_t id_at, id, range;
	int has_z;

	if (!entry_length(&d))
		return -1;
	id_at = d.p;
	id = get_bytes(&d, 4);
	if (d.bad || id == 0 || id > id_at)
		return -1;
	if (parse_cie(&m->cie, id_at - id, cie, &has_z) < 0)
		return -1;
	out->pc_begin = fx_dw_pointer(&d, cie->fde_enc);
	range = fx_dw_pointer(&d, cie->fde_enc & 0x0f);
	if (has_z)
		d.p += fx_dw_uleb(&d);
	if (d.bad || d.p > d.end || out->pc_begin + range < out->pc_begin)
		return -1;
	out->pc_end = out->pc_begin + range;
	out->insns = d.p;
	out->insns_end = d.end;
	return 0;
}

static void set_rule(struct fx_cfa_row *row, uint64_t reg, uint8_t kind, int64_t val, uint32_t len)
{
	/* Rules for registers the walk does not track (vector registers)
	 * are read and dropped. */
	if (reg >= FX_UNW_NREGS)
		return;
	row->reg[reg].kind = kind;
	row->reg[reg].val = val;
	row->reg[reg].len = len;
}

/* An expression operand: its address and length, skipped over. */
static int take_block(struct fx_dw *d, int64_t *at, uint32_t *len)
{
	uint64_t n = fx_dw_uleb(d);

	if (d->bad || n > d->end - d->p || n > 0xffff)
		return -1;
	*at = (int64_t)d->p;
	*len = (uint32_t)n;
	d->p += n;
	return 0;
}

/* Runs one CFA program; stops at the first advance past pc. */
static int run_program(struct fx_dw *d, const struct fx_cie *cie, uint64_t *loc, uint64_t pc,
		       struct fx_cfa_state *st)
{
	struct fx_cfa_row *row = &st->row;
	int64_t da = cie->data_align;
	uint64_t reg, delta;
	int64_t at;
	uint32_t len;

	while (d->p < d->end && !d->bad) {
		uint8_t op = (uint8_t)fx_dw_u8(d);

		delta = (uint64_t)-1;
		if ((op & 0xc0) == 0x80) { /* DW_CFA_offset */
			set_rule(row, op & 0x3f, FX_RULE_OFFSET, (int64_t)fx_dw_uleb(d) * da, 0);
			continue;
		}
		if ((op & 0xc0) == 0xc0) { /* DW_CFA_restore */
			if ((op & 0x3f) < FX_UNW_NREGS)
				row->reg[op & 0x3f] = st->initial.reg[op & 0x3f];
			continue;
		}
		if ((op & 0xc0) == 0x40) { /* DW_CFA_advance_loc */
			delta = op & 0x3f;
			op = 0x40;
		}
		switch (op) {
		case 0x40:
			break;
		case 0x00: /* DW_CFA_nop */
			break;
		case 0x01: /* DW_CFA_set_loc */
			*loc = fx_dw_pointer(d, cie->fde_enc);
			if (*loc > pc)
				return 0;
			break;
		case 0x02: /* DW_CFA_advance_loc1 */
			delta = get_bytes(d, 1);
			break;
		case 0x03: /* DW_CFA_advance_loc2 */
			delta = get_bytes(d, 2);
			break;
		case 0x04: /* DW_CFA_advance_loc4 */
			delta = get_bytes(d, 4);
			break;
		case 0x05: /* DW_CFA_offset_extended */
			reg = fx_dw_uleb(d);
			set_rule(row, reg, FX_RULE_OFFSET, (int64_t)fx_dw_uleb(d) * da, 0);
			break;
		case 0x06: /* DW_CFA_restore_extended */
			reg = fx_dw_uleb(d);
			if (reg < FX_UNW_NREGS)
				row->reg[reg] = st->initial.reg[reg];
			break;
		case 0x07: /* DW_CFA_undefined */
			set_rule(row, fx_dw_uleb(d), FX_RULE_UNDEF, 0, 0);
			break;
		case 0x08: /* DW_CFA_same_value */
			set_rule(row, fx_dw_uleb(d), FX_RULE_SAME, 0, 0);
			break;
		case 0x09: /* DW_CFA_register */
			reg = fx_dw_uleb(d);
			set_rule(row, reg, FX_RULE_REG, (int64_t)fx_dw_uleb(d), 0);
			break;
		case 0x0a: /* DW_CFA_remember_state */
			if (st->depth >= FX_CFA_REMEMBER)
				return -1;
			st->saved[st->depth++] = *row;
			break;
		case 0x0b: /* DW_CFA_restore_state: the CFA rule too, as GCC's
			    * epilogues expect */
			if (st->depth == 0)
				return -1;
			*row = st->saved[--st->depth];
			break;
		case 0x0c: /* DW_CFA_def_cfa */
			row->cfa.len = (uint32_t)fx_dw_uleb(d);
			row->cfa.val = (int64_t)fx_dw_uleb(d);
			row->cfa.kind = FX_RULE_CFA_REG;
			break;
		case 0x12: /* DW_CFA_def_cfa_sf */
			row->cfa.len = (uint32_t)fx_dw_uleb(d);
			row->cfa.val = fx_dw_sleb(d) * da;
			row->cfa.kind = FX_RULE_CFA_REG;
			break;
		case 0x0d: /* DW_CFA_def_cfa_register */
			if (row->cfa.kind != FX_RULE_CFA_REG)
				return -1;
			row->cfa.len = (uint32_t)fx_dw_uleb(d);
			break;
		case 0x0e: /* DW_CFA_def_cfa_offset */
			if (row->cfa.kind != FX_RULE_CFA_REG)
				return -1;
			row->cfa.val = (int64_t)fx_dw_uleb(d);
			break;
		case 0x13: /* DW_CFA_def_cfa_offset_sf */
			if (row->cfa.kind != FX_RULE_CFA_REG)
				return -1;
			row->cfa.val = fx_dw_sleb(d) * da;
			break;
		case 0x0f: /* DW_CFA_def_cfa_expression */
			if (take_block(d, &at, &len) < 0)
				return -1;
			row->cfa.kind = FX_RULE_EXPR;
			row->cfa.val = at;
			row->cfa.len = len;
			break;
		case 0x10: /* DW_CFA_expression */
		case 0x16: /* DW_CFA_val_expression */
			reg = fx_dw_uleb(d);
			if (take_block(d, &at, &len) < 0)
				return -1;
			set_rule(row, reg, op == 0x10 ? FX_RULE_EXPR : FX_RULE_VAL_EXPR, at, len);
			break;
		case 0x11: /* DW_CFA_offset_extended_sf */
			reg = fx_dw_uleb(d);
			set_rule(row, reg, FX_RULE_OFFSET, fx_dw_sleb(d) * da, 0);
			break;
		case 0x14: /* DW_CFA_val_offset */
			reg = fx_dw_uleb(d);
			set_rule(row, reg, FX_RULE_VAL_OFFSET, (int64_t)fx_dw_uleb(d) * da, 0);
			break;
		case 0x15: /* DW_CFA_val_offset_sf */
			reg = fx_dw_uleb(d);
			set_rule(row, reg, FX_RULE_VAL_OFFSET, fx_dw_sleb(d) * da, 0);
			break;
		case 0x2e: /* DW_CFA_GNU_args_size: no effect on the CFA */
			fx_dw_uleb(d);
			break;
		case 0x2f: /* DW_CFA_GNU_negative_offset_extended */
			reg = fx_dw_uleb(d);
			set_rule(row, reg, FX_RULE_OFFSET, -(int64_t)fx_dw_uleb(d) * da, 0);
			break;
#if defined(__aarch64__)
		case 0x2d: /* DW_CFA_AARCH64_negate_ra_state: see unwind.c */
			break;
#endif
		default:
			return -1;
		}
		if (delta != (uint64_t)-1) {
			*loc += delta * cie->code_align;
			if (*loc > pc)
				return 0;
		}
	}
	return d->bad ? -1 : 0;
}

int fx_dwarf_run(struct fx_unw_mem *m, const struct fx_cie *cie, const struct fx_fde *fde, uint64_t pc,
		 struct fx_cfa_state *st)
{
	struct fx_dw d = { &m->cie, cie->insns, cie->insns_end, 0, 0 };
	uint64_t loc = fde->pc_begin;
	uint64_t never = (uint64_t)-1;

	/* Bounded time: real programs are tens of bytes, a few KiB at most. */
	if (cie->insns_end - cie->insns > FX_CFA_PROGRAM_MAX || fde->insns_end - fde->insns > FX_CFA_PROGRAM_MAX)
		return -1;

	memset(&st->row, 0, sizeof(st->row));
	st->row.cfa.kind = FX_RULE_UNDEF;
	st->depth = 0;
	if (run_program(&d, cie, &never, never, st) < 0)
		return -1;
	st->initial = st->row;
	d.m = &m->fde;
	d.p = fde->insns;
	d.end = fde->insns_end;
	return run_program(&d, cie, &loc, pc, st);
}

static int reg_value(const struct fx_unw_regs *r, uint64_t reg, uint64_t *out)
{
	if ((int64_t)reg == FX_UNW_PC_REG) {
		*out = r->pc;
		return 0;
	}
	if (reg >= FX_UNW_NREGS || !(r->valid >> reg & 1))
		return -1;
	*out = r->r[reg];
	return 0;
}

int fx_dwarf_eval(struct fx_unw_mem *m, uint64_t expr, uint32_t len, const struct fx_unw_regs *r, int have_push,
		  uint64_t push, uint64_t *out)
{
	struct fx_dw d = { &m->fde, expr, expr + len, 0, 0 };
	uint64_t st[FX_EXPR_STACK], a, b;
	int n = 0;

	if (have_push)
		st[n++] = push;
	while (d.p < d.end && !d.bad) {
		uint8_t op = (uint8_t)fx_dw_u8(&d);

		if (op >= 0x30 && op <= 0x4f) { /* DW_OP_lit0..31 */
			if (n == FX_EXPR_STACK)
				return -1;
			st[n++] = op - 0x30u;
			continue;
		}
		if ((op >= 0x70 && op <= 0x8f) || op == 0x92) { /* DW_OP_breg0..31, bregx */
			uint64_t reg = op == 0x92 ? fx_dw_uleb(&d) : op - 0x70u;
			int64_t off = fx_dw_sleb(&d);
			if (n == FX_EXPR_STACK || reg_value(r, reg, &a) < 0)
				return -1;
			st[n++] = a + (uint64_t)off;
			continue;
		}
		if (op >= 0x08 && op <= 0x11) { /* DW_OP_const* */
			static const unsigned char size[] = { 1, 1, 2, 2, 4, 4, 8, 8 };
			if (n == FX_EXPR_STACK)
				return -1;
			if (op == 0x10)
				a = fx_dw_uleb(&d);
			else if (op == 0x11)
				a = (uint64_t)fx_dw_sleb(&d);
			else {
				a = get_bytes(&d, size[op - 0x08]);
				if (op & 1)
					a = sign_extend(a, size[op - 0x08] * 8u);
			}
			st[n++] = a;
			continue;
		}
		if (op == 0x12 || op == 0x14) { /* DW_OP_dup, over */
			int from = op == 0x12 ? 1 : 2;
			if (n < from || n == FX_EXPR_STACK)
				return -1;
			st[n] = st[n - from];
			n++;
			continue;
		}
		if (n < 1)
			return -1;
		switch (op) {
		case 0x06: /* DW_OP_deref */
			if (fx_unw_word(m, st[n - 1], &st[n - 1]) < 0)
				return -1;
			continue;
		case 0x13: /* DW_OP_drop */
			n--;
			continue;
		case 0x1f: /* DW_OP_neg */
			st[n - 1] = -st[n - 1];
			continue;
		case 0x20: /* DW_OP_not */
			st[n - 1] = ~st[n - 1];
			continue;
		case 0x23: /* DW_OP_plus_uconst */
			st[n - 1] += fx_dw_uleb(&d);
			continue;
		}
		if (n < 2)
			return -1;
		b = st[--n];
		a = st[n - 1];
		switch (op) {
		case 0x16: /* DW_OP_swap */
			st[n - 1] = b;
			st[n++] = a;
			continue;
		case 0x1a: a &= b; break;
		case 0x1c: a -= b; break;
		case 0x1e: a *= b; break;
		case 0x21: a |= b; break;
		case 0x22: a += b; break;
		case 0x24: a = b < 64 ? a << b : 0; break;
		case 0x25: a = b < 64 ? a >> b : 0; break;
		case 0x26: a = (uint64_t)((int64_t)a >> (b < 64 ? b : 63)); break;
		case 0x27: a ^= b; break;
		case 0x29: a = a == b; break;
		case 0x2a: a = (int64_t)a >= (int64_t)b; break;
		case 0x2b: a = (int64_t)a > (int64_t)b; break;
		case 0x2c: a = (int64_t)a <= (int64_t)b; break;
		case 0x2d: a = (int64_t)a < (int64_t)b; break;
		case 0x2e: a = a != b; break;
		default:
			return -1; /* control flow, pieces, TLS: not in unwind tables we walk */
		}
		st[n - 1] = a;
	}
	if (d.bad || n < 1)
		return -1;
	*out = st[n - 1];
	return 0;
}
