/* A bounded wait on the failure path for another thread's moment of
 * work: pauses that grow, so that many waiters do not take the CPU from
 * the one they wait for, until a total is slept. No lock, no memory. */
#ifndef FX_BACKOFF_H
#define FX_BACKOFF_H

#include <stdint.h>

struct fx_backoff {
	int64_t pause_ns; /* the next pause */
	int64_t left_ns; /* what may still be slept */
};

/* The first pause is first_ns, doubled after each up to 10 ms; in all at
 * most total_ns. */
void fx_backoff_start(struct fx_backoff *b, int64_t first_ns, int64_t total_ns);

/* Sleeps the next pause: 0, or -1 (no sleep) once the total is spent. */
int fx_backoff_pause(struct fx_backoff *b);

#endif
