/* How deep the shim's failure path goes on a signal handler's stack: a
 * SIGUSR1 handler on a 64 KiB alternate stack, filled with a pattern
 * first, forks once (MODE fork) or does nothing (none), and the bytes of
 * that stack written are printed. Build it -z now, so that no lazy
 * binding runs on the stack (docs/performance.md, "The first task
 * creation: nothing filled", says how it is run).
 * usage: handler_stack fork|none */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ALT_SIZE (64 * 1024)
#define PATTERN 0xa5

static unsigned char alt[ALT_SIZE] __attribute__((aligned(64)));
static int do_fork;

static void handler(int sig)
{
	pid_t pid;

	(void)sig;
	if (!do_fork)
		return;
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
	stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
	struct sigaction sa;
	size_t i;

	do_fork = argc > 1 && strcmp(argv[1], "fork") == 0;
	memset(alt, PATTERN, sizeof(alt));
	if (sigaltstack(&ss, NULL) < 0)
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_ONSTACK;
	if (sigaction(SIGUSR1, &sa, NULL) < 0 || raise(SIGUSR1) != 0)
		return 2;
	/* The stack grows down: the lowest byte changed is the deepest. */
	for (i = 0; i < sizeof(alt) && alt[i] == PATTERN; i++)
		;
	printf("%zu\n", sizeof(alt) - i);
	return 0;
}
