/* CloudLinux's LVE statistics (docs/kernel-facts.md §11.164), read from a
 * fixture machine: the uid's row found among every LVE's by its id, the
 * columns by the header's names; the uid's own per-lve file preferred;
 * no row for a uid without an LVE, the version still recorded. */
#include "config.h"
#include "cunit.h"
#include "lve.h"
#include "model.h"
#include "record.h"

#include <string.h>
#include <sys/types.h>

/* The c-unit binary is linked with --wrap=fx_openat (Makefile,
 * CUNIT_LDFLAGS): every fx_openat of CShim/common passes here (fx_open's,
 * made inside sys.c, does not), and those of LVE's files are counted, as
 * are those of the path a test names in cu_count_path. */
int __real_fx_openat(int dirfd, const char *path, int flags, mode_t mode);
int __wrap_fx_openat(int dirfd, const char *path, int flags, mode_t mode);
static int lve_opens;
const char *cu_count_path;
int cu_path_opens;

int __wrap_fx_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	if (strstr(path, "/lve/") != NULL)
		lve_opens++;
	if (cu_count_path != NULL && strcmp(path, cu_count_path) == 0)
		cu_path_opens++;
	return __real_fx_openat(dirfd, path, flags, mode);
}

static void collect_as(struct fx_snapshot *s, unsigned uid)
{
	memset(s, 0, sizeof(*s));
	cu_use_machine("machine", "cloudlinux");
	s->id.uid = uid;
	fx_lve_collect(s);
}

void test_lve(void)
{
	static struct fx_snapshot s;
	static char line[32768];

	/* /proc/lve/list: 1001 is the fourth row, after the defaults. */
	collect_as(&s, 1001);
	CHECK(s.lve.have && s.lve.version == 8);
	CHECK(s.lve.id.have && s.lve.id.v == 1001);
	CHECK(s.lve.nproc.v == 100 && s.lve.nproc_limit.v == 100 && s.lve.nproc_faults.v == 57);
	CHECK(s.lve.ep.v == 4 && s.lve.ep_limit.v == 20 && s.lve.ep_faults.v == 0);
	CHECK(s.lve.pmem.v == 61234 && s.lve.pmem_limit.v == 262144 && s.lve.pmem_faults.v == 0);
	CHECK(s.lve.vmem.v == 183000 && s.lve.vmem_limit.have && s.lve.vmem_limit.v == 0);
	CHECK(fx_record_failure(&s, line, sizeof(line)) > 0);
	CHECK(strstr(line, "\"lve\":{\"version\":8,\"id\":1001,\"ep\":4,\"ep_limit\":20,\"ep_faults\":0,\"nproc\":100,"
			   "\"nproc_limit\":100,\"nproc_faults\":57,\"pmem_pages\":61234,\"pmem_limit_pages\":262144,"
			   "\"pmem_faults\":0,\"vmem_pages\":183000,\"vmem_limit_pages\":0,\"vmem_faults\":0}") != NULL);

	/* 1002's own file, which the list does not have. */
	collect_as(&s, 1002);
	CHECK(s.lve.id.have && s.lve.id.v == 1002);
	CHECK(s.lve.pmem.v == 524100 && s.lve.pmem_limit.v == 524288 && s.lve.pmem_faults.v == 42);
	CHECK(s.lve.ep.v == 20 && s.lve.ep_faults.v == 311 && s.lve.nproc_limit.v == 150);

	/* A uid without an LVE: the kernel's version, no row. */
	collect_as(&s, 4242);
	CHECK(s.lve.have && s.lve.version == 8 && !s.lve.id.have && !s.lve.nproc.have);
	CHECK(fx_record_failure(&s, line, sizeof(line)) > 0);
	CHECK(strstr(line, "\"lve\":{\"version\":8}") != NULL);

	/* Any other kernel: nothing, and nothing noted; its two opens at the
	 * first failure, none at the failures after it. */
	memset(&s, 0, sizeof(s));
	cu_use_machine("machine", "openvz");
	s.id.uid = 1001;
	lve_opens = 0;
	fx_lve_collect(&s);
	CHECK(!s.lve.have && s.id.nunreadable == 0);
	CHECK(lve_opens == 2);
	lve_opens = 0;
	fx_lve_collect(&s);
	fx_lve_collect(&s);
	CHECK(!s.lve.have && s.id.nunreadable == 0);
	CHECK(lve_opens == 0);
	/* A configuration loaded again looks again (a fixture machine's /proc). */
	collect_as(&s, 1001);
	CHECK(s.lve.id.have && s.lve.id.v == 1001 && lve_opens == 2);
}
