#include "safemem.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

void fx_mem_init(struct fx_mem *m, uint32_t back)
{
	m->pid = (int)fx_getpid();
	m->back = back < FX_MEM_WINDOW / 2 ? back : FX_MEM_WINDOW / 2;
	m->at = 0;
	m->len = 0;
}

/* Set once process_vm_readv turned out to be unavailable (a seccomp
 * filter's EPERM, or ENOSYS under qemu-user). */
static _Atomic int use_pipe;

/* The same check through a pipe: fx_write(2) from a bad address fails with
 * EFAULT (or stops short) instead of faulting. Five syscalls a read, and
 * two file descriptors for its duration: only when the other way is shut. */
static ssize_t read_by_pipe(uint64_t addr, void *out, size_t n)
{
	int fd[2];
	ssize_t put, got = -1;

	if (fx_pipe2(fd, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	put = fx_write(fd[1], (const void *)(uintptr_t)addr, n);
	if (put > 0)
		got = fx_read(fd[0], out, (size_t)put);
	fx_close(fd[0]);
	fx_close(fd[1]);
	return got;
}

static ssize_t read_self(int pid, uint64_t addr, void *out, size_t n)
{
	struct iovec local = { out, n };
	struct iovec remote = { (void *)(uintptr_t)addr, n };
	ssize_t got;

	if (atomic_load_explicit(&use_pipe, memory_order_relaxed))
		return read_by_pipe(addr, out, n);
	got = fx_process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (got < 0 && (errno == ENOSYS || errno == EPERM)) {
		atomic_store_explicit(&use_pipe, 1, memory_order_relaxed);
		return read_by_pipe(addr, out, n);
	}
	return got;
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
		/* The pipe's write may refuse the whole window where a page
		 * in it is unreadable: then the n bytes alone. */
		if (got < (ssize_t)(addr - m->at + n)) {
			m->at = addr;
			got = read_self(m->pid, m->at, m->buf, n);
		}
		m->len = got > 0 ? (uint32_t)got : 0;
		if (addr + n > m->at + m->len)
			return -1;
	}
	memcpy(out, m->buf + (addr - m->at), n);
	return 0;
}
