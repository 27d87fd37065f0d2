/* The one list of wrapped calls as the rest of the code sees it: the enum,
 * the names the Swift side reads, and the real functions of this libc. */
#include "calls.h"
#include "cunit.h"
#include "errname.h"
#include "include/forkexplain_check.h"

#include <dlfcn.h>
#include <errno.h>
#include <string.h>

void test_calls(void)
{
	int i, names_ok = 1, round_trip = 1;

#define CU_NAME(id, name, type, how, when) CHECK_STR(fx_wrapped_call_name(id), #name);
	FX_WRAPPED_CALLS(CU_NAME)
#undef CU_NAME
	CHECK(fx_wrapped_call_count() == FX_CALL_COUNT);
	CHECK(fx_wrapped_call_name(-1) == NULL);
	CHECK(fx_wrapped_call_name(FX_CALL_COUNT) == NULL);
	for (i = 0; i < fx_wrapped_call_count(); i++) {
		const char *name = fx_wrapped_call_name(i);
		if (!name || strcmp(name, fx_call_name((enum fx_call)i)) != 0)
			names_ok = 0;
		if (!name || fx_call_from_name(name, (int)strlen(name)) != i)
			round_trip = 0;
	}
	CHECK(names_ok);
	CHECK(round_trip);
	CHECK(fx_call_from_name("forkx", 4) == FX_CALL_FORK);
	CHECK(fx_call_from_name("fork", 3) == -1);
	CHECK_STR(fx_call_name(FX_CALL_COUNT), "?");

	/* What the list calls required, this libc has. */
#define CU_REQUIRED(id, name, type, how, when) \
	CHECK(how != FX_REAL_REQUIRED || dlsym(RTLD_DEFAULT, #name) != NULL);
	FX_WRAPPED_CALLS(CU_REQUIRED)
#undef CU_REQUIRED

	CHECK_STR(fx_errno_name(ENOMEM), "ENOMEM");
	CHECK(fx_errno_name(4095) == NULL);
	CHECK(fx_errno_from_name("EAGAIN", 6) == EAGAIN);
	CHECK(fx_errno_from_name("28", 2) == 28);
	CHECK(fx_errno_from_name("256", 3) == -1);
	CHECK(fx_errno_from_name("0", 1) == -1);
	CHECK(fx_errno_from_name("ENOPE", 5) == -1);
}
