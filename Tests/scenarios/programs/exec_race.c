/* One thread execs a script whose interpreter does not exist, again and
 * again, while the main thread creates and joins threads, for SECONDS
 * seconds (docs/kernel-facts.md §11.210). Each exec fails with ENOENT only
 * after check_unsafe_exec() has set fs->in_exec, and in that window the
 * kernel refuses pthread_create (a clone with CLONE_FS) with EAGAIN: no
 * limit is near. With MODE "fork" the main thread forks and reaps one
 * child at a time instead: a fork makes its own fs_struct and is never
 * refused so. At most three tasks live at once. Prints the counts.
 * With MODE "vfork" (SECONDS unused) the main thread vforks children that
 * exec SCRIPT (a program that runs) 20 times, then starts threads that
 * wait until one is refused, 64 at most: run in a small pids cgroup, the
 * refusal is the cgroup's, and no exec of this process is in flight (a
 * vfork child's exec never returns to take its count off). */
#define _GNU_SOURCE
#include <errno.h>
#include <semaphore.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static atomic_int stop;
static const char *script;

static void *execer(void *arg)
{
	char *argv[] = { (char *)script, NULL };
	char *envp[] = { NULL };
	long n = 0;

	(void)arg;
	while (!atomic_load(&stop)) {
		execve(script, argv, envp);
		n++;
	}
	return (void *)n;
}

static void *nothing(void *arg)
{
	return arg;
}

/* One thread, or one child, created and ended: 0 or the error. */
static int one(int forking)
{
	pthread_t t;
	pid_t pid;
	int rc;

	if (!forking) {
		rc = pthread_create(&t, NULL, nothing, NULL);
		if (rc == 0)
			pthread_join(t, NULL);
		return rc;
	}
	pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return 0;
}

static sem_t release;

static void *waiting(void *arg)
{
	sem_wait(&release);
	return arg;
}

static int vforks_then_threads(void)
{
	char *argv[] = { (char *)script, NULL };
	char *envp[] = { NULL };
	pthread_t t[64];
	int i, n = 0, rc = 0, status;
	pid_t pid;

	for (i = 0; i < 20; i++) {
		pid = vfork();
		if (pid == 0) {
			execve(script, argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "exec_race: vfork and exec of %s failed\n", script);
			return 1;
		}
	}
	sem_init(&release, 0, 0);
	while (n < 64 && (rc = pthread_create(&t[n], NULL, waiting, NULL)) == 0)
		n++;
	for (i = 0; i < n; i++)
		sem_post(&release);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("vforks 20 threads %d refused %s\n", n, rc == EAGAIN ? "EAGAIN" : rc ? strerror(rc) : "none");
	return 0;
}

int main(int argc, char **argv)
{
	long ok = 0, eagain = 0, other = 0;
	pthread_t e;
	time_t end;
	void *execs;
	int rc, forking;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: exec_race SCRIPT SECONDS [thread|fork|vfork]\n");
		return 2;
	}
	forking = argc == 4 && strcmp(argv[3], "fork") == 0;
	script = argv[1];
	if (argc == 4 && strcmp(argv[3], "vfork") == 0)
		return vforks_then_threads();
	end = time(NULL) + atoi(argv[2]);
	if (pthread_create(&e, NULL, execer, NULL) != 0)
		return 1;
	while (time(NULL) < end) {
		rc = one(forking);
		if (rc == 0) {
			ok++;
		} else if (rc == EAGAIN) {
			eagain++;
		} else {
			other++;
		}
	}
	atomic_store(&stop, 1);
	pthread_join(e, &execs);
	printf("%s %ld refused-eagain %ld refused-other %ld execs %ld\n", forking ? "forks" : "threads", ok, eagain, other, (long)execs);
	return 0;
}
