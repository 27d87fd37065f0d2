#include "muslver.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* musl's tools/version.sh: the VERSION file, or `git describe` of a
 * checkout, whose suffix is digits, letters and dashes. */
static int is_suffix_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '.';
}

/* The length of a version string starting at s (within end), or 0. */
static size_t version_at(const char *s, const char *end)
{
	const char *p = s;
	int part;

	for (part = 0; part < 3; part++) {
		if (p >= end || !is_digit(*p))
			return 0;
		while (p < end && is_digit(*p))
			p++;
		if (part < 2) {
			if (p >= end || *p != '.')
				return 0;
			p++;
		}
	}
	if (p < end && *p == '-') {
		while (p < end && is_suffix_char(*p))
			p++;
	}
	/* Whole strings only: "127.0.0.1" goes on with a fourth part. */
	if (p >= end || *p != '\0')
		return 0;
	return (size_t)(p - s);
}

size_t fx_musl_version_in(const char *mem, size_t len, char *out, size_t outlen)
{
	const char *p, *end = mem + len;
	size_t n;

	if (!mem || !out || outlen == 0)
		return 0;
	for (p = mem; p < end; p++) {
		/* Only at the start of a string: after a NUL. */
		if (p == mem || p[-1] != '\0' || !is_digit(*p))
			continue;
		n = version_at(p, end);
		if (n == 0)
			continue;
		if (n >= outlen)
			return 0;
		for (size_t i = 0; i < n; i++)
			out[i] = p[i];
		out[n] = '\0';
		return n;
	}
	return 0;
}
