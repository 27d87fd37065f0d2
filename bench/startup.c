/* Exec start-up, paired: spawns PROGRAM N times under each of the
 * libraries given (one LD_PRELOAD each, "-" for none), the variants taking
 * turns child by child, so that each child runs next to the others under
 * the same load. Each child's own CPU time (user + system) and minor page
 * faults come from wait4(), nothing of this process's; the page faults do
 * not depend on the load at all. This process is not preloaded: what is
 * measured is a program starting and exiting under the library.
 * Prints one line per variant: median CPU ns per child, the middle half of
 * the children, the minor faults per child (median, minimum, maximum), and
 * the ratio of its CPU time to the first variant's, child by child (each
 * pair ran next to each other), as its median, middle half and the 95 %
 * confidence interval of the median (the order statistics n/2 -+ 0.98
 * sqrt(n), as bench/stats.sh's spread: a goal of x1.02 is held to where
 * the children together place the median, not to one child's stray).
 * usage: startup N PROGRAM NAME=LIB... */
#define _GNU_SOURCE
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define VARIANTS_MAX 8

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* The 95 % interval of the median of n sorted values, 0-based, clamped. */
static void median_ci(long n, long *lo, long *hi)
{
	double d = 0.98 * sqrt((double)n);

	*lo = (long)((double)n / 2 - d + 0.5) - 1;
	*hi = (long)((double)n / 2 + 1 + d + 0.5) - 1;
	if (*lo < 0)
		*lo = 0;
	if (*hi > n - 1)
		*hi = n - 1;
}

/* environ without any LD_PRELOAD, plus the variant's (none for NAME=-). */
static char **env_with(const char *variant)
{
	const char *eq = strchr(variant, '='), *lib = eq ? eq + 1 : variant;
	size_t n = 0, i, j = 0;
	char **env;

	while (environ[n])
		n++;
	env = calloc(n + 2, sizeof(*env));
	if (!env) {
		perror("startup");
		exit(1);
	}
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "LD_PRELOAD=", 11) != 0)
			env[j++] = environ[i];
	if (strcmp(lib, "-") != 0) {
		size_t len = strlen("LD_PRELOAD=") + strlen(lib) + 1;
		env[j] = malloc(len);
		if (!env[j]) {
			perror("startup");
			exit(1);
		}
		snprintf(env[j], len, "LD_PRELOAD=%s", lib);
	}
	return env;
}

static void one(char *prog, char **env, long *cpu, long *flt)
{
	char *argv[] = { prog, NULL };
	struct rusage ru;
	pid_t pid;
	int status;

	if (posix_spawn(&pid, prog, NULL, NULL, argv, env) != 0 || wait4(pid, &status, 0, &ru) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "startup: %s did not run and exit 0\n", prog);
		exit(1);
	}
	*cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000L +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000L;
	*flt = ru.ru_minflt;
}

int main(int argc, char **argv)
{
	char **env[VARIANTS_MAX];
	long *cpu[VARIANTS_MAX], *flt[VARIANTS_MAX], *ratio[VARIANTS_MAX];
	long n, i, lo, hi;
	int v, nv = argc - 3;

	if (argc < 4 || nv > VARIANTS_MAX || (n = atol(argv[1])) < 1) {
		fprintf(stderr, "usage: startup N PROGRAM NAME=LIB... (at most %d, NAME=- for none)\n", VARIANTS_MAX);
		return 2;
	}
	for (v = 0; v < nv; v++) {
		env[v] = env_with(argv[3 + v]);
		cpu[v] = calloc((size_t)n, sizeof(long));
		flt[v] = calloc((size_t)n, sizeof(long));
		ratio[v] = calloc((size_t)n, sizeof(long));
		if (!cpu[v] || !flt[v] || !ratio[v]) {
			perror("startup");
			return 1;
		}
	}
	for (i = 0; i < n; i++)
		for (v = 0; v < nv; v++) {
			int w = (int)((v + i) % nv); /* each variant in every position */
			one(argv[2], env[w], &cpu[w][i], &flt[w][i]);
		}
	for (v = 0; v < nv; v++) {
		for (i = 0; i < n; i++)
			ratio[v][i] = (long)(1e6 * (double)cpu[v][i] / (double)(cpu[0][i] ? cpu[0][i] : 1));
	}
	median_ci(n, &lo, &hi);
	for (v = 0; v < nv; v++) {
		int name_len = (int)strcspn(argv[3 + v], "=");

		qsort(ratio[v], (size_t)n, sizeof(long), cmp_long);
		qsort(cpu[v], (size_t)n, sizeof(long), cmp_long);
		qsort(flt[v], (size_t)n, sizeof(long), cmp_long);
		printf("  %-8.*s cpu %8ld ns [%ld-%ld]  minflt %ld [%ld-%ld]  x%.3f [%.3f-%.3f] ci %.3f-%.3f\n", name_len,
		       argv[3 + v], cpu[v][n / 2], cpu[v][n / 4], cpu[v][(3 * n) / 4], flt[v][n / 2], flt[v][0],
		       flt[v][n - 1], ratio[v][n / 2] / 1e6, ratio[v][n / 4] / 1e6, ratio[v][(3 * n) / 4] / 1e6,
		       ratio[v][lo] / 1e6, ratio[v][hi] / 1e6);
	}
	return 0;
}
