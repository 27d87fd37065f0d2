/* Times N task creations of one kind and prints nanoseconds per call.
 * bench/run.sh runs it with and without the shim preloaded, alternating,
 * and reports the ratio.
 * posix_spawn gives the child an environment without LD_PRELOAD: its row
 * is the parent's side only; fork-exec and vfork-exec children load the
 * preload, their rows are exec start-up. maps prints how many mappings a
 * process has after its first fork and thread (each one a VMA that every
 * later fork copies). failing-fork expects every fork to fail (the shim's
 * FORKEXPLAIN_INJECT=fork=EAGAIN): its row is the failure path.
 * It prints three figures a call: wall-clock ns; the ns of CPU (user and
 * system) the process and its children used, which other work on a shared
 * machine moves far less than the wall clock; and the ns of CPU of the
 * process alone, the parent side of posix_spawn without its child's exec
 * of /bin/true, which no preload of the parent changes.
 * The timed calls follow one untimed call of the same kind: what a
 * process pays once, at its first task creation (the shim's lookup and
 * the failure path's mappings, glibc's thread stack), would otherwise
 * weigh on the figure a call by how many calls a round makes. `loop first
 * KIND` times that first call alone, the parent side of fork,
 * posix_spawn or pthread_create: wall ns, CPU ns, minor faults and the
 * calling thread's own CPU ns (CLOCK_THREAD_CPUTIME_ID). The process's
 * CPU counts whatever the new thread has run by the time the caller reads
 * it (on the other core), and a getrusage tick is a microsecond; the
 * caller's clock is the call alone, to the nanosecond
 * (docs/performance.md, "The first pthread_create: the caller alone").
 * `loop stack` makes the kernel's side of a first pthread_create alone:
 * glibc maps the new thread's stack and its guard page as one PROT_NONE
 * mapping, then makes all but the guard readable and writable, which
 * splits that mapping in two; it prints the wall ns of each call and the
 * mappings the process had before them (bench/first-layout.sh;
 * docs/performance.md, "The first pthread_create: the caller alone").
 * A last argument PAD to `first` and `stack` maps PAD areas of 64 KiB first, one
 * mapping each (protections alternate, so that none merge): where the
 * kernel stores the new stack, and whether its guard's mprotect splits a
 * leaf of the tree of mappings, depends on every mapping before it, and
 * the same program under another preload is another layout; varying PAD
 * round by round times the call over many layouts, not one
 * (bench/first.sh; docs/performance.md, "The first task creation over
 * many layouts").
 * usage: loop fork|failing-fork|fork-exec|vfork-exec|posix_spawn|pthread_create N
 *        loop first fork|posix_spawn|pthread_create [PAD] | loop maps | loop stack [PAD] */
#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static char **clean_env; /* environ without LD_PRELOAD */

static void drop_preload(void)
{
	size_t n = 0, i, j = 0;

	while (environ[n])
		n++;
	clean_env = calloc(n + 1, sizeof(*clean_env));
	if (!clean_env) {
		perror("loop");
		exit(1);
	}
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "LD_PRELOAD=", 11) != 0)
			clean_env[j++] = environ[i];
}

