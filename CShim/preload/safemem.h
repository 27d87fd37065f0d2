/* Reading this process's own memory without trusting the address: a stack
 * slot or an unwind table may point anywhere. process_vm_readv on our own
 * pid returns EFAULT (or a short count) where a plain load would raise
 * SIGSEGV, takes no lock and allocates nothing; where it is refused, a
 * write(2) of the bytes into a pipe checks them the same way. errno may
 * change. */
#ifndef FX_SAFEMEM_H
#define FX_SAFEMEM_H

#include <stddef.h>
#include <stdint.h>

#define FX_MEM_WINDOW 128

/* A window onto memory, refilled where a read falls outside it: parsing
 * .eh_frame byte by byte costs one syscall per window, not per byte. A
 * refill starts `back` bytes before the address asked for, for readers
 * that also go backwards (a binary search, a frame's save slots). */
struct fx_mem {
	int pid;
	uint32_t back;
	uint64_t at;
	uint32_t len;
	unsigned char buf[FX_MEM_WINDOW];
};

void fx_mem_init(struct fx_mem *m, uint32_t back);
/* Copies n bytes (n <= FX_MEM_WINDOW) at addr into out. Returns 0, or -1
 * if any of them is not mapped readable. */
int fx_mem_get(struct fx_mem *m, uint64_t addr, void *out, size_t n);

#endif
