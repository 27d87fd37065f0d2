/* Since 6.14 /proc/sys/kernel/pid_max shows the value of the reader's
 * active PID namespace, whatever /proc it is read through
 * (docs/kernel-facts.md §6.19): /proc/PID/root/proc/sys/kernel/pid_max
 * would show ours. setns() into a PID namespace only moves the children
 * made after it, so a child enters and a grandchild reads. The child
 * does it, not us: our own pid_for_children stays as it was. */
#include "pidns.h"
#include "fileio.h"
#include "num.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* In the grandchild: the value, as text, into the pipe. */
static void report(int fd)
{
	char buf[32];
	ssize_t n = fx_read_value("/proc/sys/kernel/pid_max", buf, sizeof(buf));

	if (n > 0 && fx_write(fd, buf, (size_t)n) == n)
		_exit(0);
	_exit(1);
}

/* In the child: enter the namespace, make the reader, pass on its fate. */
static void enter(int nsfd, int fd)
{
	pid_t pid;
	int status;

	if (setns(nsfd, CLONE_NEWPID) < 0)
		_exit(errno == EPERM ? 3 : 2);
	pid = fork();
	if (pid == 0)
		report(fd);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		_exit(1);
	_exit(WEXITSTATUS(status));
}

int fx_pidns_pid_max(int pid, int64_t *out)
{
	char path[64] = "/proc/", buf[32];
	int nsfd, fds[2], status = 0;
	ssize_t n = 0, r;
	pid_t child;
	const char *p = buf;

	fx_utoa(path + strlen(path), (uint64_t)(unsigned)pid);
	if (fx_join(path, sizeof(path), path, "/ns/pid") < 0)
		return -1;
	nsfd = fx_open(path, O_RDONLY | O_CLOEXEC);
	if (nsfd < 0)
		return -1;
	if (fx_pipe2(fds, O_CLOEXEC) < 0) {
		fx_close(nsfd);
		return -1;
	}
	child = fork();
	if (child == 0) {
		fx_close(fds[0]);
		enter(nsfd, fds[1]);
	}
	fx_close(nsfd);
	fx_close(fds[1]);
	if (child < 0) {
		fx_close(fds[0]);
		return -1;
	}
	while (n < (ssize_t)sizeof(buf) - 1) {
		r = fx_read(fds[0], buf + n, sizeof(buf) - 1 - (size_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += r;
	}
	fx_close(fds[0]);
	buf[n] = '\0';
	while ((r = waitpid(child, &status, 0)) < 0 && errno == EINTR)
		;
	if (r != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = r == child && WIFEXITED(status) && WEXITSTATUS(status) == 3 ? EPERM : EIO;
		return -1;
	}
	if (fx_parse_i64(&p, out) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}
