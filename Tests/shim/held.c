/* The failure path without room in a fork's child whose tree has its
 * tally area (docs/performance.md, "Failures held back at a full memory
 * cgroup"): CPU a failure, the log writable (a tally of one a failure)
 * or not (held since branch memcgtally, said on stderr and lost before).
 * The shim's tests check what is held and written (Tests/shim/run.sh);
 * bench/held.sh times it.
 *
 * usage: held USAGE_FILE FULL_BYTES LOG_DIR unwritable|writable|gone|exec N
 * Run under the shim with FORKEXPLAIN_INJECT=pthread_create=EAGAIN and a
 * FORKEXPLAIN_SYS_ROOT tree whose memory level is USAGE_FILE: the parent's
 * first refused pthread_create finds room (the shim maps the tree's tally
 * area); the child writes FULL_BYTES into USAGE_FILE (no room from then
 * on), moves LOG_DIR away if asked (open(2) then fails: ENOENT), has N
 * refused (each EAGAIN, errno untouched, or it exits 1), and prints its
 * CPU µs a failure; then puts LOG_DIR back and exits, where the held
 * lines are written. gone: the child exits with LOG_DIR still away (its
 * exit says what is left held) and the parent puts it back once the
 * child has ended: the parent's exit writes them. exec: as unwritable,
 * but the child, LOG_DIR back, execs grep -c '"held":{' on the log
 * (FORKEXPLAIN_LOG): the flush at exec wrote them if it prints 1. */
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

static int fail_n(int n)
{
	pthread_t t;
	int i;

	/* What the program gets back is the injected error, and errno as it
	 * was: exactly as before, whatever the shim held. */
	for (i = 0; i < n; i++) {
		errno = EDOM;
		if (pthread_create(&t, NULL, nothing, NULL) != EAGAIN || errno != EDOM)
			return 1;
	}
	return 0;
}

/* away: 0 the directory stays, 1 moved away and back before the exit, 2
 * (gone) moved away for good, 3 (exec) moved away and back, then exec. */
static int child(const char *usage, const char *full, const char *dir, int away, int n)
{
	char moved[4096];
	FILE *f = fopen(usage, "w");
	double start;

	if (!f || fprintf(f, "%s\n", full) < 0 || fclose(f) != 0)
		return 1;
	snprintf(moved, sizeof(moved), "%s.away", dir);
	if (away && rename(dir, moved) != 0)
		return 1;
	start = cpu_us();
	if (fail_n(n) != 0)
		return 1;
	printf("%.1f\n", (cpu_us() - start) / n);
	fflush(stdout);
	if ((away == 1 || away == 3) && rename(moved, dir) != 0)
		return 1;
	/* execv: the shim wraps it; execl builds its argv inside libc and
	 * is not (CShim/common/calls.h). */
	if (away == 3 && getenv("FORKEXPLAIN_LOG")) {
		char *grep[] = { "grep", "-c", "\"held\":{", getenv("FORKEXPLAIN_LOG"), NULL };

		execv("/bin/grep", grep);
	}
	return away == 3 ? 1 : 0;
}

int main(int argc, char **argv)
{
	char moved[4096];
	pthread_t t;
	pid_t pid;
	int status, gone, away;

	if (argc != 6) {
		fprintf(stderr, "usage: held USAGE_FILE FULL_BYTES LOG_DIR unwritable|writable|gone|exec N\n");
		return 2;
	}
	gone = strcmp(argv[4], "gone") == 0;
	away = gone ? 2 : strcmp(argv[4], "exec") == 0 ? 3 : strcmp(argv[4], "unwritable") == 0;
	if (pthread_create(&t, NULL, nothing, NULL) == 0)
		return 1;
	pid = fork();
	if (pid == 0)
		_exit(child(argv[1], argv[2], argv[3], away, atoi(argv[5])));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	snprintf(moved, sizeof(moved), "%s.away", argv[3]);
	if (gone && rename(moved, argv[3]) != 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
