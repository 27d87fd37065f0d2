/* glibc: it names its own release (gnu_get_libc_version), and system()
 * changed what it returns on a failed spawn between releases
 * (glibcera.c, docs/kernel-facts.md §6.2). */
#include "libc.h"
#include "glibcera.h"

#include <gnu/libc-version.h>
#include <stddef.h>

/* Weak: the glibc build of the shim preloaded into a musl program must
 * still load there, find this NULL and stand aside
 * (preload/interpose.c fx_init, docs/libc-facts.md §4). */
#pragma weak gnu_get_libc_version

const char *fx_libc_name(void)
{
	return "glibc";
}

const char *fx_libc_version(void)
{
	return gnu_get_libc_version ? gnu_get_libc_version() : NULL;
}

const char *fx_libc_foreign(void)
{
	if (gnu_get_libc_version)
		return NULL;
	return "forkexplain: libforkexplain.so is built for glibc and this program runs on musl: "
	       "nothing is recorded; preload libforkexplain-musl.so instead (forkexplain run picks it)\n";
}

/* Nothing at start-up: the release is read where it is needed, on the
 * rare injected failure of system(). Parsing it here made every program
 * fault in a page of libc's read-only data it may never read otherwise
 * (README, "Performance"). */
void fx_libc_init(void)
{
}

int fx_libc_system_spawn_status(int err)
{
	return fx_glibc_system_spawn_status(fx_glibc_release(fx_libc_version()), err);
}
