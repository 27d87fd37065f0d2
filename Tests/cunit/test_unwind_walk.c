/* The unwinder on this very program (its real .eh_frame, as the compiler
 * and linker wrote it): the FDE of a function, a walk whose frames must be
 * the return addresses the compiler itself reports, and a walk from a
 * signal handler on an 8 KiB alternate stack with a guard page, which must
 * fit there and climb through the signal frame. */
#include "cunit.h"
#include "modules.h"
#include "unwind.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_PCS 24

static struct fx_unwind w;
static struct fx_lines lr;
static uint64_t pcs[MAX_PCS];
/* volatile: a signal handler sets them, which the compiler cannot see. */
static volatile int npcs;
static uint64_t expect[3];
static volatile int sink;

__attribute__((noinline)) static void walk_here(void)
{
	fx_unw_capture(&w.regs);
	fx_unwind_init(&w, &lr, NULL);
	npcs = 0;
	do
		pcs[npcs++] = w.regs.pc;
	while (npcs < MAX_PCS && fx_unwind_step(&w) > 0);
	expect[0] = (uint64_t)(uintptr_t)__builtin_return_address(0);
	sink++;
}

__attribute__((noinline)) static void level2(void)
{
	walk_here();
	expect[1] = (uint64_t)(uintptr_t)__builtin_return_address(0);
	sink++;
}

__attribute__((noinline)) static void level1(void)
{
	level2();
	expect[2] = (uint64_t)(uintptr_t)__builtin_return_address(0);
	sink++;
}

static void on_usr1(int sig)
{
	(void)sig;
	walk_here();
}

/* The FDE that covers pc, or 0. */
static uint64_t fde_of(uint64_t pc)
{
	const struct fx_unw_module *mod = fx_unwind_module(&w, pc);
	uint64_t fde = 0;

	if (!mod || !mod->hdr || fx_dwarf_find_fde(&w.mem, mod->hdr, pc, &fde) < 0)
		return 0;
	return fde;
}

__attribute__((noinline)) static void raise_here(void)
{
	raise(SIGUSR1);
	sink++;
}

static void test_altstack(void)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t size = 8192;
	char *mem = mmap(NULL, (size_t)page + size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	stack_t ss = { 0 }, old;
	struct sigaction sa, old_sa;
	uint64_t raiser;
	int i, found = 0;

	CHECK(mem != MAP_FAILED && mprotect(mem, (size_t)page, PROT_NONE) == 0);
	ss.ss_sp = mem + page;
	ss.ss_size = size;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	CHECK(sigaltstack(&ss, &old) == 0 && sigaction(SIGUSR1, &sa, &old_sa) == 0);
	npcs = 0;
	raise_here();
	sigaction(SIGUSR1, &old_sa, NULL);
	sigaltstack(&old, NULL);
	munmap(mem, (size_t)page + size);
	/* The handler's frames are on the small stack, raise_here's on the
	 * thread's: only the signal frame's CFI leads from one to the other. */
	CHECK(npcs > 3);
	fx_unw_capture(&w.regs);
	fx_unwind_init(&w, &lr, NULL);
	raiser = fde_of((uint64_t)(uintptr_t)raise_here);
	CHECK(raiser != 0);
	for (i = 1; i < npcs; i++)
		found |= fde_of(pcs[i] - 1) == raiser;
	CHECK(found);
}

static int64_t maps_lines(void)
{
	int64_t n = 0;

	if (fx_lines_open(&lr, "/proc/self/maps") < 0)
		return -1;
	while (fx_lines_next(&lr) != NULL)
		n++;
	fx_lines_close(&lr);
	return n;
}

/* The walk's one pass over the maps gives a module and the maps' line
 * count the same as fx_modules_resolve's own pass. */
static void test_modules(uint64_t fn)
{
	static struct fx_snapshot s;
	const struct fx_unw_module *mod;
	char path[sizeof(s.modules[0].path)];
	int64_t lines;

	memset(&s, 0, sizeof(s));
	fx_unw_capture(&w.regs);
	fx_unwind_init(&w, &lr, &s);
	lines = maps_lines();
	CHECK(w.modules && w.map_lines > 0 && w.map_lines == lines);
	mod = fx_unwind_module(&w, fn);
	CHECK(mod && mod->module >= 0 && mod->module < s.nmodules);
	if (!mod || mod->module < 0)
		return;
	CHECK(strstr(s.modules[mod->module].path, "cunit") != NULL && s.modules[mod->module].build_id_len > 0);
	strcpy(path, s.modules[mod->module].path);
	s.nframes = 1;
	s.frames[0].addr = fn;
	s.frames[0].module = -1;
	CHECK(fx_modules_resolve(&s) == lines);
	CHECK(s.frames[0].module >= 0 && strcmp(s.modules[s.frames[0].module].path, path) == 0);
	s.modules_done = 1;
	s.maps_lines = 7;
	CHECK(fx_modules_resolve(&s) == 7);
}

void test_unwind_walk(void)
{
	struct fx_cie c;
	struct fx_fde f;
	uint64_t fde, fn = (uint64_t)(uintptr_t)level1;
	static struct fx_cfa_state st;

	fx_unw_capture(&w.regs);
	fx_unwind_init(&w, &lr, NULL);
	CHECK(w.stack_lo < w.regs.r[FX_UNW_SP] && w.regs.r[FX_UNW_SP] < w.stack_hi);
	fde = fde_of(fn);
	CHECK(fde != 0);
	CHECK(fx_dwarf_parse_fde(&w.mem, fde, &c, &f) == 0);
	CHECK(f.pc_begin == fn && f.pc_end > fn);
	CHECK(c.ra_col == FX_UNW_RA);
	/* At a function's first instruction the CFA is the caller's sp. */
	CHECK(fx_dwarf_run(&w.mem, &c, &f, fn, &st) == 0);
#if defined(__x86_64__)
	CHECK(st.row.cfa.kind == FX_RULE_CFA_REG && st.row.cfa.len == FX_UNW_SP && st.row.cfa.val == 8);
	CHECK(st.row.reg[FX_UNW_RA].kind == FX_RULE_OFFSET && st.row.reg[FX_UNW_RA].val == -8);
#else
	CHECK(st.row.cfa.kind == FX_RULE_CFA_REG && st.row.cfa.len == FX_UNW_SP && st.row.cfa.val == 0);
#endif

	level1();
	CHECK(npcs >= 5);
	CHECK(pcs[1] == expect[0]);
	CHECK(pcs[2] == expect[1]);
	CHECK(pcs[3] == expect[2]);
	/* One pass over the maps kept every executable mapping: the walk
	 * through this program and libc scanned them no more. */
	CHECK(w.complete && w.nmods >= 2 && w.scans == 1);
	CHECK(fx_unwind_module(&w, fn) != NULL && fx_unwind_module(&w, fn)->hdr != 0);
	CHECK(fx_unwind_module(&w, (uint64_t)(uintptr_t)&sink) == NULL && w.scans == 1);
	test_modules(fn);

	test_altstack();
}
