# AWS Lambda's 1,024 processes and threads: a Python handler that starts a
# timer thread per invocation and never cancels it, in an environment
# Lambda freezes and reuses, fails after enough invocations with
# "RuntimeError: can't start new thread" from /var/task
# (github.com/Netflix-Skunkworks/raven-python-lambda/issues/38 and pull/12;
# docs/kernel-facts.md §11.116). Lambda does not say by what it enforces
# the quota, and filling 1,024 tasks of a uid here is not safely bounded,
# so this reproduces the shape with a smaller bound of the same kind: a
# spare uid under RLIMIT_NPROC 12, the handler at /var/task/handler.py (a
# tmpfs /var in a private mount namespace), called in one process once
# per invocation as Lambda's runtime does. main's `explain` gave CPython's
# generic advice; the traceback's /var/task must now name Lambda's quota
# and the fix, and the fix (cancel the timer before returning) must let
# 40 invocations run under the same bound.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need unshare
[ -x "$PYTHON" ] || fail "$PYTHON is missing"

spare_uid 63120 63169
uid=$SPARE_UID
on_exit "kill_uid $uid"
log_owned_by "$uid"

# invoke MODE OUT: 40 invocations of the handler as the uid, under
# `ulimit -u 12`, in a mount namespace whose /var holds only /var/task.
invoke() {
	timeout 60 unshare -m bash -c "set -e
		mount --make-rprivate /
		mount -t tmpfs -o mode=755 tmpfs /var
		mkdir /var/task
		cp '$PROGRAMS/lambda_timer_handler.py' /var/task/handler.py
		chmod 644 /var/task/handler.py
		exec setpriv --reuid $uid --regid $uid --clear-groups --inh-caps=-all \
			bash -c 'ulimit -u 12 && FORKEXPLAIN_LOG=$LOG LD_PRELOAD=$SHIM exec $PYTHON $PROGRAMS/lambda_runtime.py 40 $1'" \
		>"$2" 2>&1
}
rc=0
invoke keep "$WORK/out" || rc=$?
[ "$rc" -eq 1 ] || fail "the handler's runtime exited $rc, expected 1 (a failed invocation): $(cat "$WORK/out")"
expect_output "$WORK/out" "^RuntimeError: can't start new thread$"
expect_output "$WORK/out" '^  File "/var/task/handler.py", line [0-9]+, in handler$'
failed=$(sed -n 's/^invocation \([0-9]*\) failed:$/\1/p' "$WORK/out")
# The process and 11 timers fill 12: the 12th invocation's timer is refused.
[ "$failed" = 12 ] || fail "invocation ${failed:-?} failed under RLIMIT_NPROC 12, expected the 12th"

expect verdict=rlimit_nproc family=denial errno=EAGAIN binding="$uid" evidence='12'
# The traceback as the user pastes it.
explain_reads "$(cat "$WORK/out")" 'Python (threading)' cgroup_pids_limit \
	'AWS Lambda' 'at most 1,024 processes and threads together' 'cannot be increased' \
	'freezes the environment between invocations' 'Join or cancel' '§11.116'
# The same traceback from a path of its own is CPython's advice alone.
sed 's|/var/task/|/srv/app/|' "$WORK/out" >"$WORK/elsewhere"
"$FORKEXPLAIN" explain "$(cat "$WORK/elsewhere")" >"$WORK/plain"
! grep -q 'Lambda' "$WORK/plain" || fail "explain names Lambda without its paths: $(cat "$WORK/plain")"

# The fix it names: the handler cancels its timer before it returns.
: >"$LOG"
invoke cancel "$WORK/fixed" || fail "with the timer cancelled the runtime still failed: $(cat "$WORK/fixed")"
expect_output "$WORK/fixed" '^40 invocations without a failure$'
[ ! -s "$LOG" ] || fail "the shim recorded failures with the timer cancelled: $(head -c 400 "$LOG")"
echo "ok: a timer per invocation left running failed the 12th invocation under RLIMIT_NPROC 12 from /var/task; explain names Lambda's 1,024 and the fix; cancelled, 40 invocations ran"
