#include "calls.h"
#include "include/forkexplain_check.h"

#include <string.h>

#define FX_CALL_NAME(id, name, type, real, when) [id] = #name,
static const char *const call_names[FX_CALL_COUNT] = { FX_WRAPPED_CALLS(FX_CALL_NAME) };
#undef FX_CALL_NAME

const char *fx_call_name(enum fx_call call)
{
	return (unsigned)call < FX_CALL_COUNT ? call_names[call] : "?";
}

int fx_call_from_name(const char *name, int len)
{
	int i;

	for (i = 0; i < FX_CALL_COUNT; i++)
		if ((int)strlen(call_names[i]) == len && strncmp(call_names[i], name, (size_t)len) == 0)
			return i;
	return -1;
}

int fx_wrapped_call_count(void)
{
	return FX_CALL_COUNT;
}

const char *fx_wrapped_call_name(int index)
{
	return index >= 0 && index < FX_CALL_COUNT ? call_names[index] : NULL;
}
