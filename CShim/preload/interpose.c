/* The wrapped libc entry points. Each calls the real one and, only when it
 * failed, hands the error to fx_failed(); the caller sees exactly what libc
 * returned. vfork is in vfork-<arch>.S: a C wrapper's frame would be
 * overwritten by the child running on the same stack. */
#include "calls.h"
#include "config.h"
#include "failure.h"
#include "libc.h"
#include "sys.h"
#include "vfork_stub.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <pty.h>
#include <sched.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define FX_EXPORT __attribute__((visibility("default")))
/* The wait status of a shell that exited 127: glibc's W_EXITCODE(127, 0),
 * which musl does not define. */
#define SHELL_EXITED_127 (127 << 8)

typedef pid_t (*fork_fn)(void);
typedef int (*clone_fn)(int (*)(void *), void *, int, void *, ...);
typedef int (*pthread_create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
typedef int (*posix_spawn_fn)(pid_t *, const char *, const posix_spawn_file_actions_t *,
			      const posix_spawnattr_t *, char *const[], char *const[]);
typedef int (*system_fn)(const char *);
typedef FILE *(*popen_fn)(const char *, const char *);
typedef pid_t (*forkpty_fn)(int *, char *, const struct termios *, const struct winsize *);
typedef int (*daemon_fn)(int, int);
typedef void (*exit_fn)(int) __attribute__((noreturn));
typedef void (*abort_fn)(void) __attribute__((noreturn));
typedef int (*execve_fn)(const char *, char *const[], char *const[]);
typedef int (*execv_fn)(const char *, char *const[]);
typedef int (*fexecve_fn)(int, char *const[], char *const[]);

/* The real functions of the calls bound at load (common/calls.h); NULL
 * where libc lacks one, which its wrapper answers with ENOSYS. */
#define FX_REAL_FIELD(id, name, type, how, when) type name;
static struct {
	FX_WRAPPED_CALLS(FX_REAL_FIELD)
	FX_ENDING_CALLS(FX_REAL_FIELD)
} real;
#undef FX_REAL_FIELD

/* The real functions of the calls bound at first use: NULL until looked
 * up, then the function or &not_in_libc. The constructor fills those bound
 * early where it finds them (FX_BIND_EARLY): one not found there, left
 * NULL, is looked for again at its first call. */
static _Atomic(void *) on_use[FX_CALL_COUNT];
static const char not_in_libc;

#define FX_RESOLVE(id, name, type, how, when)                            \
	if (how != FX_REAL_NONE && when == FX_BIND_LOAD)                 \
		real.name = (type)dlsym(RTLD_NEXT, #name);
#ifdef FX_TEST_BIND_LATE
/* A test build only (Makefile, $(SHIM_LATE); Tests/shim/run.sh): none
 * found in the constructor, as where libc lacks them at load (libpthread
 * loaded later, before glibc 2.34), so that every call takes the lookup
 * at first use. Compiled out of the library itself: nothing on its path. */
#define FX_RESOLVE_EARLY(id, name, type, how, when)
#else
#define FX_RESOLVE_EARLY(id, name, type, how, when)                      \
	if (when == FX_BIND_EARLY) {                                     \
		void *fn = dlsym(RTLD_NEXT, #name);                      \
		if (fn)                                                  \
			atomic_store_explicit(&on_use[id], fn, memory_order_release); \
	}
#endif
static void resolve(void)
{
	FX_WRAPPED_CALLS(FX_RESOLVE)
	FX_ENDING_CALLS(FX_RESOLVE)
	FX_WRAPPED_CALLS(FX_RESOLVE_EARLY)
}
#undef FX_RESOLVE
#undef FX_RESOLVE_EARLY

/* Threads that race here look up the same function and store the same
 * value. Each dlsym costs about 900 instructions, the loader binding
 * nothing for it at start: a call made from a normal context only
 * (common/calls.h, FX_BIND_USE and FX_BIND_EARLY; the loader's lock,
 * docs/libc-facts.md §6). */
static __attribute__((noinline, cold)) void *look_up(enum fx_call call)
{
	void *fn = dlsym(RTLD_NEXT, fx_call_name(call));

	if (!fn)
		fn = (void *)&not_in_libc;
	atomic_store_explicit(&on_use[call], fn, memory_order_release);
	return fn;
}

/* Inlined into each wrapper: after the first call, a load and two
 * compares; a call of its own here was a third of what the wrapper added
 * to a posix_spawn or a pthread_create (README, "Performance"). */
static inline __attribute__((always_inline)) void *bound_on_use(enum fx_call call)
{
	void *fn = atomic_load_explicit(&on_use[call], memory_order_acquire);

	if (!fn)
		fn = look_up(call);
	return fn == (void *)&not_in_libc ? NULL : fn;
}

int fx_inject_vfork;
/* Every failure of a wrapped call goes through here. The flush at exit
 * and exec looks only once a failure has been counted (fx_failure_flush():
 * a flag failure.c sets at the first failure that has the process's own
 * pages, so that nothing here is written before the fill check). */
static void failed(enum fx_call call, int err, const struct fx_call_args *args)
{
	fx_failed(call, err, args);
}

static void flush(int last)
{
	fx_failure_flush(last);
}

/* Programs that never create a task, most of those a preloaded shell
 * script runs, never map the snapshot buffer. */
int fx_prepared;

/* Built for one C library, preloaded into a program of the other (an
 * LD_PRELOAD inherited across a glibc/musl boundary, docs/libc-facts.md
 * §4): the program runs as without the shim, which records nothing, maps
 * nothing (fx_prepared is set) and injects nothing. Silent unless
 * FORKEXPLAIN_STDERR=1, as the shim is on stderr otherwise. */
static void stand_aside(const char *note)
{
	memset(fx_cfg.errnos, 0, sizeof(fx_cfg.errnos));
	memset(fx_cfg.inject, 0, sizeof(fx_cfg.inject));
	fx_prepared = 1;
	if (fx_cfg.notify_stderr && fx_write(2, note, strlen(note)) < 0)
		return;
}

static void spawn_ahead(void);
static void execs_own(void);

__attribute__((constructor)) static void fx_init(void)
{
	const char *foreign;

	fx_config_load();
	if (!real.fork)
		resolve();
	foreign = fx_libc_foreign();
	if (foreign)
		stand_aside(foreign);
	else
		fx_libc_init();
	fx_inject_vfork = fx_cfg.inject[FX_CALL_VFORK];
	execs_own();
	/* Under FORKEXPLAIN_FILL=failure, fx_prepare() has nothing left to do
	 * once the calls are resolved: the first call skips it. */
	if (!foreign && fx_cfg.fill_late && real.fork) {
		fx_prepared = 1;
		spawn_ahead();
	}
}

__attribute__((destructor)) static void fx_fini(void)
{
	flush(1);
}

void fx_prepare(void)
{
	/* Another preloaded library's constructor may create a task before
	 * ours ran. */
	if (!real.fork)
		resolve();
	fx_failure_prepare();
	fx_prepared = 1;
}

/* Before every wrapped call: syscalls only (one mmap, once), as _Fork,
 * clone and vfork may be called from a signal handler. */
static void ensure_prepared(void)
{
	if (!fx_prepared)
		fx_prepare();
}

/* FORKEXPLAIN_INJECT: records the failure the hook asks for and returns its
 * errno, or 0 when the real call is to be made. */
static int take_injected(enum fx_call call, const struct fx_call_args *args)
{
	int err = fx_cfg.inject[call];

	if (err)
		failed(call, err, args);
	return err;
}

static pid_t fork_like(enum fx_call call, fork_fn fn)
{
	pid_t pid;
	int err = take_injected(call, NULL);

	if (err) {
		errno = err;
		return -1;
	}
	if (!fn) {
		errno = ENOSYS;
		return -1;
	}
	pid = fn();
	if (pid < 0)
		failed(call, errno, NULL);
	return pid;
}

FX_EXPORT pid_t fork(void)
{
	ensure_prepared();
	return fork_like(FX_CALL_FORK, real.fork);
}

FX_EXPORT pid_t _Fork(void)
{
	ensure_prepared();
	return fork_like(FX_CALL__FORK, real._Fork);
}

pid_t fx_vfork_failed(int err)
{
	failed(FX_CALL_VFORK, err, NULL);
	errno = err;
	return -1;
}

/* This process's execs through the exec wrappers (below): started ever, and in
 * flight now. While one thread is inside execve, from check_unsafe_exec()
 * until de_thread() or the exec's failure, the kernel refuses every
 * clone with CLONE_FS in the process with EAGAIN (fs->in_exec, copy_fs();
 * docs/kernel-facts.md §11.210): a thread refused then is refused by no
 * limit. started is bumped before in_flight and read after it, so an exec
 * that began and ended inside one pthread_create is still seen. */
static atomic_ulong execs_started;
static atomic_long execs_in_flight;
/* The process these counts are of: the one that loaded the shim, or the
 * child daemon() left. An exec counts only there. A vfork child shares
 * the counts and has its own fs_struct: its exec blocks none of ours, and
 * a successful one never comes back to take its count off, which would
 * mark every later refusal of the parent's. A fork child has its own copy
 * but, from here, cannot be told from a vfork child without a write in
 * every fork's child (a page copied): its execs go unmarked, a refusal
 * then stays unexplained rather than marked wrongly. */
static atomic_int execs_pid;

/* At load: a process that execs once, while its threads start, is the
 * case to see (§11.210); a pid left to its first exec would miss it. */
static void execs_own(void)
{
	atomic_store(&execs_pid, (int)fx_getpid());
}

/* 1 when this exec is counted, and exec_end() must take it off. */
static int exec_begin(void)
{
	if (atomic_load(&execs_pid) != (int)fx_getpid())
		return 0;
	atomic_fetch_add(&execs_started, 1);
	atomic_fetch_add(&execs_in_flight, 1);
	return 1;
}

/* Only a failed exec returns here. */
static int exec_end(int counted, int rc)
{
	int err = errno;

	if (counted)
		atomic_fetch_sub(&execs_in_flight, 1);
	errno = err;
	return rc;
}

/* Before a call that creates a thread: the count of execs started. */
static unsigned long execs_seen(void)
{
	return atomic_load(&execs_started);
}

/* After it failed: the execs of this process in flight when it failed or
 * started while it ran, recorded only when there were any. */
static void note_execs(struct fx_call_args *args, unsigned long before)
{
	long during = atomic_load(&execs_in_flight);
	unsigned long started = atomic_load(&execs_started) - before;

	if (during < 0)
		during = 0;
	if ((unsigned long)during < started)
		during = (long)started;
	if (during > 0)
		args->execs_in_flight = during > 1000000 ? 1000000 : (int)during;
}

FX_EXPORT int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	struct fx_call_args args = { 0 };
	va_list ap;
	pid_t *ptid;
	void *tls;
	pid_t *ctid;
	unsigned long before;
	int rc, err;

	/* Passed on whether or not the caller gave them, as glibc's own
	 * clone reads them from their registers regardless. */
	va_start(ap, arg);
	ptid = va_arg(ap, pid_t *);
	tls = va_arg(ap, void *);
	ctid = va_arg(ap, pid_t *);
	va_end(ap);
	ensure_prepared();
	args.clone_flags.v = (unsigned)flags;
	args.clone_flags.have = 1;
	err = take_injected(FX_CALL_CLONE, &args);
	if (err) {
		errno = err;
		return -1;
	}
	if (!real.clone) {
		errno = ENOSYS;
		return -1;
	}
	before = execs_seen();
	rc = real.clone(fn, stack, flags, arg, ptid, tls, ctid);
	if (rc < 0) {
		err = errno;
		note_execs(&args, before);
		failed(FX_CALL_CLONE, err, &args);
	}
	return rc;
}

FX_EXPORT int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
			     void *(*start)(void *), void *arg)
{
	struct fx_call_args args = { 0 };
	pthread_create_fn fn;
	unsigned long before;
	size_t size;
	int rc;

	ensure_prepared();
	/* An injected error stands in for the real call's, and is recorded on
	 * the same failure-only path. */
	rc = fx_cfg.inject[FX_CALL_PTHREAD_CREATE];
	if (!rc) {
		fn = (pthread_create_fn)bound_on_use(FX_CALL_PTHREAD_CREATE);
		if (!fn)
			return ENOSYS;
		before = execs_seen();
		rc = fn(thread, attr, start, arg);
		if (rc == 0)
			return 0;
		note_execs(&args, before);
	}
	if (attr && pthread_attr_getstacksize(attr, &size) == 0) {
		args.stack_size.v = (int64_t)size;
		args.stack_size.have = 1;
	}
	failed(FX_CALL_PTHREAD_CREATE, rc, &args);
	return rc;
}

/* Inlined into both wrappers, as bound_on_use() is: GCC otherwise makes
 * it a function of its own, and each wrapper then moves the six arguments
 * once more. */
static inline __attribute__((always_inline)) int spawn(enum fx_call call, pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
		 const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	int rc = take_injected(call, NULL);
	posix_spawn_fn fn;

	if (rc)
		return rc;
	fn = (posix_spawn_fn)bound_on_use(call);
	if (!fn)
		return ENOSYS;
	rc = fn(pid, path, fa, attr, argv, envp);
	/* The error is returned, not left in errno; ENOENT, EACCES and the
	 * like are exec failures and are not in the default FORKEXPLAIN_ERRNOS. */
	if (rc != 0)
		failed(call, rc, NULL);
	return rc;
}

FX_EXPORT int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
			  const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	ensure_prepared();
	return spawn(FX_CALL_POSIX_SPAWN, pid, path, fa, attr, argv, envp);
}

