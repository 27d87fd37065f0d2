/* musl's release found in read-only data as its loader keeps it
 * (docs/libc-facts.md §1). */
#include "cunit.h"
#include "muslver.h"

#include <string.h>

/* The bytes between the quotes, the terminating NUL of the literal left
 * out: a segment's end need not be a string's. */
static size_t find(const char *data, size_t len, char *out, size_t outlen)
{
	return fx_musl_version_in(data, len, out, outlen);
}

void test_muslver(void)
{
	char out[32];
	static const char rodata[] = "\0infinity\0nan\0/proc/self/fd/\0001.2.3\0Unsupported request %d\0";
	static const char described[] = "x\0001.2.4-12-gabcdef0\0y";
	static const char address[] = "\000127.0.0.1\0";
	static const char inside[] = "\0v1.2.3\0abc1.2.3\0";
	static const char cut[] = "\0001.2.3";

	CHECK(find(rodata, sizeof(rodata) - 1, out, sizeof(out)) == 5 && strcmp(out, "1.2.3") == 0);
	CHECK(find(described, sizeof(described) - 1, out, sizeof(out)) == 17 &&
	      strcmp(out, "1.2.4-12-gabcdef0") == 0);
	/* Four parts is an address; a version inside a longer string is not
	 * one; a string the segment cuts short is not read past its end. */
	CHECK(find(address, sizeof(address) - 1, out, sizeof(out)) == 0);
	CHECK(find(inside, sizeof(inside) - 1, out, sizeof(out)) == 0);
	CHECK(find(cut, sizeof(cut) - 1, out, sizeof(out)) == 0);
	/* Too long for the buffer: nothing rather than a cut version. */
	CHECK(find(described, sizeof(described) - 1, out, 8) == 0);
	CHECK(find(NULL, 10, out, sizeof(out)) == 0);
}
