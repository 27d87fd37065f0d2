/* Preloaded by hand (docs/performance.md, "The report's last megabytes"):
 * a thread samples glibc's mallinfo2() and the process's resident size
 * every 5 ms, and at exit appends to $HEAPFREE_LOG the largest KiB in use
 * (uordblks + hblkhd: what the program holds) and the largest KiB free but
 * kept in glibc's heaps (fordblks), so a peak that grows with a log can be
 * told apart: what is held, or the allocator's free room. mallinfo2 takes
 * each heap's lock: the sampled process runs a little slower. glibc only. */
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile int heapfree_stop;
static long most_rss, in_use_then, free_then, most_in_use, most_free, samples;
static pthread_t sampler;

static long resident_kib(void)
{
	long size = 0, pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &pages) != 2)
		pages = 0;
	fclose(f);
	return pages * (sysconf(_SC_PAGESIZE) / 1024);
}

static void *heapfree_sample(void *unused)
{
	(void)unused;
	const struct timespec interval = {0, 5 * 1000 * 1000};
	while (!heapfree_stop) {
		long rss = resident_kib();
		struct mallinfo2 m = mallinfo2();
		long in_use = (long)((m.uordblks + m.hblkhd) / 1024);
		long kept = (long)(m.fordblks / 1024);
		if (rss > most_rss) {
			most_rss = rss;
			in_use_then = in_use;
			free_then = kept;
		}
		most_in_use = in_use > most_in_use ? in_use : most_in_use;
		most_free = kept > most_free ? kept : most_free;
		samples++;
		nanosleep(&interval, NULL);
	}
	return NULL;
}

__attribute__((constructor)) static void heapfree_start(void)
{
	if (getenv("HEAPFREE_LOG") != NULL)
		pthread_create(&sampler, NULL, heapfree_sample, NULL);
}

__attribute__((destructor)) static void heapfree_write(void)
{
	const char *path = getenv("HEAPFREE_LOG");
	if (path == NULL)
		return;
	heapfree_stop = 1;
	FILE *f = fopen(path, "a");
	if (f == NULL)
		return;
	fprintf(f, "rss %ld in_use %ld free %ld (at the largest rss) most_in_use %ld most_free %ld samples %ld\n",
		most_rss, in_use_then, free_then, most_in_use, most_free, samples);
	fclose(f);
}
