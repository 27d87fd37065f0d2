/* The failure path without room in a fork's child whose tree has its
 * tally area (docs/performance.md, "Failures held back at a full memory
 * cgroup"): CPU a failure, the log writable (a tally of one a failure)
 * or not (held since branch memcgtally, said on stderr and lost before).
 * The shim's tests check what is held and written (Tests/shim/run.sh);
 * bench/held.sh times it.
 *
 * usage: held USAGE_FILE FULL_BYTES LOG_DIR unwritable|writable N
 * Run under the shim with FORKEXPLAIN_INJECT=pthread_create=EAGAIN and a
 * FORKEXPLAIN_SYS_ROOT tree whose memory level is USAGE_FILE: the parent's
 * first refused pthread_create finds room (the shim maps the tree's tally
 * area); the child writes FULL_BYTES into USAGE_FILE (no room from then
 * on), moves LOG_DIR away if asked (open(2) then fails: ENOENT), has N
 * refused (each EAGAIN, errno untouched, or it exits 1), and prints its
 * CPU µs a failure; then puts LOG_DIR back and exits, where the held
 * lines are written. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void *nothing(void *arg)
{
	return arg;
}

static double cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int child(const char *usage, const char *full, const char *dir, int away, int n)
{
	char moved[4096];
	pthread_t t;
	FILE *f = fopen(usage, "w");
	double start;
	int i;

	if (!f || fprintf(f, "%s\n", full) < 0 || fclose(f) != 0)
		return 1;
	snprintf(moved, sizeof(moved), "%s.away", dir);
	if (away && rename(dir, moved) != 0)
		return 1;
	start = cpu_us();
	/* What the program gets back is the injected error, and errno as it
	 * was: exactly as before, whatever the shim held. */
	for (i = 0; i < n; i++) {
		errno = EDOM;
		if (pthread_create(&t, NULL, nothing, NULL) != EAGAIN || errno != EDOM)
			return 1;
	}
	printf("%.1f\n", (cpu_us() - start) / n);
	fflush(stdout);
	return away && rename(moved, dir) != 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	pthread_t t;
	pid_t pid;
	int status;

	if (argc != 6) {
		fprintf(stderr, "usage: held USAGE_FILE FULL_BYTES LOG_DIR unwritable|writable N\n");
		return 2;
	}
	if (pthread_create(&t, NULL, nothing, NULL) == 0)
		return 1;
	pid = fork();
	if (pid == 0)
		_exit(child(argv[1], argv[2], argv[3], strcmp(argv[4], "unwritable") == 0, atoi(argv[5])));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
