#include "pairing.h"

#include <string.h>

static unsigned hash(int tid)
{
	return ((unsigned)tid * 2654435761u) & (FX_PAIR_SLOTS - 1);
}

static int64_t newest(const struct fx_pair_slot *s)
{
	int64_t t = 0;
	int i;

	for (i = 0; i < s->n; i++)
		if (s->call[i].time_ns > t)
			t = s->call[i].time_ns;
	return t;
}

static struct fx_pair_slot *find(struct fx_pairing *p, int tid)
{
	unsigned base = hash(tid), k;

	for (k = 0; k < FX_PAIR_WINDOW; k++) {
		struct fx_pair_slot *s = &p->slot[(base + k) & (FX_PAIR_SLOTS - 1)];
		if (s->tid == tid)
			return s;
	}
	return NULL;
}

/* A slot for a tid not held: a free one in its window, or the one whose
 * latest call is the oldest, given up (and remembered, see finish). */
static struct fx_pair_slot *take(struct fx_pairing *p, int tid)
{
	unsigned base = hash(tid), k;
	struct fx_pair_slot *victim = NULL;

	for (k = 0; k < FX_PAIR_WINDOW; k++) {
		struct fx_pair_slot *s = &p->slot[(base + k) & (FX_PAIR_SLOTS - 1)];
		if (s->tid == 0) {
			victim = s;
			break;
		}
		if (!victim || newest(s) < newest(victim))
			victim = s;
	}
	if (victim->tid != 0 && newest(victim) > p->evicted_ns)
		p->evicted_ns = newest(victim);
	memset(victim, 0, sizeof(*victim));
	victim->tid = tid;
	return victim;
}

/* Keeps the FX_PAIR_DEPTH newest calls (the rings are read one CPU after
 * another, so a tid's calls may come out of order). */
static void remember(struct fx_pair_slot *s, const struct fx_pair_call *c)
{
	int i, oldest = 0;

	if (s->n < FX_PAIR_DEPTH) {
		s->call[s->n++] = *c;
		return;
	}
	for (i = 1; i < FX_PAIR_DEPTH; i++)
		if (s->call[i].time_ns < s->call[oldest].time_ns)
			oldest = i;
	if (c->time_ns > s->call[oldest].time_ns)
		s->call[oldest] = *c;
}

/* The latest call of the slot entered before `before`, into m if it is
 * later than what m holds. */
static void latest_before(const struct fx_pair_slot *s, int64_t before, struct fx_pair_call *m)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->call[i].time_ns <= before && s->call[i].time_ns > m->time_ns)
			*m = s->call[i];
}

int fx_pairing_return(struct fx_pairing *p, const struct fx_watch_event *ev)
{
	struct fx_pair_slot *s;
	int i;

	if (p->npending >= FX_PAIR_PENDING)
		return 1;
	i = p->npending++;
	p->pending[i] = *ev;
	memset(&p->match[i], 0, sizeof(p->match[i]));
	s = find(p, ev->tid);
	if (s)
		latest_before(s, ev->mono_ns, &p->match[i]);
	return p->npending >= FX_PAIR_PENDING;
}

void fx_pairing_entry(struct fx_pairing *p, int tid, int have_flags, uint64_t flags, int64_t time_ns)
{
	struct fx_pair_call c = { have_flags, flags, time_ns };
	struct fx_pair_slot *s;
	int i;

	if (tid <= 0 || time_ns <= 0)
		return;
	/* Failures read before this entry was: it may be their call. */
	for (i = 0; i < p->npending; i++)
		if (p->pending[i].tid == tid && time_ns <= p->pending[i].mono_ns && time_ns > p->match[i].time_ns)
			p->match[i] = c;
	s = find(p, tid);
	if (!s)
		s = take(p, tid);
	remember(s, &c);
}

void fx_pairing_lost(struct fx_pairing *p, int64_t now_ns)
{
	if (now_ns > p->loss_ns)
		p->loss_ns = now_ns;
}

void fx_pairing_finish(struct fx_pairing *p, int (*fn)(const struct fx_watch_event *, void *), void *arg)
{
	int i;

	for (i = 0; i < p->npending; i++) {
		struct fx_watch_event *ev = &p->pending[i];
		const struct fx_pair_call *m = &p->match[i];

		ev->have_flags = 0;
		if (m->time_ns == 0 || ev->mono_ns - m->time_ns > FX_PAIR_MAX_AGE_NS) {
			p->unpaired++;
		} else if (m->time_ns < p->loss_ns || m->time_ns < p->evicted_ns) {
			/* The failure's own entry may be among those dropped or
			 * pushed out: this one may be an earlier call's. */
			p->uncertain++;
		} else if (m->have_flags) {
			ev->have_flags = 1;
			ev->clone_flags = m->flags;
			p->paired++;
		} else {
			p->unpaired++;
		}
		fn(ev, arg);
	}
	p->npending = 0;
}

void fx_pairing_expire(struct fx_pairing *p, int64_t now_ns)
{
	int i;

	for (i = 0; i < FX_PAIR_SLOTS; i++)
		if (p->slot[i].tid != 0 && now_ns - newest(&p->slot[i]) > FX_PAIR_MAX_AGE_NS)
			memset(&p->slot[i], 0, sizeof(p->slot[i]));
}

int fx_pairing_held(const struct fx_pairing *p)
{
	int i, n = 0;

	for (i = 0; i < FX_PAIR_SLOTS; i++)
		n += p->slot[i].tid != 0;
	return n;
}
