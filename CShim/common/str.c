#include "str.h"

#include <string.h>

size_t fx_strlcpy(char *dst, const char *src, size_t cap)
{
	size_t n = 0;

	if (cap == 0)
		return 0;
	while (n < cap - 1 && src[n]) {
		dst[n] = src[n];
		n++;
	}
	dst[n] = '\0';
	return n;
}

int fx_join(char *out, size_t cap, const char *root, const char *suffix)
{
	size_t a = strlen(root), b = strlen(suffix);

	if (a + b + 1 > cap)
		return -1;
	memcpy(out, root, a);
	memcpy(out + a, suffix, b + 1);
	return 0;
}

const char *fx_find_key(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		/* "Key:" ends at its colon; a bare "key" must be followed by a
		 * blank, so "oom" does not find "oom_kill". */
		if (strncmp(p, key, klen) == 0 &&
		    (key[klen - 1] == ':' || p[klen] == ' ' || p[klen] == '\t')) {
			p += klen;
			while (*p == ' ' || *p == '\t')
				p++;
			return p;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

int fx_has_token(const char *list, size_t len, const char *token)
{
	size_t tlen = strlen(token);
	const char *p = list, *end = list + len;

	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t n = comma ? (size_t)(comma - p) : (size_t)(end - p);
		if (n == tlen && strncmp(p, token, n) == 0)
			return 1;
		p += n + 1;
	}
	return 0;
}
