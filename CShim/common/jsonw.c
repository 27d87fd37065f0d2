#include "jsonw.h"
#include "num.h"

#include <string.h>

void fx_json_init(struct fx_json *w, char *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->overflow = 0;
	w->depth = 0;
	memset(w->filled, 0, sizeof(w->filled));
}

static void put(struct fx_json *w, const char *s, size_t n)
{
	/* Keep one byte for the final newline. */
	if (w->overflow || w->len + n + 1 > w->cap) {
		w->overflow = 1;
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void putc1(struct fx_json *w, char c)
{
	put(w, &c, 1);
}

/* The length of the well-formed UTF-8 sequence at s (Unicode's table 3-7),
 * or 0: surrogates (ED A0..BF), overlong forms (C0, C1, E0 80..9F,
 * F0 80..8F), code points past U+10FFFF (F4 90.., F5..FF) and sequences cut
 * short by the end of the field are not UTF-8, and are escaped byte by
 * byte instead. */
static int utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	int len, i;

	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if ((size_t)len > n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

static void put_escaped(struct fx_json *w, const char *s, size_t n)
{
	const char *hex = fx_hex_digits;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	putc1(w, '"');
	while (i < n) {
		unsigned char c = p[i];
		if (c == '"' || c == '\\') {
			char esc[2] = { '\\', (char)c };
			put(w, esc, 2);
			i++;
		} else if (c >= 0x20 && c < 0x80) {
			putc1(w, (char)c);
			i++;
		} else if (c >= 0x80 && utf8_seq_len(p + i, n - i) > 0) {
			int len = utf8_seq_len(p + i, n - i);
			put(w, s + i, (size_t)len);
			i += (size_t)len;
		} else {
			/* Control bytes, and bytes that are not UTF-8, read as
			 * Latin-1: the record stays valid JSON whatever the
			 * kernel handed us. */
			char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			put(w, esc, 6);
			i++;
		}
	}
	putc1(w, '"');
}

/* The comma and "key": before a member. */
static void member(struct fx_json *w, const char *key)
{
	if (w->depth > 0) {
		if (w->filled[w->depth - 1])
			putc1(w, ',');
		w->filled[w->depth - 1] = 1;
	}
	if (key) {
		put_escaped(w, key, strlen(key));
		putc1(w, ':');
	}
}

static void open_container(struct fx_json *w, const char *key, char c)
{
	member(w, key);
	putc1(w, c);
	if (w->depth >= FX_JSON_MAX_DEPTH) {
		w->overflow = 1;
		return;
	}
	w->filled[w->depth++] = 0;
}

static void close_container(struct fx_json *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	putc1(w, c);
}

void fx_json_object_begin(struct fx_json *w, const char *key)
{
	open_container(w, key, '{');
}

void fx_json_object_end(struct fx_json *w)
{
	close_container(w, '}');
}

void fx_json_array_begin(struct fx_json *w, const char *key)
{
	open_container(w, key, '[');
}

void fx_json_array_end(struct fx_json *w)
{
	close_container(w, ']');
}

void fx_json_strn(struct fx_json *w, const char *key, const char *s, size_t n)
{
	member(w, key);
	put_escaped(w, s, n);
}

void fx_json_str(struct fx_json *w, const char *key, const char *s)
{
	fx_json_strn(w, key, s, strlen(s));
}

void fx_json_u64(struct fx_json *w, const char *key, uint64_t v)
{
	char num[21];

	member(w, key);
	put(w, num, fx_utoa(num, v));
}

size_t fx_json_u64_padded(struct fx_json *w, const char *key, uint64_t v)
{
	char num[FX_JSON_U64_WIDTH];
	size_t at;

	member(w, key);
	at = w->len;
	fx_num_padded(num, v);
	put(w, num, sizeof(num));
	return at;
}

void fx_json_i64(struct fx_json *w, const char *key, int64_t v)
{
	char num[22];
	size_t n = 0;
	uint64_t mag = (uint64_t)v;

	member(w, key);
	if (v < 0) {
		num[n++] = '-';
		mag = 0 - mag;
	}
	n += fx_utoa(num + n, mag);
	put(w, num, n);
}

void fx_json_hex(struct fx_json *w, const char *key, uint64_t v)
{
	const char *hex = fx_hex_digits;
	char tmp[16], num[20];
	size_t n = 0, i;

	do {
		tmp[n++] = hex[v & 15];
		v >>= 4;
	} while (v);
	num[0] = '"';
	num[1] = '0';
	num[2] = 'x';
	for (i = 0; i < n; i++)
		num[3 + i] = tmp[n - 1 - i];
	num[3 + n] = '"';
	member(w, key);
	put(w, num, n + 4);
}

void fx_json_bool(struct fx_json *w, const char *key, int v)
{
	member(w, key);
	if (v)
		put(w, "true", 4);
	else
		put(w, "false", 5);
}

size_t fx_json_finish(struct fx_json *w)
{
	if (w->overflow || w->depth != 0)
		return 0;
	/* put() always left room for this byte. */
	w->buf[w->len++] = '\n';
	return w->len;
}
