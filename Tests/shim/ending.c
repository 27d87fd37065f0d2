/* Programs that fail and then end in every way a process can, for the
 * shim's test that no failure goes uncounted. Every failure is an injected
 * posix_spawn (FORKEXPLAIN_INJECT=posix_spawn=...), so the real fork and
 * pthread_create calls here succeed.
 * usage:
 *   ending workers W T N HOW  one failure, then W forked workers of T
 *                             threads failing N times each; workers end by
 *                             HOW (exit, _exit)
 *   ending end N HOW          N failures, then HOW: exit, _exit, _Exit,
 *                             abort, execv, execl, return, or death by
 *                             SIGKILL or SIGSEGV (a real null store)
 *   ending fdfull N FREE      N failures with the fd table full; FREE=1
 *                             frees one descriptor before exit
 *   ending pause N M          N failures, SIGSTOP, then M failures
 *   ending errno              a successful fork when the shim's setup
 *                             cannot map its buffers: prints errno
 *   ending altstack           a failure inside a signal handler running on
 *                             an 8 KiB alternate stack
 *   ending stopped M          a forked child fails pthread_create (stalled
 *                             by FORKEXPLAIN_TEST_STALL while it holds the
 *                             tree's snapshot buffer) and is stopped there
 *                             by SIGSTOP; then M failures here, then the
 *                             child is killed
 *   ending killed T MS        a forked child's T threads fail without end,
 *                             counting each failure returned in a shared
 *                             page; MS ms after the first, the child is
 *                             SIGKILLed and the count printed
 *   ending lapsed MS          a forked child fails posix_spawn and sleeps
 *                             between its last lease check and its write
 *                             (FORKEXPLAIN_TEST_STALL=posix_spawn=N:write);
 *                             MS ms later, past its lease
 *                             (FORKEXPLAIN_TEST_LEASE_MS), a failure of
 *                             pthread_create here takes the buffer over and
 *                             is written; then SIGUSR1 ends the child's
 *                             sleep and it writes
 *   ending linestall          in a forked child, a thread fails system()
 *                             twice (FORKEXPLAIN_INJECT=system=...) and
 *                             stalls in the write of its tally line
 *                             (FORKEXPLAIN_TEST_STALL=system=N:tally);
 *                             then the child fails posix_spawn once, and
 *                             once that returned it is SIGKILLed: prints
 *                             the failures returned
 *   ending lapsedline MS      in a forked child, thread A fails system()
 *                             twice and stalls in its tally line's write
 *                             (FORKEXPLAIN_TEST_STALL=system=N:tally),
 *                             holding the failure stack; thread B fails
 *                             system() once and makes its line off the
 *                             failure stack, stalling in its write too.
 *                             MS ms later, past B's lease, posix_spawn
 *                             fails twice here (a record, then a tally
 *                             line through the tree's tally buffer); then
 *                             A and B are woken and write
 *   ending diskfull N M HOW   N failures, SIGSTOP (space is made meanwhile),
 *                             M failures, then HOW as for `end` */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void fail(int n)
{
	char *argv[] = { "true", NULL };
	pid_t pid;
	int i;

	for (i = 0; i < n; i++)
		posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);
}

static int per_thread;

static void *thread_fails(void *arg)
{
	fail(per_thread);
	return arg;
}

static int workers(int w, int t, int n, const char *how)
{
	pthread_t th[64];
	int i, k;

	fail(1);
	per_thread = n;
	for (i = 0; i < w; i++) {
		if (fork() != 0)
			continue;
		for (k = 0; k < t && k < 64; k++)
			pthread_create(&th[k], NULL, thread_fails, NULL);
		for (k = 0; k < t && k < 64; k++)
			pthread_join(th[k], NULL);
		if (strcmp(how, "_exit") == 0)
			_exit(0);
		exit(0);
	}
	while (wait(NULL) > 0)
		;
	return 0;
}

