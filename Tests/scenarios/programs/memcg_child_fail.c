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
 * exits 4. Else the child's line: "child fork rc=R err=E usage U of L".
 *
 * usage: memcg_child_fail MEMCG_DIR SLACK_PAGES held N next|exit|parent
 * Failures held back (docs/log-format.md, "held"): the parent first has a
 * fork refused while there is room (its sleepers fill the scenario's
 * pids.max 3), which maps the tree's tally area, inherited by the child.
 * The child at its full limit, its log unwritable to it (EACCES), has N
 * forks refused, then gets its log and memory back and: `next`, has one more
 * fork refused, with room; `exit`, exits; `parent`, is killed by SIGKILL,
 * leaving its parent's exit to write what was held. Its line: "child
 * held N errs E1,E2,... usage U of L". */
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
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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

/* The held run's child: its log made unwritable to it (mode 0400, and
 * CAP_DAC_OVERRIDE out of its effective set: open(2) says EACCES), while
 * the fill check still reads what it reads; and back. */
static int log_unwritable(int yes)
{
	static struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	static struct __user_cap_data_struct was[2];
	struct __user_cap_data_struct less[2];
	const char *log = getenv("FORKEXPLAIN_LOG");

	if (!log)
		return -1;
	if (!yes)
		return syscall(SYS_capset, &hdr, was) == 0 && chmod(log, 0600) == 0 ? 0 : -1;
	if (syscall(SYS_capget, &hdr, was) != 0 || chmod(log, 0400) != 0)
		return -1;
	memcpy(less, was, sizeof(less));
	less[0].effective &= ~(1u << CAP_DAC_OVERRIDE | 1u << CAP_DAC_READ_SEARCH | 1u << CAP_FOWNER);
	return syscall(SYS_capset, &hdr, less) == 0 ? 0 : -1;
}

/* The held run's child, at its full limit: n forks refused with the log
 * unwritable, then memory and the log back; mode says what then. */
static int held_forks(char *dense, unsigned long pages, int n, const char *mode, long long usage, long long limit)
{
	/* On the stack made this process's own (stack_ahead()): a page of
	 * .bss written at the limit would wait for memory. */
	int errs[64];
	int i;
	pid_t pid;

	if (n > 64)
		return 1;
	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		errs[i] = pid < 0 ? errno : 0;
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
	madvise(dense, pages * PAGE, MADV_DONTNEED);
	if (log_unwritable(0) != 0)
		return 1;
	printf("child held %d errs", n);
	for (i = 0; i < n; i++)
		printf("%s%d", i ? "," : " ", errs[i]);
	printf(" usage %lld of %lld\n", usage, limit);
	if (fflush(stdout) != 0)
		return 3;
	if (strcmp(mode, "next") == 0) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		printf("child next fork rc=%d err=%d\n", pid < 0 ? -1 : 0, pid < 0 ? errno : 0);
		fflush(stdout);
	} else if (strcmp(mode, "parent") == 0) {
		raise(SIGKILL);
	}
	return 0;
}

/* Every page of the shared mappings read once, while there is room: a
 * fork copies none of a shared mapping's page table entries, so the
 * child's first touch of the tree's tally area it inherited from the shim
 * faults, and where that range has no page table yet the fault must take
 * one, which at the limit it cannot: the shim then finds the area out of
 * reach (MADV_POPULATE_WRITE says ENOMEM) and that failure is lost, said
 * on stderr (docs/performance.md, "Failures held back at a full memory
 * cgroup": 1 or 2 of 5 in 3 runs of 16). Here what is tested is what is
 * held once the area is in reach. */
static int touch_shared(void)
{
	char line[512];
	unsigned long from, to, at;
	char perms[8];
	FILE *maps = fopen("/proc/self/maps", "r");

	if (!maps)
		return -1;
	while (fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx %7s", &from, &to, perms) == 3 && perms[0] == 'r' && perms[3] == 's')
			for (at = from; at < to; at += PAGE)
				(void)*(volatile char *)at;
	fclose(maps);
	return 0;
}

static int child(const char *dir, unsigned long slack, int held, const char *mode)
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
	if (sleeper < 0 || lock_code() < 0 || (held > 0 && (touch_shared() < 0 || log_unwritable(1) < 0)))
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
	if (held > 0)
		return held_forks(dense, pages, held, mode, usage, limit);
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

/* The held run's parent: two sleepers fill pids.max 3, a third fork is
 * refused while memory has room (the shim maps the tree's tally area),
 * and the sleepers go. */
static int refused_with_room(void)
{
	pid_t sleepers[2], pid;
	int i, err;

	for (i = 0; i < 2; i++) {
		sleepers[i] = fork();
		if (sleepers[i] == 0) {
			pause();
			_exit(0);
		}
		if (sleepers[i] < 0)
			return 1;
	}
	pid = fork();
	if (pid == 0)
		_exit(0);
	err = pid < 0 ? errno : 0;
	for (i = 0; i < 2; i++) {
		kill(sleepers[i], SIGKILL);
		waitpid(sleepers[i], NULL, 0);
	}
	if (pid > 0) {
		waitpid(pid, NULL, 0);
		return 1;
	}
	printf("parent fork with room rc=-1 err=%d\n", err);
	return 0;
}

int main(int argc, char **argv)
{
	static char out[4096];
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	pthread_t t;
	pid_t pid;
	int status, ms;

	int held = argc >= 6 && strcmp(argv[3], "held") == 0 ? atoi(argv[4]) : 0;

	if (argc < 3 || (argc > 3 && held <= 0)) {
		fprintf(stderr, "usage: memcg_child_fail MEMCG_DIR SLACK_PAGES [held N next|exit|parent]\n");
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
	if (held > 0 && refused_with_room() != 0)
		return 1;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0)
		_exit(child(argv[1], strtoul(argv[2], NULL, 10), held, held > 0 ? argv[5] : ""));
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
