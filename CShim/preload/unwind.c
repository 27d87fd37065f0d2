#include "unwind.h"
#include "modules.h"

#include <string.h>

static void set_module(struct fx_unw_module *m, const struct fx_mapping_at *at)
{
	m->lo = at->lo;
	m->hi = at->hi;
	m->elf = at->elf_lo;
	m->hdr = at->elf_lo ? fx_modules_eh_frame_hdr(at->elf_lo, at->elf_hi) : 0;
	m->module = -1;
}

/* One pass over the maps: the stack the walk starts on, and every
 * executable mapping while there is room, with its module. Reading the
 * maps is the walk's dearest step (several system calls and the kernel's
 * rendering of every line); a pass for each module it meets, and one more
 * for the frames' modules, made about five a failure. */
void fx_unwind_init(struct fx_unwind *w, struct fx_lines *lr, struct fx_snapshot *s)
{
	struct fx_maps_walk mw;
	struct fx_mapping_at at;
	uint64_t sp = w->regs.r[FX_UNW_SP];

	w->regs.valid = fx_unw_captured;
	w->exact = 0;
	w->lr = lr;
	w->nmods = 0;
	w->evict = 0;
	w->scans = 1;
	w->complete = 0;
	w->modules = 0;
	w->map_lines = 0;
	fx_unw_mem_init(&w->mem);
	/* The stack the walk starts on bounds the frame-pointer fallback. */
	w->stack_lo = w->stack_hi = 0;
	if (fx_maps_open(&mw, lr) < 0)
		return;
	w->complete = 1;
	w->modules = s != NULL;
	while (fx_maps_next(&mw, &at) == 1) {
		struct fx_unw_module *m;

		if (sp >= at.lo && sp < at.hi) {
			w->stack_lo = at.lo;
			w->stack_hi = at.hi;
		}
		if (!at.executable)
			continue;
		if (w->nmods >= FX_UNW_MODULES) {
			w->complete = 0;
			continue;
		}
		m = &w->mods[w->nmods++];
		set_module(m, &at);
		if (s && (m->module = fx_modules_add(s, &mw, &at)) == -2)
			w->modules = 0;
	}
	w->modules = w->modules && w->complete;
	w->map_lines = mw.lines;
	fx_maps_close(&mw);
}

const struct fx_unw_module *fx_unwind_module(struct fx_unwind *w, uint64_t pc)
{
	struct fx_mapping_at at;
	struct fx_unw_module *m;
	int i;

	for (i = 0; i < w->nmods; i++)
		if (pc >= w->mods[i].lo && pc < w->mods[i].hi)
			return &w->mods[i];
	if (w->complete || w->scans >= FX_UNW_SCANS)
		return NULL;
	w->scans++;
	if (fx_modules_mapping(w->lr, pc, &at) < 0 || !at.executable)
		return NULL;
	if (w->nmods < FX_UNW_MODULES)
		m = &w->mods[w->nmods++];
	else
		m = &w->mods[w->evict++ % FX_UNW_MODULES];
	set_module(m, &at);
	return m;
}

static int valid(const struct fx_unw_regs *r, uint64_t reg)
{
	return reg < FX_UNW_NREGS && (r->valid >> reg & 1);
}

/* Where the caller's value of register i is, by the row's rule. */
static int restore_reg(struct fx_unwind *w, const struct fx_rule *rule, uint64_t i, uint64_t cfa)
{
	const struct fx_unw_regs *cur = &w->regs;
	struct fx_unw_regs *next = &w->next;
	uint64_t v;

	switch (rule->kind) {
	case FX_RULE_SAME:
		return 0;
	case FX_RULE_UNDEF:
		next->valid &= ~((uint64_t)1 << i);
		return 0;
	case FX_RULE_OFFSET:
		if (fx_unw_word(&w->mem, cfa + (uint64_t)rule->val, &v) < 0)
			return -1;
		break;
	case FX_RULE_VAL_OFFSET:
		v = cfa + (uint64_t)rule->val;
		break;
	case FX_RULE_REG:
		if (!valid(cur, (uint64_t)rule->val))
			return -1;
		v = cur->r[rule->val];
		break;
	case FX_RULE_EXPR:
	case FX_RULE_VAL_EXPR:
		if (fx_dwarf_eval(&w->mem, (uint64_t)rule->val, rule->len, cur, 1, cfa, &v) < 0)
			return -1;
		if (rule->kind == FX_RULE_EXPR && fx_unw_word(&w->mem, v, &v) < 0)
			return -1;
		break;
	default:
		return -1;
	}
	next->r[i] = v;
	next->valid |= (uint64_t)1 << i;
	return 0;
}

