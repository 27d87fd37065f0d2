/* fx_read_value: one read where the file is shorter than the buffer, the
 * same text as fx_read_file, cut to the buffer when it is longer. */
#include "cunit.h"
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static char big[300];

void test_readvalue(void)
{
	char buf[64], whole[64];
	const char *path;
	int64_t v;
	int is_max, dirfd;

	path = cu_temp_file("value", "9223372036854771712\n", 20);
	CHECK(fx_read_value(path, buf, sizeof(buf)) == 20);
	CHECK_STR(buf, "9223372036854771712\n");
	CHECK(fx_read_i64(path, &v, &is_max) == 0 && v == 9223372036854771712LL && !is_max);

	/* Longer than the buffer: filled to cap - 1, like fx_read_file. */
	memset(big, 'k', sizeof(big));
	path = cu_temp_file("long", big, sizeof(big));
	CHECK(fx_read_value(path, buf, sizeof(buf)) == (ssize_t)sizeof(buf) - 1);
	CHECK(strlen(buf) == sizeof(buf) - 1 && buf[0] == 'k');

	path = cu_temp_file("empty", "", 0);
	CHECK(fx_read_value(path, buf, sizeof(buf)) == 0 && buf[0] == '\0');
	CHECK(fx_read_value(path, buf, 0) == -1);

	errno = 0;
	CHECK(fx_read_value("/nonexistent/forkexplain", buf, sizeof(buf)) == -1 && errno == ENOENT);

	/* Relative to a directory open as dirfd, as the cgroup levels read. */
	dirfd = open(cu_scratch_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	CHECK(dirfd >= 0);
	CHECK(fx_read_i64_at(dirfd, "value", &v, &is_max) == 0 && v == 9223372036854771712LL);
	CHECK(fx_read_value_at(dirfd, "empty", buf, sizeof(buf)) == 0);
	errno = 0;
	CHECK(fx_read_value_at(dirfd, "missing", buf, sizeof(buf)) == -1 && errno == ENOENT);
	close(dirfd);

	/* A one-record seq_file of the kernel's (docs/kernel-facts.md §6.27):
	 * the same text either way. */
	CHECK(fx_read_value("/proc/self/comm", buf, sizeof(buf)) > 0);
	CHECK(fx_read_file("/proc/self/comm", whole, sizeof(whole)) > 0);
	CHECK_STR(buf, whole);
}
