# Counters mode on a cgroup v2 host (this test machine has v1 pids only):
# a replayed /proc and /sys (FORKEXPLAIN_PROC_ROOT, FORKEXPLAIN_SYS_ROOT)
# with a pod whose pids.max of 16 is full. The kernel (v2 since 6.11)
# counts a refusal once, in pids.events.local of the level that refused
# (docs/kernel-facts.md §6.6); watch must read that counter, notice it
# move, and name that level. No root needed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"

m="$WORK/machine"
pod="$m/sys/fs/cgroup/kubepods/pod1"
mkdir -p "$m/proc/self" "$pod/ctr"
echo '35 25 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate' \
	>"$m/proc/self/mountinfo"
echo 'cpu memory pids' >"$m/sys/fs/cgroup/cgroup.controllers"
for dir in "$m/sys/fs/cgroup/kubepods" "$pod" "$pod/ctr"; do
	echo max >"$dir/pids.max"
	echo 16 >"$dir/pids.current"
	echo 'max 0' >"$dir/pids.events"
	echo 'max 0' >"$dir/pids.events.local"
	: >"$dir/cgroup.procs"
done
echo 16 >"$pod/pids.max"

start_watch FORKEXPLAIN_WATCH_MECHANISM=counters FORKEXPLAIN_PROC_ROOT="$m/proc" FORKEXPLAIN_SYS_ROOT="$m/sys"
grep -q 'pids.events of 3 cgroups in 1 pids hierarchies' "$WORK/watch.err" ||
	fail "watch did not find the replayed v2 hierarchy: $(cat "$WORK/watch.err")"
# Three refusals by the pod's limit: counted in the pod's local counter and
# (hierarchically) in pids.events of the pod and every level above it.
echo 'max 3' >"$pod/pids.events.local"
echo 'max 3' >"$pod/pids.events"
echo 'max 3' >"$m/sys/fs/cgroup/kubepods/pids.events"
wait_watch cgroup=/kubepods/pod1
stop_watch
# Only the replayed cgroups are watched: every record in the log is ours.
n=$(grep -c '"type":"failure"' "$WATCHLOG" || true)
[ "$n" = 1 ] || fail "the refusals were recorded $n times, not once (the hierarchical pids.events counted again?)"
select_watch cgroup=/kubepods/pod1 >/dev/null
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN source=watch binding=/kubepods/pod1 evidence=16
"$PYTHON" - "$WORK/report.json" <<'PY' || fail "the three refusals were not all counted"
import json, sys
events = json.load(open(sys.argv[1]))["events"]
assert sum(e["count"] for e in events) == 3, [(e["verdict"], e["count"]) for e in events]
print("ok: 3 refusals, one record, counted 3")
PY
