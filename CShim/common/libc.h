/* Which C library the shim runs on, and what it does differently there
 * (docs/libc-facts.md). One implementation per library: libc-glibc.c
 * here, CShim/musl/libc-musl.c for the musl build. */
#ifndef FX_LIBC_H
#define FX_LIBC_H

/* "glibc" or "musl". */
const char *fx_libc_name(void);

/* Its release ("2.36", "1.2.3"), or NULL when it cannot be told. Safe on
 * the failure path: no allocation, no lock, no system call. */
const char *fx_libc_version(void);

/* NULL when this build of the shim was made for the C library the program
 * runs on; otherwise the line that says it was not. The shim then records
 * nothing and passes every call through (docs/libc-facts.md §4). */
const char *fx_libc_foreign(void);

/* Once, from the library's constructor: what fx_libc_version() and
 * fx_libc_system_spawn_status() need to know beforehand. */
void fx_libc_init(void);

/* What this libc's system() returns, with errno err, when it could not
 * start the shell: what an injected failure must look like. */
int fx_libc_system_spawn_status(int err);

#endif
