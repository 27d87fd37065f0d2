/* A tally line's bytes, pinned: the record writer reads a tally's identity
 * through struct fx_identity (common/model.h), and the line it writes from
 * a known identity, with and without the command line and the reason no
 * buffer was filled, is held to the bytes written before that struct
 * existed (docs/log-format.md, "tally"). */
#include "cunit.h"
#include "calls.h"
#include "record.h"

#include <errno.h>
#include <string.h>

static char line[4096];

/* The record's own "arch" (common/record.c). */
#if defined(__x86_64__)
#define ARCH "x86_64"
#else
#define ARCH "aarch64"
#endif

/* Written by the writer before struct fx_identity, from known(). */
static const char with_argv[] =
	"{\"schema\":1,\"type\":\"tally\",\"time\":\"2026-11-29T06:00:00.123456Z\",\"host\":\"node-7\",\"boot_id\":\"0f5e2c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6\",\"kernel\":\"6.1.0-18-amd64\",\"arch\":\"" ARCH "\",\"libc\":\"glibc\",\"libc_version\":\"2.36\",\"glibc\":\"2.36\",\"process\":{\"pid\":4242,\"tid\":4250,\"ppid\":1,\"uid\":1000,\"euid\":1000,\"comm\":\"java\",\"thread_comm\":\"pool-1-thread-9\",\"state\":\"R\",\"seccomp\":2,\"exe\":\"/usr/lib/jvm/bin/java \\\"q\\\"\",\"argv\":[\"java\",\"-Xss1m\",\"Main\"]},\"call\":{\"name\":\"pthread_create\",\"errno\":11,\"errno_name\":\"EAGAIN\",\"suppressed\":12                  ,\"lost\":3}}\n";
static const char from_watch[] =
	"{\"schema\":1,\"type\":\"tally\",\"source\":\"watch\",\"time\":\"2026-11-29T06:00:00.123456Z\",\"host\":\"node-7\",\"boot_id\":\"0f5e2c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6\",\"kernel\":\"6.1.0-18-amd64\",\"arch\":\"" ARCH "\",\"libc\":\"glibc\",\"libc_version\":\"2.36\",\"glibc\":\"2.36\",\"process\":{\"pid\":4242,\"tid\":4250,\"ppid\":1,\"uid\":1000,\"euid\":1000,\"comm\":\"java\",\"thread_comm\":\"pool-1-thread-9\",\"state\":\"R\",\"seccomp\":2,\"exe\":\"/usr/lib/jvm/bin/java \\\"q\\\"\"},\"call\":{\"name\":\"clone3\",\"errno\":11,\"errno_name\":\"EAGAIN\",\"suppressed\":12,\"lost\":3}}\n";
static const char with_why[] =
	"{\"schema\":1,\"type\":\"tally\",\"time\":\"2026-11-29T06:00:00.123456Z\",\"host\":\"node-7\",\"boot_id\":\"0f5e2c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6\",\"kernel\":\"6.1.0-18-amd64\",\"arch\":\"" ARCH "\",\"libc\":\"glibc\",\"libc_version\":\"2.36\",\"glibc\":\"2.36\",\"process\":{\"pid\":4242,\"tid\":4250,\"ppid\":1,\"uid\":1000,\"euid\":1000,\"comm\":\"java\",\"thread_comm\":\"pool-1-thread-9\",\"state\":\"R\",\"seccomp\":2,\"exe\":\"/usr/lib/jvm/bin/java \\\"q\\\"\"},\"call\":{\"name\":\"pthread_create\",\"errno\":11,\"errno_name\":\"EAGAIN\",\"suppressed\":12,\"lost\":3},\"fill_refused\":{\"reason\":\"memcg\",\"need_bytes\":8388608,\"version\":2,\"mount\":\"/sys/fs/cgroup\",\"path\":\"/a/b\",\"counter\":\"memory\",\"current_bytes\":1000,\"max_bytes\":2000}}\n";

static void known(struct fx_snapshot *s)
{
	static const char argv[] = "java\0-Xss1m\0Main";

	memset(s, 0, sizeof(*s));
	strcpy(s->id.time, "2026-11-29T06:00:00.123456Z");
	strcpy(s->id.host, "node-7");
	strcpy(s->id.kernel, "6.1.0-18-amd64");
	strcpy(s->id.boot_id, "0f5e2c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6");
	s->id.libc = "glibc";
	s->id.libc_version = "2.36";
	s->id.pid = 4242;
	s->id.tid = 4250;
	s->id.ppid = 1;
	s->id.uid = 1000;
	s->id.euid = 1000;
	strcpy(s->id.comm, "java");
	strcpy(s->id.thread_comm, "pool-1-thread-9");
	s->id.state = 'R';
	s->id.seccomp.v = 2;
	s->id.seccomp.have = 1;
	strcpy(s->id.exe, "/usr/lib/jvm/bin/java \"q\"");
	memcpy(s->argv, argv, sizeof(argv));
	s->id.argv_len = sizeof(argv);
	s->id.notes_off = 1;
	s->id.call = FX_CALL_PTHREAD_CREATE;
	s->id.err = EAGAIN;
	s->id.suppressed = 12;
	s->id.lost = 3;
}

static struct fx_snapshot s;

void test_tallyline(void)
{
	static const struct fx_fill_refusal why = { .reason = FX_REFUSED_MEMCG, .version = 2, .need = 8 << 20,
						    .current = 1000, .max = 2000, .path_at = sizeof("/sys/fs/cgroup") - 1,
						    .dir = "/sys/fs/cgroup/a/b" };
	size_t len, at = 0;

	known(&s);
	len = fx_record_tally(&s.id, s.argv, line, sizeof(line), &at);
	CHECK(len == strlen(with_argv) && memcmp(line, with_argv, len) == 0);
	/* The padded count, where the writer raises it in place. */
	CHECK(at > 0 && memcmp(line + at, "12 ", 3) == 0);
	s.id.argv_len = 0;
	s.id.source = "watch";
	s.id.call_name = "clone3";
	len = fx_record_tally(&s.id, s.argv, line, sizeof(line), NULL);
	CHECK(len == strlen(from_watch) && memcmp(line, from_watch, len) == 0);
	s.id.source = NULL;
	s.id.call_name = NULL;
	len = fx_record_tally_why(&s.id, s.argv, &why, line, sizeof(line), NULL);
	CHECK(len == strlen(with_why) && memcmp(line, with_why, len) == 0);
}
