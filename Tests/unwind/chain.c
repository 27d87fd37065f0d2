/* Five frames between main and fork, built -O2 -fomit-frame-pointer so that
 * only the unwind tables lead from one to the next. noinline and the work
 * after each call keep every frame real (no inlining, no tail call). */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int sink;

__attribute__((noinline)) static int f5(int x)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return (pid < 0) + x + sink;
}

__attribute__((noinline)) static int f4(int x)
{
	int r = f5(x * 3 + sink);

	sink += r;
	return r + 1;
}

__attribute__((noinline)) static int f3(int x)
{
	int r = f4(x * 3 + sink);

	sink += r;
	return r + 1;
}

__attribute__((noinline)) static int f2(int x)
{
	int r = f3(x * 3 + sink);

	sink += r;
	return r + 1;
}

__attribute__((noinline)) static int f1(int x)
{
	int r = f2(x * 3 + sink);

	sink += r;
	return r + 1;
}

int main(void)
{
	int r = f1(1);

	printf("chain %d\n", r);
	return 0;
}
