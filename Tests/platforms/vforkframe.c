/* A vfork child that fills a stack frame of its own below its caller's and
 * then execs, while the parent checks its own frame afterwards: with a
 * stub that kept the return address on the stack, the child's frame would
 * overwrite it and the parent would return to garbage. The child also
 * writes a global, so the run says whether this machine's vfork shares the
 * parent's memory at all (qemu-user's does not: it forks), which is what
 * decides whether the frame check can fail here.
 * usage: vforkframe COUNT    (vforks in a row; the first maps the shim's
 * buffers through the stub's call to fx_prepare, the later ones do not) */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int seen_by_parent;

/* The child's own frame, below vfork's caller: the bytes a stub that
 * spilled the return address there would lose. */
__attribute__((noinline)) static void scribble(void)
{
	volatile unsigned char junk[512];

	memset((void *)junk, 0xa5, sizeof(junk));
}

__attribute__((noinline)) static int one_vfork(void)
{
	volatile unsigned long canary[8];
	char *argv[] = { "true", NULL };
	char *envp[] = { NULL };
	int i, st = 0;
	pid_t pid;

	for (i = 0; i < 8; i++)
		canary[i] = 0x5ca1ab1e00000000ul + (unsigned long)i;
	pid = vfork();
	if (pid == 0) {
		seen_by_parent = 1;
		scribble();
		execve("/bin/true", argv, envp);
		_exit(127);
	}
	if (pid < 0) {
		perror("vfork");
		return -1;
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	for (i = 0; i < 8; i++)
		if (canary[i] != 0x5ca1ab1e00000000ul + (unsigned long)i)
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	int i, n = argc > 1 ? atoi(argv[1]) : 1, bad = 0;

	for (i = 0; i < n; i++)
		bad |= one_vfork() != 0;
	printf("frames %s; memory %s\n", bad ? "broken" : "intact", seen_by_parent ? "shared" : "not shared");
	return bad;
}
