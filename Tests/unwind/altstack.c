/* A fork that fails inside a signal handler running on an 8 KiB alternate
 * signal stack, with a PROT_NONE page below it: the failure path, the
 * unwinder included, must fit in what is left of it.
 * usage: altstack; prints what fork returned. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define ALT_SIZE 8192

static volatile int result, result_errno;

static void on_usr1(int sig)
{
	pid_t pid;

	(void)sig;
	pid = fork();
	if (pid == 0)
		_exit(0);
	result = pid < 0 ? -1 : 0;
	result_errno = pid < 0 ? errno : 0;
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *mem = mmap(NULL, (size_t)page + ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	stack_t ss;
	struct sigaction sa;

	if (mem == MAP_FAILED || mprotect(mem, (size_t)page, PROT_NONE) < 0) {
		perror("altstack: mmap");
		return 2;
	}
	ss.ss_sp = mem + page;
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	if (sigaltstack(&ss, NULL) < 0 || sigaction(SIGUSR1, &sa, NULL) < 0) {
		perror("altstack: sigaltstack");
		return 2;
	}
	raise(SIGUSR1);
	printf("fork %d errno %d\n", result, result_errno);
	return 0;
}
