/* Another interposer of the calls the shim binds in its constructor
 * (common/calls.h, FX_BIND_EARLY): preloaded after the shim, it is the
 * shim's next definition, which the shim must call; preloaded before,
 * it calls the shim. Each says on stderr that it ran, then passes the
 * call on to its own next definition (Tests/shim/run.sh). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <spawn.h>
#include <string.h>
#include <unistd.h>

typedef int (*pthread_create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
typedef int (*posix_spawn_fn)(pid_t *, const char *, const posix_spawn_file_actions_t *,
			      const posix_spawnattr_t *, char *const[], char *const[]);

static void say(const char *what)
{
	if (write(2, what, strlen(what)) < 0)
		return;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
	pthread_create_fn fn = (pthread_create_fn)dlsym(RTLD_NEXT, "pthread_create");

	say("next: pthread_create\n");
	return fn ? fn(thread, attr, start, arg) : -1;
}

int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
		const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	posix_spawn_fn fn = (posix_spawn_fn)dlsym(RTLD_NEXT, "posix_spawn");

	say("next: posix_spawn\n");
	return fn ? fn(pid, path, fa, attr, argv, envp) : -1;
}

int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa,
		 const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	posix_spawn_fn fn = (posix_spawn_fn)dlsym(RTLD_NEXT, "posix_spawnp");

	say("next: posix_spawnp\n");
	return fn ? fn(pid, file, fa, attr, argv, envp) : -1;
}
