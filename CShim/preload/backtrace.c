#include "backtrace.h"
#include "config.h"

#include <dlfcn.h>
#include <link.h>
#include <stdatomic.h>
#include <stdint.h>

#define UNW_LOCAL_ONLY
#include <libunwind.h>

typedef int (*init_local_fn)(unw_cursor_t *, unw_context_t *);
typedef int (*step_fn)(unw_cursor_t *);
typedef int (*get_reg_fn)(unw_cursor_t *, unw_regnum_t, unw_word_t *);
typedef int (*getcontext_fn)(unw_context_t *);

static struct {
	init_local_fn init_local;
	step_fn step;
	get_reg_fn get_reg;
	getcontext_fn getcontext;
	uintptr_t self_lo, self_hi;
	_Atomic int tried;
	_Atomic int ready;
} unw;

#if defined(__x86_64__)
#define ARCH "x86_64"
#elif defined(__aarch64__)
#define ARCH "aarch64"
#else
#error "forkexplain's shim supports x86_64 and aarch64"
#endif

static int find_self(struct dl_phdr_info *info, size_t size, void *data)
{
	uintptr_t base = *(uintptr_t *)data;
	int i;

	(void)size;
	if ((uintptr_t)info->dlpi_addr != base)
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t end = base + ph->p_vaddr + ph->p_memsz;
		if (ph->p_type == PT_LOAD && end > unw.self_hi)
			unw.self_hi = end;
	}
	return 1;
}

/* Our own address range, so that the shim's frames stay out of the record.
 * Found at load time, where taking the loader's lock is fine. */
static void note_self(void)
{
	Dl_info info;
	uintptr_t base;

	if (!dladdr((void *)note_self, &info) || !info.dli_fbase)
		return;
	base = (uintptr_t)info.dli_fbase;
	unw.self_lo = base;
	dl_iterate_phdr(find_self, &base);
}

void fx_backtrace_init(void)
{
	note_self();
}

void fx_backtrace_load(void)
{
	int expected = 0;
	void *h;

	if (!fx_cfg.backtrace || !atomic_compare_exchange_strong(&unw.tried, &expected, 1))
		return;
	h = dlopen("libunwind.so.8", RTLD_LAZY | RTLD_LOCAL);
	if (!h)
		return;
	unw.init_local = (init_local_fn)dlsym(h, "_UL" ARCH "_init_local");
	unw.step = (step_fn)dlsym(h, "_UL" ARCH "_step");
	unw.get_reg = (get_reg_fn)dlsym(h, "_UL" ARCH "_get_reg");
#if defined(__x86_64__)
	unw.getcontext = (getcontext_fn)dlsym(h, "_Ux86_64_getcontext");
	if (!unw.getcontext)
		return;
#endif
	/* Published last: a failing thread reads the pointers only after it. */
	if (unw.init_local && unw.step && unw.get_reg)
		atomic_store_explicit(&unw.ready, 1, memory_order_release);
}

void fx_backtrace_capture(struct fx_snapshot *s)
{
	unw_context_t uc;
	unw_cursor_t cursor;
	int guard = 0;

	s->nframes = 0;
	if (!atomic_load_explicit(&unw.ready, memory_order_acquire))
		return;
#if defined(__x86_64__)
	if (unw.getcontext(&uc) != 0)
		return;
#else
	if (unw_getcontext(&uc) != 0)
		return;
#endif
	if (unw.init_local(&cursor, &uc) != 0)
		return;
	do {
		unw_word_t ip = 0;
		if (unw.get_reg(&cursor, UNW_REG_IP, &ip) != 0 || ip == 0)
			break;
		if (ip >= unw.self_lo && ip < unw.self_hi)
			continue;
		s->frames[s->nframes].addr = (uint64_t)ip;
		s->frames[s->nframes].module = -1;
		s->nframes++;
	} while (s->nframes < FX_FRAMES && ++guard < 256 && unw.step(&cursor) > 0);
}
