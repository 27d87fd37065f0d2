/* errno number <-> name, for the names FORKEXPLAIN_* and the log use. */
#ifndef FX_ERRNAME_H
#define FX_ERRNAME_H

/* NULL for a number without a name here. */
const char *fx_errno_name(int err);
/* The first len bytes of name as an errno name or a bare number 1..255;
 * -1 if neither. */
int fx_errno_from_name(const char *name, int len);

#endif
