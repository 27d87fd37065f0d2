/* musl has no call that names its release: the only copy is the string
 * its dynamic loader prints when run with no arguments ("Version 1.2.3"),
 * kept in the read-only data of libc.so (docs/libc-facts.md §1). */
#ifndef FX_MUSLVER_H
#define FX_MUSLVER_H

#include <stddef.h>

/* Looks through len bytes of read-only data for musl's version string:
 * a NUL-delimited "MAJOR.MINOR.PATCH", optionally followed by a
 * git-describe suffix ("-12-gabcdef"). Copies the first one found into
 * out (size outlen, NUL-terminated) and returns its length, or 0 when
 * there is none or it does not fit. Reads nothing outside [mem, mem+len). */
size_t fx_musl_version_in(const char *mem, size_t len, char *out, size_t outlen);

#endif
