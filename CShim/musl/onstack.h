/* musl has no getcontext/makecontext/swapcontext: the musl build runs the
 * failure path on its own stack with this instead (onstack-<arch>.S). */
#ifndef FX_ONSTACK_H
#define FX_ONSTACK_H

/* Calls fn(arg) with the stack pointer at top (16-byte aligned) and
 * returns 0 once it has returned, on the caller's stack again. */
int fx_call_on_stack(void (*fn)(void *), void *arg, void *top);

#endif