/* The constructor's dry run of the posix_spawn wrapper (spawn_ahead()):
 * the wrapper called directly, not through the PLT a program defining its
 * own posix_spawn would take over. */
extern __typeof(posix_spawn) fx_posix_spawn_here __attribute__((alias("posix_spawn"), visibility("hidden")));

/* What on_use[FX_CALL_POSIX_SPAWN] holds during the dry run: 0 for the
 * dry run's own call, whose pid no one else can name; libc's function for
 * any other thread's (one an earlier constructor started). */
static pid_t dry_pid;
static posix_spawn_fn spawn_real;

static int spawn_dry(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
		     const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	if (pid == &dry_pid)
		return 0;
	return spawn_real(pid, path, fa, attr, argv, envp);
}

/* The process's first posix_spawn ran 0.4 to 1.0 us slower than the same
 * library's without the wrapper, with no instruction, system call, fault
 * or mapping more; warming the wrapper's lines through data reads, or its
 * pages' TLB entries, did not help; running its path once here takes 0.4
 * to 0.6 us off that call for 0.1 us of start-up (docs/performance.md,
 * "The first posix_spawn: the wrapper run ahead").
 * Not when an error is injected, which the dry run would record; not
 * where the call is left to its first use (none found at load). */
static void spawn_ahead(void)
{
	void *fn = atomic_load_explicit(&on_use[FX_CALL_POSIX_SPAWN], memory_order_acquire);
	char *none[] = { NULL };

	if (!fn || fn == (void *)&not_in_libc || fx_cfg.inject[FX_CALL_POSIX_SPAWN])
		return;
	spawn_real = (posix_spawn_fn)fn;
	atomic_store_explicit(&on_use[FX_CALL_POSIX_SPAWN], (void *)spawn_dry, memory_order_release);
	fx_posix_spawn_here(&dry_pid, "", NULL, NULL, none, none);
	atomic_store_explicit(&on_use[FX_CALL_POSIX_SPAWN], fn, memory_order_release);
}

