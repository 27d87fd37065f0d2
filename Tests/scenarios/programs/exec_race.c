/* One thread execs a script whose interpreter does not exist, again and
 * again, while the main thread creates and joins threads, for SECONDS
 * seconds (docs/kernel-facts.md §11.210). Each exec fails with ENOENT only
 * after check_unsafe_exec() has set fs->in_exec, and in that window the
 * kernel refuses pthread_create (a clone with CLONE_FS) with EAGAIN: no
 * limit is near. At most three threads live at once. Prints the counts. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
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

int main(int argc, char **argv)
{
	long ok = 0, eagain = 0, other = 0;
	pthread_t e, t;
	time_t end;
	void *execs;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: exec_race SCRIPT SECONDS\n");
		return 2;
	}
	script = argv[1];
	end = time(NULL) + atoi(argv[2]);
	if (pthread_create(&e, NULL, execer, NULL) != 0)
		return 1;
	while (time(NULL) < end) {
		rc = pthread_create(&t, NULL, nothing, NULL);
		if (rc == 0) {
			ok++;
			pthread_join(t, NULL);
		} else if (rc == EAGAIN) {
			eagain++;
		} else {
			other++;
		}
	}
	atomic_store(&stop, 1);
	pthread_join(e, &execs);
	printf("threads %ld refused-eagain %ld refused-other %ld execs %ld\n", ok, eagain, other, (long)execs);
	return 0;
}
