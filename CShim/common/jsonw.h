/* An append-only JSON writer into a fixed buffer: no allocation, no stdio.
 * Once the buffer is full every call is a no-op and `overflow` is set, so a
 * record is either whole or recognisably refused, never a torn line. */
#ifndef FX_JSONW_H
#define FX_JSONW_H

#include <stddef.h>
#include <stdint.h>

#define FX_JSON_MAX_DEPTH 8

struct fx_json {
	char *buf;
	size_t cap;
	size_t len;
	int overflow;
	int depth;
	/* Whether the container at each depth already holds a member. */
	unsigned char filled[FX_JSON_MAX_DEPTH];
};

void fx_json_init(struct fx_json *w, char *buf, size_t cap);

/* key may be NULL inside arrays. */
void fx_json_object_begin(struct fx_json *w, const char *key);
void fx_json_object_end(struct fx_json *w);
void fx_json_array_begin(struct fx_json *w, const char *key);
void fx_json_array_end(struct fx_json *w);

void fx_json_str(struct fx_json *w, const char *key, const char *s);
void fx_json_strn(struct fx_json *w, const char *key, const char *s, size_t n);
void fx_json_i64(struct fx_json *w, const char *key, int64_t v);
void fx_json_u64(struct fx_json *w, const char *key, uint64_t v);
/* v in FX_JSON_U64_WIDTH bytes, digits then spaces (whitespace JSON
 * allows after a value): a count that can be rewritten in place, in the
 * same bytes. Returns where the digits start in the buffer. */
#define FX_JSON_U64_WIDTH 20
size_t fx_json_u64_padded(struct fx_json *w, const char *key, uint64_t v);
void fx_json_hex(struct fx_json *w, const char *key, uint64_t v);
void fx_json_bool(struct fx_json *w, const char *key, int v);

/* Ends the line with '\n'. Returns the length, or 0 on overflow. */
size_t fx_json_finish(struct fx_json *w);

#endif
