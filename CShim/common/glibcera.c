#include "glibcera.h"
#include "num.h"

#include <errno.h>
#include <sys/wait.h>

int fx_glibc_release(const char *version)
{
	const char *p = version;
	int64_t major, minor;

	if (!p || fx_parse_i64(&p, &major) < 0 || *p++ != '.' || fx_parse_i64(&p, &minor) < 0 ||
	    major < 0 || major > 99 || minor < 0 || minor > 99)
		return 0;
	return (int)(major * 100 + minor);
}

/* 2.29 moved system() to posix_spawn and, until 2.32 fixed it (BZ #25715),
 * forgot the status; 2.33 (BZ #27053) reports a shell that exited 127;
 * 2.41 returns -1 again for the resource errors. Before 2.29 a failed
 * fork returned -1. */
int fx_glibc_system_spawn_status(int release, int err)
{
	if (release >= 233 && release <= 240)
		return W_EXITCODE(127, 0);
	if (release >= 241 && err != EAGAIN && err != ENOMEM)
		return W_EXITCODE(127, 0);
	return -1;
}
