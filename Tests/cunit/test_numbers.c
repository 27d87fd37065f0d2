/* Number parsing and formatting at their limits. */
#include "cunit.h"
#include "fileio.h"
#include "num.h"
#include "str.h"

#include <stdint.h>
#include <string.h>

static void parse_i64(void)
{
	const char *p;
	int64_t v = 0;

	p = "  42 rest";
	CHECK(fx_parse_i64(&p, &v) == 0 && v == 42);
	CHECK_STR(p, " rest");
	p = "\t-7";
	CHECK(fx_parse_i64(&p, &v) == 0 && v == -7);
	p = "9223372036854775807";
	CHECK(fx_parse_i64(&p, &v) == 0 && v == INT64_MAX);
	/* Past the range: saturated, and the digits still consumed. */
	p = "99999999999999999999x";
	CHECK(fx_parse_i64(&p, &v) == 0 && v == INT64_MAX);
	CHECK_STR(p, "x");
	p = "-99999999999999999999";
	CHECK(fx_parse_i64(&p, &v) == 0 && v == -INT64_MAX);
	v = 5;
	p = "max";
	CHECK(fx_parse_i64(&p, &v) == -1 && v == 5);
	CHECK_STR(p, "max");
	p = "";
	CHECK(fx_parse_i64(&p, &v) == -1);
	p = "-";
	CHECK(fx_parse_i64(&p, &v) == -1);
	p = "- 3";
	CHECK(fx_parse_i64(&p, &v) == -1);
}

static void read_i64(void)
{
	int64_t v = -1;
	int is_max = -1;

	CHECK(fx_read_i64(cu_temp_file("max", "max\n", 4), &v, &is_max) == 0 && is_max == 1);
	CHECK(fx_read_i64(cu_temp_file("n", "12345\n", 6), &v, &is_max) == 0 && is_max == 0 && v == 12345);
	CHECK(fx_read_i64(cu_temp_file("neg", "-1\n", 3), &v, &is_max) == 0 && v == -1);
	CHECK(fx_read_i64(cu_temp_file("junk", "garbage\n", 8), &v, &is_max) == -1);
	CHECK(fx_read_i64(cu_temp_file("empty", "", 0), &v, &is_max) == -1);
	CHECK(fx_read_i64("/nonexistent/forkexplain", &v, &is_max) == -1);
}

static void hex(void)
{
	const char *p = "7f0a-beef";
	uint64_t v = 0;

	CHECK(fx_parse_hex(&p, &v) == 0 && v == 0x7f0a);
	CHECK_STR(p, "-beef");
	p = "ffffffffffffffff";
	CHECK(fx_parse_hex(&p, &v) == 0 && v == UINT64_MAX);
	p = "xyz";
	CHECK(fx_parse_hex(&p, &v) == -1);
	CHECK(strcmp(fx_hex_digits, "0123456789abcdef") == 0);
}

static void utoa(void)
{
	char out[21];

	CHECK(fx_utoa(out, 0) == 1);
	CHECK_STR(out, "0");
	CHECK(fx_utoa(out, UINT64_MAX) == 20);
	CHECK_STR(out, "18446744073709551615");
}

static void strings(void)
{
	char out[8];
	const char *text = "oom_kill 2\noom 1\nmax 3\nKey:\t 4\n";

	CHECK(fx_strlcpy(out, "abcdefghij", sizeof(out)) == 7);
	CHECK_STR(out, "abcdefg");
	CHECK(fx_join(out, sizeof(out), "abc", "defg") == 0);
	CHECK_STR(out, "abcdefg");
	CHECK(fx_join(out, sizeof(out), "abcd", "efgh") == -1);
	CHECK_STR(fx_find_key(text, "oom_kill"), "2\noom 1\nmax 3\nKey:\t 4\n");
	CHECK_STR(fx_find_key(text, "oom"), "1\nmax 3\nKey:\t 4\n");
	CHECK_STR(fx_find_key(text, "Key:"), "4\n");
	CHECK(fx_find_key(text, "min") == NULL);
}

void test_numbers(void)
{
	parse_i64();
	read_i64();
	hex();
	utoa();
	strings();
}