static int step_cfi(struct fx_unwind *w, uint64_t look)
{
	const struct fx_cfa_row *row = &w->cfa.row;
	const struct fx_unw_regs *cur = &w->regs;
	uint64_t cfa, i, ra = w->cie.ra_col;

	if (fx_dwarf_run(&w->mem, &w->cie, &w->fde, look, &w->cfa) < 0 || ra >= FX_UNW_NREGS)
		return 0;
	if (row->cfa.kind == FX_RULE_CFA_REG) {
		if (!valid(cur, row->cfa.len))
			return 0;
		cfa = cur->r[row->cfa.len] + (uint64_t)row->cfa.val;
	} else if (row->cfa.kind != FX_RULE_EXPR ||
		   fx_dwarf_eval(&w->mem, (uint64_t)row->cfa.val, row->cfa.len, cur, 0, 0, &cfa) < 0) {
		return 0;
	}
	/* The outermost frame (_start, a thread's start) says so. */
	if (row->reg[ra].kind == FX_RULE_UNDEF)
		return 0;
	/* Only a signal frame's caller may sit below it (another stack). */
	if (!w->cie.signal && cfa <= cur->r[FX_UNW_SP])
		return 0;
	w->next = *cur;
	for (i = 0; i < FX_UNW_NREGS; i++)
		if (restore_reg(w, &row->reg[i], i, cfa) < 0)
			return 0;
	if (!valid(&w->next, ra) || w->next.r[ra] == 0)
		return 0;
	/* Return addresses signed by pointer authentication (negate_ra_state)
	 * carry a PAC above the virtual address bits. */
	w->next.pc = fx_unw_strip_pac(w->next.r[ra]);
	w->next.r[FX_UNW_SP] = cfa;
	w->next.valid |= (uint64_t)1 << FX_UNW_SP;
	w->regs = w->next;
	/* After a signal trampoline, pc is where the signal struck. */
	w->exact = w->cie.signal;
	return 1;
}

/* Code without unwind information (JIT, hand-written stubs): the frame
 * pointer chain, for as long as it stays inside the stack the walk began
 * on and climbs it. */
static int step_fp(struct fx_unwind *w)
{
	struct fx_unw_regs *r = &w->regs;
	uint64_t fp = r->r[FX_UNW_FP], next_fp, ra;

	if (!valid(r, FX_UNW_FP) || !valid(r, FX_UNW_SP) || (fp & 7) || fp < r->r[FX_UNW_SP] ||
	    fp < w->stack_lo || fp >= w->stack_hi || w->stack_hi - fp < 16)
		return 0;
	if (fx_unw_word(&w->mem, fp, &next_fp) < 0 || fx_unw_word(&w->mem, fp + 8, &ra) < 0 || ra == 0)
		return 0;
	/* A frame record of code built with pac-ret holds the signed x30. */
	ra = fx_unw_strip_pac(ra);
	/* Code built without frame pointers leaves anything in that register:
	 * musl's libc.so has no unwind tables, so the frame above main is read
	 * this way (docs/libc-facts.md §3). A return address is never on the
	 * stack being walked, nor above the user half of the address space
	 * (no top byte set on x86_64 or aarch64): that is the end. */
	if ((ra >= w->stack_lo && ra < w->stack_hi) || (ra >> 56) != 0)
		return 0;
	r->r[FX_UNW_FP] = next_fp;
	if (next_fp <= fp)
		r->valid &= ~((uint64_t)1 << FX_UNW_FP);
	r->r[FX_UNW_SP] = fp + 16;
	r->pc = ra;
	w->exact = 0;
	return 1;
}

int fx_unwind_step(struct fx_unwind *w)
{
	uint64_t pc = w->regs.pc, fde;
	/* A return address is the instruction after the call, which may
	 * already belong to the next function. */
	uint64_t look = w->exact ? pc : pc - 1;
	const struct fx_unw_module *mod;

	if (pc == 0)
		return 0;
	switch (fx_unw_sigframe(&w->mem, &w->regs, &w->next)) {
	case 1:
		w->regs = w->next;
		w->exact = 1;
		return 1;
	case -1:
		return 0;
	}
	mod = fx_unwind_module(w, look);
	if (mod && mod->hdr && fx_dwarf_find_fde(&w->mem, mod->hdr, look, &fde) == 0 &&
	    fx_dwarf_parse_fde(&w->mem, fde, &w->cie, &w->fde) == 0 && look >= w->fde.pc_begin &&
	    look < w->fde.pc_end)
		return step_cfi(w, look);
	return step_fp(w);
}
