/* What the failure path's tally buffer relies on (CShim/preload/failure.c,
 * struct tally_area): the longest tally line fits FX_RECORD_TALLY_MAX (or
 * without the command line fx_record_tally_max(0)) and a line past its
 * buffer is refused, never cut; and the identity a tally
 * carries is written and read in the first FX_SNAPSHOT_IDENTITY bytes of
 * the snapshot alone, the only pages of the tree's tally buffer filled
 * ahead. */
#include "cunit.h"
#include "config.h"
#include "errname.h"
#include "record.h"
#include "snapshot.h"
#include "stacktally.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static struct fx_snapshot s, painted;
static char line[FX_RECORD_TALLY_MAX + 64], other[FX_RECORD_TALLY_MAX + 64];
static char version[FX_LIBC_TEXT];

/* Every byte a control byte: written \u00XX, the longest escape. */
static void fill(char *field, size_t size)
{
	memset(field, 1, size - 1);
	field[size - 1] = '\0';
}

/* The worst tally (len bytes) with why no buffer was filled: the same
 * line, without it, where it would not fit (the tally is never refused
 * for it); with it where there is room. */
static void worst_with_why(size_t len)
{
	struct fx_fill_refusal why;
	size_t at = 0;

	memset(&why, 0, sizeof(why));
	why.reason = FX_REFUSED_MEMCG;
	why.version = 1;
	why.need = 8 << 20;
	why.current = 100;
	why.max = 200;
	strcpy(why.dir, "/sys/fs/cgroup/memory/a/b");
	why.path_at = strlen("/sys/fs/cgroup/memory");
	CHECK(fx_record_tally_why(&s.id, s.argv, &why, other, len, &at) == len && memcmp(line, other, len) == 0);
	CHECK(fx_record_tally_why(&s.id, s.argv, &why, other, sizeof(other), &at) > len);
	CHECK(strstr(other, "\"fill_refused\": {\"reason\": \"memcg\"") != NULL ||
	      strstr(other, "\"fill_refused\":{\"reason\":\"memcg\"") != NULL);
	CHECK(strstr(other, "\"mount\"") != NULL && strstr(other, "\"path\"") != NULL);
	/* None given, or none noted: the plain tally. */
	CHECK(fx_record_tally_why(&s.id, s.argv, NULL, other, len, &at) == len);
	why.reason = FX_REFUSED_NONE;
	CHECK(fx_record_tally_why(&s.id, s.argv, &why, other, sizeof(other), &at) == len);
}

/* The worst tally of failures held back (CShim/preload/heldtally.h): the
 * longest errno name named (errname.c), every field: within cap, as the tally area's line
 * is (its held object is never dropped, unlike fill_refused). */
static void worst_held(size_t cap)
{
	struct fx_tally_held held = { ENAMETOOLONG, FX_REFUSED_MEM_AVAILABLE, 1 };
	size_t len = fx_record_tally_held(&s.id, s.argv, &held, other, cap);

	CHECK(len > 0 && len <= cap);
	CHECK(strstr(other, "\"held\":{\"log_errno\":36,\"log_errno_name\":\"ENAMETOOLONG\",\"fill\":"
			    "\"mem_available\",\"overflow\":true}}\n") != NULL);
	/* What the frame keeps beyond this worst line, by the numbers. */
	CHECK(cap - len >= 256);
}

