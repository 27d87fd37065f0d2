# `forkexplain watch` sees every refused clone on the host with its comm,
# so a git that nobody ran under the shim (a CI job's checkout, a hook)
# is still named: report on watch's record must give git's evidence and
# advice (docs/kernel-facts.md §11.126), as it does on the shim's
# (scenario 225). Reproduced for real with this machine's git, without
# the shim, as the third task of a pids cgroup of 3 (a holder and a
# sleeper in it): its alias (`!true`) cannot fork, watch records the
# failed clone from the tracepoints and reads the cgroup.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
need git
git init -q "$WORK/repo" || fail "git init failed"
pids_cgroup "forkexplain-226-watchgit-$$" 3 2

start_watch
# git exits at once after its refused fork, and watch reads a task's /proc
# after the tracepoint fires: a git gone first leaves a brief record with
# no comm or (on v1) cgroup (docs/watch.md, "A task already gone"), which
# CI's machine showed once. So git runs until watch has read one whole,
# at most 10 times; each run must be refused, and none read is a failure.
failures() { local n; n=$(grep -c '"type":"failure"' "$WATCHLOG" 2>/dev/null); echo "${n:-0}"; }
for try in $(seq 10); do
	before=$(failures)
	PROGRAM_STATUS=0
	timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'
		exec git -C '$WORK/repo' -c 'alias.x=!true' x" >"$WORK/git.out" 2>&1 || PROGRAM_STATUS=$?
	[ "$PROGRAM_STATUS" != 0 ] || fail "git's alias ran with no room for its child: $(cat "$WORK/git.out")"
	expect_output "$WORK/git.out" '^error: cannot fork\(\) for true: Resource temporarily unavailable$'
	# Its record, whole or brief, then whether it was read whole.
	wait_for 30 eval '[ "$(failures)" -gt "$before" ]' || wait_watch cgroup="/forkexplain-226-watchgit-$$"
	[ "$(select_watch cgroup="/forkexplain-226-watchgit-$$")" = 0 ] || break
	[ "$try" != 10 ] || wait_watch cgroup="/forkexplain-226-watchgit-$$"
	echo "try $try: watch's record of git's refused fork was brief (git gone before it was read)" >&2
done
stop_watch
echo "watch recorded $(select_watch cgroup="/forkexplain-226-watchgit-$$") failure record(s) for the cgroup"
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN source=watch binding="/forkexplain-226-watchgit-$$" \
	rec.process.comm=git evidence='the failing process is git (git)' evidence='git holds a child or two at a time' \
	advice='Look beside git, not at it' not_advice='worker_processes'
echo "ok: watch ($WATCH_MODE mode) recorded git's refused fork in a pids cgroup of 3 without the shim, and report gave git's evidence and advice on it"
