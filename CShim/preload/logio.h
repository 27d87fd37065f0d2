/* The log is opened for each record and closed again: a descriptor kept
 * open could be closed or dup2'd over by the program, and then our next
 * record would land in the program's own file. */
#ifndef FX_LOGIO_H
#define FX_LOGIO_H

#include <stddef.h>

/* Appends one whole line with one write(2). Returns 0, or -1 if the line
 * could not be written whole. */
int fx_log_write(const char *line, size_t len);

/* FORKEXPLAIN_STDERR=1: one short line per record on the program's stderr. */
void fx_log_notice(const char *call, const char *errname, int err);

#endif
