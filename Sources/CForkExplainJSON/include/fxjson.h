#ifndef FXJSON_H
#define FXJSON_H

/*
 * One log line parsed by simdjson's On-Demand API into a flat list of
 * nodes, in document order, for the Swift reader to map into its model.
 * Lenient where a record needs it (docs/log-format.md, "Compatibility"): a
 * string that is not Unicode, or nesting deeper than FXJ_MAX_DEPTH, becomes
 * a node no field accepts instead of failing the line.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum fxj_kind {
	FXJ_NULL,
	FXJ_FALSE,
	FXJ_TRUE,
	FXJ_INT,	/* value.i */
	FXJ_UINT,	/* value.u: above INT64_MAX */
	FXJ_DOUBLE,	/* value.d: a fraction, an exponent, an integer beyond UINT64_MAX */
	FXJ_STRING,	/* value.s: bytes in fxj_doc.text, valid UTF-8 */
	FXJ_BAD_STRING, /* not Unicode: bad UTF-8 or a lone surrogate escape */
	FXJ_ARRAY,
	FXJ_OBJECT,
	FXJ_TOO_DEEP,	/* an array or object nested beyond FXJ_MAX_DEPTH, skipped */
};

enum { FXJ_MAX_DEPTH = 32 };

/* An object member's key hash when it has none a field could match: an
 * array element, a key that is not Unicode, a key repeated later in the
 * same object (the last one wins). */
#define FXJ_NO_KEY 0

struct fxj_node {
	uint32_t kind;
	/* The index just past this node's children: its next sibling. */
	uint32_t end;
	/* FNV-1a of the unescaped key, never FXJ_NO_KEY for a real key. */
	uint64_t key_hash;
	uint32_t key_offset, key_length;
	union {
		int64_t i;
		uint64_t u;
		double d;
		struct {
			uint32_t offset, length;
		} s;
	} value;
};

struct fxj_doc {
	const struct fxj_node *nodes;
	size_t count;
	/* Keys and strings, unescaped. */
	const uint8_t *text;
};

/* Parses one line; 0 and *doc filled, or -1 when it is not JSON. What
 * *doc points to is the calling thread's and lasts until its next call. */
int fxj_parse(const uint8_t *line, size_t length, struct fxj_doc *doc);

/* The key hash fxj_parse gives a key of these bytes. */
uint64_t fxj_key_hash(const uint8_t *key, size_t length);

#ifdef __cplusplus
}
#endif

#endif
