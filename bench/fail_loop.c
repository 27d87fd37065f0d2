/* Calls fork N times where every fork fails (run in a pids cgroup that is
 * already full) and prints how many failed: the load for the cost of one
 * failure recorded by forkexplain watch. It then stays HOLD seconds, so that
 * the watcher snapshots a live task, as it would a server that goes on.
 * usage: fail_loop N [HOLD] */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100, failed = 0, i;
	unsigned hold = argc > 2 ? (unsigned)atoi(argv[2]) : 0;

	for (i = 0; i < n; i++) {
		pid_t p = fork();
		if (p < 0) {
			failed++;
		} else if (p == 0) {
			_exit(0);
		} else {
			waitpid(p, NULL, 0);
		}
	}
	printf("%d\n", failed);
	fflush(stdout);
	sleep(hold);
	return 0;
}
