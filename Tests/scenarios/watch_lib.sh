# Shared by the watch scenarios (5N-watch-*.sh, 6N-watch-*.sh), sourced after lib.sh:
# forkexplain watch in the background, stopped by its pid, and its records
# narrowed to what the scenario itself started (other engineers' tests may
# fail on this host at the same time, and watch sees those too).
WATCHLOG="$WORK/watch.jsonl"
WATCH_PID=""

stop_watch() {
	[ -n "$WATCH_PID" ] || return 0
	kill -TERM "$WATCH_PID" 2>/dev/null || true
	wait "$WATCH_PID" 2>/dev/null || true
	WATCH_PID=""
}

# start_watch [VAR=VALUE...]: returns once watch has said which mechanism
# runs, in WATCH_MODE (kretprobe, tracepoints or counters), and shows it.
WATCH_MODE=""
start_watch() {
	local i
	# Made here, not by the background job's redirection: the loop below
	# may read it before that job has started.
	: >"$WORK/watch.err"
	env "$@" "$FORKEXPLAIN" watch --log "$WATCHLOG" --once-per-ms 100 >"$WORK/watch.out" 2>"$WORK/watch.err" &
	WATCH_PID=$!
	on_exit stop_watch
	for ((i = 0; i < 600; i++)); do
		WATCH_MODE=$(sed -n 's/^forkexplain watch: \(kretprobe\|tracepoints\|counters\) mode[:( ].*/\1/p;T;q' "$WORK/watch.err")
		if [ -n "$WATCH_MODE" ]; then
			echo "watch runs in $WATCH_MODE mode"
			return 0
		fi
		kill -0 "$WATCH_PID" 2>/dev/null || fail "watch exited before it ran: $(cat "$WORK/watch.err")"
		sleep 0.1
	done
	fail "watch did not say which mode runs within 60 s"
}

# select_watch KEY=VALUE...: copies into $LOG the watch records of this
# scenario (pid=N, uid=N, cgroup=PATH: any of them matches) and prints how
# many failure records it copied.
select_watch() {
	"$PYTHON" - "$WATCHLOG" "$LOG" "$@" <<'PY'
import json, sys
src, dst, *keys = sys.argv[1:]
want = [k.split("=", 1) for k in keys]
def mine(r):
    p = r.get("process", {})
    for k, v in want:
        if k == "pid" and str(p.get("pid")) == v: return True
        if k == "uid" and str(p.get("uid")) == v: return True
        if k == "cgroup" and any(l.get("path") == v for l in r.get("cgroups", {}).get("pids", [])): return True
    return False
n = 0
try:
    lines = open(src).read().splitlines()
except FileNotFoundError:
    lines = []
with open(dst, "w") as out:
    for line in lines:
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if mine(r):
            out.write(line + "\n")
            n += r.get("type") == "failure"
print(n)
PY
}

# wait_watch KEY=VALUE...: until watch has written a failure record of this
# scenario (at most 30 s: a readiness wait, not a timing assertion).
try_wait_watch() {
	local i
	for ((i = 0; i < 300; i++)); do
		[ "$(select_watch "$@")" -gt 0 ] && return 0
		sleep 0.1
	done
	return 1
}

wait_watch() {
	try_wait_watch "$@" && return 0
	echo "--- watch said:" >&2
	tail -n 20 "$WORK/watch.err" >&2
	fail "watch recorded no failure for $* within 30 s"
}

# remove_cgroup DIR: empties a cgroup of ours (lib.sh) and removes it.
remove_cgroup() {
	empty_cgroup "$1"
	rmdir "$1"
}

# make_pids_cgroup NAME MAX: a cgroup of ours, emptied and removed at exit.
make_pids_cgroup() {
	local dir="$PIDS_MNT/$1"
	mkdir "$dir"
	on_exit "remove_cgroup '$dir'"
	[ "$PIDS_VERSION" = 2 ] && [ -n "${3:-}" ] && echo +pids >"$dir/cgroup.subtree_control"
	[ "$2" = max ] || echo "$2" >"$dir/pids.max"
}

build_forker() {
	need gcc
	gcc -static -O2 -o "$WORK/forker" "$PROGRAMS/forker.c" 2>"$WORK/cc.err" ||
		fail "gcc -static failed (libc6-dev provides the static libc): $(cat "$WORK/cc.err")"
}

# fork_in_cgroup NAME HOLD_S: the static forker in our pids cgroup NAME
# until a fork is refused, holding its children HOLD_S seconds after (so
# that the cgroup still has tasks to read); waits until watch has recorded
# it and the forker has said so.
fork_in_cgroup() {
	local job
	# bash execs the forker: $job is its pid; it ends by itself.
	bash -c "echo \$\$ > '$PIDS_MNT/$1/cgroup.procs'; exec '$WORK/forker' 50 '' $2" >"$WORK/out" 2>&1 &
	job=$!
	on_exit "kill_tree $job"
	wait_watch cgroup="/$1"
	expect_output "$WORK/out" 'forker: fork: Resource temporarily unavailable'
}

# tracefs_dir: where tracefs is read; mounted where watch would mount it
# when it is not (watch leaves it mounted too).
tracefs_dir() {
	if [ -d /sys/kernel/debug/tracing/events ] && [ ! -d /sys/kernel/tracing/events ]; then
		echo /sys/kernel/debug/tracing
		return
	fi
	[ -d /sys/kernel/tracing/events ] || mount -t tracefs nodev /sys/kernel/tracing ||
		fail "cannot mount tracefs at /sys/kernel/tracing"
	echo /sys/kernel/tracing
}

# build_standin: $WORK/probe_target, whose probe_clone() stands in for
# kernel_clone (programs/probe_target.c), and in STANDIN_TARGET the test
# hook's uprobe:PATH:OFFSET for it: the file offset of probe_clone, its
# address less its LOAD segment's address plus the segment's file offset.
STANDIN_TARGET=""
build_standin() {
	local addr offset
	need gcc
	need readelf
	need nm
	[ -e "$(tracefs_dir)/uprobe_events" ] ||
		fail "no uprobe_events in $(tracefs_dir): the stand-in needs CONFIG_UPROBE_EVENTS"
	gcc -O2 -o "$WORK/probe_target" "$PROGRAMS/probe_target.c" -lpthread || fail "gcc failed on probe_target.c"
	addr=$(nm "$WORK/probe_target" | awk '$3 == "probe_clone" { print $1 }')
	[ -n "$addr" ] || fail "no probe_clone symbol in probe_target"
	offset=$(readelf -lW "$WORK/probe_target" | "$PYTHON" -c '
import sys
a = int(sys.argv[1], 16)
for line in sys.stdin:
    f = line.split()
    if f[:1] == ["LOAD"]:
        o, v, s = int(f[1], 16), int(f[2], 16), int(f[5], 16)
        if v <= a < v + s:
            print(hex(a - v + o))
            break
' "$addr")
	[ -n "$offset" ] || fail "probe_clone is in no LOAD segment of probe_target"
	STANDIN_TARGET="uprobe:$WORK/probe_target:$offset"
}
