/* A fork's child that fails a task creation at its memory cgroup's full
 * limit, a kind of failure its process never had: the shim's failure
 * path must take no page there (docs/performance.md, "The failure path's
 * private counters"). With the cgroup's OOM killer disabled, a page
 * fault at the limit waits for memory for ever (docs/kernel-facts.md
 * §6.28): a failure path that writes a page of its own not yet filled
 * (a rate's counters, the failure stack's holder) hangs there.
 *
 * usage: memcg_child_fail MEMCG_DIR SLACK_PAGES
 * The parent makes its first task creation (a thread) and forks the
 * child while there is room. The child forks a sleeper (the scenario's
 * pids.max then counts the parent, the child and the sleeper: its next
 * fork is refused), takes pages with MADV_POPULATE_WRITE (ENOMEM at the
 * limit rather than a wait) until the limit, gives back SLACK_PAGES of
 * them, and forks: refused (EAGAIN by pids.max, or ENOMEM at the limit).
 * The parent waits for it for at most 20 s: a child still there then is
 * reported with its state and wait channel, killed and the program
 * exits 4. Else the child's line: "child fork rc=R err=E usage U of L". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#define PAGE 4096UL
#define WAIT_MS 20000

/* 128 KiB of stack below main's frame made this process's own while
 * there is room: in a fork's child every page is still its parent's
 * (copy-on-write), and the calls at the limit run in these. */
static __attribute__((noinline)) void stack_ahead(void)
{
	volatile char pages[128 * 1024];
	size_t i;

	for (i = 0; i < sizeof(pages); i += 512)
		pages[i] = 1;
}

static void *nothing(void *arg)
{
	return arg;
}

static long long read_ll(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atoll(buf);
}

/* The code and read-only data of every file mapped, faulted in and
 * locked: a fork's child maps a file's pages only as it first runs them,
 * and at the limit the cgroup's reclaim may have dropped from the page
 * cache those charged to it, so running code not yet run here could wait
 * for a page as well. What is tested is the failure path's writes, not
 * that. Writable mappings are left as they are. */
static int lock_code(void)
{
	char line[512];
	unsigned long from, to;
	char perms[8];
	FILE *maps = fopen("/proc/self/maps", "r");

	if (!maps)
		return -1;
	while (fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx %7s", &from, &to, perms) == 3 && perms[1] != 'w' && strchr(line, '/') &&
		    perms[0] == 'r')
			mlock((void *)from, to - from);
	fclose(maps);
	return 0;
}

static int child(const char *dir, unsigned long slack)
{
	char path[512];
	int usage_fd, limit_fd, err = 0;
	long long limit, usage;
	unsigned long pages, filled;
	pid_t sleeper, pid;
	char *dense;

	snprintf(path, sizeof(path), "%s/memory.usage_in_bytes", dir);
	usage_fd = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof(path), "%s/memory.limit_in_bytes", dir);
	limit_fd = open(path, O_RDONLY | O_CLOEXEC);
	limit = read_ll(limit_fd);
	if (usage_fd < 0 || limit <= 0 || limit > (1LL << 30))
		return 1;
	/* The sleeper: a successful fork first, which also makes the pages
	 * libc's fork writes this child's own. */
	sleeper = fork();
	if (sleeper == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(60);
		pause();
		_exit(0);
	}
	/* After the sleeper's fork: that made every page of this child's
	 * shared with the sleeper again, copy-on-write. */
	stack_ahead();
	if (sleeper < 0 || lock_code() < 0)
		return 1;
	pages = (unsigned long)limit / PAGE;
	dense = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (dense == MAP_FAILED)
		return 1;
	for (filled = 0; filled < pages; filled++)
		if (madvise(dense + filled * PAGE, PAGE, MADV_POPULATE_WRITE) != 0)
			break;
	if (filled == pages || errno != ENOMEM || filled < slack)
		return 1;
	madvise(dense + (filled - slack) * PAGE, slack * PAGE, MADV_DONTNEED);
	usage = read_ll(usage_fd);
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		err = errno;
	/* Printed once memory is given back: at the limit even stdout's
	 * buffer may not be had. */
	madvise(dense, pages * PAGE, MADV_DONTNEED);
	kill(sleeper, SIGKILL);
	waitpid(sleeper, NULL, 0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	printf("child fork rc=%d err=%d usage %lld of %lld, %lu pages given back\n", pid < 0 ? -1 : 0, err, usage,
	       limit, slack);
	return fflush(stdout) == 0 ? 0 : 3;
}

/* Where in user space the child waits: /proc/PID/syscall gives the
 * user stack pointer and program counter ("-1 SP PC" outside a system
 * call, as in a page fault), and the mapping that holds the counter. */
static void say_where(pid_t pid)
{
	char path[64], line[512], call[256] = "";
	unsigned long from, to, pc = 0;
	char *last;
	FILE *maps;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	if ((fd = open(path, O_RDONLY)) >= 0) {
		n = read(fd, call, sizeof(call) - 1);
		call[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	call[strcspn(call, "\n")] = '\0';
	last = strrchr(call, ' ');
	if (last)
		pc = strtoul(last + 1, NULL, 16);
	printf("child's syscall line: %s\n", call);
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if (!pc || !(maps = fopen(path, "r")))
		return;
	while (fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx", &from, &to) == 2 && pc >= from && pc < to)
			printf("pc %#lx in %s", pc, line);
	fclose(maps);
}

/* The child's state and wait channel, from /proc. */
static void say_blocked(pid_t pid)
{
	char path[64], stat[512] = "", wchan[128] = "";
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY)) >= 0) {
		n = read(fd, stat, sizeof(stat) - 1);
		stat[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	snprintf(path, sizeof(path), "/proc/%d/wchan", (int)pid);
	if ((fd = open(path, O_RDONLY)) >= 0) {
		n = read(fd, wchan, sizeof(wchan) - 1);
		wchan[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	printf("child blocked after %d ms: state %s; wchan %s\n", WAIT_MS, strrchr(stat, ')') ? strrchr(stat, ')') + 2 : stat,
	       wchan);
	say_where(pid);
}

int main(int argc, char **argv)
{
	static char out[4096];
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	pthread_t t;
	pid_t pid;
	int status, ms;

	if (argc < 3) {
		fprintf(stderr, "usage: memcg_child_fail MEMCG_DIR SLACK_PAGES\n");
		return 2;
	}
	/* stdout's buffer taken now: at the limit malloc's page may not be. */
	memset(out, 0, sizeof(out));
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	stack_ahead();
	if (pthread_create(&t, NULL, nothing, NULL) != 0 || pthread_join(t, NULL) != 0) {
		fprintf(stderr, "the first thread failed\n");
		return 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0)
		_exit(child(argv[1], strtoul(argv[2], NULL, 10)));
	for (ms = 0; ms < WAIT_MS; ms += 10) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		nanosleep(&tick, NULL);
	}
	say_blocked(pid);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	fflush(stdout);
	return 4;
}
