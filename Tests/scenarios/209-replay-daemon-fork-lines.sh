# A REPLAY, not a reproduction: sshd, cron, nginx, Postfix, Squid and
# ClickHouse are not installed here (nor installable offline), and the
# ssh client's "shell request failed" needs a server that refuses. So
# `forkexplain explain` reads each program's line as its source prints
# it (docs/kernel-facts.md §11.109–§11.112: OpenSSH's session.c, sshd.c
# and clientloop.c, cronie's and Debian cron's do_command.c, nginx's
# ngx_process.c and ngx_thread_pool.c, Postfix's master_spawn.c, Squid's
# ipc.cc with xstrerr, ClickHouse's ThreadPool.cpp), with a syslog
# prefix where the daemon logs through syslog; Squid's musl line is
# from a public log. main's forkexplain named none of these programs.
# Each must be named, with the cause its note gives first, and the two
# that are not a refused task (sshd's MaxSessions, ClickHouse's full
# queue) must list no task limit.
. "$(dirname "$0")/lib.sh"

explain_reads 'shell request failed on channel 0' 'OpenSSH (ssh client; the server refused)' rlimit_nproc \
	'EAGAIN or ENOMEM while creating a process' 'The limit is on the server' 'do_exec_no_pty: fork'
explain_reads 'Nov 29 10:00:00 web1 sshd[2412]: error: do_exec_no_pty: fork: Resource temporarily unavailable' \
	"OpenSSH sshd (a session's fork)" rlimit_nproc 'EAGAIN while creating a process' \
	'limits.conf through pam_limits' 'UserTasksMax'
explain_reads 'Nov 29 10:00:00 web1 sshd[811]: error: fork: Resource temporarily unavailable' \
	'OpenSSH sshd (listener)' cgroup_pids_limit 'as root'
explain_reads 'Nov 29 10:00:00 web1 sshd[9120]: fatal: fork of unprivileged child failed' \
	'OpenSSH sshd (privilege separation)' cgroup_pids_limit 'EAGAIN or ENOMEM while creating a process' \
	'Win32-OpenSSH'
explain_reads "Nov 29 10:00:01 web1 CRON[812]: (CRON) error (can't fork)" cron cgroup_pids_limit \
	'EAGAIN or ENOMEM while creating a process' 'systemd-cgls -u cron.service'
explain_reads "Nov 29 10:00:01 web1 crond[1201]: (CRON) can't fork (do_command): Resource temporarily unavailable" \
	'cronie (crond)' cgroup_pids_limit 'EAGAIN while creating a process'
explain_reads '2026/11/29 10:00:00 [alert] 1201#1201: fork() failed while spawning "worker process" (11: Resource temporarily unavailable)' \
	nginx cgroup_pids_limit 'EAGAIN while creating a process' '_SC_NPROCESSORS_ONLN' 'twice over'
explain_reads '2026/11/29 10:00:00 [alert] 1305#1305: pthread_create() failed (11: Resource temporarily unavailable)' \
	'nginx (thread pool)' cgroup_pids_limit 'EAGAIN while creating a thread' 'threads=N'
explain_reads 'Nov 29 10:00:00 mx1 postfix/master[1010]: warning: master_spawn: fork: Resource temporarily unavailable -- throttling' \
	'Postfix (master)' cgroup_pids_limit 'EAGAIN while creating a process' 'maxproc'
explain_reads '2026/11/29 10:00:00 kid1| ipcCreate: fork: (12) Cannot allocate memory' Squid commit_limit \
	'ENOMEM while creating a process' 'vm.overcommit_memory = 1' 'sleep_after_fork'
explain_reads '2019/07/27 01:30:06 kid1| ipcCreate: fork: (12) Out of memory' Squid commit_limit \
	'ENOMEM while creating a process'
explain_reads 'Code: 439. DB::Exception: Cannot schedule a task: failed to start the thread (threads=3412, jobs=3412). (CANNOT_SCHEDULE_TASK)' \
	ClickHouse cgroup_pids_limit 'EAGAIN while creating a thread' 'max_thread_pool_size'

# not_a_task LINE PRINTER PATTERN: named, and no task limit listed.
not_a_task() {
	"$FORKEXPLAIN" explain "$1" >"$WORK/explain" || fail "explain failed on $2's line"
	grep -qF "printed by $2" "$WORK/explain" || fail "explain does not name $2: $(cat "$WORK/explain")"
	grep -qF 'No process or thread was refused' "$WORK/explain" ||
		fail "explain lists task limits for $2's line: $(cat "$WORK/explain")"
	! grep -q 'Possible causes' "$WORK/explain" || fail "explain lists causes for $2's line: $(cat "$WORK/explain")"
	grep -qE -- "$3" "$WORK/explain" || fail "explain does not say /$3/: $(cat "$WORK/explain")"
}
not_a_task 'Nov 29 10:00:00 web1 sshd[2412]: error: no more sessions' 'OpenSSH sshd (MaxSessions)' 'Raise MaxSessions'
not_a_task 'Code: 439. DB::Exception: Cannot schedule a task: no free thread (timeout=0) (threads=10000, jobs=10000). (CANNOT_SCHEDULE_TASK)' \
	ClickHouse 'thread_pool_queue_size'
echo "ok: replayed lines of sshd (4), the ssh client, cron, cronie, nginx (2), Postfix, Squid (2) and ClickHouse were named with their first cause; sshd's MaxSessions and ClickHouse's full queue listed no task limit"
