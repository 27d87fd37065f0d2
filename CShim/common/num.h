/* Numbers to and from text, without stdio. */
#ifndef FX_NUM_H
#define FX_NUM_H

#include <stddef.h>
#include <stdint.h>

/* The one table of hex digits, lower case. */
extern const char fx_hex_digits[17];

/* Writes v in decimal, NUL-terminated, into out, which holds at least 21
 * bytes. Returns the number of digits. */
size_t fx_utoa(char *out, uint64_t v);

/* Writes v in decimal into out's 20 bytes (the most a uint64_t takes),
 * left-aligned, padded with spaces, not NUL-terminated. */
void fx_num_padded(char out[20], uint64_t v);

/* Parses a decimal integer at *s, skipping leading blanks; advances *s.
 * A value past the range saturates. Returns 0, or -1 if there is no
 * number (*s and *out are then left alone). */
int fx_parse_i64(const char **s, int64_t *out);

/* Parses lower-case hex digits at *s (no "0x", no blanks); advances *s.
 * Returns 0, or -1 if there is no digit. */
int fx_parse_hex(const char **s, uint64_t *out);

#endif