static int count_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	int c, lines = 0;

	if (!f)
		return -1;
	while ((c = getc(f)) != EOF)
		lines += c == '\n';
	fclose(f);
	return lines;
}

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
	if (strcmp(kind, "failing-fork") == 0) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid > 0) {
			waitpid(pid, NULL, 0);
			fprintf(stderr, "loop: a fork that was to fail did not\n");
			exit(1);
		}
		return 0;
	}
	if (strcmp(kind, "posix_spawn") == 0) {
		if (posix_spawn(&pid, argv[0], NULL, NULL, argv, clean_env) != 0)
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

static double cpu_of(int who)
{
	struct rusage u;

	getrusage(who, &u);
	return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e9 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e3;
}

static double elapsed(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e9 + (b->tv_nsec - a->tv_nsec);
}

static double thread_cpu(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

/* Each padding mapping: larger than the holes the loader leaves between
 * libraries (9 pages beside the shim's), which single pages would fill
 * first without moving where the stack goes (docs/performance.md, "The
 * first task creation over many layouts"). */
#define PAD_SIZE (64UL << 10)

/* PAD mappings, before anything is timed. */
static int pad_mappings(const char *arg)
{
	long i, n = arg ? atol(arg) : 0;

	for (i = 0; i < n; i++)
		if (mmap(NULL, PAD_SIZE, i % 2 ? PROT_READ : PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) {
			perror("loop: pad");
			return -1;
		}
	return 0;
}

static long minor_faults(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return u.ru_minflt;
}

/* The process's first call of KIND, until it returns in the parent; the
 * child or thread is reaped after the clock stops. */
static int first(const char *kind)
{
	char *argv[] = { "/bin/true", NULL };
	struct timespec a, b;
	double ca, cb, ta, tb;
	long fa, fb;
	pthread_t t;
	pid_t pid = -1;
	int thread = strcmp(kind, "pthread_create") == 0, rc;

	if (!thread && strcmp(kind, "posix_spawn") != 0 && strcmp(kind, "fork") != 0) {
		fprintf(stderr, "loop: no first call of %s\n", kind);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	ca = cpu_of(RUSAGE_SELF);
	fa = minor_faults();
	ta = thread_cpu();
	if (thread) {
		rc = pthread_create(&t, NULL, idle, NULL);
	} else if (kind[0] == 'p') {
		rc = posix_spawn(&pid, argv[0], NULL, NULL, argv, clean_env);
	} else {
		pid = fork();
		if (pid == 0)
			_exit(0);
		rc = pid < 0;
	}
	tb = thread_cpu();
	fb = minor_faults();
	cb = cpu_of(RUSAGE_SELF);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (rc != 0 || (thread ? pthread_join(t, NULL) != 0 : waitpid(pid, NULL, 0) != pid)) {
		perror("loop");
		return 1;
	}
	printf("%.0f %.0f %ld %.0f\n", elapsed(&a, &b), cb - ca, fb - fa, tb - ta);
	return 0;
}

/* glibc's default thread stack under an 8 MiB RLIMIT_STACK, and its guard
 * page (strace of `loop first pthread_create`; docs/libc-facts.md §7). */
#define STACK_GUARD 4096UL
#define STACK_SIZE (8UL << 20)

static int stack_calls(void)
{
	int maps = count_maps();
	struct timespec a, b, c;
	char *p;

	clock_gettime(CLOCK_MONOTONIC, &a);
	p = mmap(NULL, STACK_SIZE + STACK_GUARD, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (p == MAP_FAILED || mprotect(p + STACK_GUARD, STACK_SIZE, PROT_READ | PROT_WRITE) != 0) {
		perror("loop");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &c);
	printf("%.0f %.0f %d\n", elapsed(&a, &b), elapsed(&b, &c), maps);
	return 0;
}

int main(int argc, char **argv)
{
	struct timespec a, b;
	double sa, sb, ca, cb;
	long i, n;

	drop_preload();
	if (argc == 2 && strcmp(argv[1], "maps") == 0) {
		if (once("pthread_create") != 0 || once("fork") != 0)
			return 1;
		printf("%d\n", count_maps());
		return 0;
	}
	if ((argc == 2 || argc == 3) && strcmp(argv[1], "stack") == 0)
		return pad_mappings(argv[2]) != 0 ? 1 : stack_calls();
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "first") == 0)
		return pad_mappings(argv[3]) != 0 ? 1 : first(argv[2]);
	if (argc != 3) {
		fprintf(stderr, "usage: loop KIND N | loop first KIND [PAD] | loop maps | loop stack [PAD]\n");
		return 2;
	}
	n = atol(argv[2]);
	/* The failure path's row counts one record a failing call. */
	if (strcmp(argv[1], "failing-fork") != 0 && once(argv[1]) != 0) {
		perror("loop");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	sa = cpu_of(RUSAGE_SELF);
	/* The reaped children's CPU: a child's exit, and its exec start-up
	 * in the -exec rows, are part of what a call costs. */
	ca = cpu_of(RUSAGE_CHILDREN);
	for (i = 0; i < n; i++)
		if (once(argv[1]) != 0) {
			perror("loop");
			return 1;
		}
	cb = cpu_of(RUSAGE_CHILDREN);
	sb = cpu_of(RUSAGE_SELF);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.0f %.0f %.0f\n", elapsed(&a, &b) / n, (sb - sa + cb - ca) / n, (sb - sa) / n);
	return 0;
}
