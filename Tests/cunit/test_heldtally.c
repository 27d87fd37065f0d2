/* The held counts of a process tree (CShim/preload/heldtally.c): a key
 * says what it packed, each count lands in its key's slot, an empty one,
 * or the overflow word, and nothing is lost or counted twice while
 * threads add and a flusher takes at once. */
#include "cunit.h"
#include "heldtally.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

static struct fx_held h;

static uint32_t key_of(int call, int err, int fill, int log_err)
{
	struct fx_held_key k = { call, err, fill, log_err };

	return fx_held_pack(&k);
}

static void keys(void)
{
	struct fx_held_key k = { 5, EAGAIN, 3, EMFILE }, back;

	fx_held_unpack(fx_held_pack(&k), &back);
	CHECK(back.call == 5 && back.err == EAGAIN && back.fill == 3 && back.log_err == EMFILE);
	CHECK(fx_held_pack(&k) != 0);
	/* An errno of 0 (a line refused for no errno) still makes a key. */
	k.log_err = 0;
	k.call = 0;
	k.fill = 0;
	CHECK(fx_held_pack(&k) != 0);
	/* Past the bits: kept at the largest, never into another field. */
	k.err = 70000;
	k.log_err = -3;
	fx_held_unpack(fx_held_pack(&k), &back);
	CHECK(back.err == 4095 && back.log_err == 0 && back.call == 0 && back.fill == 0);
}

static void slots_and_overflow(void)
{
	uint32_t key, a = key_of(0, EAGAIN, 1, ENOMEM), b = key_of(0, ENOMEM, 1, ENOMEM);
	int i;

	memset(&h, 0, sizeof(h));
	CHECK(fx_held_waiting(&h) == 0);
	CHECK(fx_held_add(&h, a, 1) == 0 && fx_held_add(&h, a, 2) == 0 && fx_held_add(&h, b, 4) == 0);
	CHECK(fx_held_waiting(&h) == 7);
	/* One slot a key. */
	CHECK(fx_held_take(&h, 0, &key) == 3 && key == a);
	CHECK(fx_held_take(&h, 1, &key) == 4 && key == b);
	CHECK(fx_held_take(&h, 0, &key) == 0 && fx_held_waiting(&h) == 0);

	/* Every slot a key of its own: the next keys go to the overflow
	 * word, which keeps the first's key and counts them all. */
	for (i = 0; i < FX_HELD_SLOTS; i++)
		CHECK(fx_held_add(&h, key_of(i, EAGAIN, 0, EMFILE), 1) == 0);
	CHECK(fx_held_add(&h, key_of(20, ENOMEM, 2, ENOMEM), 5) == 0);
	CHECK(fx_held_add(&h, key_of(21, EPERM, 3, EACCES), 6) == 0);
	CHECK(fx_held_add(&h, key_of(3, EAGAIN, 0, EMFILE), 1) == 0); /* its slot is there */
	CHECK(fx_held_waiting(&h) == FX_HELD_SLOTS + 12);
	CHECK(fx_held_take(&h, FX_HELD_SLOTS, &key) == 11 && key == key_of(20, ENOMEM, 2, ENOMEM));
	CHECK(fx_held_take(&h, 3, &key) == 2 && key == key_of(3, EAGAIN, 0, EMFILE));

	/* Put back: a slot's count into its key's slot (3 is empty now: the
	 * first free one), the overflow's into the overflow word. */
	CHECK(fx_held_put_back(&h, 3, key, 2) == 0 && fx_held_take(&h, 3, &key) == 2);
	CHECK(fx_held_put_back(&h, FX_HELD_SLOTS, b, 11) == 0);
	CHECK(fx_held_take(&h, FX_HELD_SLOTS, &key) == 11 && key == b);
}

/* A count at its 32 bits' end goes on in another slot, then the
 * overflow; what even that cannot take is returned, never wrapped. */
static void saturation(void)
{
	uint32_t key, a = key_of(1, EAGAIN, 1, ENOMEM);
	uint64_t total = 0, n;
	int i;

	memset(&h, 0, sizeof(h));
	CHECK(fx_held_add(&h, a, FX_HELD_COUNT_MAX) == 0);
	CHECK(fx_held_add(&h, a, 10) == 0);
	CHECK(fx_held_take(&h, 0, &key) == FX_HELD_COUNT_MAX && key == a);
	CHECK(fx_held_take(&h, 1, &key) == 10 && key == a);
	memset(&h, 0, sizeof(h));
	CHECK(fx_held_add(&h, a, (uint64_t)FX_HELD_COUNT_MAX * (FX_HELD_SLOTS + 1) + 7) == 7);
	for (i = 0; i <= FX_HELD_SLOTS; i++) {
		n = fx_held_take(&h, i, &key);
		CHECK(n == FX_HELD_COUNT_MAX && key == a);
		total += n;
	}
	CHECK(total == (uint64_t)FX_HELD_COUNT_MAX * (FX_HELD_SLOTS + 1));
}

#define ADDERS 4
#define ADDS 20000

static atomic_ulong taken;
static atomic_int adders_left;

static void *adder(void *arg)
{
	int t = (int)(long)arg, i;

	for (i = 0; i < ADDS; i++)
		fx_held_add(&h, key_of((t + i) % 12, EAGAIN, 1, ENOMEM), 1);
	atomic_fetch_sub(&adders_left, 1);
	return NULL;
}

/* A flusher taking while threads add, and sometimes putting back (the
 * log refused it): every count is in the total once. */
static void *flusher(void *arg)
{
	uint32_t key;
	uint64_t n;
	int i, round = 0;

	(void)arg;
	while (atomic_load(&adders_left) > 0 || fx_held_waiting(&h) != 0) {
		for (i = 0; i <= FX_HELD_SLOTS; i++) {
			if ((n = fx_held_take(&h, i, &key)) == 0)
				continue;
			if (++round % 3 == 0)
				CHECK(fx_held_put_back(&h, i, key, n) == 0);
			else
				atomic_fetch_add(&taken, n);
		}
	}
	return NULL;
}

static void concurrent(void)
{
	pthread_t t[ADDERS + 1];
	long i;

	memset(&h, 0, sizeof(h));
	atomic_store(&taken, 0);
	atomic_store(&adders_left, ADDERS);
	for (i = 0; i < ADDERS; i++)
		CHECK(pthread_create(&t[i], NULL, adder, (void *)i) == 0);
	CHECK(pthread_create(&t[ADDERS], NULL, flusher, NULL) == 0);
	for (i = 0; i <= ADDERS; i++)
		pthread_join(t[i], NULL);
	CHECK(atomic_load(&taken) == (unsigned long)ADDERS * ADDS);
	CHECK(fx_held_waiting(&h) == 0);
}

void test_heldtally(void)
{
	keys();
	slots_and_overflow();
	saturation();
	concurrent();
}
