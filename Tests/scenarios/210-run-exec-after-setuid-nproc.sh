# An execve refused with EAGAIN after a uid change (glotcode/docker-run#6:
# "exec .../code-runner: resource temporarily unavailable" from a
# container with `Ulimits: nproc soft 200`, which ran once the nproc
# limit was removed). Real, on this kernel: root drops to a spare uid that
# already runs tasks elsewhere, under an RLIMIT_NPROC below their count,
# the way runc starts a container's process as its USER; setpriv(1) makes
# the same set*uid-then-execve. The set*uid succeeds, the kernel flags the
# process, and the execve fails with EAGAIN (docs/kernel-facts.md §11.102).
# Then `explain` must read the program's own line as that, RLIMIT_NPROC
# alone, and the fixes it names must work: a uid nothing else runs as, or
# a limit above the uid's count.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need prlimit

spare_uid 62100 62199
busy=$SPARE_UID
on_exit "kill_uid $busy"
# The uid's tasks elsewhere: 3 sleepers (another container's, a host
# session's).
uid_sleepers "$busy" 3

# start LIMIT UID OUT: root sets RLIMIT_NPROC LIMIT, drops to UID, execs true.
start() {
	prlimit --nproc="$1" setpriv --reuid "$2" --regid "$2" --clear-groups /bin/true >"$3" 2>&1
}
rc=0
start 2 "$busy" "$WORK/refused" || rc=$?
[ "$rc" -eq 126 ] || fail "setpriv exited $rc under RLIMIT_NPROC 2 with 3 tasks of its uid, expected 126: $(cat "$WORK/refused")"
expect_output "$WORK/refused" '^setpriv: failed to execute /bin/true: Resource temporarily unavailable$'
# The boundary: refused when the uid's other tasks exceed the limit, not
# when they equal it (3 tasks, RLIMIT_NPROC 3 execs).
start 3 "$busy" "$WORK/equal" || fail "setpriv failed with 3 tasks of its uid under RLIMIT_NPROC 3: $(cat "$WORK/equal")"

explain_reads "$(cat "$WORK/refused")" "an exec after a uid change (runc, su, sudo, setpriv, runguard)" rlimit_nproc \
	'EAGAIN from the execve of a program after a uid change' 'PF_NPROC_EXCEEDED' 'a uid nothing else on the host uses' 'raise or drop the nproc limit' '§11.102'
sed -n '/Possible causes/,$p' "$WORK/explain" | grep -q 'cgroup_pids_limit\|\[pid_max\]\|threads_max' &&
	fail "explain still lists a task limit for an exec: $(cat "$WORK/explain")"

# The fixes it names: a uid nothing else runs as, under the same limit ...
spare_uid 62200 62299
start 2 "$SPARE_UID" "$WORK/own" || fail "a uid of its own was refused under RLIMIT_NPROC 2: $(cat "$WORK/own")"
# ... or a limit above what the busy uid runs.
start 4 "$busy" "$WORK/raised" || fail "RLIMIT_NPROC 4 still refused the exec: $(cat "$WORK/raised")"
echo "ok: execve EAGAIN with 3 tasks of the uid over RLIMIT_NPROC 2 (not at 3); explain names RLIMIT_NPROC alone; own uid and a raised limit both exec"
