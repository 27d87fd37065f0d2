/* Reading a file under /proc for a snapshot, or noting in it that the
 * file could not be read: a collector never leaves a field out silently
 * (docs/log-format.md, "unreadable"). */
#ifndef FX_PROCREAD_H
#define FX_PROCREAD_H

#include <stddef.h>
#include <sys/types.h>

#include "model.h"

/* Adds path to s->unreadable (the first FX_UNREADABLE only). */
void fx_note_unreadable(struct fx_snapshot *s, const char *path);
/* Reads /proc's suffix whole into buf; returns its length, or -1 after
 * noting it. */
ssize_t fx_proc_read(struct fx_snapshot *s, const char *suffix, char *buf, size_t cap);
/* Opens /proc's suffix in s->lines; returns 0, or -1 after noting it. */
int fx_proc_lines(struct fx_snapshot *s, const char *suffix);

#endif