static int end(int n, const char *how)
{
	char *argv[] = { "true", NULL };

	fail(n);
	if (strcmp(how, "_exit") == 0)
		_exit(0);
	if (strcmp(how, "_Exit") == 0)
		_Exit(0);
	if (strcmp(how, "abort") == 0)
		abort();
	if (strcmp(how, "execv") == 0)
		execv("/bin/true", argv);
	/* libc builds execl's argv and calls execve internally, past the
	 * shim's wrappers. */
	if (strcmp(how, "execl") == 0)
		execl("/bin/true", "true", (char *)NULL);
	if (strcmp(how, "SIGKILL") == 0)
		kill(getpid(), SIGKILL);
	if (strcmp(how, "SIGSEGV") == 0)
		*(volatile int *)NULL = 0;
	if (strcmp(how, "exit") == 0)
		exit(0);
	return 0;
}

static int fdfull(int n, int free_one)
{
	struct rlimit rl = { 32, 32 };
	int fd = -1, last = -1;

	setrlimit(RLIMIT_NOFILE, &rl);
	while ((fd = dup(2)) >= 0)
		last = fd;
	fail(n);
	if (free_one)
		close(last);
	return 0;
}

static int pause_between(int n, int m)
{
	fail(n);
	raise(SIGSTOP);
	fail(m);
	return 0;
}

/* The address space the program has now, plus a little: the shim's first
 * fork cannot map its buffers (nor load its unwinder), the fork itself
 * needs none. */
static int errno_kept(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;
	struct rlimit rl;
	pid_t pid;
	int err;

	if (!f || fscanf(f, "%lu", &pages) != 1)
		return 2;
	fclose(f);
	rl.rlim_cur = rl.rlim_max = pages * (unsigned long)sysconf(_SC_PAGESIZE) + 16384;
	setrlimit(RLIMIT_AS, &rl);
	errno = EDOM;
	pid = fork();
	if (pid == 0)
		_exit(0);
	err = errno;
	if (pid > 0)
		waitpid(pid, NULL, 0);
	printf("fork %s errno=%d\n", pid > 0 ? "ok" : "failed", err);
	return 0;
}

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	fail(1);
	handled = 1;
}

