/* enter PROCS PROGRAM [ARGS...]: moves itself into the cgroup whose
 * cgroup.procs is PROCS, then execs PROGRAM. Built with musl-gcc, it is
 * the musl command `forkexplain run` is given (Tests/platforms/musl-run.sh):
 * the exec creates no task, so PROGRAM starts inside a full pids cgroup. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char pid[24];
	int fd, n;

	if (argc < 3) {
		fprintf(stderr, "usage: enter PROCS PROGRAM [ARGS...]\n");
		return 2;
	}
	fd = open(argv[1], O_WRONLY);
	n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	if (fd < 0 || write(fd, pid, (size_t)n) != n) {
		perror(argv[1]);
		return 2;
	}
	close(fd);
	execv(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
