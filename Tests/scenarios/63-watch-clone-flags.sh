# The clone flags of watch's probe mechanism (docs/watch.md, "The clone
# flags"): an entry probe on kernel_clone reads the flags of every call,
# and watch pairs them with a failure of the return probe by tid. This
# kernel has no kprobes: the probes go on the stand-in for kernel_clone,
# a user function that takes a struct whose first field is the flags
# (programs/probe_target.c, as in scenario 60); `make vm-test` runs the
# same on a real kernel_clone.
# - Three failures, each between calls of other flags from the same tid
#   (before it, and again at once after it, as a program that tries again
#   does): a process from the main thread, a thread from a second thread,
#   a vfork. Each record carries its own call's flags and what they create.
# - The classifier reads them: with children going to a PID namespace
#   that has no init (the stand-in calls unshare(CLONE_NEWPID)), a process
#   refused with ENOMEM is pidns_init_dead; a thread refused there with
#   EINVAL (docs/kernel-facts.md §6.18) is not.
# - A storm of successful calls from more threads than the pairing table
#   holds: watch's memory does not grow with it, and a failure after it
#   still carries its own call's flags.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
build_standin
start_watch FORKEXPLAIN_WATCH_MECHANISM=kretprobe FORKEXPLAIN_WATCH_PROBE_TARGET="$STANDIN_TARGET" \
	FORKEXPLAIN_ERRNOS=all
[ "$WATCH_MODE" = kretprobe ] || fail "forced kretprobe with the stand-in, watch runs in $WATCH_MODE mode"
grep -q "and the entry probe forkexplain/clone_entry_$WATCH_PID for the clone flags" "$WORK/watch.err" ||
	fail "watch does not say it runs the entry probe: $(head -n 3 "$WORK/watch.err")"

# standin NAME ARGS...: the stand-in in the background, its pid in $!.
standin() {
	local name=$1
	shift
	"$WORK/probe_target" "$@" >"$WORK/$name.out" 2>&1 &
	on_exit "kill_tree $!"
}

# settled NAME PID: once watch has recorded the stand-in's failure and it
# has ended, having said it failed.
settled() {
	wait_watch pid="$2"
	wait "$2" || fail "the stand-in $1 exited $?: $(cat "$WORK/$1.out")"
	expect_output "$WORK/$1.out" 'probe_target: failed with'
}

# 1. Three failures, three kinds, each among calls of other flags.
standin process 300 11 2 0x1200000 0x3d0f00
process=$!
standin thread 300 11 2 0x3d0f00 0x1200000 thread
thread=$!
standin vfork 300 11 2 0x4100 0x3d0f00
vfork=$!
settled process "$process"
settled thread "$thread"
settled vfork "$vfork"
thread_tid=$(sed -n 's/.*, tid \([0-9]*\)$/\1/p' "$WORK/thread.out")
"$PYTHON" - "$WATCHLOG" "$process:$process:0x1200000:process" "$thread:$thread_tid:0x3d0f00:thread" \
	"$vfork:$vfork:0x4100:vfork" <<'PY' || fail "a failure does not carry its own call's flags"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for spec in sys.argv[2:]:
    pid, tid, flags, creates = spec.split(":")
    mine = [r for r in recs if r.get("type") == "failure" and r["process"]["pid"] == int(pid)]
    assert len(mine) == 1, f"pid {pid}: {len(mine)} failure records"
    p, c = mine[0]["process"], mine[0]["call"]
    assert p["tid"] == int(tid), f"pid {pid}: tid {p['tid']}, not {tid}"
    assert c.get("clone_flags") == int(flags, 16), f"pid {pid}: clone_flags {c.get('clone_flags')}, not {flags}"
    assert c.get("creates") == creates, f"pid {pid}: creates {c.get('creates')}, not {creates}"
    print(f"ok: pid {pid} tid {tid}: {c['name']} flags {hex(c['clone_flags'])} creates {c['creates']}")
PY

# 2. The classifier: process and thread in a PID namespace with no init.
standin nsprocess 0 12 2 0x1200000 0x3d0f00 newpid
nsprocess=$!
standin nsthread 0 22 2 0x3d0f00 0x1200000 newpid
nsthread=$!
settled nsprocess "$nsprocess"
settled nsthread "$nsthread"
select_watch pid="$nsprocess" >/dev/null
expect verdict=pidns_init_dead errno=ENOMEM call="kernel_clone (process)" source=watch
select_watch pid="$nsthread" >/dev/null
expect errno=EINVAL call="kernel_clone (thread)" source=watch not_verdict=pidns_init_dead

# 3. A storm: 2500 threads, then 6000 more (the table holds 4096 tids),
# 30 successful calls each. Only the entry probe sees them.
rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$WATCH_PID/status"; }
"$WORK/probe_target" storm 2500 30 >"$WORK/storm1.out" 2>&1 || fail "the first storm failed: $(cat "$WORK/storm1.out")"
before=$(rss)
"$WORK/probe_target" storm 6000 30 >"$WORK/storm2.out" 2>&1 || fail "the second storm failed: $(cat "$WORK/storm2.out")"
after=$(rss)
echo "watch's resident memory: ${before} kB after 2500 threads, ${after} kB after 6000 more"
[ "$after" -le $((before + 256)) ] || fail "watch grew by $((after - before)) kB over a storm of 6000 threads"
standin after 300 11 2 0x4100 0x1200000 thread
after_storm=$!
settled after "$after_storm"
"$PYTHON" - "$WATCHLOG" "$after_storm" <<'PY' || fail "the failure after the storm is not paired with its own call"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
mine = [r for r in recs if r.get("type") == "failure" and r["process"]["pid"] == int(sys.argv[2])]
assert len(mine) == 1, f"{len(mine)} failure records"
c = mine[0]["call"]
assert c.get("clone_flags") == 0x4100 and c.get("creates") == "vfork", c
print(f"ok: after the storm: flags {hex(c['clone_flags'])} creates {c['creates']}")
PY
stop_watch
grep 'clone flags:' "$WORK/watch.err" || fail "watch did not say at stop how many failures it paired"
grep -q 'clone flags: 6 failures paired with their entry, 0 without one, 0 not given' "$WORK/watch.err" ||
	fail "watch paired other than the 6 failures"
