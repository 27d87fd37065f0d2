/* The failing call's stack, captured with libunwind loaded RTLD_LOCAL
 * (never a DT_NEEDED: libunwind.so.8 exports _Unwind_* and would take over
 * a C++ program's exception unwinding). */
#ifndef FX_BACKTRACE_H
#define FX_BACKTRACE_H

#include "model.h"

/* At load time: note our own address range. */
void fx_backtrace_init(void);
/* At the first call of a wrapper that takes libc's locks anyway (fork,
 * pthread_create, posix_spawn...): dlopen libunwind, once. Never from
 * _Fork, clone or vfork, which a signal handler may call. Programs that
 * never create a task never load it. */
void fx_backtrace_load(void);
/* On the failure path: fills s->frames, dropping the shim's own frames. */
void fx_backtrace_capture(struct fx_snapshot *s);

#endif
