/* The shim's log writer in a per-node directory (docs/log-format.md,
 * "Per-node directory"), as this test's own uid can attack it: a symbolic
 * link, a second link to its own file, a FIFO, a directory others may
 * write that is not sticky. Another uid's planted file is a scenario
 * (Tests/scenarios/46-log-node-dir-attacks.sh). Each refusal is read back
 * from stderr. */
#include "cunit.h"
#include "config.h"
#include "logio.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[400], file[480], said[480];

/* Writes one record from a child process (a refusal is said once per
 * process) with its stderr in a file; returns 0 if fx_log_write did, and
 * what it said in `said`. */
static int write_saying(const char *line)
{
	int fd, status = 0;
	char path[480];
	ssize_t n;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/said", cu_scratch_dir());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	pid = fork();
	if (pid == 0) {
		dup2(fd, 2);
		_exit(fx_log_write(line, strlen(line)) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	n = pread(fd, said, sizeof(said) - 1, 0);
	said[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static long file_size(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void use_dir(const char *name, mode_t mode)
{
	snprintf(dir, sizeof(dir), "%s/%s", cu_scratch_dir(), name);
	mkdir(dir, 0700);
	chmod(dir, mode);
	snprintf(file, sizeof(file), "%s/forkexplain-%u.jsonl", dir, (unsigned)geteuid());
	strcat(dir, "/");
	setenv("FORKEXPLAIN_LOG", dir, 1);
	fx_config_load();
}

static void writes_own_file(void)
{
	use_dir("sticky", 01777);
	CHECK(write_saying("{\"a\":1}\n") == 0);
	CHECK(write_saying("{\"a\":2}\n") == 0);
	CHECK(file_size(file) == 16);
	CHECK(said[0] == '\0');
}

/* A file of ours in a sticky directory, named at the log's path by
 * symlink(2) or link(2): nothing may reach it. */
static void refuses_named(const char *name, int (*make)(const char *, const char *), const char *why)
{
	char other[480];

	use_dir(name, 01777);
	snprintf(other, sizeof(other), "%starget", dir);
	close(open(other, O_WRONLY | O_CREAT, 0600));
	CHECK(make(other, file) == 0);
	CHECK(write_saying("{}\n") < 0);
	CHECK(strstr(said, why) != NULL);
	CHECK(file_size(other) == 0);
}

static void refuses_planted_names(void)
{
	refuses_named("link", symlink, "it is a symbolic link");
	refuses_named("hardlink", link, "it has 2 links");

	use_dir("fifo", 01777);
	CHECK(mkfifo(file, 0600) == 0);
	CHECK(write_saying("{}\n") < 0);
	CHECK(strstr(said, "it is not a regular file") != NULL);
}

static void refuses_unsafe_directory(void)
{
	use_dir("open", 0777);
	CHECK(write_saying("{}\n") < 0);
	CHECK(strstr(said, "writable by other users and not sticky") != NULL);
	CHECK(file_size(file) == -1);

	use_dir("group", 0770);
	CHECK(write_saying("{}\n") < 0);
	CHECK(strstr(said, "not sticky") != NULL);

	/* A link to a safe directory is not followed: it could be turned
	 * elsewhere between two records. */
	use_dir("linked", 01777);
	snprintf(file, sizeof(file), "%s/dirlink", cu_scratch_dir());
	CHECK(symlink(dir, file) == 0);
	strcat(file, "/");
	setenv("FORKEXPLAIN_LOG", file, 1);
	fx_config_load();
	CHECK(write_saying("{}\n") < 0);
	CHECK(strstr(said, "the directory is a symbolic link") != NULL);

	/* Not writable by others: no sticky bit needed. */
	use_dir("private", 0755);
	CHECK(write_saying("{}\n") == 0);
	CHECK(file_size(file) == 3);
}

/* %p names the writing process: a forked child writes its own file, as
 * the sanitizers' log_path does. */
static void child_writes_its_own_file(void)
{
	char tmpl[480], mine[480], childs[480];
	int status = 0;
	pid_t pid;

	snprintf(tmpl, sizeof(tmpl), "%s/pid.%%p.jsonl", cu_scratch_dir());
	setenv("FORKEXPLAIN_LOG", tmpl, 1);
	fx_config_load();
	pid = fork();
	if (pid == 0)
		_exit(fx_log_write("{}\n", 3) == 0 ? 0 : 1);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	snprintf(childs, sizeof(childs), "%s/pid.%d.jsonl", cu_scratch_dir(), (int)pid);
	snprintf(mine, sizeof(mine), "%s/pid.%d.jsonl", cu_scratch_dir(), (int)getpid());
	CHECK(file_size(childs) == 3);
	CHECK(file_size(mine) == -1);
	CHECK(fx_log_write("{}\n", 3) == 0);
	CHECK(file_size(mine) == 3);
}

void test_logio(void)
{
	writes_own_file();
	refuses_planted_names();
	refuses_unsafe_directory();
	child_writes_its_own_file();
	unsetenv("FORKEXPLAIN_LOG");
	fx_config_load();
}
