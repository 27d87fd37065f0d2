/* Prints the snapshot record forkexplain check decodes for PID: the
 * shim's fx_check_snapshot(), built from CShim/common, so a scenario can
 * assert on the raw record rather than on check's rendering of it. */
#include "include/forkexplain_check.h"

#include <stdio.h>
#include <stdlib.h>

static char record[256 * 1024];

int main(int argc, char **argv)
{
	size_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: snapshot PID\n");
		return 2;
	}
	n = fx_check_snapshot(atoi(argv[1]), record, sizeof(record));
	if (n == 0) {
		fprintf(stderr, "snapshot: no record\n");
		return 1;
	}
	fwrite(record, 1, n, stdout);
	return 0;
}
