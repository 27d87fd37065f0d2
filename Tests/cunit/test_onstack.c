/* The musl build's stack switch (CShim/musl/onstack-<arch>.S): fn runs on
 * the stack given, gets its argument, and the caller carries on with its
 * own stack and callee-saved registers intact. */
#include "cunit.h"
#include "onstack.h"

#include <stdint.h>

struct seen {
	uintptr_t local;
	int arg_ok;
};

static _Alignas(16) char stack[16384];

static void on_stack(void *arg)
{
	struct seen *s = arg;
	volatile int here = 1;

	s->local = (uintptr_t)&here;
	s->arg_ok = here;
}

void test_onstack(void)
{
	struct seen s = { 0, 0 };
	volatile long kept = 0x5a5a5a5a;
	int rc, round;

	for (round = 0; round < 3; round++) {
		rc = fx_call_on_stack(on_stack, &s, stack + sizeof(stack));
		CHECK(rc == 0);
		CHECK(s.arg_ok == 1);
		CHECK(s.local >= (uintptr_t)stack && s.local < (uintptr_t)(stack + sizeof(stack)));
	}
	CHECK(kept == 0x5a5a5a5a);
}