static int altstack(void)
{
	/* 8 KiB with a guard page below, as a thread's stack has: running
	 * past it is a crash, not a quiet write into other memory. */
	size_t size = 8192, used;
	char *guard = mmap(NULL, 4096 + size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *stack = guard + 4096;
	stack_t ss = { .ss_sp = stack, .ss_size = size };
	struct sigaction sa;

	if (guard == MAP_FAILED || mprotect(guard, 4096, PROT_NONE) != 0)
		return 2;

	/* The shim's buffers are mapped at a first call outside the handler,
	 * as a program's first fork would. */
	fail(1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	if (sigaltstack(&ss, NULL) != 0 || sigaction(SIGUSR1, &sa, NULL) != 0)
		return 2;
	memset(stack, 0xa5, size);
	raise(SIGUSR1);
	for (used = size; used > 0 && stack[size - used] == (char)0xa5; used--)
		;
	printf("handler %s\n", handled ? "returned" : "did not run");
	if (getenv("ENDING_SHOW_STACK"))
		fprintf(stderr, "alternate stack used: %zu of %zu bytes\n", used, size);
	return 0;
}

static void *nothing(void *arg)
{
	return arg;
}

/* Whether a task sleeps in the stall hook: in ppoll(2), which the failure
 * path calls nowhere else (its short pauses are nanosleep(2)), so one look
 * tells. Its wait channel names the kernel function whatever the
 * architecture or emulator (poll_schedule_timeout, do_sys_poll). */
static int task_stalled(pid_t pid, pid_t tid)
{
	char path[64], wchan[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan", (int)pid, (int)tid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(wchan, sizeof(wchan), f))
		wchan[0] = '\0';
	fclose(f);
	return strstr(wchan, "poll") != NULL;
}

static int stalled(pid_t pid)
{
	return task_stalled(pid, pid);
}

/* Waits up to 30 s for the child to stall; kills it if it never does. */
static int wait_stalled(pid_t child)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i < 3000 && !stalled(child); i++)
		nanosleep(&tick, NULL);
	if (stalled(child))
		return 1;
	fprintf(stderr, "the child never stalled\n");
	kill(child, SIGKILL);
	return 0;
}

static int stopped_writer(int m)
{
	pthread_t t;
	pid_t child;

	fail(1); /* maps the tree's buffers, then inherited */
	child = fork();
	if (child == 0) {
		pthread_create(&t, NULL, nothing, NULL);
		_exit(0);
	}
	if (!wait_stalled(child))
		return 2;
	kill(child, SIGSTOP);
	fail(m);
	printf("done\n");
	fflush(stdout);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return 0;
}

static _Atomic long *returned;

static void *fail_forever(void *arg)
{
	for (;;) {
		fail(1);
		atomic_fetch_add(returned, 1);
	}
	return arg;
}

/* A child that runs child_main(arg), counting the failures returned to
 * it in `returned`, a page shared with this process: -1 if none. */
static pid_t fork_counting(void (*child_main)(int), int arg)
{
	pid_t child;

	returned = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (returned == MAP_FAILED)
		return -1;
	child = fork();
	if (child == 0) {
		child_main(arg);
		for (;;)
			pause();
	}
	/* Up to 30 s for the first failure returned: a child slow to start
	 * (an emulator, a loaded machine) is still killed mid-storm. */
	for (int i = 0; i < 30000 && child > 0 && atomic_load(returned) == 0; i++)
		nanosleep(&(struct timespec){ 0, 1000 * 1000 }, NULL);
	return child;
}

/* Kills the child by its pid and prints the failures it saw returned. */
static int kill_counting(pid_t child)
{
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	printf("%ld\n", atomic_load(returned));
	return 0;
}

static void storm(int threads)
{
	pthread_t t;

	for (int i = 0; i < threads; i++)
		pthread_create(&t, NULL, fail_forever, NULL);
}

static int killed(int threads, long ms)
{
	struct timespec wait = { ms / 1000, ms % 1000 * 1000000 };
	pid_t child = fork_counting(storm, threads);

	if (child < 0)
		return 2;
	nanosleep(&wait, NULL);
	return kill_counting(child);
}

static _Atomic int stall_tid;

static void woken(int sig);

static void *fails_twice(void *arg)
{
	atomic_store(&stall_tid, gettid());
	if (system("true") == 0 || system("true") == 0)
		fprintf(stderr, "system() did not fail\n");
	return arg;
}

static int thread_stalls(pid_t pid, _Atomic int *tid);

static void stall_then_fail(int unused)
{
	pthread_t t;

	(void)unused;
	if (pthread_create(&t, NULL, fails_twice, NULL) != 0)
		_exit(2);
	thread_stalls(getpid(), &stall_tid);
	fail(1);
	atomic_fetch_add(returned, 1);
}

/* The child's thread holds the failure stack, stopped in the write of a
 * tally line; the child's posix_spawn failure, which then has to make a
 * tally line of its own, is in the log before it returns. */
static int line_stall(void)
{
	pid_t child = fork_counting(stall_then_fail, 0);

	return child < 0 ? 2 : kill_counting(child);
}

struct lapsed_tids {
	_Atomic int a, b;
};

static struct lapsed_tids *lapsed_tids;

static void *fails_once(void *arg)
{
	atomic_store(&lapsed_tids->b, gettid());
	if (system("true") == 0)
		fprintf(stderr, "system() did not fail\n");
	return arg;
}

/* Waits up to 30 s for the thread whose id *tid will hold to stall. Its
 * short pauses for the failure stack or a tally line are no stall
 * (task_stalled()): before, a stall was a thread seen asleep for 500 ms
 * on end, which such pauses could still look like on a loaded machine. */
static int thread_stalls(pid_t pid, _Atomic int *tid)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i < 3000; i++) {
		if (atomic_load(tid) && task_stalled(pid, atomic_load(tid)))
			return 1;
		nanosleep(&tick, NULL);
	}
	return 0;
}

/* A writer off the failure stack, stopped between its lease check and
 * its write past its lease, writes its own line, not the tree's buffer
 * as the next holder left it. */
