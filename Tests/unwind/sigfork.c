/* A signal handler that forks while the main loop is inside malloc: what a
 * wrapper does on the way to fork (or on the failure path, with a failure
 * injected) must neither allocate nor take a lock the interrupted code may
 * hold. glibc's malloc aborts when it finds its heap corrupted.
 * usage: sigfork FORKS; prints how many forks failed. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t done, failures;
static int wanted;

static void on_alarm(int sig)
{
	int saved = errno;
	pid_t pid;

	(void)sig;
	if (done >= wanted)
		return;
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		failures++;
	done++;
	errno = saved;
}

int main(int argc, char **argv)
{
	struct itimerval every = { { 0, 300 }, { 0, 300 } };
	struct sigaction sa;
	void *held[64] = { 0 };
	unsigned seed = 1;

	wanted = argc > 1 ? atoi(argv[1]) : 10;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &every, NULL);
	while (done < wanted) {
		unsigned i = (seed = seed * 1103515245u + 12345u) >> 16;
		size_t size = 16 + (i % 4000);
		free(held[i % 64]);
		held[i % 64] = malloc(size);
		if (held[i % 64])
			memset(held[i % 64], (int)i, size);
	}
	setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL);
	while (wait(NULL) > 0)
		;
	for (int i = 0; i < 64; i++)
		free(held[i]);
	printf("forks %d failed %d\n", (int)done, (int)failures);
	return 0;
}
