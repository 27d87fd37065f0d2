/* Private memory the failure path may write only once it is its process's
 * own: filled by this process behind the fill check, never a page still
 * shared copy-on-write with a parent or never touched (docs/performance.md,
 * "The failure path's private counters"). And the fill check's answer,
 * cached where writing it takes no new page. */
#ifndef FX_OWNPAGES_H
#define FX_OWNPAGES_H

#include "model.h"

#include <stddef.h>
#include <stdint.h>

/* Whether mem (page-aligned, len bytes, whose first word is *ready) was
 * filled by process pid: its pages are then its own, and writing them
 * takes no page. A fork's child reads its parent's word, or none: zero
 * (MADV_WIPEONFORK, set by fx_own_fill()), so not its own. */
int fx_own_ready(const _Atomic uint64_t *ready, int pid);

/* Faults in mem's len bytes for writing (MADV_POPULATE_WRITE: a copy of
 * each page still shared with a parent, a new page for each one never
 * touched), marks them wiped in a fork's child (MADV_WIPEONFORK, best
 * effort) and sets *ready to pid's word. Only behind a fill check that
 * said yes. Returns 0, or -1 with errno (ENOMEM: memory short after all).
 * A kernel before 5.14 (EINVAL) has no populate: the pages are then
 * written as they come, as before, and the check's margin covers them. */
int fx_own_fill(void *mem, size_t len, _Atomic uint64_t *ready, int pid);

/* The fill check's last answer, how long it holds, whose it is, and why
 * it said no (under a sequence, odd while written, one writer at a
 * time). A process's own, in its own pages, or the tree's, in the shared
 * slot: there only a no is kept, by one process at a time (owner). */
struct fx_fill_cache {
	_Atomic uint64_t owner;
	_Atomic int64_t until;
	_Atomic int verdict;
	_Atomic unsigned why_seq;
	_Atomic int why_busy;
	struct fx_fill_refusal why;
};

/* The cached answer for owner at now (monotonic ns): 1 yes, 0 no (why, if
 * not NULL, its reason, FX_REFUSED_NONE if it changed meanwhile), -1
 * none. */
int fx_fill_cached(struct fx_fill_cache *c, uint64_t owner, int64_t now, struct fx_fill_refusal *why);

/* Keeps answer yes (why its reason if no) for owner until `until`. */
void fx_fill_keep(struct fx_fill_cache *c, uint64_t owner, int64_t until, int yes, const struct fx_fill_refusal *why);

#endif
