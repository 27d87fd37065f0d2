# forkexplain check --pid of a process in its own PID namespace, whose
# pid_max (per namespace since Linux 6.14) is 400 and 386 of it are used:
# check must compare with the namespace's 400, not the host's pid_max, and
# exit 2 (critical). A zombie target is UNKNOWN (3), and so is bad usage.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

children=385
unshare -p -m --fork --mount-proc bash -c "
	echo 400 >/proc/sys/kernel/pid_max || exit 9
	for i in \$(seq $children); do sleep 120 & done
	echo ready >'$WORK/ready'
	wait" &
outer=$!
on_exit "kill_tree $outer"
inner=""
for _ in $(seq 100); do
	inner=$(pgrep -P "$outer" bash || true)
	[ -n "$inner" ] && [ -e "$WORK/ready" ] && break
	sleep 0.1
done
[ -n "$inner" ] && [ -e "$WORK/ready" ] ||
	fail "the namespace did not start (a per-namespace pid_max needs Linux 6.14+; this is $(uname -r))"
# Killing the namespace's init kills every task in it.
on_exit "kill -KILL $inner"
[ "$(readlink /proc/$inner/ns/pid)" != "$(readlink /proc/self/ns/pid)" ] || fail "bash is not in a new PID namespace"
[ "$(pgrep -c -P "$inner")" = "$children" ] || fail "the namespace holds $(pgrep -c -P "$inner") sleepers, not $children"
host_max=$(cat /proc/sys/kernel/pid_max)
[ "$host_max" != 400 ] || fail "the host's pid_max is 400 too: the test could not tell the two apart"

status=0
"$FORKEXPLAIN" check --pid "$inner" --format json >"$WORK/check.json" 2>"$WORK/err" || status=$?
[ "$status" = 2 ] || fail "check exited $status with the namespace's pid_max 96 % used, expected 2: $(cat "$WORK/err") $(head -c 800 "$WORK/check.json")"
"$PYTHON" - "$WORK/check.json" "$host_max" <<'PY' || fail "check's JSON does not show the namespace's own pid_max"
import json, sys
report = json.load(open(sys.argv[1]))
rows = [l for l in report["limits"] if l["limit"] == "pid_max"]
# pid_max − 300: what is left once the allocator has wrapped (docs/kernel-facts.md §6.17).
assert len(rows) == 1 and rows[0]["max"] == 400 - 300 and rows[0]["used"] >= 386, rows
assert rows[0]["scope"].startswith("pid:["), rows
assert not any(l["max"] == int(sys.argv[2]) and l["limit"] == "pid_max" for l in report["limits"]), report
assert report["status"] == "critical", report["status"]
print("ok: check sees", rows[0]["scope"], "at", rows[0]["used"], "of", rows[0]["max"])
PY
"$FORKEXPLAIN" check --pid "$inner" >"$WORK/check.txt" || true
grep -q "CRIT .*pid_max.* of PID namespace pid:\[[0-9]*\].*: [0-9]* of 100 " "$WORK/check.txt" ||
	fail "the text does not name the namespace's limit: $(cat "$WORK/check.txt")"

# A zombie: a child that exited under a parent that never reaps it.
sh -c 'sleep 0.1 & echo $! >"$1"; exec sleep 60' sh "$WORK/zombie" &
parent=$!
on_exit "kill_tree $parent"
for _ in $(seq 100); do
	[ -s "$WORK/zombie" ] && grep -q '^State:.Z' "/proc/$(cat "$WORK/zombie")/status" 2>/dev/null && break
	sleep 0.1
done
zombie=$(cat "$WORK/zombie")
grep -q '^State:.Z' "/proc/$zombie/status" || fail "process $zombie did not become a zombie"
status=0
"$FORKEXPLAIN" check --pid "$zombie" >"$WORK/out" 2>&1 || status=$?
[ "$status" = 3 ] && [ "$(grep -c . "$WORK/out")" = 1 ] || fail "a zombie gave status $status: $(cat "$WORK/out")"

status=0
"$FORKEXPLAIN" check --format xml >"$WORK/out" 2>&1 || status=$?
[ "$status" = 3 ] || fail "bad usage of check gave status $status, expected 3 (UNKNOWN)"
echo "ok: check --pid in a PID namespace: its own pid_max 400, exit 2; a zombie and bad usage exit 3"
