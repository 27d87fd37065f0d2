/* The failure path's own pages: ready only in the process that filled
 * them (a fork's child reads them wiped, or its parent's word), and the
 * fill check's cached answer, kept per owner. */
#include "cunit.h"
#include "ownpages.h"

#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18 /* Linux 4.14 */
#endif

struct pages {
	_Alignas(4096) _Atomic uint64_t ready;
	char rest[2 * 4096 - 8];
};

static struct pages mine;

/* In a fork's child: 0 its parent's pages are not its own, 1 they read
 * as wiped, 2 filled they are its own; the exit code is the sum. */
static int child_sees(int wiped_expected)
{
	int pid = (int)getpid(), code = 0;

	if (!fx_own_ready(&mine.ready, pid))
		code |= 1;
	if (wiped_expected && atomic_load(&mine.ready) == 0 && mine.rest[100] == 0)
		code |= 2;
	if (fx_own_fill(&mine, sizeof(mine), &mine.ready, pid) == 0 && fx_own_ready(&mine.ready, pid))
		code |= 4;
	return code;
}

static int in_child(int wiped_expected)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(child_sees(wiped_expected));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_cache(void)
{
	struct fx_fill_cache c;
	struct fx_fill_refusal why, got;

	memset(&c, 0, sizeof(c));
	memset(&why, 0, sizeof(why));
	why.reason = FX_REFUSED_MEMCG;
	why.current = 100;
	why.max = 101;
	CHECK(fx_fill_cached(&c, 7, 10, &got) == -1);
	fx_fill_keep(&c, 7, 1000, 0, &why);
	CHECK(fx_fill_cached(&c, 7, 10, &got) == 0);
	CHECK(got.reason == FX_REFUSED_MEMCG && got.current == 100 && got.max == 101);
	/* Another process's no is not this one's; nor a no that ended. */
	CHECK(fx_fill_cached(&c, 8, 10, &got) == -1);
	CHECK(fx_fill_cached(&c, 7, 1000, &got) == -1);
	fx_fill_keep(&c, 8, 2000, 1, NULL);
	CHECK(fx_fill_cached(&c, 8, 10, NULL) == 1);
	CHECK(fx_fill_cached(&c, 7, 10, &got) == -1);
}

/* Whether this kernel wipes a page advised MADV_WIPEONFORK in a fork's
 * child: qemu-user takes the advice and ignores it (a hint, it says), so
 * there the word's pid alone tells a child from its parent. */
static int wipe_honoured(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = 0, wiped;
	pid_t pid;

	if (p == MAP_FAILED)
		return -1;
	p[0] = 1;
	if (madvise(p, 4096, MADV_WIPEONFORK) != 0) {
		munmap(p, 4096);
		return 0;
	}
	pid = fork();
	if (pid == 0)
		_exit(p[0] == 0);
	wiped = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 1;
	munmap(p, 4096);
	return wiped;
}

void test_ownpages(void)
{
	int wipes = wipe_honoured();

	int pid = (int)getpid();

	/* Never filled: not ready, in the process or a child. */
	CHECK(!fx_own_ready(&mine.ready, pid));
	CHECK(in_child(0) == (1 | 4));
	CHECK(!fx_own_ready(&mine.ready, pid));
	/* Filled: ready here; a child forked after is not ready, reads them
	 * wiped where the kernel wipes (4.14 and later; not qemu-user), and
	 * fills its own. */
	mine.rest[100] = 1;
	CHECK(fx_own_fill(&mine, sizeof(mine), &mine.ready, pid) == 0);
	CHECK(fx_own_ready(&mine.ready, pid));
	CHECK(mine.rest[100] == 1);
	CHECK(wipes >= 0);
	CHECK(in_child(1) == (1 | (wipes > 0 ? 2 : 0) | 4));
	/* The child's fill is not the parent's: still its own here. */
	CHECK(fx_own_ready(&mine.ready, pid));
	CHECK(mine.rest[100] == 1);
	/* A word of another pid (a parent's, inherited without the wipe) is
	 * not this process's. */
	CHECK(!fx_own_ready(&mine.ready, pid + 1));
	test_cache();
}