FX_EXPORT int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa,
			   const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	ensure_prepared();
	return spawn(FX_CALL_POSIX_SPAWNP, pid, file, fa, attr, argv, envp);
}

FX_EXPORT int system(const char *command)
{
	int saved = errno, status, err;
	system_fn fn;

	ensure_prepared();
	err = command ? take_injected(FX_CALL_SYSTEM, NULL) : 0;
	if (err) {
		errno = err;
		return fx_libc_system_spawn_status(err);
	}
	/* glibc reports a failed spawn as -1 or, on 2.33-2.40 (and on 2.41+
	 * for errors other than EAGAIN and ENOMEM), as a shell that exited 127,
	 * with errno set either way (docs/kernel-facts.md §6.2); musl 1.1.20+
	 * returns -1, 0.9.10-1.1.19 a shell that exited 127, errno set both
	 * times (docs/libc-facts.md §2). A command that
	 * really exited 127 leaves errno alone: clearing errno first tells the
	 * two apart. Both forms are taken in every release, as distributions
	 * backport the changes. */
	fn = (system_fn)bound_on_use(FX_CALL_SYSTEM);
	if (!fn) {
		errno = ENOSYS;
		return -1;
	}
	errno = 0;
	status = fn(command);
	err = errno;
	if (command && err != 0 && (status == -1 || status == SHELL_EXITED_127))
		failed(FX_CALL_SYSTEM, err, NULL);
	errno = err ? err : saved;
	return status;
}

