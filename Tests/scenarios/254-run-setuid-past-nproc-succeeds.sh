# su's `cannot set user id: Resource temporarily unavailable` and sshd's
# `fatal: setresuid UID: Resource temporarily unavailable` are a set*uid
# refused by itself, which since Linux 3.1 no longer happens for
# RLIMIT_NPROC: the set*uid succeeds and the next execve is refused
# (docs/kernel-facts.md §11.151). Measured for real on this kernel: root
# drops to a spare uid already running 3 sleepers, under RLIMIT_NPROC 2,
# with strace watching; setresuid must return 0 and the execve -1 EAGAIN.
# Then explain must read the program's own line as the exec's refusal, and
# su's old line as the set*uid's own on a kernel before 3.1, RLIMIT_NPROC
# alone both times.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need prlimit
need strace

spare_uid 62540 62599
busy=$SPARE_UID
on_exit "kill_uid $busy"
# The uid's tasks elsewhere: 3 sleepers.
uid_sleepers "$busy" 3

rc=0
prlimit --nproc=2 strace -f -o "$WORK/strace" -e trace=setresuid,execve \
	setpriv --reuid "$busy" --regid "$busy" --clear-groups /bin/true >"$WORK/out" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || fail "setpriv ran /bin/true under RLIMIT_NPROC 2 with 3 tasks of its uid"
grep -qE "setresuid\($busy, $busy, .*\) += 0$" "$WORK/strace" ||
	fail "the set*uid past RLIMIT_NPROC did not succeed on $(uname -r): $(cat "$WORK/strace")"
grep -qE 'execve\("/bin/true", .* = -1 EAGAIN' "$WORK/strace" ||
	fail "the execve after it was not refused with EAGAIN: $(cat "$WORK/strace")"
uname -r | awk -F. '$1 > 3 || ($1 == 3 && $2 >= 1) { ok = 1 } END { exit !ok }' ||
	fail "this kernel ($(uname -r)) is older than 3.1: the set*uid itself should have been refused"
echo "on $(uname -r): setresuid($busy) past RLIMIT_NPROC 2 returned 0, the execve EAGAIN"

line=$(grep -x 'setpriv: failed to execute /bin/true: Resource temporarily unavailable' "$WORK/out") ||
	fail "setpriv did not print its refused exec: $(cat "$WORK/out")"
explain_reads "$line" "an exec after a uid change (runc, su, sudo, setpriv, runguard)" rlimit_nproc 'PF_NPROC_EXCEEDED'
explain_reads "su: cannot set user id: Resource temporarily unavailable" \
	"a set*uid refused (su, sshd, on a kernel before 3.1)" rlimit_nproc \
	'EAGAIN from a set\*uid call' 'before Linux 3.1' '2\.6\.32' 'Since 3\.1 the set\*uid succeeds'
sed -n '/Possible causes/,$p' "$WORK/explain" | grep -q 'cgroup_pids_limit\|\[pid_max\]\|threads_max' &&
	fail "explain lists a task limit for a set*uid: $(cat "$WORK/explain")"
echo "ok: on $(uname -r) the set*uid past RLIMIT_NPROC succeeds and the exec is refused; explain reads setpriv's line as the exec's and su's old line as a set*uid refused before 3.1, RLIMIT_NPROC alone"
