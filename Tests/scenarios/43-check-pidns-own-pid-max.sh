# forkexplain check --pid of a process in its own PID namespace, whose
# pid_max (per namespace since Linux 6.14) is 400, with 386 tasks alive
# holding PIDs from 1 up: check must compare with the namespace's 400, not
# the host's pid_max, and count exactly: the tasks holding numbers below
# 300 (about 298: one number went to bash's `$(seq)` subshell) take none
# of the 100 numbers 300-399 the allocator still hands out, so the
# namespace holds at most 100 plus them (docs/kernel-facts.md §6.17):
# "386 of 398", 97 %, exit 2 (critical). The namespace then proves it:
# exactly the numbers left are made. A zombie target is UNKNOWN (3), and
# so is bad usage.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

children=385
unshare -p -m --fork --mount-proc bash -c "
	echo 400 >/proc/sys/kernel/pid_max || exit 9
	for i in \$(seq $children); do sleep 300 & done
	echo ready >'$WORK/ready'
	wait" &
outer=$!
on_exit "kill_tree $outer"
inner=""
inner_ready() {
	inner=$(pgrep -P "$outer" bash || true)
	[ -n "$inner" ] && [ -e "$WORK/ready" ]
}
wait_for 60 inner_ready ||
	fail "the namespace did not start (a per-namespace pid_max needs Linux 6.14+; this is $(uname -r))"
# Killing the namespace's init kills every task in it.
on_exit "kill -KILL $inner"
[ "$(readlink /proc/$inner/ns/pid)" != "$(readlink /proc/self/ns/pid)" ] || fail "bash is not in a new PID namespace"
[ "$(pgrep -c -P "$inner")" = "$children" ] || fail "the namespace holds $(pgrep -c -P "$inner") sleepers, not $children"
host_max=$(cat /proc/sys/kernel/pid_max)
[ "$host_max" != 400 ] || fail "the host's pid_max is 400 too: the test could not tell the two apart"

# The namespace's own /proc (its mount namespace) lists its numbers.
low=$(nsenter -t "$inner" -m sh -c 'ls -d /proc/[0-9]*/task/[0-9]*' | awk -F/ '$5 < 300' | wc -l)
high=$(nsenter -t "$inner" -m sh -c 'ls -d /proc/[0-9]*/task/[0-9]*' | awk -F/ '$5 >= 300' | wc -l)
[ $((low + high)) = $((children + 1)) ] || fail "the namespace lists $low + $high tasks, not $((children + 1))"
left=$((100 - high))

status=0
"$FORKEXPLAIN" check --pid "$inner" --format json >"$WORK/check.json" 2>"$WORK/err" || status=$?
[ "$status" = 2 ] || fail "check exited $status with the namespace's pid_max 96 % used, expected 2: $(cat "$WORK/err") $(head -c 800 "$WORK/check.json")"
"$PYTHON" - "$WORK/check.json" "$host_max" "$low" <<'PY' || fail "check's JSON does not show the namespace's own pid_max"
import json, sys
report = json.load(open(sys.argv[1]))
rows = [l for l in report["limits"] if l["limit"] == "pid_max"]
# pid_max − 300 from 300 up, plus the 299 tasks below 300 (docs/kernel-facts.md §6.17).
low = int(sys.argv[3])
assert len(rows) == 2 and rows[0]["max"] == 400 - 300 + low and rows[0]["used"] == 386, rows
assert f"+ {low} tasks below 300" in rows[0]["source"], rows
assert rows[0]["scope"].startswith("pid:["), rows
# The host's pid_max binds too; from the host, check reads it apart, as the
# host's, never as the namespace's (docs/kernel-facts.md §6.19).
host = rows[1]
assert host["scope"] == "host" and f"/proc/sys/kernel/pid_max {sys.argv[2]} " in host["source"], rows
assert host["used"] > 386 and host["max"] > 400, rows
assert report["status"] == "critical", report["status"]
print("ok: check sees", rows[0]["scope"], "at", rows[0]["used"], "of", rows[0]["max"])
PY
"$FORKEXPLAIN" check --pid "$inner" >"$WORK/check.txt" || true
grep -q "CRIT pid_max of PID namespace pid:\[[0-9]*\]: 386 of $((100 + low)) (97 %)" "$WORK/check.txt" ||
	fail "the text does not name the namespace's limit: $(cat "$WORK/check.txt")"
grep -q "^  ok   kernel.pid_max: [0-9]* of [0-9]* .*\[/proc/sys/kernel/pid_max $host_max " "$WORK/check.txt" &&
	! grep -q 'is not visible from here' "$WORK/check.txt" ||
	fail "the text does not show the host's pid_max, read from the host: $(cat "$WORK/check.txt")"

# What is left is real: a process entering the namespace takes one number,
# then forks until refused.
made=$(nsenter -t "$inner" -p -m "$PYTHON" -c '
import os, signal
children = []
while len(children) < 30:
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        signal.pause()
        os._exit(0)
    children.append(pid)
for pid in children:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
print(len(children))') || fail "the fork counter failed in the namespace"
[ "$made" = $((left - 1)) ] || fail "$left PIDs were left; a process there (the 1st) forked $made more, expected $((left - 1))"

# Tasks of a namespace nested inside hold a number in this one too: an
# unshare there (1 task) and a namespace below it with a shell and two
# sleepers (3 more) add 4.
nsenter -t "$inner" -p -m unshare -p --fork sh -c 'sleep 300 & sleep 300 & echo > "$1"; wait' sh "$WORK/nested" &
wait_for 60 test -e "$WORK/nested" || fail "the nested namespace did not start"
"$FORKEXPLAIN" check --pid "$inner" --format json >"$WORK/nested.json" || true
"$PYTHON" - "$WORK/nested.json" <<'PY' || fail "the tasks of the nested namespace are not counted: $(grep -A3 '"pid_max"' "$WORK/nested.json")"
import json, sys
rows = [l for l in json.load(open(sys.argv[1]))["limits"] if l["limit"] == "pid_max"]
assert rows[0]["used"] == 386 + 4, rows
PY

# A zombie: a child that exited under a parent that never reaps it.
sh -c 'sleep 0.1 & echo $! >"$1"; exec sleep 300' sh "$WORK/zombie" &
parent=$!
on_exit "kill_tree $parent"
zombie_there() { [ -s "$WORK/zombie" ] && grep -q '^State:.Z' "/proc/$(cat "$WORK/zombie")/status" 2>/dev/null; }
wait_for 60 zombie_there || true
zombie=$(cat "$WORK/zombie")
grep -q '^State:.Z' "/proc/$zombie/status" || fail "process $zombie did not become a zombie"
status=0
"$FORKEXPLAIN" check --pid "$zombie" >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 3 ] && [ "$(grep -c . "$WORK/err")" = 1 ] && grep -qx "FORKEXPLAIN UNKNOWN - process $zombie is a zombie.*" "$WORK/out" ||
	fail "a zombie gave status $status: $(cat "$WORK/out" "$WORK/err")"

status=0
"$FORKEXPLAIN" check --format xml >"$WORK/out" 2>&1 || status=$?
[ "$status" = 3 ] || fail "bad usage of check gave status $status, expected 3 (UNKNOWN)"
echo "ok: check --pid in a PID namespace: its own pid_max 400, exit 2; a zombie and bad usage exit 3"