FX_EXPORT FILE *popen(const char *command, const char *type)
{
	popen_fn fn;
	FILE *f;
	int err;

	ensure_prepared();
	err = take_injected(FX_CALL_POPEN, NULL);
	if (err) {
		errno = err;
		return NULL;
	}
	fn = (popen_fn)bound_on_use(FX_CALL_POPEN);
	if (!fn) {
		errno = ENOSYS;
		return NULL;
	}
	f = fn(command, type);
	/* glibc 2.29-2.37 report every spawn failure here as ENOMEM
	 * (docs/kernel-facts.md §6.1); musl gives posix_spawn's own error
	 * (docs/libc-facts.md §2). */
	if (!f)
		failed(FX_CALL_POPEN, errno, NULL);
	return f;
}

/* forkpty and daemon fork inside libc, out of the PLT's sight: wrap them
 * whole. */
FX_EXPORT pid_t forkpty(int *amaster, char *name, const struct termios *termp,
			const struct winsize *winp)
{
	forkpty_fn fn;
	pid_t pid;
	int err;

	ensure_prepared();
	err = take_injected(FX_CALL_FORKPTY, NULL);
	if (err) {
		errno = err;
		return -1;
	}
	fn = (forkpty_fn)bound_on_use(FX_CALL_FORKPTY);
	if (!fn) {
		errno = ENOSYS;
		return -1;
	}
	pid = fn(amaster, name, termp, winp);
	if (pid < 0)
		failed(FX_CALL_FORKPTY, errno, NULL);
	return pid;
}