static void worst_tally(void)
{
	size_t len, at = 0;

	memset(&s, 0, sizeof(s));
	fill(s.id.time, sizeof(s.id.time));
	fill(s.id.host, sizeof(s.id.host));
	fill(s.id.kernel, sizeof(s.id.kernel));
	fill(s.id.boot_id, sizeof(s.id.boot_id));
	fill(s.id.comm, sizeof(s.id.comm));
	fill(s.id.thread_comm, sizeof(s.id.thread_comm));
	fill(s.id.exe, sizeof(s.id.exe));
	memset(s.argv, 1, sizeof(s.argv));
	s.id.argv_len = sizeof(s.argv);
	fill(version, sizeof(version));
	/* "glibc": its release is written a second time, as "glibc". */
	s.id.libc = "glibc";
	s.id.libc_version = version;
	s.id.state = 1;
	s.id.pid = s.id.tid = s.id.ppid = INT32_MIN;
	s.id.uid = s.id.euid = UINT32_MAX;
	s.id.call = FX_CALL_PTHREAD_CREATE;
	s.id.err = ENOMEM;
	s.id.suppressed = s.id.lost = UINT64_MAX;
	len = fx_record_tally(&s.id, s.argv, line, FX_RECORD_TALLY_MAX, &at);
	CHECK(len > 6 * sizeof(s.argv) && len <= FX_RECORD_TALLY_MAX);
	CHECK(at > 0 && at < len);
	/* Where it would not fit, it is refused whole (the failure path then
	 * counts the failures elsewhere): never a cut line. */
	CHECK(fx_record_tally(&s.id, s.argv, other, len - 1, NULL) == 0);
	CHECK(fx_record_tally_max(1) == FX_RECORD_TALLY_MAX);
	worst_held(FX_RECORD_TALLY_MAX);

	/* Without FORKEXPLAIN_CMDLINE no argv is read: the shorter bound. */
	s.id.argv_len = 0;
	len = fx_record_tally(&s.id, s.argv, line, fx_record_tally_max(0), &at);
	CHECK(len > 0 && len <= fx_record_tally_max(0) && fx_record_tally_max(0) < FX_RECORD_TALLY_MAX);
	CHECK(fx_record_tally(&s.id, s.argv, other, len - 1, NULL) == 0);
	worst_with_why(len);
	worst_held(fx_record_tally_max(0));
}

/* The identity collected (by collect) into a snapshot painted past
 * prefix leaves the paint as it was, and a tally reads none of it.
 * notes_off: as the failure path's tallies collect it. */
static void reach_by(void (*collect)(struct fx_snapshot *), size_t prefix, int notes_off)
{
	size_t len, len2, at = 0, at2 = 0;

	memset(&s, 0x5a, sizeof(s));
	memset(&s, 0, prefix);
	s.id.notes_off = notes_off;
	memcpy(&painted, &s, sizeof(s));
	s.id.call = FX_CALL_FORK;
	s.id.err = EAGAIN;
	s.id.suppressed = 3;
	collect(&s);
	CHECK(memcmp((char *)&s + prefix, (char *)&painted + prefix, sizeof(s) - prefix) == 0);
	len = fx_record_tally(&s.id, s.argv, line, sizeof(line), &at);
	memset((char *)&s + prefix, 0, sizeof(s) - prefix);
	len2 = fx_record_tally(&s.id, s.argv, other, sizeof(other), &at2);
	CHECK(len > 0 && len == len2 && at == at2 && memcmp(line, other, len) == 0);
}

static void reach(size_t prefix, int notes_off)
{
	reach_by(fx_snapshot_identity, prefix, notes_off);
}

/* The identity collected with every source missing (each one a note in
 * the unreadable list), then with the real /proc, the command line
 * included: all of it in the first FX_SNAPSHOT_IDENTITY bytes. */
static void identity_prefix(void)
{
	fx_config_load();
	fx_cfg.cmdline = 1;
	strcpy(fx_cfg.proc_root, "/nonexistent-forkexplain-proc");
	strcpy(fx_cfg.sys_root, "/nonexistent-forkexplain-sys");
	reach(FX_SNAPSHOT_IDENTITY, 0);
	CHECK(s.id.nunreadable > 0);
	fx_config_load();
	fx_cfg.cmdline = 1;
	reach(FX_SNAPSHOT_IDENTITY, 0);
	CHECK(s.id.pid > 0 && s.id.comm[0] != '\0');
	memset(&s, 0, sizeof(s));
	fx_snapshot_identity(&s);
	CHECK(s.id.argv_len > 0);
}

