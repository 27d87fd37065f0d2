# A failure both the shim (preloaded into a dynamic program) and watch (in
# the kernel) saw: `forkexplain report` over both logs shows it once, as the
# shim's record with its backtrace.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
need gcc
find_pids_hierarchy
cg="forkexplain-watch-both-$$"
make_pids_cgroup "$cg" 6
gcc -O1 -o "$WORK/forker-dyn" "$PROGRAMS/forker.c" || fail "cannot build the dynamic forker"

start_watch
bash -c "echo \$\$ > '$PIDS_MNT/$cg/cgroup.procs'; FORKEXPLAIN_LOG='$WORK/shim.jsonl' LD_PRELOAD='$SHIM' exec '$WORK/forker-dyn' 50 '' 3" \
	>"$WORK/out" 2>&1 &
job=$!
on_exit "kill_tree $job"
wait_watch pid="$job"
wait "$job" || true
expect_output "$WORK/out" 'forker: fork: Resource temporarily unavailable'
stop_watch
select_watch pid="$job" >/dev/null
[ -s "$WORK/shim.jsonl" ] || fail "the shim recorded nothing"
"$FORKEXPLAIN" report --format json "$WORK/shim.jsonl" "$LOG" >"$WORK/both.json" || fail "report exited $?"
"$PYTHON" - "$WORK/both.json" "$WORK/shim.jsonl" "$LOG" "$job" <<'PY' || fail "the failure seen twice was not reported once"
import json, sys
report, shim, watch, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def failures(path):
    return [r for r in map(json.loads, open(path)) if r["type"] == "failure" and r["process"]["pid"] == pid]
s, w = failures(shim), failures(watch)
assert s and w, ("both must have seen it", len(s), len(w))
events = [e for e in json.load(open(report))["events"] if e["pid"] == pid]
assert len(events) == len(s), ("one event per shim record", events)
assert all(e["source"] == "shim" for e in events), events
assert "backtrace" in s[0], "the shim's record has no backtrace (libunwind missing?)"
print(f"ok: shim {len(s)} record(s), watch {len(w)}: report shows {len(events)} event(s), from the shim, "
      f"{events[0]['verdict']}, with a backtrace of {len(s[0]['backtrace'])} frames")
PY
