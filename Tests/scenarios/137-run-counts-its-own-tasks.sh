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
on_exit "for p in \$(cat '$cg/cgroup.procs'); do kill -KILL \$p; done; sleep 0.2"
echo 12 >"$cg/pids.max"

timeout 60 bash -c "echo \$\$ > '$cg/cgroup.procs'
	exec '$FORKEXPLAIN' run --log '$LOG' --color never -- '$PYTHON' '$PROGRAMS/run_share.py'" >"$WORK/out" 2>"$WORK/err" ||
	fail "run failed: $(cat "$WORK/err")"
expect_output "$WORK/out" '^refused EAGAIN after [0-9]+$'
read -r _ runner runner_tasks < <(grep '^run ' "$WORK/out")
children=$(sed -n 's/^refused EAGAIN after \([0-9]*\)$/\1/p' "$WORK/out")
[ $((runner_tasks + 1 + children)) = 12 ] ||
	fail "run's $runner_tasks tasks + python + its $children children are not the cgroup's 12"

expect verdict=cgroup_pids_limit call=fork errno=EAGAIN binding="/$name"
grep -qF "Counted: forkexplain run itself (pid $runner) held $runner_tasks of the 12 tasks counted in /$name (pids.max 12), waiting there for the command: the command and what it started held the other $((12 - runner_tasks))." "$WORK/err" ||
	fail "run did not say its $runner_tasks tasks were among those counted: $(cat "$WORK/err")"

# Started outside the cgroup (the command moves itself in), run is not counted there.
: >"$LOG"
timeout 60 "$FORKEXPLAIN" run --log "$LOG" --color never -- bash -c "echo \$\$ > '$cg/cgroup.procs'
	exec '$PYTHON' '$PROGRAMS/run_share.py'" >"$WORK/out2" 2>"$WORK/err2" || fail "run failed: $(cat "$WORK/err2")"
expect_output "$WORK/out2" '^refused EAGAIN after 11$'
grep -q 'cgroup_pids_limit' "$WORK/err2" || fail "no verdict on stderr: $(cat "$WORK/err2")"
! grep -q '^Counted:' "$WORK/err2" || fail "run counted itself in a cgroup it was not in: $(cat "$WORK/err2")"
echo "ok: run's tasks ($runner_tasks) + python + $children children = pids.max 12, and run says the $runner_tasks are its own"
