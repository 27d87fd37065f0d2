# A bash script starting background sleeps fills its PID namespace, whose
# own pid_max (Linux 6.14+) is 400, under `forkexplain run` as the
# namespace's PID 1. Every process holds one PID, so the fix is not "stop
# the top three holders" (init among them) but who started the many; the
# text, Markdown and explain read as an operator needs them. Then the fix
# is typed as advised from the host, through nsenter into a namespace
# like it, and the same script starts all its children.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need nsenter

cat >"$WORK/spawn.sh" <<'SH'
#!/bin/bash
# spawn.sh N SECONDS: N background sleeps, then wait for them.
for i in $(seq "$1"); do sleep "$2" & done
echo "started $1"
wait
SH
chmod 0755 "$WORK/spawn.sh"

# namespace SETUP COMMAND OUT: COMMAND as PID 1 of a new PID namespace
# (with its own /proc) whose pid_max is 400, after SETUP there. Its end
# kills every process left in the namespace.
namespace() {
	timeout 120 unshare --pid --fork --mount-proc -- bash -c "
		echo 400 > /proc/sys/kernel/pid_max || { echo 'cannot set the namespace pid_max (Linux < 6.14?)'; exit 90; }
		$1
		exec $2" >"$3" 2>&1 || true
}
namespace : "$FORKEXPLAIN run --log $LOG --color never -- $WORK/spawn.sh 450 30" "$WORK/out"
grep -q 'cannot set the namespace pid_max' "$WORK/out" &&
	fail "this kernel ($(uname -r)) has no per-namespace pid_max; the scenario cannot run here"
expect_output "$WORK/out" 'spawn.sh: fork: (retry: )?Resource temporarily unavailable'
[ "$(cat /proc/sys/kernel/pid_max)" -gt 400 ] || fail "the host pid_max changed"

expect verdict=pid_max family=pid_exhaustion call=fork errno=EAGAIN binding='pid_max of PID namespace' \
	evidence='against pid_max 400' advice='No one process holds many PIDs' advice='ps -e -o ppid=' \
	not_advice='Find and stop' advice="nsenter --target PID --pid -- sh -c 'echo"

# run's own report: the holders are the namespace's, the closing line does
# not repeat the first, and the main thread's name is not repeated.
grep -qE '^  Top PID holders in its PID namespace pid:\[[0-9]+\] \(every process there\):$' "$WORK/out" ||
	fail "run's report does not say whose holders it lists: $(grep -A1 'Top PID' "$WORK/out")"
grep -q '^    - every process holds one PID: none has more than one thread or an unreaped child$' "$WORK/out" ||
	fail "run's report lists one-PID holders one by one: $(grep -A4 'Top PID' "$WORK/out")"
! grep -qE 'events? \(|^  Thread: "spawn.sh"' "$WORK/out" || fail "run's report repeats itself: $(cat "$WORK/out")"
"$FORKEXPLAIN" report --format markdown "$LOG" >"$WORK/report.md" || fail "report --format markdown exited $?"
# Frames are the only lines that start with '#' and a digit (headings have a space).
frames=$(grep -c '^#[0-9]' "$WORK/report.md" || true)
logged=$("$PYTHON" -c 'import json,sys; print(len(json.loads(open(sys.argv[1]).readline())["backtrace"]))' "$LOG")
[ "$frames" -le 6 ] && [ "$frames" -ge 1 ] || fail "the Markdown shows $frames frames of $logged"
[ "$logged" -le 6 ] || grep -q "^\.\.\. $((logged - frames)) more frames" "$WORK/report.md" ||
	fail "the Markdown does not count the frames it leaves out: $(grep -A9 '^\*\*Backtrace' "$WORK/report.md")"

# explain on what bash printed: EAGAIN from fork, printed by bash.
"$FORKEXPLAIN" explain <"$WORK/out" >"$WORK/explain" || fail "explain exited $?"
grep -q 'They say: EAGAIN while creating a process, printed by bash' "$WORK/explain" ||
	fail "explain misread bash's lines: $(head -n 8 "$WORK/explain")"
grep -q '\[pid_max\]' "$WORK/explain" || fail "explain does not list pid_max: $(cat "$WORK/explain")"

# The fix as advised, typed on the host: nsenter into a namespace set up
# the same way, with PID its first process as the host numbers it.
fix=$(advised pid_max "nsenter --target PID --pid -- sh -c 'echo [0-9]+ > /proc/sys/kernel/pid_max'")
wanted=$(echo "$fix" | sed -n 's/.*echo \([0-9]*\) >.*/\1/p')
: >"$LOG"
namespace "touch $WORK/ready; while [ ! -e $WORK/go ]; do sleep 0.1; done" \
	"$FORKEXPLAIN run --log $LOG --color never -- $WORK/spawn.sh 450 3" "$WORK/fixed.out" &
runner=$!
on_exit "kill_tree $runner"
wait_for 60 test -e "$WORK/ready" || fail "the second namespace did not start"
# Its PID 1, the bash waiting for go (timeout and unshare, outside it, carry the same words).
inside=""
for p in $(pgrep -f "touch $WORK/ready"); do
	[ "$(readlink "/proc/$p/ns/pid")" != "$(readlink /proc/self/ns/pid)" ] && inside=$p && break
done
[ -n "$inside" ] || fail "no process of the second namespace found"
# Killing its PID 1 ends the namespace, should the scenario stop early.
on_exit "kill -KILL $inside 2>/dev/null"
bash -c "${fix/PID/$inside}" || fail "the advised '$fix' failed for pid $inside"
touch "$WORK/go"
wait "$runner" || true
expect_output "$WORK/fixed.out" '^started 450$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after '$fix': $(head -c 400 "$LOG")"
grep -q 'no process or thread creation failed' "$WORK/fixed.out" || fail "run did not say nothing failed: $(cat "$WORK/fixed.out")"
[ "$(cat /proc/sys/kernel/pid_max)" -gt 400 ] || fail "the host pid_max changed"
echo "ok: bash filled its namespace's pid_max 400 under run; advice names the many one-PID holders' parent, and '$fix' (pid_max $wanted) typed from the host let 450 children start"
