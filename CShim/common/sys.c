/* Each through syscall(2), on the two architectures the shim is built for
 * (x86_64, aarch64): calls aarch64 lacks (open, lstat, access, readlink)
 * are made as their *at form, as libc makes them there. The kernel's
 * struct stat, stat's layout and new_utsname are libc's struct stat and
 * struct utsname on both (glibc and musl pass them straight through). */
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int fx_open(const char *path, int flags)
{
	return fx_openat(AT_FDCWD, path, flags, 0);
}

int fx_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	return (int)syscall(SYS_openat, dirfd, path, flags, mode);
}

#ifndef SYS_openat2
#define SYS_openat2 437 /* the same number on every architecture */
#endif

int fx_openat2(int dirfd, const char *path, int flags, unsigned long long resolve)
{
	/* include/uapi/linux/openat2.h's struct open_how, spelled out: older
	 * headers lack it. */
	struct {
		unsigned long long flags, mode, resolve;
	} how = { (unsigned long long)flags, 0, resolve };

	return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

int fx_close(int fd)
{
	return (int)syscall(SYS_close, fd);
}

ssize_t fx_read(int fd, void *buf, size_t len)
{
	return syscall(SYS_read, fd, buf, len);
}

ssize_t fx_write(int fd, const void *buf, size_t len)
{
	return syscall(SYS_write, fd, buf, len);
}

ssize_t fx_writev(int fd, const struct iovec *iov, int n)
{
	return syscall(SYS_writev, fd, iov, n);
}

ssize_t fx_pread(int fd, void *buf, size_t len, off_t off)
{
	return syscall(SYS_pread64, fd, buf, len, off);
}

ssize_t fx_pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return syscall(SYS_pwrite64, fd, buf, len, off);
}

off_t fx_lseek(int fd, off_t off, int whence)
{
	return (off_t)syscall(SYS_lseek, fd, off, whence);
}

int fx_fstat(int fd, struct stat *st)
{
	return (int)syscall(SYS_fstat, fd, st);
}

int fx_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return (int)syscall(SYS_newfstatat, dirfd, path, st, flags);
}

int fx_lstat(const char *path, struct stat *st)
{
	return fx_fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fx_access(const char *path, int mode)
{
	return (int)syscall(SYS_faccessat, AT_FDCWD, path, mode);
}

ssize_t fx_readlink(const char *path, char *buf, size_t len)
{
	return fx_readlinkat(AT_FDCWD, path, buf, len);
}

ssize_t fx_readlinkat(int dirfd, const char *path, char *buf, size_t len)
{
	return syscall(SYS_readlinkat, dirfd, path, buf, len);
}

int fx_ioctl(int fd, unsigned long request, unsigned long arg)
{
	return (int)syscall(SYS_ioctl, fd, request, arg);
}

int fx_pipe2(int fds[2], int flags)
{
	return (int)syscall(SYS_pipe2, fds, flags);
}

void *fx_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

int fx_munmap(void *addr, size_t len)
{
	return (int)syscall(SYS_munmap, addr, len);
}

int fx_madvise(void *addr, size_t len, int advice)
{
	return (int)syscall(SYS_madvise, addr, len, advice);
}

int fx_nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)syscall(SYS_nanosleep, req, rem);
}

/* A sleep in ppoll(2) on no descriptors, ended by the time or a signal.
 * The size is the kernel's sigset (8 bytes), unused with no mask. */
int fx_ppoll_sleep(const struct timespec *ts)
{
	return (int)syscall(SYS_ppoll, NULL, 0, ts, NULL, 8);
}

/* Not the vDSO's: the clock is read on the failure path only. */
int fx_clock_gettime(clockid_t clock, struct timespec *ts)
{
	return (int)syscall(SYS_clock_gettime, clock, ts);
}

ssize_t fx_process_vm_readv(pid_t pid, const struct iovec *local, unsigned long nlocal,
			    const struct iovec *remote, unsigned long nremote, unsigned long flags)
{
	return syscall(SYS_process_vm_readv, pid, local, nlocal, remote, nremote, flags);
}

int fx_uname(struct utsname *u)
{
	return (int)syscall(SYS_uname, u);
}

pid_t fx_getpid(void)
{
	return (pid_t)syscall(SYS_getpid);
}

pid_t fx_getppid(void)
{
	return (pid_t)syscall(SYS_getppid);
}

pid_t fx_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

int fx_thread_gone(pid_t pid, pid_t tid)
{
	return syscall(SYS_tgkill, pid, tid, 0) < 0 && errno == ESRCH;
}

uid_t fx_getuid(void)
{
	return (uid_t)syscall(SYS_getuid);
}

uid_t fx_geteuid(void)
{
	return (uid_t)syscall(SYS_geteuid);
}
