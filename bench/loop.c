/* Times N task creations of one kind and prints nanoseconds per call.
 * bench/run.sh runs it with and without the shim preloaded, alternating,
 * and reports the ratio.
 * usage: loop fork|fork-exec|vfork-exec|posix_spawn|pthread_create N */
#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void *idle(void *arg)
{
	return arg;
}

static int once(const char *kind)
{
	char *argv[] = { "/bin/true", NULL };
	pid_t pid;

	if (strcmp(kind, "pthread_create") == 0) {
		pthread_t t;
		if (pthread_create(&t, NULL, idle, NULL) != 0)
			return -1;
		return pthread_join(t, NULL);
	}
	if (strcmp(kind, "posix_spawn") == 0) {
		if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0)
			return -1;
	} else if (strcmp(kind, "fork") == 0) {
		pid = fork();
		if (pid == 0)
			_exit(0);
	} else if (strcmp(kind, "fork-exec") == 0 || strcmp(kind, "vfork-exec") == 0) {
		pid = kind[0] == 'f' ? fork() : vfork();
		if (pid == 0) {
			execve(argv[0], argv, environ);
			_exit(127);
		}
	} else {
		fprintf(stderr, "loop: unknown kind %s\n", kind);
		exit(2);
	}
	if (pid < 0)
		return -1;
	return waitpid(pid, NULL, 0) == pid ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct timespec a, b;
	long i, n;

	if (argc != 3) {
		fprintf(stderr, "usage: loop KIND N\n");
		return 2;
	}
	n = atol(argv[2]);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		if (once(argv[1]) != 0) {
			perror("loop");
			return 1;
		}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.0f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
	return 0;
}
