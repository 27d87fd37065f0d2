/* A replay of mongod's connection threads (docs/kernel-facts.md §11.96):
 * mongod starts a detached thread with a 1 MiB stack for every client
 * connection (src/mongo/transport/service_executor_utils.cpp,
 * launchServiceWorkerThread()), and when pthread_create fails it logs ids
 * 4850900 "pthread_create failed" and 22948 "Thread creation failed" and
 * closes that connection. No mongod is installable here, so this server
 * does the same with the same words: built as `mongod`, its comm is the
 * server's. Each thread holds its connection until the client closes it.
 * usage: mongod PORT PIDFILE */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void *serve(void *arg)
{
	int fd = (int)(long)arg;
	char buf[256];

	while (read(fd, buf, sizeof buf) > 0)
		;
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	pthread_attr_t attr;
	int one = 1, lfd, fd, rc;
	long connections = 0;
	FILE *pidfile;
	pthread_t t;

	if (argc < 3)
		return 2;
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(lfd, 128) != 0) {
		perror("mongod: listen");
		return 1;
	}
	pidfile = fopen(argv[2], "w");
	if (pidfile == NULL)
		return 1;
	fprintf(pidfile, "%ld\n", (long)getpid());
	fclose(pidfile);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 1024 * 1024);
	printf("{\"s\":\"I\",\"c\":\"NETWORK\",\"id\":23016,\"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{\"port\":%s}}\n",
	       argv[1]);
	fflush(stdout);
	for (;;) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		connections++;
		rc = pthread_create(&t, &attr, serve, (void *)(long)fd);
		if (rc == 0)
			continue;
		printf("{\"s\":\"E\",\"c\":\"-\",\"id\":4850900,\"ctx\":\"listener\",\"msg\":\"pthread_create failed\",\"attr\":{\"error\":\"%s\"}}\n",
		       strerror(rc));
		printf("{\"s\":\"E\",\"c\":\"-\",\"id\":22948,\"ctx\":\"listener\",\"msg\":\"Thread creation failed\",\"attr\":{\"error\":\"pthread_create failed\"}}\n");
		printf("{\"s\":\"I\",\"c\":\"NETWORK\",\"id\":22944,\"ctx\":\"listener\",\"msg\":\"Connection ended\",\"attr\":{\"connectionCount\":%ld}}\n",
		       connections - 1);
		fflush(stdout);
		connections--;
		close(fd);
	}
}
