#include "heldtally.h"
#include "calls.h"

#include <stdatomic.h>

_Static_assert(FX_CALL_COUNT <= 32, "a held key has 5 bits for the call");

#define FX_HELD_VALID (1u << 31)
#define FX_HELD_ERR_MAX 4095

static uint32_t clamp(int v, int max)
{
	return v < 0 ? 0 : v > max ? (uint32_t)max : (uint32_t)v;
}

/* 1 valid, 5 call, 2 fill, 12 err, 12 log_err. */
uint32_t fx_held_pack(const struct fx_held_key *k)
{
	return FX_HELD_VALID | clamp(k->call, 31) << 26 | clamp(k->fill, 3) << 24 |
	       clamp(k->err, FX_HELD_ERR_MAX) << 12 | clamp(k->log_err, FX_HELD_ERR_MAX);
}

void fx_held_unpack(uint32_t key, struct fx_held_key *k)
{
	k->call = (int)(key >> 26 & 31);
	k->fill = (int)(key >> 24 & 3);
	k->err = (int)(key >> 12 & FX_HELD_ERR_MAX);
	k->log_err = (int)(key & FX_HELD_ERR_MAX);
}

/* Adds up to *n into word w if it is empty or (any_key, or) holds key:
 * what it took off *n. */
static uint64_t add_to(_Atomic uint64_t *w, uint32_t key, uint64_t *n, int any_key)
{
	uint64_t seen = atomic_load(w), room, take;

	for (;;) {
		if (seen != 0 && !any_key && (uint32_t)(seen >> 32) != key)
			return 0;
		room = FX_HELD_COUNT_MAX - (seen & FX_HELD_COUNT_MAX);
		take = *n < room ? *n : room;
		if (take == 0)
			return 0;
		/* An empty word gets this key; a taken one keeps its own. */
		if (atomic_compare_exchange_weak(w, &seen, (seen == 0 ? (uint64_t)key << 32 : seen) + take)) {
			*n -= take;
			return take;
		}
	}
}

uint64_t fx_held_add(struct fx_held *h, uint32_t key, uint64_t n)
{
	int i;

	/* The first slot that holds this key or none: one emptied by a flush
	 * may come before one still holding the key, and the key then has two
	 * slots, each written as a line of its own; no count is lost. */
	for (i = 0; i < FX_HELD_SLOTS && n > 0; i++)
		add_to(&h->slot[i], key, &n, 0);
	if (n > 0)
		add_to(&h->overflow, key, &n, 1);
	return n;
}

uint64_t fx_held_put_back(struct fx_held *h, int i, uint32_t key, uint64_t n)
{
	if (i < FX_HELD_SLOTS)
		return fx_held_add(h, key, n);
	add_to(&h->overflow, key, &n, 1);
	return n;
}

uint64_t fx_held_take(struct fx_held *h, int i, uint32_t *key)
{
	uint64_t w = atomic_exchange(i < FX_HELD_SLOTS ? &h->slot[i] : &h->overflow, 0);

	*key = (uint32_t)(w >> 32);
	return w & FX_HELD_COUNT_MAX;
}

uint64_t fx_held_waiting(struct fx_held *h)
{
	uint64_t n = atomic_load(&h->overflow) & FX_HELD_COUNT_MAX;
	int i;

	for (i = 0; i < FX_HELD_SLOTS; i++)
		n += atomic_load(&h->slot[i]) & FX_HELD_COUNT_MAX;
	return n;
}
