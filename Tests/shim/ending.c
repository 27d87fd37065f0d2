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
 *                             sleep and it writes */
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

/* Whether pid sleeps in nanosleep (the stall hook): its wait channel,
 * which names the kernel function whatever the architecture or emulator. */
static int stalled(pid_t pid)
{
	char path[64], wchan[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/wchan", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(wchan, sizeof(wchan), f))
		wchan[0] = '\0';
	fclose(f);
	return strstr(wchan, "nanosleep") != NULL;
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

static int killed(int threads, long ms)
{
	struct timespec wait = { ms / 1000, ms % 1000 * 1000000 }, tick = { 0, 1000 * 1000 };
	pthread_t t;
	pid_t child;
	int i;

	returned = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (returned == MAP_FAILED)
		return 2;
	child = fork();
	if (child == 0) {
		for (i = 0; i < threads; i++)
			pthread_create(&t, NULL, fail_forever, NULL);
		for (;;)
			pause();
	}
	/* From the first failure returned: a child slow to start (an
	 * emulator, a loaded machine) is still killed mid-storm. */
	for (i = 0; i < 30000 && atomic_load(returned) == 0; i++)
		nanosleep(&tick, NULL);
	nanosleep(&wait, NULL);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	printf("%ld\n", atomic_load(returned));
	return 0;
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
	if (argc == 3 && strcmp(argv[1], "stopped") == 0)
		return stopped_writer(atoi(argv[2]));
	fprintf(stderr, "usage: see Tests/shim/ending.c\n");
	return 2;
}
