#!/usr/bin/env bash
# make bench: every figure of the performance goals (README, "Performance"),
# each a ratio against a baseline measured side by side in the same run
# (alternating rounds, median of each), never an absolute threshold.
#
# Needs: cc, awk, jq, strace, GNU time (/usr/bin/time), root (the failure
# storm runs in a pids cgroup it makes and removes). Not part of make test:
# scripts/install-deps.sh does not install jq, strace or time for it
# (Debian: apt-get install jq strace time). valgrind, if installed, counts
# the shim's user-space instructions (a row says when it is not).
# ROUNDS (default 15) rounds of the loops, SLOW_ROUNDS (default 3) of the
# storm and the reader; STORM (default 100000) failures, RECORDS (default
# 100000) records in the reader's log; STARTUPS (default 100 a round)
# children of each variant in the exec start-up row.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN="$TOP/.build/release"
SHIM="$BIN/libforkexplain.so"
ROUNDS=${ROUNDS:-15}
SLOW_ROUNDS=${SLOW_ROUNDS:-3}
STORM=${STORM:-100000}
RECORDS=${RECORDS:-100000}
for tool in cc jq strace /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install jq strace time)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "bench: needs root (the failure storm runs in a pids cgroup)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/forkexplain-bench.XXXXXX)
CG=""
finish() {
	[ -n "$CG" ] && rmdir "$CG" 2>/dev/null
	rm -rf "$WORK"
}
trap finish EXIT
. "$(dirname "$0")/pids_cgroup.sh"
cc -std=c11 -O2 -o "$WORK/loop" "$TOP/bench/loop.c" -lpthread
cc -std=c11 -O2 -o "$WORK/fail_loop" "$TOP/bench/fail_loop.c"
cc -std=c11 -O2 -o "$WORK/startup" "$TOP/bench/startup.c"
# What any preload costs (the dynamic loader's work, one more object's
# mappings): the baseline the shim is held to.
echo 'void forkexplain_bench_empty(void) {}' | cc -x c -shared -fPIC -O2 -o "$WORK/empty.so" -

# median [COLUMN]: the median of a column (default 1) of stdin's lines.
median() { awk -v c="${1:-1}" '{ print $c }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "x%.3f", a / b }'; }
# spread A B COLUMN: the ratio of the files' lines, round by round (line N
# of A over line N of B), as its median and the middle half of the rounds:
# a round's two variants ran next to each other, under the same load.
spread() {
	paste -d' ' "$1" "$2" | awk -v c="$3" '{ n = split($0, f, " "); print f[c] / f[c + n / 2] }' | sort -n |
		awk '{ v[NR] = $1 } END { printf "x%.3f [%.3f-%.3f]", v[int((NR + 1) / 2)], v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)] }'
}
now() { date +%s%N; }

# The loops' environment is the same size under every variant (same names,
# values of the same length, the libraries under names of the same length):
# its size moves the stack, and with it how many pages of the loop's active
# frames each fork makes copy-on-write (README, "Performance").
cp "$SHIM" "$WORK/s.so"
cp "$WORK/empty.so" "$WORK/e.so"
# variant NAME CMD...: runs CMD under preload variant NAME.
variant() {
	local name=$1 lib=LD_PRELOAD bt=1
	shift
	case $name in
	bare) lib=LD_PRELOAX && set -- "$WORK/e.so" "$@" ;;
	empty) set -- "$WORK/e.so" "$@" ;;
	shim) set -- "$WORK/s.so" "$@" ;;
	nobt) bt=0 && set -- "$WORK/s.so" "$@" ;;
	esac
	env "$lib=$1" FORKEXPLAIN_BACKTRACE=$bt FORKEXPLAIN_LOG="$WORK/never.jsonl" "${@:2}"
}

# loops KIND N: ns per call under each variant, rounds alternating; wall
# clock and the loop's own CPU time (bench/loop.c), and the shim's CPU
# ratio to the empty library round by round.
loops() {
	local kind=$1 n=$2 r v
	for v in bare empty shim nobt; do : >"$WORK/$v"; done
	for ((r = 0; r < ROUNDS; r++)); do
		for v in bare empty shim nobt; do
			variant "$v" "$WORK/loop" "$kind" "$n" >>"$WORK/$v"
		done
	done
	local b e s x c
	for c in 1 2; do
		b=$(median $c <"$WORK/bare") e=$(median $c <"$WORK/empty") s=$(median $c <"$WORK/shim") x=$(median $c <"$WORK/nobt")
		printf '%-15s %-4s %9s %9s %9s %9s   %s %s %s %s\n' "$kind" "$([ $c = 1 ] && echo wall || echo cpu)" \
			"$b" "$e" "$s" "$x" "$(ratio "$e" "$b")" "$(ratio "$s" "$e")" "$(ratio "$x" "$e")" "$(ratio "$s" "$b")"
	done
	printf '%-15s shim/empty CPU by round: %s\n' "$kind" "$(spread "$WORK/shim" "$WORK/empty" 2)"
}

