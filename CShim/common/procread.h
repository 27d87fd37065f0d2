/* Reading a file under /proc for a snapshot, or noting in it that the
 * file could not be read: a collector never leaves a field out silently
 * (docs/log-format.md, "absent" and "unreadable"). */
#ifndef FX_PROCREAD_H
#define FX_PROCREAD_H

#include <stddef.h>
#include <sys/types.h>

#include "model.h"

/* Notes path as failed with err: ENOENT lists it as absent (the file does
 * not exist, often because this kernel does not have it yet), any other
 * error as unreadable. The first FX_UNREADABLE of both only. */
void fx_note_failed(struct fx_snapshot *s, const char *path, int err);
/* Notes path as unreadable, whatever errno says. */
void fx_note_unreadable(struct fx_snapshot *s, const char *path);
/* Reads /proc's suffix, a file rendered whole at the first read
 * (fx_read_value), into buf; returns its length, or -1 after
 * noting it. */
ssize_t fx_proc_read(struct fx_snapshot *s, const char *suffix, char *buf, size_t cap);
/* Opens /proc's suffix in s->lines; returns 0, or -1 after noting it. */
int fx_proc_lines(struct fx_snapshot *s, const char *suffix);
/* Reads the inode of the namespace link /proc's suffix ("/self/ns/pid")
 * into v, or notes why not. */
void fx_proc_ns_inode(struct fx_snapshot *s, const char *suffix, struct fx_val *v);

#endif
