/* The clocks the shim reads, and how the log writes a time. */
#ifndef FX_CLOCK_H
#define FX_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* CLOCK_MONOTONIC in nanoseconds: rate limits and scan budgets. */
int64_t fx_monotonic_ns(void);

/* sec.nsec since the epoch (not before it) as "2024-02-29T23:59:59.999Z",
 * cut to cap-1 bytes. */
void fx_format_utc(char *out, size_t cap, int64_t sec, long nsec);
/* The current time, as above. */
void fx_format_time(char *out, size_t cap);

#endif
