/* A thread named as a JVM names its own ("fx-worker-7") asks for a thread
 * with a 512 MiB stack: under `ulimit -v 200000` the stack mapping fails
 * and pthread_create returns EAGAIN in that thread. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *idle(void *arg)
{
	return arg;
}

static void *worker(void *arg)
{
	pthread_attr_t attr;
	pthread_t t;
	int rc;

	(void)arg;
	pthread_setname_np(pthread_self(), "fx-worker-7");
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, (size_t)512 << 20);
	rc = pthread_create(&t, &attr, idle, NULL);
	if (rc == 0)
		pthread_join(t, NULL);
	printf("named thread: pthread_create rc=%d (%s)\n", rc, strerror(rc));
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, worker, NULL) != 0)
		return 2;
	pthread_join(t, NULL);
	return 0;
}
