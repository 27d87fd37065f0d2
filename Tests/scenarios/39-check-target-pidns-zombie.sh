# forkexplain check --pid on targets it must not misread: a process in a
# PID namespace of its own whose pid_max was lowered inside it (6.14+ keep
# one per namespace; the sysctl shows the reader's own, whatever /proc it
# is read through, docs/kernel-facts.md §6.19), and a zombie. The record
# must carry the target's pid_max, its namespaces, and State "Z".
. "$(dirname "$0")/lib.sh"
need_root
need unshare

read -r major minor _ <<<"$(uname -r | tr '.-' '  ')"
[ "$major" -gt 6 ] || { [ "$major" = 6 ] && [ "$minor" -ge 14 ]; } ||
	fail "kernel $(uname -r) keeps one pid_max for all namespaces (per-namespace since 6.14); this scenario needs 6.14+"
cc -std=c11 -D_GNU_SOURCE -I"$TOP/CShim/common" -o "$WORK/snapshot" "$PROGRAMS/snapshot.c" \
	"$TOP"/CShim/common/*.c -ldl || fail "cannot build the snapshot driver"

# The target: PID 1 of a new namespace with its own /proc, pid_max 5000
# there (the namespace's own value; the host's is untouched).
unshare -p -m --fork --mount-proc bash -c 'echo 5000 > /proc/sys/kernel/pid_max; exec sleep 300' &
holder=$!
on_exit "kill_tree $holder"
target=
target_there() {
	target=$(pgrep -P "$holder" -x sleep || true)
	[ -n "$target" ]
}
wait_for 60 target_there || fail "the namespace's sleep did not start"
# unshare does not pass SIGKILL on: its namespace ends with its PID 1.
on_exit "kill -KILL $target"
host_max=$(cat /proc/sys/kernel/pid_max)
[ "$host_max" != 5000 ] || fail "the host's own pid_max is 5000; the scenario could not tell them apart"
# What a reader would get through the target's own /proc: our value.
[ "$(cat "/proc/$target/root/proc/sys/kernel/pid_max")" = "$host_max" ] ||
	fail "reading through /proc/$target/root showed the target's pid_max; docs/kernel-facts.md §6.19 says it cannot"
"$WORK/snapshot" "$target" >"$WORK/ns.json" || fail "no snapshot of $target"

# A zombie: a child its parent never reaps.
bash -c 'sleep 0.1 & exec sleep 300' &
parent=$!
on_exit "kill_tree $parent"
zombie=
# The child is a zombie once it exits (0.1 s, longer on a loaded machine).
zombie_there() {
	zombie=$(pgrep -P "$parent" || true)
	[ -n "$zombie" ] && [ "$(awk '/^State:/ { print $2 }' "/proc/$zombie/status" 2>/dev/null)" = Z ]
}
wait_for 60 zombie_there || fail "no zombie appeared: child ${zombie:-none}"
"$WORK/snapshot" "$zombie" >"$WORK/zombie.json" || fail "no snapshot of $zombie"

"$PYTHON" - "$WORK/ns.json" "$WORK/zombie.json" "$target" "$(readlink "/proc/$target/ns/pid")" <<'PY'
import json, sys
ns, zombie = (json.load(open(p)) for p in sys.argv[1:3])
target, link = int(sys.argv[3]), sys.argv[4]
ino = int(link.split("[")[1].rstrip("]"))
bad = []
if ns["pid"].get("pid_max") != 5000:
    bad.append(f"pid.pid_max {ns['pid'].get('pid_max')} (expected the namespace's 5000)")
if ns["pid"].get("pid_ns") != ino:
    bad.append(f"pid.pid_ns {ns['pid'].get('pid_ns')} (expected {ino})")
if ns["pid"].get("nspid") != [target, 1]:
    bad.append(f"pid.nspid {ns['pid'].get('nspid')} (expected [{target}, 1])")
if ns["process"].get("state") != "S":
    bad.append(f"process.state {ns['process'].get('state')!r} of the sleeping target")
if zombie["process"].get("state") != "Z":
    bad.append(f"process.state {zombie['process'].get('state')!r} of the zombie (expected 'Z')")
if bad:
    sys.exit("FAIL: the snapshot misreads its target:\n  " + "\n  ".join(bad))
print(f"ok: pid_max 5000 of pid:[{ino}] read from inside it; the zombie is state Z")
PY