echo "forkexplain bench: $(nproc) cores, Linux $(uname -r), $(ldd --version | head -n 1 | awk '{ print $NF }') glibc, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Success path, ns per call, median of $ROUNDS alternating rounds"
echo "(nobt: the shim with FORKEXPLAIN_BACKTRACE=0; posix_spawn: parent side, the child not preloaded;"
echo " fork-exec and vfork-exec: the child loads the preload, i.e. exec start-up)"
echo "(wall: elapsed; cpu: user+system time of the loop and its children, which a busy machine moves less;"
echo " by round: each round's shim/empty ratio, median [middle half of the rounds])"
printf '%-15s %-4s %9s %9s %9s %9s   %-6s %-6s %-6s %-6s\n' call time bare empty shim nobt empty/bare shim/empty nobt/empty shim/bare
loops fork 3000
loops pthread_create 20000
loops posix_spawn 2000
loops fork-exec 1000
loops vfork-exec 1000
[ -f "$WORK/never.jsonl" ] && { echo "bench: a record was written on the success path" >&2; exit 1; }
printf 'mappings after the first fork and thread (each copied by every later fork):'
for v in bare empty shim; do printf ' %s %s' "$v" "$(variant "$v" "$WORK/loop" maps)"; done
echo

# Exec start-up alone (bench/startup.c): each child's own CPU time and
# minor page faults, from wait4(), the variants taking turns child by
# child; the faults are the same on an idle or a busy machine.
STARTUPS=${STARTUPS:-$((ROUNDS * 100))}
echo
echo "Exec start-up of /bin/true, $STARTUPS children a variant taking turns (bench/startup.c): CPU ns a child,"
echo "median [middle half]; minor page faults a child, median [min-max]; CPU ratio to empty, child by child:"
FORKEXPLAIN_LOG="$WORK/never.jsonl" "$WORK/startup" "$STARTUPS" /bin/true empty="$WORK/e.so" bare=- shim="$WORK/s.so"

# User-space instructions (valgrind's callgrind; this VM has no hardware
# counters for perf stat): what the wrappers add to a fork in the parent,
# and to a program's start-up (the constructor, the dynamic loader binding
# the library's imports). The kernel's side of a fork is not counted.
if command -v valgrind >/dev/null; then
	instructions() { env "$@" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$WORK/loop" fork "$N" 2>&1 | awk '/Collected/ { n = $NF } END { print n }'; }
	declare -A ins
	for v in empty shim; do
		lib=$WORK/e.so && [ $v = shim ] && lib=$WORK/s.so
		N=1 && ins[$v.1]=$(instructions LD_PRELOAD="$lib" FORKEXPLAIN_LOG="$WORK/never.jsonl")
		N=201 && ins[$v.201]=$(instructions LD_PRELOAD="$lib" FORKEXPLAIN_LOG="$WORK/never.jsonl")
	done
	echo
	echo "User-space instructions (callgrind), the loop's parent: per fork empty $(((ins[empty.201] - ins[empty.1]) / 200)), shim $(((ins[shim.201] - ins[shim.1]) / 200));"
	echo "  start-up and one fork: empty ${ins[empty.1]}, shim ${ins[shim.1]} (+$((ins[shim.1] - ins[empty.1])))"
else
	echo
	echo "User-space instructions: not measured (no valgrind)"
fi

# The failure path (bench/failure.sh, alone: make bench-failure); its full
# snapshots are the reader's sample below.
SHIM="$SHIM" ROUNDS=$ROUNDS SAMPLE_OUT="$WORK/full.jsonl" bash "$TOP/bench/failure.sh"

# The storm: STORM forks that all fail for real (a pids cgroup with
# pids.max 1 holding only the loop), bare, under the shim with its default
# settings, and under strace -f -Z (the other way to see failing calls).
# bash moves itself into the cgroup before exec: strace stays outside it.
full_pids_cgroup
confined() { bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG" "$@"; }
for v in bare shim strace; do : >"$WORK/storm-$v"; done
for ((r = 0; r < SLOW_ROUNDS; r++)); do
	rm -f "$WORK/storm.jsonl"
	t0=$(now)
	failed=$(confined "$WORK/fail_loop" "$STORM")
	t1=$(now)
	[ "$failed" = "$STORM" ] || { echo "bench: $failed of $STORM forks failed in the bare storm" >&2; exit 1; }
	failed=$(FORKEXPLAIN_LOG="$WORK/storm.jsonl" LD_PRELOAD="$SHIM" confined "$WORK/fail_loop" "$STORM")
	t2=$(now)
	[ "$failed" = "$STORM" ] || { echo "bench: $failed of $STORM forks failed under the shim" >&2; exit 1; }
	strace -f -Z -e trace=process -o "$WORK/strace.out" bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG" "$WORK/fail_loop" "$STORM" >/dev/null
	t3=$(now)
	echo $(((t1 - t0) / 1000000)) >>"$WORK/storm-bare"
	echo $(((t2 - t1) / 1000000)) >>"$WORK/storm-shim"
	echo $(((t3 - t2) / 1000000)) >>"$WORK/storm-strace"
done
rmdir "$CG" && CG=""
b=$(median <"$WORK/storm-bare") s=$(median <"$WORK/storm-shim") t=$(median <"$WORK/storm-strace")
echo
echo "Storm of $STORM failing forks, median of $SLOW_ROUNDS rounds: bare ${b} ms, shim ${s} ms ($(ratio "$s" "$b"), log $(wc -c <"$WORK/storm.jsonl") bytes in $(wc -l <"$WORK/storm.jsonl") lines), strace -f -Z -e trace=process ${t} ms ($(ratio "$t" "$b"))"

# The reader (bench/reader.sh, alone: make bench-reader), on the failure
# path's records.
SAMPLE="$WORK/full.jsonl" bash "$TOP/bench/reader.sh"
bash "$TOP/bench/watch.sh"
