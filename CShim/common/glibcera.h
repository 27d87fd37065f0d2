/* What a glibc release does that another does not, where the shim must
 * know it (docs/kernel-facts.md §6.2). */
#ifndef FX_GLIBCERA_H
#define FX_GLIBCERA_H

/* "2.36" -> 236 (major * 100 + minor); 0 for anything else. */
int fx_glibc_release(const char *version);

/* What system() of glibc release (as fx_glibc_release) returns when it
 * could not spawn the shell with err: -1 on 2.32 and before and, for
 * EAGAIN and ENOMEM, on 2.41 and later; the status of a shell that exited
 * 127 otherwise. errno is err either way. */
int fx_glibc_system_spawn_status(int release, int err);

#endif
