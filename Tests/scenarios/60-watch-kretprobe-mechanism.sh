# The first mechanism, a return probe on the kernel's clone path
# (docs/watch.md, "The mechanisms"), forced with the test hook
# FORKEXPLAIN_WATCH_MECHANISM=kretprobe.
# - On a kernel with kprobes: a static forker refused by a pids cgroup of
#   8 is recorded as call kernel_clone, cgroup_pids_limit.
# - On a kernel without (this project's machine: CONFIG_KPROBES is not
#   set), watch forced to it must refuse, naming the reason, and not fall
#   back silently.
# - Everywhere: the mechanism's own code (a dynamic return-probe event
#   made in tracefs, its id and `ret` field read from its format, opened
#   through perf_event_open with the errno filter, the sample's pid and
#   tid, the entry probe's clone flags paired with it, the snapshot, the
#   probes removed at stop) runs on a user function standing in for
#   kernel_clone, through a uprobe and a uretprobe (the test hook
#   FORKEXPLAIN_WATCH_PROBE_TARGET): 400 successful returns and one
#   -EAGAIN, exactly one failure seen, with its own call's flags. The kretprobe on kernel_clone under
#   a real systemd is run by Tests/vm/run.sh (`make vm-test`).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
tracefs=$(tracefs_dir)

if [ -e "$tracefs/kprobe_events" ]; then
	build_forker
	find_pids_hierarchy
	cg="forkexplain-watch-kretprobe-$$"
	make_pids_cgroup "$cg" 8
	start_watch FORKEXPLAIN_WATCH_MECHANISM=kretprobe
	[ "$WATCH_MODE" = kretprobe ] || fail "forced kretprobe, watch runs in $WATCH_MODE mode"
	fork_in_cgroup "$cg" 3
	stop_watch
	expect verdict=cgroup_pids_limit family=denial errno=EAGAIN call="kernel_clone (process)" source=watch binding="/$cg"
else
	# No kprobes here: forced, watch says why and stops.
	if FORKEXPLAIN_WATCH_MECHANISM=kretprobe "$FORKEXPLAIN" watch --log "$WORK/refused.jsonl" 2>"$WORK/refused.err"; then
		fail "watch forced to the kretprobe ran on a kernel without kprobe_events"
	fi
	grep -q '^forkexplain: watch cannot run the forced kretprobe mechanism: no kprobe_events in .*CONFIG_KPROBES' \
		"$WORK/refused.err" || fail "watch did not say why the kretprobe cannot run: $(cat "$WORK/refused.err")"
	echo "no kprobes on this kernel: watch refused the forced kretprobe, saying so"
fi

# The mechanism on a stand-in for kernel_clone.
build_standin
start_watch FORKEXPLAIN_WATCH_MECHANISM=kretprobe FORKEXPLAIN_WATCH_PROBE_TARGET="$STANDIN_TARGET"
[ "$WATCH_MODE" = kretprobe ] || fail "forced kretprobe with the stand-in, watch runs in $WATCH_MODE mode"
grep -q "forkexplain/clone_ret_$WATCH_PID " "$tracefs/uprobe_events" || fail "watch made no return probe in tracefs"
grep -q "forkexplain/clone_entry_$WATCH_PID " "$tracefs/uprobe_events" || fail "watch made no entry probe in tracefs"
# glibc's fork flags on the failing call, a thread's on the others: the
# record carries the failing call's (scenario 63 holds the pairing to it).
"$WORK/probe_target" 200 11 3 0x1200000 0x3d0f00 >"$WORK/out" 2>&1 &
target=$!
on_exit "kill_tree $target"
wait_watch pid="$target"
wait "$target"
expect_output "$WORK/out" 'probe_target: failed with 11 after 200 successes'
# The probe list is the machine's: another run of this suite may have
# probes of its own there, named for its own watch's pid. Only this
# watch's are checked for, by name.
own_probes="forkexplain/clone_(ret|entry)_$WATCH_PID "
stop_watch
grep -q 'stopped: 1 failures seen, 1 snapshotted' "$WORK/watch.err" ||
	fail "watch saw other than the one failure: $(grep stopped "$WORK/watch.err")"
if grep -Eq "$own_probes" "$tracefs/uprobe_events"; then
	fail "watch left a probe behind: $(grep -E "$own_probes" "$tracefs/uprobe_events")"
fi
"$PYTHON" - "$LOG" "$target" <<'PY' || fail "the stand-in's record is not as the event carried it"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
fails = [r for r in recs if r.get("type") == "failure"]
assert len(fails) == 1, f"{len(fails)} failure records"
r = fails[0]
p, c = r["process"], r["call"]
assert r["source"] == "watch", r["source"]
assert p["pid"] == int(sys.argv[2]) and p["tid"] == p["pid"], p
assert p["comm"] == "probe_target", p["comm"]
assert c["name"] == "kernel_clone" and c["errno"] == 11, c
assert c.get("clone_flags") == 0x1200000 and c.get("creates") == "process", c
print(f"ok: the stand-in's failure: pid {p['pid']}, {c['name']} ({c['creates']}) errno {c['errno']}")
PY
