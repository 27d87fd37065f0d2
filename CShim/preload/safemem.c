#include "safemem.h"

#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

void fx_mem_init(struct fx_mem *m, uint32_t back)
{
	m->pid = (int)getpid();
	m->back = back < FX_MEM_WINDOW / 2 ? back : FX_MEM_WINDOW / 2;
	m->at = 0;
	m->len = 0;
}

static ssize_t read_self(int pid, uint64_t addr, void *out, size_t n)
{
	struct iovec local = { out, n };
	struct iovec remote = { (void *)(uintptr_t)addr, n };

	return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

int fx_mem_get(struct fx_mem *m, uint64_t addr, void *out, size_t n)
{
	ssize_t got;

	if (n > FX_MEM_WINDOW || addr + n < addr)
		return -1;
	if (addr < m->at || addr + n > m->at + m->len) {
		/* A short count: the window runs into an unmapped page. If
		 * the bytes before addr are not mapped, start at addr. */
		m->at = addr >= m->back ? addr - m->back : 0;
		got = read_self(m->pid, m->at, m->buf, FX_MEM_WINDOW);
		if (got < (ssize_t)(addr - m->at + n) && m->at != addr) {
			m->at = addr;
			got = read_self(m->pid, m->at, m->buf, FX_MEM_WINDOW);
		}
		m->len = got > 0 ? (uint32_t)got : 0;
		if (addr + n > m->at + m->len)
			return -1;
	}
	memcpy(out, m->buf + (addr - m->at), n);
	return 0;
}
