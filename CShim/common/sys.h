/* The system calls the shim makes, each made directly through libc's one
 * syscall(): the library then imports that function instead of one per
 * call, each of which the dynamic loader binds at every program's start
 * (README, "Performance"). None is a cancellation point, unlike libc's
 * open, read and write, so a pending pthread_cancel cannot unwind a
 * failure being recorded. Each returns what libc's function of the same
 * name returns and sets errno as it does. */
#ifndef FX_SYS_H
#define FX_SYS_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>

int fx_open(const char *path, int flags);
int fx_openat(int dirfd, const char *path, int flags, mode_t mode);
/* openat2(2) with struct open_how's flags and resolve (mode 0): nothing
 * is created through it. */
int fx_openat2(int dirfd, const char *path, int flags, unsigned long long resolve);
int fx_close(int fd);
ssize_t fx_read(int fd, void *buf, size_t len);
ssize_t fx_write(int fd, const void *buf, size_t len);
ssize_t fx_writev(int fd, const struct iovec *iov, int n);
ssize_t fx_pread(int fd, void *buf, size_t len, off_t off);
ssize_t fx_pwrite(int fd, const void *buf, size_t len, off_t off);
off_t fx_lseek(int fd, off_t off, int whence);
int fx_fstat(int fd, struct stat *st);
int fx_fstatat(int dirfd, const char *path, struct stat *st, int flags);
int fx_lstat(const char *path, struct stat *st);
int fx_access(const char *path, int mode);
ssize_t fx_readlink(const char *path, char *buf, size_t len);
ssize_t fx_readlinkat(int dirfd, const char *path, char *buf, size_t len);
int fx_ioctl(int fd, unsigned long request, unsigned long arg);
int fx_pipe2(int fds[2], int flags);
void *fx_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int fx_munmap(void *addr, size_t len);
int fx_madvise(void *addr, size_t len, int advice);
int fx_nanosleep(const struct timespec *req, struct timespec *rem);
int fx_ppoll_sleep(const struct timespec *ts);
int fx_clock_gettime(clockid_t clock, struct timespec *ts);
ssize_t fx_process_vm_readv(pid_t pid, const struct iovec *local, unsigned long nlocal,
			    const struct iovec *remote, unsigned long nremote, unsigned long flags);
int fx_uname(struct utsname *u);
pid_t fx_getpid(void);
pid_t fx_getppid(void);
pid_t fx_gettid(void);
uid_t fx_getuid(void);
uid_t fx_geteuid(void);
/* 1 when thread tid of process pid no longer exists (tgkill with signal 0
 * says ESRCH); 0 when it does, or when that cannot be told. */
int fx_thread_gone(pid_t pid, pid_t tid);

#endif
