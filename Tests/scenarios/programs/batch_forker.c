/* Forks twice from named functions: in a PID namespace whose init (the
 * first child) has exited, the second fork fails with ENOMEM. The names
 * are what the debuginfod scenario looks for in the report. VARIANT makes
 * another build of the same source (another build-id). */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef VARIANT
#define VARIANT 1
#endif

__attribute__((noinline)) static int fx_spawn_worker(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid < 0) {
		perror("fork");
		return -1;
	}
	waitpid(pid, NULL, 0);
	return 0;
}

__attribute__((noinline)) static int fx_run_batch(int n)
{
	int failed = 0;

	for (int i = 0; i < n; i++)
		if (fx_spawn_worker() != 0)
			failed++;
	return failed;
}

int main(void)
{
	printf("batch_forker build %d\n", VARIANT);
	return fx_run_batch(2) == 1 ? 0 : 1;
}
