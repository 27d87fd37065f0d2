# A process started BEFORE watch, in a nested cgroup inside its own cgroup
# namespace: from inside, its cgroup is "/" and no limit is visible; the
# limit sits on the parent. watch reads /proc/PID/cgroup from the host's
# cgroup namespace and names the parent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
need unshare
need nsenter
build_forker
find_pids_hierarchy
parent="forkexplain-watch-ns-$$"
make_pids_cgroup "$parent" 10 subtree
make_pids_cgroup "$parent/pod" max
[ "$(cat "$PIDS_MNT/$parent/pod/pids.max")" = max ] || fail "the nested cgroup should have no limit of its own"

# Move in first, then unshare the cgroup namespace: its root is the nested
# cgroup. The forker waits (at most 120 s) for the trigger file before
# forking; bash execs unshare, which execs it: $job is its pid.
bash -c "echo \$\$ > '$PIDS_MNT/$parent/pod/cgroup.procs'; exec unshare -C '$WORK/forker' 50 '$WORK/go' 3" \
	>"$WORK/out" 2>&1 &
job=$!
on_exit "kill_tree $job"
for ((i = 0; i < 100; i++)); do
	inside=$(nsenter -t "$job" -C cat /proc/$job/cgroup 2>/dev/null | grep -E '^[0-9]+:pids:|^0::' | head -n 1 || true)
	[ "$(readlink /proc/$job/ns/cgroup)" != "$(readlink /proc/self/ns/cgroup)" ] && [ "${inside##*:}" = / ] && break
	sleep 0.1
done
echo "from inside its namespace the process sees: $inside"
case "$inside" in *:/) ;; *) fail "the process is not in its own cgroup namespace rooted at its cgroup: $inside" ;; esac

start_watch
touch "$WORK/go"
wait "$job" || true
expect_output "$WORK/out" 'forker: fork: Resource temporarily unavailable'
wait_watch pid="$job"
stop_watch
select_watch pid="$job" >/dev/null
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN source=watch binding="/$parent" evidence='10'
"$PYTHON" - "$LOG" "$WORK/report.json" "/$parent" <<'PY' || fail "watch did not name the parent from the host"
import json, sys
log, report, parent = sys.argv[1:]
r = next(json.loads(l) for l in open(log) if '"failure"' in l)
paths = [l["path"] for l in r["cgroups"]["pids"]]
assert paths[:2] == [parent + "/pod", parent], paths
bindings = [e["binding_limit"] for e in json.load(open(report))["events"]]
assert any(b.endswith(" " + parent) for b in bindings), bindings
print("watch saw the chain", paths, "and named", parent)
PY
