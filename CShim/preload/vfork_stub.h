/* The C symbols the vfork stubs (vfork-<arch>.S) use. The assembler sees
 * none of these declarations: keep the names, types and the stubs' .hidden
 * lines in step. */
#ifndef FX_VFORK_STUB_H
#define FX_VFORK_STUB_H

#include <sys/types.h>

/* Set by a process's first task-creation call; the stub calls fx_prepare()
 * while it is 0. */
extern int fx_prepared;
void fx_prepare(void);

/* Read by the stub before anything else: an errno to fail vfork with
 * (FORKEXPLAIN_INJECT), 0 for none. */
extern int fx_inject_vfork;

/* Tail-called by the stub when the syscall failed or a failure is
 * injected; by then the stack is the caller's own again. */
pid_t fx_vfork_failed(int err);

#endif
