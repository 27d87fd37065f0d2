# `forkexplain run` waits for its command in the cgroup it was started in,
# so its own threads are in that cgroup's pids.current beside the
# command's. Here run starts in a pids cgroup of 12 made here; its command
# (python) forks until a fork is refused. The short report on stderr says
# how many of the 12 were run's own, and the numbers add up: run's tasks
# (counted from /proc by the command while it ran) + the command + its
# children = pids.current at the failure = pids.max.
. "$(dirname "$0")/lib.sh"
need_root

find_pids_hierarchy
name=forkexplain-137-$$
cg="$PIDS_MNT/$name"
mkdir "$cg"
on_exit "rmdir '$cg'"
on_exit "empty_cgroup '$cg'"
echo 12 >"$cg/pids.max"

timeout 60 bash -c "echo \$\$ > '$cg/cgroup.procs'
	exec '$FORKEXPLAIN' run --log '$LOG' --color never -- '$PYTHON' '$PROGRAMS/run_share.py'" >"$WORK/out" 2>"$WORK/err" ||
	fail "run failed: $(cat "$WORK/err")"
run_share_counts "$WORK/out" 12 "the cgroup's"

expect verdict=cgroup_pids_limit call=fork errno=EAGAIN binding="/$name"
grep -qF "Counted: forkexplain run itself (pid $RUNNER) held $RUNNER_TASKS of the 12 tasks counted in /$name (pids.max 12), waiting there for the command: the command and what it started held the other $((12 - RUNNER_TASKS))." "$WORK/err" ||
	fail "run did not say its $RUNNER_TASKS tasks were among those counted: $(cat "$WORK/err")"

# Started outside the cgroup (the command moves itself in), run is not counted there.
: >"$LOG"
timeout 60 "$FORKEXPLAIN" run --log "$LOG" --color never -- bash -c "echo \$\$ > '$cg/cgroup.procs'
	exec '$PYTHON' '$PROGRAMS/run_share.py'" >"$WORK/out2" 2>"$WORK/err2" || fail "run failed: $(cat "$WORK/err2")"
expect_output "$WORK/out2" '^refused EAGAIN after 11$'
grep -q 'cgroup_pids_limit' "$WORK/err2" || fail "no verdict on stderr: $(cat "$WORK/err2")"
! grep -q '^Counted:' "$WORK/err2" || fail "run counted itself in a cgroup it was not in: $(cat "$WORK/err2")"
echo "ok: run's tasks ($RUNNER_TASKS) + python + $CHILDREN children = pids.max 12, and run says the $RUNNER_TASKS are its own"
