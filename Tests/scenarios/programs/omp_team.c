/* One OpenMP parallel region: libgomp starts OMP_NUM_THREADS - 1 threads
 * beside the calling one (team.c gomp_team_start) and exits with
 * "libgomp: Thread creation failed: STRERROR" when pthread_create refuses
 * one (docs/kernel-facts.md §11.134). Prints the team it got. */
#include <omp.h>
#include <stdio.h>

int main(void) {
	int members = 0;
#pragma omp parallel
	{
#pragma omp atomic
		members++;
	}
	printf("team of %d\n", members);
	return 0;
}
