# "Can't save in background: fork: Cannot allocate memory" with RAM free
# is Redis's fork charged its whole dataset by the overcommit accounting
# (https://github.com/voxpupuli/puppet-redis/issues/105,
# https://github.com/pulibrary/bibdata/issues/500; docs/kernel-facts.md
# §11.86). No redis-server is installed here, and strict overcommit (mode
# 2) is a host-wide setting a test may not change, so the fork's charge is
# reproduced for real the way mode 0 still refuses one on this kernel
# (§11.91): python3 grows one private mapping past RAM + swap in steps
# (mremap charges only the steps), touching none of it, and its fork is
# refused ENOMEM while memory is free. main's forkexplain said
# "unexplained"; it must name the commit charge with Redis's own fix, and
# the other fix it gives, posix_spawn, must start the child from the same
# process. `explain` must rank the commit charge first for Redis's line
# and read the database servers' thread errors (§11.87, §11.88).
. "$(dirname "$0")/lib.sh"
[ "$(cat /proc/sys/vm/overcommit_memory)" = 0 ] ||
	fail "this scenario needs vm.overcommit_memory 0 (the default); it is $(cat /proc/sys/vm/overcommit_memory) here, and a test does not change it"

# big HOW OUT: the program under the shim.
big() {
	PROGRAM_STATUS=0
	FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" timeout 60 "$PYTHON" "$PROGRAMS/big_mapping_fork.py" "$1" >"$2" 2>&1 ||
		PROGRAM_STATUS=$?
}

big fork "$WORK/out"
[ "$PROGRAM_STATUS" != 0 ] || fail "the fork of a parent with one mapping past RAM + swap worked: $(cat "$WORK/out")"
expect_output "$WORK/out" '^OSError: \[Errno 12\] Cannot allocate memory'
expect verdict=commit_limit call=fork errno=ENOMEM confidence=medium \
	evidence='fork charges each private writable mapping of the parent whole' evidence="the parent's VmData" \
	advice='`sysctl -w vm.overcommit_memory=1`' advice='posix_spawn' not_verdict=unexplained

# The advice's posix_spawn, from the same parent: nothing to charge.
big spawn "$WORK/spawn.out"
[ "$PROGRAM_STATUS" = 0 ] && grep -q '^started$' "$WORK/spawn.out" ||
	fail "posix_spawn from the same parent did not start the child (status $PROGRAM_STATUS): $(cat "$WORK/spawn.out")"

explain_reads "17662:M 28 Aug 12:39:14.595 # Can't save in background: fork: Cannot allocate memory" Redis \
	commit_limit 'ENOMEM while creating a process' '`vm.overcommit_memory = 1`' 'needs it on the host'
explain_reads "ERROR: db_mysql [km_dbase.c:121]: db_mysql_submit_query(): driver error on query: Can't create a new thread (errno 11); if you are not out of available memory, you can consult the manual for a possible OS-dependent bug" \
	'MySQL / MariaDB' cgroup_pids_limit 'EAGAIN while creating a thread' 'only relays it'
explain_reads "SQLSTATE[HY000] [1135] Can't create a new thread (errno 12); if you are not out of available memory, you can consult the manual for a possible OS-dependent bug" \
	'MySQL / MariaDB' commit_limit 'ENOMEM while creating a thread' 'thread_stack'
! grep -q 'No cause of process or thread creation failure' "$WORK/explain" ||
	fail "explain knows no cause of a thread's ENOMEM: $(cat "$WORK/explain")"
explain_reads '2015-12-13 [ERROR] [FATAL] InnoDB: pthread_create returned 11' 'MySQL / MariaDB (InnoDB)' \
	cgroup_pids_limit 'EAGAIN while creating a thread' 'innodb_read_io_threads'
echo "ok: a fork of one mapping past RAM + swap was refused ENOMEM in mode 0 and reported as the commit charge; posix_spawn started the child; explain ranks Redis's fork and reads MySQL's and InnoDB's thread errors"
