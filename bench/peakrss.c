/* Preloaded by bench/reader.sh: at exit, appends "COMM MAXRSS_KIB" for this
 * process alone to $PEAKRSS_LOG. /usr/bin/time's %M is the largest peak of
 * the whole tree it waited for (ru_maxrss of waited children is the maximum
 * over them), so a report's figure is its llvm-symbolizer's whenever that
 * child is larger; RUSAGE_SELF is the process's own high-water mark, its
 * threads included, its children not (getrusage(2)). The symbolizer
 * inherits the preload and writes its own line.
 *
 * Each figure is VmHWM of /proc/self/status, the high-water mark of this
 * process's own address space, not RUSAGE_SELF's ru_maxrss: at execve the
 * kernel folds the peak of the address space being left into the latter
 * (fs/exec.c, exec_mmap: setmax_mm_hiwater_rss(&sig->maxrss, old_mm)),
 * and a child of posix_spawn (glibc: CLONE_VM|CLONE_VFORK) leaves its
 * parent's, so the symbolizer's ru_maxrss was at least the report's peak
 * at the spawn (docs/performance.md, "Which llvm-symbolizer"). ru_maxrss
 * when VmHWM cannot be read. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

__attribute__((destructor)) static void peakrss_write(void)
{
	const char *path = getenv("PEAKRSS_LOG");
	struct rusage self;
	char comm[64] = "?";
	char line[128];
	if (path == NULL || getrusage(RUSAGE_SELF, &self) != 0)
		return;
	int fd = open("/proc/self/comm", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, comm, sizeof comm - 1);
		comm[n > 0 ? n : 0] = '\0';
		comm[strcspn(comm, "\n")] = '\0';
		close(fd);
	}
	long kib = self.ru_maxrss;
	char status[4096];
	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, status, sizeof status - 1);
		status[n > 0 ? n : 0] = '\0';
		const char *hwm = strstr(status, "\nVmHWM:");
		if (hwm != NULL)
			kib = strtol(hwm + 7, NULL, 10);
		close(fd);
	}
	int len = snprintf(line, sizeof line, "%s %ld\n", comm, kib);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || len <= 0)
		return;
	/* One write of one short line: O_APPEND keeps concurrent lines whole. */
	if (write(fd, line, (size_t)len) != len) {
		/* Nothing to do at exit: the bench reports a missing line. */
	}
	close(fd);
}
