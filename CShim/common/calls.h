/* The wrapped calls, listed once. Everything that names them is derived
 * from FX_WRAPPED_CALLS: the call enum and names here, the `real` table and
 * its resolution in preload/interpose.c, the library's version script
 * (preload/libforkexplain.map.in, generated at build time), and through
 * fx_wrapped_call_name() the Swift side and the tests.
 *
 * X(ID, name, type of the real function, how the real one is found, when):
 *   FX_REAL_REQUIRED  every glibc we support has it;
 *   FX_REAL_OPTIONAL  older glibc lacks it (_Fork before 2.34; forkpty in
 *                     libutil, not libc, before 2.34);
 *   FX_REAL_NONE      no real function: the wrapper makes the syscall
 *                     itself (vfork, preload/vfork-<arch>.S).
 * and when it is looked up (dlsym(RTLD_NEXT), preload/interpose.c):
 *   FX_BIND_LOAD      in the library's constructor: a call a signal
 *                     handler, a vfork child or the forked child of a
 *                     threaded program may make (the async-signal-safe
 *                     ones, and the exec and exit calls such a child ends
 *                     with), where the loader's lock dlsym takes may be
 *                     held by the code interrupted or by another thread;
 *   FX_BIND_USE       at its first call, in the caller's own context: a
 *                     call POSIX does not let those contexts make, so the
 *                     lookup happens where the program could have called
 *                     the loader itself. Saves the lookup at every start of
 *                     a program that never makes the call (README,
 *                     "Performance");
 *   FX_BIND_EARLY     in the constructor too; one not found there is
 *                     looked up again at its first call, as FX_BIND_USE
 *                     (pthread_create is libpthread's before glibc 2.34,
 *                     which a program may load later): the cheap task
 *                     creations, whose first
 *                     call paid some 1,100 instructions of lookup, 1 % of
 *                     a first pthread_create's caller; the three cost
 *                     3,100 instructions at every start, no measurable
 *                     share of one (docs/performance.md, "The first task
 *                     creation over many layouts"). system, popen, forkpty
 *                     and daemon each run a whole child through libc:
 *                     their lookup stays at first use.
 * A real function that is not found, whatever its column, makes the
 * wrapper fail with ENOSYS in the call's own convention (errno or returned
 * error) and records nothing: the program sees a libc without the call,
 * never a crash. */
#ifndef FX_CALLS_H
#define FX_CALLS_H

#define FX_WRAPPED_CALLS(X)                                                   \
	X(FX_CALL_FORK, fork, fork_fn, FX_REAL_REQUIRED, FX_BIND_LOAD)        \
	X(FX_CALL__FORK, _Fork, fork_fn, FX_REAL_OPTIONAL, FX_BIND_LOAD)      \
	X(FX_CALL_VFORK, vfork, fork_fn, FX_REAL_NONE, FX_BIND_LOAD)          \
	X(FX_CALL_CLONE, clone, clone_fn, FX_REAL_REQUIRED, FX_BIND_LOAD)     \
	X(FX_CALL_PTHREAD_CREATE, pthread_create, pthread_create_fn,          \
	  FX_REAL_REQUIRED, FX_BIND_EARLY)                                    \
	X(FX_CALL_POSIX_SPAWN, posix_spawn, posix_spawn_fn, FX_REAL_REQUIRED, \
	  FX_BIND_EARLY)                                                      \
	X(FX_CALL_POSIX_SPAWNP, posix_spawnp, posix_spawn_fn,                 \
	  FX_REAL_REQUIRED, FX_BIND_EARLY)                                    \
	X(FX_CALL_SYSTEM, system, system_fn, FX_REAL_REQUIRED, FX_BIND_USE)   \
	X(FX_CALL_POPEN, popen, popen_fn, FX_REAL_REQUIRED, FX_BIND_USE)      \
	X(FX_CALL_FORKPTY, forkpty, forkpty_fn, FX_REAL_OPTIONAL, FX_BIND_USE) \
	X(FX_CALL_DAEMON, daemon, daemon_fn, FX_REAL_REQUIRED, FX_BIND_USE)

/* The other calls the library wraps: those by which a process ends or is
 * replaced without running its exit handlers, where failures counted but
 * not yet recorded are written first (preload/interpose.c). They create no
 * task and are no `enum fx_call`, have no fx_wrapped_call_name() and are
 * never recorded; the version script exports them with the list above.
 * execl, execle and execlp build their argv inside libc and are not
 * wrapped (docs/log-format.md, "Every failure counted"). */
#define FX_ENDING_CALLS(X)                                                    \
	X(FX_END__EXIT, _exit, exit_fn, FX_REAL_REQUIRED, FX_BIND_LOAD)       \
	X(FX_END__EXIT_UPPER, _Exit, exit_fn, FX_REAL_REQUIRED, FX_BIND_LOAD) \
	X(FX_END_ABORT, abort, abort_fn, FX_REAL_REQUIRED, FX_BIND_LOAD)      \
	X(FX_END_EXECVE, execve, execve_fn, FX_REAL_REQUIRED, FX_BIND_LOAD)   \
	X(FX_END_EXECV, execv, execv_fn, FX_REAL_REQUIRED, FX_BIND_LOAD)      \
	X(FX_END_EXECVP, execvp, execv_fn, FX_REAL_REQUIRED, FX_BIND_LOAD)    \
	X(FX_END_EXECVPE, execvpe, execve_fn, FX_REAL_REQUIRED, FX_BIND_LOAD) \
	X(FX_END_FEXECVE, fexecve, fexecve_fn, FX_REAL_REQUIRED, FX_BIND_LOAD)

/* The version script generator (cc -E) reads only the lists above. */
#ifndef FX_CALLS_LIST_ONLY

enum fx_real { FX_REAL_REQUIRED, FX_REAL_OPTIONAL, FX_REAL_NONE };
enum fx_bind { FX_BIND_LOAD, FX_BIND_USE, FX_BIND_EARLY };

#define FX_CALL_ENUM(id, name, type, real, when) id,
enum fx_call { FX_WRAPPED_CALLS(FX_CALL_ENUM) FX_CALL_COUNT };
#undef FX_CALL_ENUM

/* "?" for a number out of range. */
const char *fx_call_name(enum fx_call call);
/* The call named by the first len bytes of name, or -1. */
int fx_call_from_name(const char *name, int len);

#endif
#endif
