/* musl: its release is read from its own read-only data, as its loader
 * prints it (common/muslver.c); system() returns -1 on a failed spawn
 * (docs/libc-facts.md §1 and §2). Built into libforkexplain-musl.so only. */
#include "libc.h"
#include "muslver.h"

#include <dlfcn.h>
#include <link.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/auxv.h>

/* The read-only, non-executable segments of the loaded libc.so, found
 * once by the constructor (dl_iterate_phdr takes a lock: never on the
 * failure path). */
#define FX_MUSL_SEGMENTS 4
static struct {
	const char *start;
	size_t len;
} rodata[FX_MUSL_SEGMENTS];
static int nrodata;

static char version[32];
/* 0 not looked for yet, 1 being looked for, 2 looked for (found or not). */
static _Atomic int version_state;

const char *fx_libc_name(void)
{
	return "musl";
}

/* Linked with no DT_NEEDED (see the Makefile), this library loads into a
 * glibc program too, which names its release; musl has no such call. */
const char *fx_libc_foreign(void)
{
	if (!dlsym(RTLD_DEFAULT, "gnu_get_libc_version"))
		return NULL;
	return "forkexplain: libforkexplain-musl.so is built for musl and this program runs on glibc: "
	       "nothing is recorded; preload libforkexplain.so instead (forkexplain run picks it)\n";
}

static int contains(const struct dl_phdr_info *info, uintptr_t addr)
{
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type == PT_LOAD && addr >= start && addr - start < ph->p_memsz)
			return 1;
	}
	return 0;
}

/* The loaded segments whose flags are exactly `flags` among R, W and X. */
static void add_segments(const struct dl_phdr_info *info, unsigned flags)
{
	for (int i = 0; i < info->dlpi_phnum && nrodata < FX_MUSL_SEGMENTS; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD || (ph->p_flags & (PF_R | PF_W | PF_X)) != flags)
			continue;
		rodata[nrodata].start = (const char *)(info->dlpi_addr + ph->p_vaddr);
		rodata[nrodata].len = ph->p_filesz;
		nrodata++;
	}
}

/* A libc.so linked without separate code (Debian's aarch64 musl 1.2.3)
 * keeps its read-only data in the executable segment, after the code
 * (docs/libc-facts.md §1): that one is read only when there is no other. */
static int find_libc(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	if (!contains(info, (uintptr_t)data))
		return 0;
	add_segments(info, PF_R);
	if (nrodata == 0)
		add_segments(info, PF_R | PF_X);
	return 1;
}

void fx_libc_init(void)
{
	/* getauxval is musl's and is not wrapped: its address is in libc.so,
	 * whether the loader was started by the kernel or by hand. */
	if (nrodata == 0)
		dl_iterate_phdr(find_libc, (void *)(uintptr_t)&getauxval);
}

/* Looked for on the first failure, not at start-up: a few hundred KiB of
 * mapped memory read once, no system call. A second thread failing while
 * the first looks gets NULL: its record says no version. */
const char *fx_libc_version(void)
{
	int expect = 0;

	if (atomic_load(&version_state) == 2)
		return version[0] ? version : NULL;
	if (!atomic_compare_exchange_strong(&version_state, &expect, 1))
		return NULL;
	for (int i = 0; i < nrodata && !version[0]; i++)
		fx_musl_version_in(rodata[i].start, rodata[i].len, version, sizeof(version));
	atomic_store(&version_state, 2);
	return version[0] ? version : NULL;
}

/* src/process/system.c: status starts at -1 and is only set by waitpid,
 * so a spawn that failed returns -1 with errno the spawn's error. */
int fx_libc_system_spawn_status(int err)
{
	(void)err;
	return -1;
}
