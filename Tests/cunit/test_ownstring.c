/* The library's own string functions (CShim/preload/ownstring.c), which
 * this test program is linked with too. Called through volatile pointers:
 * the compiler would otherwise work most of these calls out itself and
 * never make them. */
#include "cunit.h"

#include <string.h>

static void *(*volatile set)(void *, int, size_t) = memset;
static void *(*volatile copy)(void *restrict, const void *restrict, size_t) = memcpy;
static void *(*volatile move)(void *, const void *, size_t) = memmove;
static void *(*volatile find_byte)(const void *, int, size_t) = memchr;
static size_t (*volatile length)(const char *) = strlen;
static char *(*volatile find_char)(const char *, int) = strchr;
static char *(*volatile find_last)(const char *, int) = strrchr;
static int (*volatile compare)(const char *, const char *) = strcmp;
static int (*volatile compare_n)(const char *, const char *, size_t) = strncmp;
static size_t (*volatile span_not)(const char *, const char *) = strcspn;
static char *(*volatile find_str)(const char *, const char *) = strstr;

static void test_memory(void)
{
	char b[16] = "0123456789";

	CHECK(set(b, 'x', 3) == b && b[0] == 'x' && b[2] == 'x' && b[3] == '3');
	CHECK(set(b, 'y', 0) == b && b[0] == 'x');
	CHECK(copy(b, "abc", 3) == b && b[0] == 'a' && b[2] == 'c' && b[3] == '3');
	/* Overlapping both ways. */
	CHECK(move(b + 1, b, 4) == b + 1 && b[1] == 'a' && b[2] == 'b' && b[3] == 'c' && b[4] == '3');
	CHECK(move(b, b + 1, 4) == b && b[0] == 'a' && b[1] == 'b' && b[2] == 'c' && b[3] == '3');
	CHECK(find_byte(b, '5', 10) == b + 5);
	CHECK(find_byte(b, '5', 5) == NULL);
	CHECK(find_byte(b, '\0', 11) == b + 10);
}

static void test_strings(void)
{
	const char *s = "a/b/c", *a = "aaab";

	CHECK(length("") == 0 && length(s) == 5);
	CHECK(find_char(s, '/') == s + 1 && find_char(s, 'z') == NULL && find_char(s, '\0') == s + 5);
	CHECK(find_last(s, '/') == s + 3 && find_last(s, 'z') == NULL && find_last(s, '\0') == s + 5);
	CHECK(compare("abc", "abc") == 0 && compare("abc", "abd") < 0 && compare("abd", "abc") > 0);
	CHECK(compare("ab", "abc") < 0 && compare("\xff", "a") > 0);
	CHECK(compare_n("abcx", "abcy", 3) == 0 && compare_n("abcx", "abcy", 4) < 0);
	CHECK(compare_n("ab", "abc", 5) < 0 && compare_n("x", "y", 0) == 0);
	CHECK(span_not("name value", " \t") == 4 && span_not("name", " ") == 4 && span_not("", "x") == 0);
	CHECK(find_str(a, "aab") == a + 1 && find_str(a, "b") == a + 3);
	CHECK(find_str(s, "b/") == s + 2 && find_str(s, "c/") == NULL && find_str(s, "") == s);
	CHECK(find_str("ab", "abc") == NULL && find_str("", "") != NULL && find_str("", "a") == NULL);
}

void test_ownstring(void)
{
	test_memory();
	test_strings();
}