/* Without the command line (FORKEXPLAIN_CMDLINE unset, the default) a
 * tally's identity (notes_off) stops short of the unreadable list and the
 * command line, at FX_SNAPSHOT_BARE, every source missing or not: the
 * tally buffer's line starts there, over them, and they are never
 * filled. */
static void bare_prefix(void)
{
	fx_config_load();
	fx_cfg.cmdline = 0;
	strcpy(fx_cfg.proc_root, "/nonexistent-forkexplain-proc");
	strcpy(fx_cfg.sys_root, "/nonexistent-forkexplain-sys");
	reach(FX_SNAPSHOT_BARE, 1);
	CHECK(s.id.pid > 0 && s.id.nunreadable == 0);
	fx_config_load();
	fx_cfg.cmdline = 0;
	reach(FX_SNAPSHOT_BARE, 1);
	CHECK(s.id.comm[0] != '\0' && s.id.argv_len == 0);
	CHECK(FX_SNAPSHOT_TALLY(0) == FX_SNAPSHOT_BARE && FX_SNAPSHOT_TALLY(1) == FX_SNAPSHOT_IDENTITY);
	fx_config_load();
}

static void collect_bare(struct fx_snapshot *p)
{
	fx_snapshot_identity_bare(&p->id);
}

/* A tally composed on the caller's stack (CShim/preload/stacktally.c):
 * its identity, collected without the command line whatever
 * FORKEXPLAIN_CMDLINE says and noting nothing even with notes on, stays
 * in its struct fx_identity, the snapshot's first FX_SNAPSHOT_BARE bytes;
 * a usual line, with why, fits FX_STACK_TALLY_LINE; one that does not (a
 * long executable's path) is refused whole, never cut. */
static void stack_tally(void)
{
	struct fx_fill_refusal why;
	struct fx_identity id;
	size_t len;

	fx_config_load();
	fx_cfg.cmdline = 1;
	reach_by(collect_bare, FX_SNAPSHOT_BARE, 1);
	CHECK(s.id.pid > 0 && s.id.comm[0] != '\0' && s.id.argv_len == 0);
	strcpy(fx_cfg.proc_root, "/nonexistent-forkexplain-proc");
	strcpy(fx_cfg.sys_root, "/nonexistent-forkexplain-sys");
	reach_by(collect_bare, FX_SNAPSHOT_BARE, 0);
	CHECK(s.id.pid > 0 && s.id.comm[0] == '\0' && s.id.nunreadable == 0);
	CHECK(FX_SNAPSHOT_BARE == sizeof(struct fx_identity) && offsetof(struct fx_snapshot, id) == 0);
	fx_config_load();
	memset(&why, 0, sizeof(why));
	why.reason = FX_REFUSED_MEMCG;
	why.version = 1;
	why.need = 8 << 20;
	why.current = INT64_MAX;
	why.max = INT64_MAX;
	/* A container's level under a v1 hierarchy: some 90 bytes. */
	strcpy(why.dir, "/sys/fs/cgroup/memory/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope");
	why.path_at = strlen("/sys/fs/cgroup/memory");
	memset(&id, 0, sizeof(id));
	id.notes_off = 1;
	id.call = FX_CALL_PTHREAD_CREATE;
	id.err = ENOMEM;
	id.suppressed = id.lost = 1;
	fx_snapshot_identity_bare(&id);
	strcpy(id.host, "a-host-name-of-sixty-three-bytes-which-is-the-longest-allowed-x");
	strcpy(id.exe, "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
	len = fx_record_tally_why(&id, NULL, &why, line, FX_STACK_TALLY_LINE, NULL);
	CHECK(len > 0 && len <= FX_STACK_TALLY_LINE && strstr(line, "\"fill_refused\"") != NULL);
	fill(id.exe, sizeof(id.exe));
	CHECK(fx_record_tally_why(&id, NULL, &why, line, FX_STACK_TALLY_LINE, NULL) == 0);
}

void test_tallybound(void)
{
	stack_tally();
	bare_prefix();
	worst_tally();
	identity_prefix();
}
