/* Calls one wrapped function the way a program would and prints what it
 * saw, so the shim's tests can compare runs with and without it.
 * usage: caller CALL [COUNT] | caller --list | caller --list-ending
 * --list prints the shim's list of wrapped calls (CShim/common/calls.h),
 * --list-ending the calls by which a process ends that it also wraps,
 * which the tests run through: a call added there without a case here
 * fails them ("unknown call"). */
#define _GNU_SOURCE
#include "calls.h"

#include <errno.h>
#include <pthread.h>
#include <pty.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int child_fn(void *arg)
{
	(void)arg;
	return 0;
}

static void *thread_fn(void *arg)
{
	return arg;
}

/* Returns the call's result as the caller sees it; *err gets errno or the
 * returned error. */
static long call_once(const char *name, int *err)
{
	long rc = -1;
	char *argv[] = { "true", NULL };

	errno = 0;
	if (strcmp(name, "fork") == 0 || strcmp(name, "_Fork") == 0 || strcmp(name, "vfork") == 0) {
		pid_t pid = strcmp(name, "fork") == 0 ? fork() : strcmp(name, "_Fork") == 0 ? _Fork() : vfork();
		if (pid == 0)
			_exit(0);
		*err = errno;
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return pid > 0 ? 0 : pid;
	}
	if (strcmp(name, "clone") == 0) {
		size_t size = 64 * 1024;
		char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pid_t pid = clone(child_fn, stack + size, SIGCHLD, NULL);
		*err = errno;
		if (pid > 0)
			waitpid(pid, NULL, 0);
		munmap(stack, size);
		return pid > 0 ? 0 : pid;
	}
	if (strcmp(name, "pthread_create") == 0) {
		pthread_t t;
		pthread_attr_t attr;
		/* CALLER_STACK_MB: a thread stack big enough to meet RLIMIT_AS. */
		const char *mb = getenv("CALLER_STACK_MB");
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, mb ? (size_t)atol(mb) << 20 : 256 * 1024);
		rc = pthread_create(&t, &attr, thread_fn, NULL);
		*err = (int)rc;
		if (rc == 0)
			pthread_join(t, NULL);
		pthread_attr_destroy(&attr);
		return rc;
	}
	if (strcmp(name, "posix_spawn") == 0 || strcmp(name, "posix_spawnp") == 0) {
		pid_t pid;
		rc = strcmp(name, "posix_spawn") == 0 ? posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ)
						      : posix_spawnp(&pid, "true", NULL, NULL, argv, environ);
		*err = (int)rc;
		if (rc == 0)
			waitpid(pid, NULL, 0);
		return rc;
	}
	if (strcmp(name, "system") == 0 || strcmp(name, "system127") == 0) {
		rc = system(strcmp(name, "system") == 0 ? "exit 0" : "exit 127");
		*err = errno;
		return rc;
	}
	if (strcmp(name, "popen") == 0) {
		FILE *f = popen("true", "r");
		*err = errno;
		if (f)
			pclose(f);
		return f ? 0 : -1;
	}
	if (strcmp(name, "forkpty") == 0) {
		int master;
		pid_t pid = forkpty(&master, NULL, NULL, NULL);
		if (pid == 0)
			_exit(0);
		*err = errno;
		if (pid > 0) {
			waitpid(pid, NULL, 0);
			close(master);
		}
		return pid > 0 ? 0 : pid;
	}
	if (strcmp(name, "daemon") == 0) {
		/* On success the original process has exited inside daemon() and
		 * the daemonised child carries on and reports, on the same stdout. */
		rc = daemon(1, 1);
		*err = errno;
		return rc;
	}
	fprintf(stderr, "caller: unknown call %s\n", name);
	exit(2);
}

int main(int argc, char **argv)
{
	int i, count = argc > 2 ? atoi(argv[2]) : 1;

	if (argc < 2) {
		fprintf(stderr, "usage: caller CALL [COUNT] | caller --list\n");
		return 2;
	}
#define CALLER_PRINT(id, name, type, how, when) puts(#name);
	if (strcmp(argv[1], "--list") == 0) {
		FX_WRAPPED_CALLS(CALLER_PRINT)
		return 0;
	}
	if (strcmp(argv[1], "--list-ending") == 0) {
		FX_ENDING_CALLS(CALLER_PRINT)
		return 0;
	}
#undef CALLER_PRINT
	for (i = 0; i < count; i++) {
		int err = 0;
		long rc = call_once(argv[1], &err);
		if (i == count - 1 || rc != 0)
			printf("%s rc=%ld err=%d\n", argv[1], rc, rc == 0 ? 0 : err);
		fflush(stdout);
	}
	return 0;
}
