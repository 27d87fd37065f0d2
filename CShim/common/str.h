/* Bounded string building and lookup, for fixed buffers. */
#ifndef FX_STR_H
#define FX_STR_H

#include <stddef.h>

/* Copies at most cap-1 bytes and NUL-terminates. Returns the bytes copied. */
size_t fx_strlcpy(char *dst, const char *src, size_t cap);

/* Builds root + suffix into out; returns 0, or -1 if it would not fit. */
int fx_join(char *out, size_t cap, const char *root, const char *suffix);

/* "Key:<blanks>value" lookup in a NUL-terminated text: returns a pointer to
 * the value, or NULL. A key without the colon must be followed by a blank
 * ("oom" does not find "oom_kill"). */
const char *fx_find_key(const char *text, const char *key);

/* Whether the comma-separated list of len bytes holds token. */
int fx_has_token(const char *list, size_t len, const char *token);

#endif
