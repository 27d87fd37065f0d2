# A storm: 400 forks that all fail in a full pids cgroup. watch snapshots
# a few (one per 100 ms for the process, call and errno) and counts the
# rest, writing what it still owes when it is stopped: the report's count
# for the process equals the failures the program saw, exactly.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
need gcc
find_pids_hierarchy
cg="forkexplain-watch-storm-$$"
make_pids_cgroup "$cg" 1
gcc -O2 -o "$WORK/fail_loop" "$TOP/bench/fail_loop.c" || fail "cannot build fail_loop"

start_watch
bash -c "echo \$\$ > '$PIDS_MNT/$cg/cgroup.procs'; exec '$WORK/fail_loop' 400 3" >"$WORK/failed" &
job=$!
on_exit "kill_tree $job"
wait_watch pid="$job"
wait "$job" || true
# Stopped at once: the tallies still owed are written on SIGTERM.
stop_watch
grep -q 'forkexplain watch: stopped: ' "$WORK/watch.err" || fail "watch did not report its stop"
failed=$(cat "$WORK/failed")
[ "$failed" = 400 ] || fail "fail_loop saw $failed failures, not 400"
n=$(select_watch pid="$job")
report_json
"$PYTHON" - "$WORK/report.json" "$LOG" "$job" "$failed" <<'PY' || fail "watch's count is not exact"
import json, sys
report, log, pid, failed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
kinds = [json.loads(l)["type"] for l in open(log)]
events = [e for e in json.load(open(report))["events"] if e["pid"] == pid]
total = sum(e["count"] for e in events)
assert total == failed, (total, failed, kinds.count("failure"), kinds.count("tally"))
print(f"ok: {failed} failures: {kinds.count('failure')} snapshots and {kinds.count('tally')} tallies, counted {total}")
PY
