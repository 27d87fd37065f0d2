/* A stand-in for the kernel's clone path, for watch's return-probe
 * mechanism on a kernel without kprobes (scenario 60): probe_clone()
 * returns like kernel_clone() does, a pid on success and -errno on
 * failure. Usage: probe_target OK FAILERRNO HOLD_S: OK successes, then one
 * failure with FAILERRNO, then HOLD_S seconds alive to be read. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((noinline, used)) long probe_clone(long ret)
{
	__asm__ volatile("" : "+r"(ret));
	return ret;
}

int main(int argc, char **argv)
{
	long ok, err, hold, i, sum = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: probe_target OK FAILERRNO HOLD_S\n");
		return 2;
	}
	ok = atol(argv[1]);
	err = atol(argv[2]);
	hold = atol(argv[3]);
	for (i = 0; i < ok; i++)
		sum += probe_clone(1000 + i);
	if (probe_clone(-err) < 0)
		printf("probe_target: failed with %ld after %ld successes (%ld)\n", err, ok, sum);
	fflush(stdout);
	sleep((unsigned)hold);
	return 0;
}