static int lapsed_line(long ms)
{
	struct timespec past = { ms / 1000, ms % 1000 * 1000000 };
	struct sigaction sa;
	pthread_t a, b;
	pid_t child;
	int st = 0, ok;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = woken;
	sigaction(SIGUSR1, &sa, NULL);
	lapsed_tids = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (lapsed_tids == MAP_FAILED)
		return 2;
	fail(1); /* maps the tree's buffers, which the child inherits */
	child = fork();
	if (child == 0) {
		if (pthread_create(&a, NULL, fails_twice, NULL) != 0 || !thread_stalls(getpid(), &stall_tid))
			_exit(2);
		atomic_store(&lapsed_tids->a, atomic_load(&stall_tid));
		if (pthread_create(&b, NULL, fails_once, NULL) != 0 || !thread_stalls(getpid(), &lapsed_tids->b))
			_exit(3);
		pthread_join(a, NULL);
		pthread_join(b, NULL);
		_exit(0);
	}
	ok = thread_stalls(child, &lapsed_tids->b);
	if (ok) {
		nanosleep(&past, NULL);
		fail(2);
		syscall(SYS_tgkill, child, atomic_load(&lapsed_tids->a), SIGUSR1);
		syscall(SYS_tgkill, child, atomic_load(&lapsed_tids->b), SIGUSR1);
	} else {
		kill(child, SIGKILL);
	}
	waitpid(child, &st, 0);
	printf("child %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "done" : "failed");
	return 0;
}

/* N failures while the log's file system is full; M more after space was
 * made, then the end: every one counted but for an end the shim cannot
 * see while nothing could be written. */
static int disk_full(int n, int m, const char *how)
{
	fail(n);
	raise(SIGSTOP);
	return end(m, how);
}

static void woken(int sig)
{
	(void)sig;
}

static int lapsed(long ms)
{
	struct timespec past = { ms / 1000, ms % 1000 * 1000000 };
	struct sigaction sa;
	pthread_t t;
	pid_t child;
	int st = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = woken;
	sigaction(SIGUSR1, &sa, NULL);
	/* The fork maps the tree's buffers, which the child inherits. */
	child = fork();
	if (child == 0) {
		fail(1);
		_exit(0);
	}
	if (!wait_stalled(child))
		return 2;
	/* The clock only grows: past this the child's lease has ended. */
	nanosleep(&past, NULL);
	pthread_create(&t, NULL, nothing, NULL);
	kill(child, SIGUSR1);
	waitpid(child, &st, 0);
	printf("child %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "done" : "failed");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "workers") == 0)
		return workers(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), argv[5]);
	if (argc == 4 && strcmp(argv[1], "end") == 0)
		return end(atoi(argv[2]), argv[3]);
	if (argc == 4 && strcmp(argv[1], "fdfull") == 0)
		return fdfull(atoi(argv[2]), atoi(argv[3]));
	if (argc == 4 && strcmp(argv[1], "pause") == 0)
		return pause_between(atoi(argv[2]), atoi(argv[3]));
	if (argc == 2 && strcmp(argv[1], "errno") == 0)
		return errno_kept();
	if (argc == 2 && strcmp(argv[1], "altstack") == 0)
		return altstack();
	if (argc == 4 && strcmp(argv[1], "killed") == 0)
		return killed(atoi(argv[2]), atol(argv[3]));
	if (argc == 3 && strcmp(argv[1], "lapsed") == 0)
		return lapsed(atol(argv[2]));
	if (argc == 2 && strcmp(argv[1], "linestall") == 0)
		return line_stall();
	if (argc == 3 && strcmp(argv[1], "lapsedline") == 0)
		return lapsed_line(atol(argv[2]));
	if (argc == 5 && strcmp(argv[1], "diskfull") == 0)
		return disk_full(atoi(argv[2]), atoi(argv[3]), argv[4]);
	if (argc == 3 && strcmp(argv[1], "stopped") == 0)
		return stopped_writer(atoi(argv[2]));
	fprintf(stderr, "usage: see Tests/shim/ending.c\n");
	return 2;
}
