/* The backtrace's frames resolved to modules, from /proc/self/maps. */
#ifndef FX_MODULES_H
#define FX_MODULES_H

#include <stdint.h>

#include "model.h"

/* Each frame's module, ELF virtual offset and build-id. Returns the number
 * of mappings it walked past (what vm.max_map_count limits), or -1 if the
 * maps could not be read. */
int64_t fx_modules_resolve(struct fx_snapshot *s);

#endif
