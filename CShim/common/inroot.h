/* A file of another root (a container's, through /proc/PID/root, or a
 * fixture machine's directory) opened as a process chrooted there would
 * open it: an absolute symlink in it (/var/run -> /run on Debian, Ubuntu
 * and RHEL) is that root's, and nothing resolves outside it
 * (docs/kernel-facts.md §11.198). */
#ifndef FX_INROOT_H
#define FX_INROOT_H

/* Opens file (absolute, as seen from root) with flags; returns the
 * descriptor, or -1 with errno set (ELOOP past 40 symlinks). */
int fx_open_in_root(const char *root, const char *file, int flags);
/* openat2 calls for one file while each says EAGAIN (a race seen), before
 * the walk takes it. */
#define FX_OPENAT2_TRIES 4

/* The same in the root open at rootfd (O_PATH): a snapshot opens its
 * root once for all the files it reads there. */
int fx_open_in_rootfd(int rootfd, const char *file, int flags);
/* The same without openat2: the walk used where the kernel lacks it
 * (before 5.6) or a seccomp filter refuses it; for the tests. */
int fx_open_in_root_walk(int rootfd, const char *file, int flags);

#endif
