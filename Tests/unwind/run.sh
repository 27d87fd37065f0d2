#!/usr/bin/env bash
# The shim's own unwinder on real programs.
# 1. Against gdb, on the same failure in the same process: gdb stops at the
#    shim's fx_failed and writes its backtrace, the shim then writes its
#    record, and compare.py sets the two side by side. Programs: a C call
#    chain at -O2 -fomit-frame-pointer, C++ at -O2, bash, python3's
#    subprocess, and a JVM whose thread start hits a pids cgroup limit
#    (needs root; HotSpot's interpreter frames have no unwind tables).
# 2. Where it must not crash: a SIGALRM handler forking while the main loop
#    is in malloc, and a failure on an 8 KiB sigaltstack.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SHIM=${SHIM:-"$TOP/.build/release/libforkexplain.so"}
HERE="$TOP/Tests/unwind"
WORK=$(mktemp -d /tmp/forkexplain-agree.XXXXXX)
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c"; done; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
. "$TOP/Tests/lib/checks.sh"
not_run=0

[ -f "$SHIM" ] || { echo "build first: make build"; exit 1; }
for tool in gdb g++ python3 java; do
	command -v "$tool" >/dev/null || { echo "agree: $tool is not installed; the agreement test cannot run"; exit 1; }
done

# agree NAME MIN_FRAMES INJECT COMMAND... [-- FUNCTION...]
agree() {
	local name=$1 min=$2 inject=$3 log="$WORK/$1.jsonl" out="$WORK/$1.gdb.json"
	local -a cmd=() fns=()
	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do cmd+=("$1"); shift; done
	[ $# -gt 0 ] && shift && fns=("$@")
	AGREE_OUT="$out" timeout 300 gdb -q -nx -batch \
		-ex 'set startup-with-shell off' -ex 'set pagination off' -ex 'set confirm off' -ex 'set backtrace past-main on' -ex 'set backtrace past-entry on' \
		-ex 'handle SIGSEGV SIGBUS SIGILL SIGFPE SIGUSR1 SIGUSR2 SIGQUIT SIGPIPE SIGCHLD nostop noprint pass' \
		-ex "set environment LD_PRELOAD=$SHIM" -ex "set environment FORKEXPLAIN_LOG=$log" \
		-ex "set environment FORKEXPLAIN_INJECT=$inject" \
		-ex 'set breakpoint pending on' -ex 'break fx_failed' -ex run \
		-x "$HERE/gdb_frames.py" -ex delete -ex continue \
		--args "${cmd[@]}" >"$WORK/$name.gdb.log" 2>&1
	if [ ! -s "$out" ]; then
		bad "$name: gdb never stopped at fx_failed ($(tail -n 3 "$WORK/$name.gdb.log" | tr '\n' ' '))"
		return
	fi
	if python3 "$HERE/compare.py" "$name" "$log" "$out" "$min" "${fns[@]}" >"$WORK/$name.cmp"; then
		ok "$(cat "$WORK/$name.cmp")"
	else
		bad "$(cat "$WORK/$name.cmp")"
	fi
}

cc -std=c11 -O2 -fomit-frame-pointer -g -o "$WORK/chain" "$HERE/chain.c" || exit 1
g++ -O2 -g -o "$WORK/chaincc" "$HERE/chain.cc" || exit 1

agree c-chain 7 fork=EAGAIN "$WORK/chain" -- f5 f4 f3 f2 f1 main
agree cxx 4 fork=EAGAIN "$WORK/chaincc" -- launch guarded main
# gdb passes no argument with blanks intact: the scripts go in files.
# ENOMEM: bash retries an EAGAIN fork for 15 s.
echo '/bin/true; :' >"$WORK/true.sh"
agree bash 5 fork=ENOMEM bash "$WORK/true.sh" -- make_child main
cat >"$WORK/sub.py" <<'PY'
import subprocess
try:
    subprocess.run(["/bin/true"])
except OSError as e:
    print(e)
PY
agree python3 8 fork=ENOMEM,vfork=ENOMEM,clone=ENOMEM,posix_spawn=ENOMEM,posix_spawnp=ENOMEM \
	/usr/bin/python3 "$WORK/sub.py"

# The JVM: a real EAGAIN from a pids cgroup, so that the failing
# pthread_create comes from Thread.start() under interpreted Java frames.
if [ "$(id -u)" != 0 ]; then
	not_run=$((not_run + 1))
	echo "NOT RUN java: needs root for its pids cgroup"
else
	mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
	if [ -z "$mnt" ]; then
		mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
	fi
	cg="$mnt/forkexplain-agree-$$"
	if [ -z "$mnt" ] || ! mkdir "$cg"; then
		bad "java: no pids cgroup to confine it in"
	else
		cleanup+=("rmdir '$cg' 2>/dev/null")
		echo 80 >"$cg/pids.max"
		cp "$TOP/Tests/scenarios/programs/ThreadBomb.java" "$WORK/"
		# The shell moves itself into the cgroup, then becomes java.
		echo "echo \$\$ >'$cg/cgroup.procs'; exec java -Xss256k -XX:+UseSerialGC -Xmx64m '$WORK/ThreadBomb.java' 500" >"$WORK/java.sh"
		agree java 2 "" bash "$WORK/java.sh" -- JVM_StartThread
		# gdb stops at the interpreter's frames; the record goes on along
		# the frame pointers. Past them it must be back in HotSpot's C++,
		# in the call that entered the interpreter, and end at the start
		# of the thread.
		after=$(python3 -c "
import json, sys
bt = json.loads(open(sys.argv[1]).readline())['backtrace']
first = next((i for i, f in enumerate(bt) if 'module' not in f), len(bt))
for f in bt[first:]:
    if 'module' in f:
        print(f['module'], f['offset'])" "$WORK/java.jsonl" 2>/dev/null |
			while read -r module offset; do
				gdb -q -nx -batch -ex "info symbol $offset" "$module" 2>/dev/null | sed 's/ in section.*//'
			done | tr '\n' ';')
		case $after in
		*JavaCalls::call_helper*start_thread*) ok "java: past the interpreter frames the walk is back in libjvm ($after)" ;;
		*) bad "java: no JavaCalls::call_helper and thread start after the interpreter frames ($after)" ;;
		esac
	fi
