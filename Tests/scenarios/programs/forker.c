/* A static program that forks children (each waits to be killed) until
 * fork fails, then reports the error as a C program would and holds its
 * children for a while, so that its state can still be read.
 * usage: forker MAX [TRIGGER_FILE [HOLD_SECONDS]]: with a trigger file it
 * first waits (at most 120 s) for that file to exist. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int max = argc > 1 ? atoi(argv[1]) : 100, n = 0, i, hold = argc > 3 ? atoi(argv[3]) : 0;
	pid_t kids[4096];
	struct stat st;
	struct timespec tick = { 0, 50 * 1000000L };

	if (max > 4096)
		max = 4096;
	if (argc > 2 && argv[2][0])
		for (i = 0; i < 2400 && stat(argv[2], &st) < 0; i++)
			nanosleep(&tick, NULL);
	while (n < max) {
		pid_t p = fork();
		if (p < 0) {
			fprintf(stderr, "forker: fork: %s (after %d children)\n", strerror(errno), n);
			break;
		}
		if (p == 0) {
			pause();
			_exit(0);
		}
		kids[n++] = p;
	}
	fflush(stderr);
	for (i = 0; i < hold * 20; i++)
		nanosleep(&tick, NULL);
	for (i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return n < max ? 1 : 0;
}
