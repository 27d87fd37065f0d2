/* A static program that starts threads (each sleeps until the process
 * ends) until pthread_create fails, reports the error as a C program
 * would, and holds its threads for a while so that its state can still be
 * read: the thread-side twin of forker.c (Tests/vm: a service's TasksMax
 * refusing a thread).
 * usage: threader MAX [HOLD_SECONDS] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	int max = argc > 1 ? atoi(argv[1]) : 100, hold = argc > 2 ? atoi(argv[2]) : 0, n, rc = 0;
	pthread_attr_t attr;
	pthread_t t;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (n = 0; n < max; n++) {
		rc = pthread_create(&t, &attr, idle, NULL);
		if (rc != 0)
			break;
	}
	if (rc != 0)
		printf("threader: pthread_create: %s after %d threads\n", strerror(rc), n);
	else
		printf("threader: %d threads, none refused\n", n);
	fflush(stdout);
	sleep((unsigned)hold);
	return rc != 0 ? 1 : 0;
}
