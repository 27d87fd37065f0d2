/* Creates a child in new namespaces through libc's clone(), as a C
 * runtime or sandbox launcher does (the shim wraps clone; Go's os/exec
 * does not call it). argv[1]: "user" (CLONE_NEWUSER|CLONE_NEWNS, as
 * RootlessKit asks) or "pid" (CLONE_NEWPID alone). Prints what clone said
 * and exits 0 when it failed, 1 when the child was made: the scenarios
 * expect the refusal. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

static char stack[64 * 1024];

static int child_fn(void *arg)
{
	(void)arg;
	return 0;
}

int main(int argc, char **argv)
{
	int flags = SIGCHLD;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "pid") == 0)
		flags |= CLONE_NEWPID;
	else
		flags |= CLONE_NEWUSER | CLONE_NEWNS;
	pid = clone(child_fn, stack + sizeof(stack), flags, NULL);
	if (pid < 0) {
		printf("clone: %s\n", strerror(errno));
		return 0;
	}
	waitpid(pid, NULL, 0);
	printf("clone: made child %d\n", (int)pid);
	return 1;
}
