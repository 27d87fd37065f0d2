/* One bounded pass over /proc: task counts and the top PID holders. */
#ifndef FX_PROCSCAN_H
#define FX_PROCSCAN_H

#include "model.h"

/* Needs the PID namespaces and uid already in s. */
void fx_procscan_collect(struct fx_snapshot *s);

#endif