FX_EXPORT int daemon(int nochdir, int noclose)
{
	daemon_fn fn;
	int rc, err;

	ensure_prepared();
	err = take_injected(FX_CALL_DAEMON, NULL);
	if (err) {
		errno = err;
		return -1;
	}
	fn = (daemon_fn)bound_on_use(FX_CALL_DAEMON);
	if (!fn) {
		errno = ENOSYS;
		return -1;
	}
	/* Only the original process returns on failure; on success the
	 * parent has already exited inside libc. */
	rc = fn(nochdir, noclose);
	if (rc < 0)
		failed(FX_CALL_DAEMON, errno, NULL);
	else
		execs_own();
	return rc;
}

/* The ways a process ends or is replaced without its exit handlers: the
 * failures it counted and has not yet recorded are written first. The
 * real function is looked up here if another library's constructor got
 * here before ours. */
static void ending(void)
{
	if (!real.execve)
		resolve();
	flush(1);
}

static __attribute__((noreturn)) void exit_now(exit_fn fn, int status)
{
	if (fn)
		fn(status);
	for (;;)
		syscall(SYS_exit_group, status);
}

FX_EXPORT void _exit(int status)
{
	ending();
	exit_now(real._exit, status);
}

FX_EXPORT void _Exit(int status)
{
	ending();
	exit_now(real._Exit, status);
}

FX_EXPORT void abort(void)
{
	ending();
	if (real.abort)
		real.abort();
	exit_now(real._exit, 127);
}

/* Before exec the counts are written but not said lost if they cannot
 * be: the exec may fail and the process go on counting. */
static void replacing(void)
{
	if (!real.execve)
		resolve();
	flush(0);
}

/* What a wrapper answers when libc lacks its call. */
static int without_real(void)
{
	errno = ENOSYS;
	return -1;
}

FX_EXPORT int execve(const char *path, char *const argv[], char *const envp[])
{
	int counted;

	replacing();
	if (!real.execve)
		return without_real();
	counted = exec_begin();
	return exec_end(counted, real.execve(path, argv, envp));
}

FX_EXPORT int execv(const char *path, char *const argv[])
{
	int counted;

	replacing();
	if (!real.execv)
		return without_real();
	counted = exec_begin();
	return exec_end(counted, real.execv(path, argv));
}

FX_EXPORT int execvp(const char *file, char *const argv[])
{
	int counted;

	replacing();
	if (!real.execvp)
		return without_real();
	counted = exec_begin();
	return exec_end(counted, real.execvp(file, argv));
}

FX_EXPORT int execvpe(const char *file, char *const argv[], char *const envp[])
{
	int counted;

	replacing();
	if (!real.execvpe)
		return without_real();
	counted = exec_begin();
	return exec_end(counted, real.execvpe(file, argv, envp));
}

FX_EXPORT int fexecve(int fd, char *const argv[], char *const envp[])
{
	int counted;

	replacing();
	if (!real.fexecve)
		return without_real();
	counted = exec_begin();
	return exec_end(counted, real.fexecve(fd, argv, envp));
}