fi

# Every wrapper records a stack now, those a signal handler may call too;
# FORKEXPLAIN_BACKTRACE=0 records none.
cc -std=c11 -O1 -g -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil || exit 1
for c in fork _Fork vfork clone pthread_create posix_spawn; do
	FORKEXPLAIN_INJECT="$c=EAGAIN" FORKEXPLAIN_LOG="$WORK/call-$c.jsonl" LD_PRELOAD="$SHIM" "$WORK/caller" "$c" >/dev/null
	got=$(python3 -c "
import json, sys
d = json.loads(open(sys.argv[1]).readline())
print(any(f.get('module', '').endswith('/caller') for f in d.get('backtrace', [])))" "$WORK/call-$c.jsonl" 2>&1)
	if [ "$got" = True ]; then ok "$c: the record's backtrace reaches the caller"; else bad "$c: no backtrace into the caller ($got)"; fi
done
FORKEXPLAIN_BACKTRACE=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/nobt.jsonl" LD_PRELOAD="$SHIM" "$WORK/caller" fork >/dev/null
got=$(python3 -c "import json, sys; print('backtrace' in json.loads(open(sys.argv[1]).readline()))" "$WORK/nobt.jsonl" 2>&1)
if [ "$got" = False ]; then ok "FORKEXPLAIN_BACKTRACE=0: no backtrace"; else bad "FORKEXPLAIN_BACKTRACE=0 still recorded a backtrace ($got)"; fi

# A signal handler forks while main is in malloc: 40 processes x 10 forks,
# each process's first fork being its first task creation; then 50 failing
# forks (each snapshotted and unwound through the signal frame).
cc -std=c11 -O2 -g -Wall -Wextra -Werror -o "$WORK/sigfork" "$HERE/sigfork.c" || exit 1
crashes=0
for ((i = 0; i < 40; i++)); do
	out=$(FORKEXPLAIN_LOG="$WORK/sigfork-ok.jsonl" timeout 60 env LD_PRELOAD="$SHIM" "$WORK/sigfork" 10 2>&1)
	[ "$out" = "forks 10 failed 0" ] || { crashes=$((crashes + 1)); echo "     sigfork run $i: $out (status $?)"; }
done
if [ "$crashes" = 0 ]; then ok "sigfork: 400 forks from a SIGALRM handler during malloc, no crash or abort"; else bad "sigfork: $crashes of 40 runs failed"; fi
out=$(FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/sigfork.jsonl" \
	timeout 60 env LD_PRELOAD="$SHIM" "$WORK/sigfork" 50 2>&1)
# The handler is one frame of sigfork; a second one (main's loop) is only
# reached through the signal trampoline's frame.
through=$(python3 -c "
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
print(len(recs), sum(1 for r in recs if sum(f.get('module', '').endswith('/sigfork') for f in r['backtrace']) >= 2))
" "$WORK/sigfork.jsonl" 2>&1)
if [ "$out" = "forks 50 failed 50" ] && [ "$through" = "50 50" ]; then
	ok "sigfork: 50 failing forks from the handler, 50 records unwound past the signal frame into main"
else
	bad "sigfork with failures: '$out', records/unwound past the signal frame: $through"
fi

# A failure on an 8 KiB alternate signal stack with a guard page below.
cc -std=c11 -O2 -g -Wall -Wextra -Werror -o "$WORK/altstack" "$HERE/altstack.c" || exit 1
alt() { FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/alt.jsonl" env LD_PRELOAD="$SHIM" "$@" "$WORK/altstack" 2>&1; }
out=$(alt FORKEXPLAIN_BACKTRACE=1)
if [ "$out" = "fork -1 errno 11" ]; then
	ok "altstack: a failing fork on an 8 KiB sigaltstack returns EAGAIN"
elif [ "$(alt FORKEXPLAIN_BACKTRACE=0)" != "fork -1 errno 11" ]; then
	bad "altstack: the failure path overflows an 8 KiB sigaltstack even without a backtrace (the collectors' stack use, not the unwinder's)"
else
	bad "altstack: the unwinder overflows an 8 KiB sigaltstack ($out)"
fi

echo "unwind: $pass passed, $failed failed"
[ "$not_run" -eq 0 ] || echo "NOT RUN: $not_run"
[ "$failed" -eq 0 ] && [ "$not_run" -eq 0 ]
