/* Fills the v1 memory cgroup it runs in to its limit, then forks: the
 * fork's kernel charges (task, stack, and the child's page tables) find
 * no room and fork fails with ENOMEM, which the cgroup's OOM killer,
 * disabled by the scenario (memory.oom_control), would otherwise answer
 * with a kill (docs/kernel-facts.md §1.3, §6.28).
 *
 * usage: memcg_filler CGROUP_DIR [ROOM_KIB]
 * Its first task creation (a thread) comes first, while there is room.
 * The pages are taken with MADV_POPULATE_WRITE, which at the limit
 * returns ENOMEM instead of waiting in a page fault (§6.28). One page
 * in every 2 MiB first, so that a child's page tables alone would need
 * megabytes; then dense pages up to the limit, of which ROOM_KIB
 * (default 2048) are given back: room for the program and the log, not
 * for a fork. Prints "fork rc=R err=E" for each of 3 forks, exits 0.
 *
 * usage: memcg_filler CGROUP_DIR near
 * With the OOM killer left on: dense pages only, each after reading the
 * usage, until less than 96 KiB is left below the limit (a page more
 * than that and the killer would run), then the forks, which the
 * scenario fails with FORKEXPLAIN_INJECT: what a fill of the shim's
 * buffers (29 pages) would take there is more than is left. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#define PAGE 4096UL
#define STRIDE (2UL << 20)
#define SPREAD 1024UL

/* Faults in 128 KiB of stack below main's frame while there is room: at
 * the limit, with the killer disabled, a page fault waits for memory for
 * ever (docs/kernel-facts.md §6.28), and the calls below (the shim's
 * failure path among them) run in those pages. */
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

/* From an fd opened while there was room: a read then takes no memory. */
static long long pread_ll(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atoll(buf);
}

static long long read_ll(const char *dir, const char *name)
{
	char path[512];
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%lld", &v) != 1)
		v = -1;
	if (f)
		fclose(f);
	return v;
}

static int forks(int usage_fd, int *results, long long *usages)
{
	int k;

	for (k = 0; k < 3; k++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		results[k] = pid < 0 ? errno : 0;
		usages[k] = pread_ll(usage_fd);
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
	return 0;
}

static void print_forks(const int *results, const long long *usages)
{
	int k;

	for (k = 0; k < 3; k++)
		printf("fork rc=%d err=%d (usage %lld)\n", results[k] ? -1 : 0, results[k], usages[k]);
}

#define NEAR_ROOM (96 * 1024LL)

static int near(int usage_fd, unsigned long limit)
{
	unsigned long pages = limit / PAGE, filled;
	char *dense = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	long long usage = 0, left;
	int results[3];
	long long usages[3];

	if (dense == MAP_FAILED)
		return 1;
	for (filled = 0; filled < pages; filled++) {
		usage = pread_ll(usage_fd);
		if (usage < 0 || (long long)limit - usage < NEAR_ROOM)
			break;
		if (madvise(dense + filled * PAGE, PAGE, MADV_POPULATE_WRITE) != 0)
			break;
	}
	left = (long long)limit - usage;
	forks(usage_fd, results, usages);
	madvise(dense, pages * PAGE, MADV_DONTNEED);
	printf("near: %lu pages, usage %lld of %lu, %lld left\n", filled, usage, limit, left);
	print_forks(results, usages);
	return fflush(stdout) == 0 && usage >= 0 && left < NEAR_ROOM ? 0 : 3;
}

int main(int argc, char **argv)
{
	unsigned long room = (argc > 2 ? strtoul(argv[2], NULL, 10) : 2048) * 1024, i, dense_pages, filled = 0;
	long long limit;
	pthread_t t;
	char *spread, *dense;
	char usage_path[512];
	int usage_fd, results[3];
	long long usages[3], full;

	if (argc < 2) {
		fprintf(stderr, "usage: memcg_filler CGROUP_DIR [ROOM_KIB]\n");
		return 2;
	}
	stack_ahead();
	if (pthread_create(&t, NULL, nothing, NULL) != 0 || pthread_join(t, NULL) != 0) {
		fprintf(stderr, "the first thread failed\n");
		return 1;
	}
	limit = read_ll(argv[1], "memory.limit_in_bytes");
	snprintf(usage_path, sizeof(usage_path), "%s/memory.usage_in_bytes", argv[1]);
	usage_fd = open(usage_path, O_RDONLY | O_CLOEXEC);
	if (limit <= 0 || limit > (1LL << 30)) {
		fprintf(stderr, "no small limit in %s\n", argv[1]);
		return 1;
	}
	if (argc > 2 && strcmp(argv[2], "near") == 0)
		return near(usage_fd, (unsigned long)limit);
	spread = mmap(NULL, SPREAD * STRIDE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	dense_pages = (unsigned long)limit / PAGE;
	dense = mmap(NULL, dense_pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (spread == MAP_FAILED || dense == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (i = 0; i < SPREAD; i++)
		if (madvise(spread + i * STRIDE, PAGE, MADV_POPULATE_WRITE) != 0)
			break;
	for (; filled < dense_pages; filled++)
		if (madvise(dense + filled * PAGE, PAGE, MADV_POPULATE_WRITE) != 0)
			break;
	if (errno != ENOMEM || filled == dense_pages) {
		fprintf(stderr, "did not reach the limit: %s\n", strerror(errno));
		return 1;
	}
	full = pread_ll(usage_fd);
	if (room / PAGE > filled)
		room = filled * PAGE;
	/* MADV_DONTNEED, not munmap: at the limit munmap of part of a
	 * mapping fails with ENOMEM (the split needs a new, charged, VMA). */
	madvise(dense + (filled - room / PAGE) * PAGE, room, MADV_DONTNEED);
	/* What the forks gave, printed once the memory is given back: at
	 * the limit even stdout's buffer may not be had. */
	forks(usage_fd, results, usages);
	madvise(dense, dense_pages * PAGE, MADV_DONTNEED);
	madvise(spread, SPREAD * STRIDE, MADV_DONTNEED);
	/* Page tables are freed a grace period after. */
	usleep(200 * 1000);
	printf("full: %lu spread pages, %lu dense, usage %lld of %lld\n", i, filled, full, limit);
	print_forks(results, usages);
	return fflush(stdout) == 0 ? 0 : 3;
}
