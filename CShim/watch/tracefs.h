/* tracefs: found, mounted if it is not, and the id and fields of a
 * trace event read from it (docs/watch.md). */
#ifndef FX_TRACEFS_H
#define FX_TRACEFS_H

#include <stddef.h>

/* The tracefs directory in out. *mounted is set when this call mounted it.
 * Returns 0, or -1 with a reason in why. */
int fx_tracefs_find(char *out, size_t cap, int *mounted, char *why, size_t whycap);

/* The id of events/EVENT ("syscalls/sys_exit_clone"), and where its
 * signed `ret` field sits in its raw record and its size (4 or 8); -1 if
 * there is no such event. */
int fx_tracefs_event(const char *tracefs, const char *event, int *ret_offset, int *ret_size);

/* The id of events/EVENT alone (a common_type is a u16), or -1. */
int fx_tracefs_id(const char *tracefs, const char *event);

/* Where the field named `field` sits in the event's raw record, and its
 * size in bytes. Returns 0, or -1 when the event has no such field. */
int fx_tracefs_field(const char *tracefs, const char *event, const char *field, int *offset, int *size);

#endif
