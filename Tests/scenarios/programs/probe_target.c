/* A stand-in for the kernel's clone path, for watch's probe mechanism on
 * a kernel without kprobes (scenarios 60 and 63): probe_clone() takes a
 * struct whose first field is the u64 clone flags, as kernel_clone()
 * takes struct kernel_clone_args, and returns as it does, a pid on
 * success and -errno on failure.
 *
 * usage: probe_target OK FAILERRNO HOLD_S [FAILFLAGS OKFLAGS [thread] [newpid]]
 *   OK calls that succeed with OKFLAGS, one that fails with FAILERRNO and
 *   FAILFLAGS, OK more with OKFLAGS (a program trying again at once), then
 *   HOLD_S seconds alive to be read. `thread`: a second thread makes the
 *   calls. `newpid`: unshare(CLONE_NEWPID) and a first child that exits
 *   first, so that children would go to a namespace whose init is dead.
 * usage: probe_target storm THREADS CALLS
 *   THREADS threads one after another, each making CALLS calls that all
 *   succeed. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct standin_args {
	uint64_t flags; /* first, as in struct kernel_clone_args */
	long ret;
};

__attribute__((noinline, used)) long probe_clone(struct standin_args *a)
{
	long ret = a->ret;

	__asm__ volatile("" : "+r"(ret) : : "memory");
	return ret;
}

static long ok, err, sum;
static uint64_t fail_flags, ok_flags = 0x1200000;

static long calls(long n, uint64_t flags, long ret)
{
	struct standin_args a;
	long i, s = 0;

	for (i = 0; i < n; i++) {
		a.flags = flags;
		a.ret = ret < 0 ? ret : ret + i;
		s += probe_clone(&a);
	}
	return s;
}

static void *caller(void *arg)
{
	(void)arg;
	sum += calls(ok, ok_flags, 1000);
	if (calls(1, fail_flags, -err) < 0)
		printf("probe_target: failed with %ld after %ld successes (%ld), tid %ld\n", err, ok, sum,
		       (long)gettid());
	sum += calls(ok, ok_flags, 5000);
	fflush(stdout);
	return NULL;
}

static void *storm_thread(void *arg)
{
	calls(*(long *)arg, 0x3d0f00, 1000);
	return NULL;
}

static int storm(long threads, long n)
{
	pthread_t t;
	long i;

	for (i = 0; i < threads; i++) {
		if (pthread_create(&t, NULL, storm_thread, &n) != 0) {
			fprintf(stderr, "probe_target: pthread_create failed\n");
			return 1;
		}
		pthread_join(t, NULL);
	}
	printf("probe_target: storm of %ld threads done\n", threads);
	return 0;
}

/* unshare(CLONE_NEWPID), then a first child, PID 1 of the new namespace,
 * that exits at once: children would go to a namespace whose init is
 * dead (the kernel shows no pid_for_children before it had one). */
static int newpid_without_init(void)
{
	pid_t init;

	if (unshare(CLONE_NEWPID) != 0) {
		perror("probe_target: unshare(CLONE_NEWPID)");
		return -1;
	}
	init = fork();
	if (init < 0) {
		perror("probe_target: fork");
		return -1;
	}
	if (init == 0)
		_exit(0);
	waitpid(init, NULL, 0);
	return 0;
}

int main(int argc, char **argv)
{
	long hold;
	int i, in_thread = 0;

	if (argc == 4 && strcmp(argv[1], "storm") == 0)
		return storm(atol(argv[2]), atol(argv[3]));
	if (argc != 4 && argc < 6) {
		fprintf(stderr, "usage: probe_target OK FAILERRNO HOLD_S [FAILFLAGS OKFLAGS [thread] [newpid]]\n"
				"       probe_target storm THREADS CALLS\n");
		return 2;
	}
	ok = atol(argv[1]);
	err = atol(argv[2]);
	hold = atol(argv[3]);
	if (argc >= 6) {
		fail_flags = strtoull(argv[4], NULL, 0);
		ok_flags = strtoull(argv[5], NULL, 0);
	}
	for (i = 6; i < argc; i++) {
		if (strcmp(argv[i], "thread") == 0) {
			in_thread = 1;
		} else if (strcmp(argv[i], "newpid") == 0 && newpid_without_init() != 0) {
			return 1;
		}
	}
	if (in_thread) {
		pthread_t t;
		if (pthread_create(&t, NULL, caller, NULL) != 0) {
			fprintf(stderr, "probe_target: pthread_create failed\n");
			return 1;
		}
		pthread_join(t, NULL);
	} else {
		caller(NULL);
	}
	sleep((unsigned)hold);
	return 0;
}
