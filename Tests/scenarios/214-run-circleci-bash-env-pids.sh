# A CircleCI job that fails with thousands of "fork: retry: Resource
# temporarily unavailable" lines from /tmp/.bash_env-…-build, its
# Resources tab showing CPU and memory to spare: a command substitution
# written into $BASH_ENV in single quotes runs again in every shell that
# sources the file, and the copies fill the container's process (PID)
# limit (support.circleci.com, "fork: retry: Resource temporarily
# unavailable When Using Command Substitution in BASH_ENV";
# docs/kernel-facts.md §11.117). Reproduced for real: a $BASH_ENV file at
# /tmp/.bash_env-…-build holding `export MY_VAR="$(sleep 10; echo v)"`, a
# step whose 12 shells source it, in a pids cgroup of 30. main's
# `explain` gave bash's generic advice; the path must now name the
# container's unpublished limit and the fix, and the fix (the value
# written, not the command) must let the same step run under the same
# limit.
. "$(dirname "$0")/lib.sh"
need_root
# 2 for the holder; each of the step's 12 shells, its substitution's
# subshell and sleep make 3 more.
pids_cgroup "forkexplain-field-214-circleci-$$" 30 2
envfile="/tmp/.bash_env-forkexplain214-$$-build"
on_exit "rm -f '$envfile'"

# step OUT: 12 shells started by one step, each sourcing $BASH_ENV, in the cgroup.
step() {
	timeout 120 bash -c "echo \$\$ > '$CG/cgroup.procs'
		export BASH_ENV='$envfile' FORKEXPLAIN_LOG='$LOG' LD_PRELOAD='$SHIM'
		exec bash -c 'for i in \$(seq 12); do bash -c true & done; wait'" >"$1" 2>&1
}
# The pattern the article warns of: single quotes store the command.
echo 'export MY_VAR="$(sleep 10; echo v)"' >"$envfile"
step "$WORK/out" || true
expect_output "$WORK/out" "^$envfile: fork: retry: Resource temporarily unavailable"
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN binding="/forkexplain-field-214-circleci-$$"
# Two of the step log's lines, as the user pastes them.
explain_reads "$(grep -m2 'fork: retry' "$WORK/out")" bash cgroup_pids_limit \
	'CircleCI' 'process \(PID\) limit that CircleCI does not publish' 'Resources tab' \
	'in single quotes' 'write the value instead' '§11.117'
# Without the path it is bash's advice alone.
"$FORKEXPLAIN" explain 'bash: fork: retry: Resource temporarily unavailable' >"$WORK/plain"
! grep -q 'CircleCI' "$WORK/plain" || fail "explain names CircleCI without its path: $(cat "$WORK/plain")"

# The fix it names: the value written once, in double quotes.
echo "export MY_VAR=\"$(sleep 1; echo v)\"" >"$envfile"
grep -q '^export MY_VAR="v"$' "$envfile" || fail "the fixed \$BASH_ENV is not the value: $(cat "$envfile")"
: >"$LOG"
step "$WORK/fixed" || fail "the step failed with the value written: $(cat "$WORK/fixed")"
! grep -q 'fork' "$WORK/fixed" || fail "the step still could not fork: $(cat "$WORK/fixed")"
[ ! -s "$LOG" ] || fail "the shim recorded failures with the value written: $(head -c 400 "$LOG")"
echo "ok: \$BASH_ENV's single-quoted substitution filled a pids cgroup of 30 from 12 shells; explain names CircleCI's unpublished PID limit and the fix; with the value written the step ran"
