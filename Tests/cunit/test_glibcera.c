/* What system() returns on a failed spawn, by glibc release
 * (docs/kernel-facts.md §6.2). */
#include "cunit.h"
#include "glibcera.h"

#include <errno.h>
#include <sys/wait.h>

void test_glibcera(void)
{
	CHECK(fx_glibc_release("2.36") == 236);
	CHECK(fx_glibc_release("2.5") == 205);
	CHECK(fx_glibc_release("2.41.9000") == 241);
	CHECK(fx_glibc_release("") == 0 && fx_glibc_release("2") == 0 && fx_glibc_release(NULL) == 0);

	/* fork-based (2.28) and the posix_spawn releases before BZ #27053. */
	CHECK(fx_glibc_system_spawn_status(228, EAGAIN) == -1);
	CHECK(fx_glibc_system_spawn_status(232, ENOMEM) == -1);
	/* 2.33-2.40: the status of a shell that exited 127. */
	CHECK(fx_glibc_system_spawn_status(233, EAGAIN) == W_EXITCODE(127, 0));
	CHECK(fx_glibc_system_spawn_status(240, ENOMEM) == W_EXITCODE(127, 0));
	/* 2.41: -1 again for the resource errors only. */
	CHECK(fx_glibc_system_spawn_status(241, EAGAIN) == -1);
	CHECK(fx_glibc_system_spawn_status(242, ENOMEM) == -1);
	CHECK(fx_glibc_system_spawn_status(241, EPERM) == W_EXITCODE(127, 0));
}
