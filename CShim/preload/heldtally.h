/* Failures held back: a tally that could not be written at a failure
 * without room (the log could not be opened at a full memory cgroup:
 * docs/kernel-facts.md §6.30) is kept as a count in the tree's shared,
 * filled tally area, and written by the next writer of the tree that can
 * open the log (CShim/preload/failure.c, docs/log-format.md, "held"). No
 * malloc, no lock: each slot is one word, taken and emptied by atomic
 * operations, so that a count is never in two places or none. */
#ifndef FX_HELDTALLY_H
#define FX_HELDTALLY_H

#include <stdint.h>

/* Keys held at once; past them failures go to the overflow word. */
#define FX_HELD_SLOTS 8
/* The count in a word's low 32 bits. */
#define FX_HELD_COUNT_MAX UINT32_MAX

/* Each word: its key in the high 32 bits, the count in the low 32; 0
 * empty. overflow keeps the key of the first failure that found every
 * slot taken by another key, and counts every one after it, whatever its
 * key. */
struct fx_held {
	_Atomic uint64_t slot[FX_HELD_SLOTS];
	_Atomic uint64_t overflow;
};

/* What a key says: the tally's call and errno, why no buffer was filled
 * (enum fx_refusal), and the errno that kept the line from the log. */
struct fx_held_key {
	int call;
	int err;
	int fill;
	int log_err;
};

/* The key of k, never 0; errnos past 4095 are kept as 4095, a call past
 * 31 as 31. */
uint32_t fx_held_pack(const struct fx_held_key *k);
void fx_held_unpack(uint32_t key, struct fx_held_key *k);

/* Adds n failures of key: into the slot of that key, or an empty one, or
 * the overflow word. Returns how many of them found no room at all (the
 * overflow word full at FX_HELD_COUNT_MAX): 0 but in a storm of some 4
 * billion failures with the log unopenable all along. */
uint64_t fx_held_add(struct fx_held *h, uint32_t key, uint64_t n);

/* Empties slot i (FX_HELD_SLOTS: the overflow word) and returns its count,
 * its key in *key; 0 when it was empty. Whoever takes a count writes it
 * or adds it back (fx_held_add()). */
uint64_t fx_held_take(struct fx_held *h, int i, uint32_t *key);

/* Puts back n failures taken from slot i (fx_held_take()) whose line the
 * log refused: a slot's into a slot of its key as fx_held_add() does, the
 * overflow word's into the overflow word, still marked as such. Returns
 * how many found no room. */
uint64_t fx_held_put_back(struct fx_held *h, int i, uint32_t key, uint64_t n);

/* The failures held now, for the line on stderr; 0 reads 9 words. */
uint64_t fx_held_waiting(struct fx_held *h);

#endif
