/* The string functions the library calls, its own: hidden, so that every
 * call in the library binds here when it is linked, and the dynamic loader
 * has none of them to look up in libc (and no IFUNC resolver to run) at
 * the start of every program the library is preloaded into: some 900
 * instructions each (README, "Performance"). The compiler's own calls (a
 * structure copied or cleared) land here too. Plain loops: the strings and
 * buffers the shim handles are short, and nothing here allocates, locks or
 * touches errno, so every function is safe in a signal handler and a vfork
 * child.
 * GCC turns a loop that copies or fills memory back into a call to memcpy
 * or memset, which would be these functions calling themselves: each loop
 * that could be one is built without that pattern (glibc builds its own
 * string functions the same way, "inhibit_loop_to_libcall"). */
#include <stddef.h>
#include <string.h>

#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

NO_LIBCALL void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

NO_LIBCALL void *memchr(const void *p, int c, size_t n)
{
	const unsigned char *s = p;

	for (; n; n--, s++)
		if (*s == (unsigned char)c)
			return (void *)s;
	return NULL;
}

NO_LIBCALL size_t strlen(const char *s)
{
	const char *e = s;

	while (*e)
		e++;
	return (size_t)(e - s);
}

NO_LIBCALL char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

NO_LIBCALL char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

NO_LIBCALL int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

NO_LIBCALL int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

NO_LIBCALL size_t strcspn(const char *s, const char *reject)
{
	const char *p = s;

	for (; *p; p++)
		if (strchr(reject, *p))
			break;
	return (size_t)(p - s);
}

NO_LIBCALL char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return (char *)hay;
	return n == 0 ? (char *)hay : NULL;
}
