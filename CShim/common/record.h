/* Snapshot to one JSON line of the log (docs/log-format.md, schema 1). */
#ifndef FX_RECORD_H
#define FX_RECORD_H

#include <stddef.h>
#include "model.h"

#define FX_SCHEMA 1

size_t fx_record_failure(const struct fx_snapshot *s, char *buf, size_t cap);
/* The same state with no call: what forkexplain check reads. */
size_t fx_record_snapshot(const struct fx_snapshot *s, char *buf, size_t cap);
/* A tally carries only the header, the process and the counts. With
 * count_at, its suppressed count is written in FX_JSON_U64_WIDTH bytes
 * (padded with spaces) and *count_at is where they start in buf. */
size_t fx_record_tally(const struct fx_snapshot *s, char *buf, size_t cap, size_t *count_at);

#endif
