#!/usr/bin/env bash
# make bench: every figure of the performance goals (README, "Performance"),
# each a ratio against a baseline measured side by side in the same run
# (rounds of the variants taking turns, median of each), never an
# absolute threshold.
#
# Needs: cc, awk, jq, strace, GNU time (/usr/bin/time), root (the failure
# storm runs in a pids cgroup it makes and removes). Not part of make test:
# scripts/install-deps.sh does not install jq, strace or time for it
# (Debian: apt-get install jq strace time). valgrind, if installed, counts
# the shim's user-space instructions (a row says when it is not).
# ROUNDS (default 15) rounds of the failure path, LOOP_ROUNDS (default
# 16 x ROUNDS) of the success path's loops, SLOW_ROUNDS (default 3) of the
# storm and the reader; STORM (default 100000) failures, RECORDS (default
# 100000) records in the reader's log; STARTUPS (default 100 a round)
# children of each variant in the exec start-up row. The loops' rounds run
# their variants in a shuffled order, each library from COPIES copies in
# turn (bench/order.sh: SEED, COPIES).
# AA=1 adds an A/A check: the shim and the empty library each against a
# byte-identical copy of itself in the same rounds (shim2, empty2), whose
# ratios should read x1.000: how far they stray is the bench's own bias.
# KINDS names the loops (all five by default); LOOPS_ONLY=1 stops after
# them.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN="$TOP/.build/release"
SHIM="$BIN/libforkexplain.so"
ROUNDS=${ROUNDS:-15}
LOOP_ROUNDS=${LOOP_ROUNDS:-$((ROUNDS * 16))}
SLOW_ROUNDS=${SLOW_ROUNDS:-3}
STORM=${STORM:-100000}
RECORDS=${RECORDS:-100000}
KINDS=${KINDS:-fork pthread_create posix_spawn fork-exec vfork-exec}
AA=${AA:-}
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
cc -std=c11 -O2 -Wall -Wextra -Werror -o "$WORK/startup" "$TOP/bench/startup.c" -lm
# What any preload costs (the dynamic loader's work, one more object's
# mappings): the baseline the shim is held to.
echo 'void forkexplain_bench_empty(void) {}' | cc -x c -shared -fPIC -O2 -o "$WORK/empty.so" -

. "$TOP/bench/stats.sh"
. "$TOP/bench/order.sh"
now() { date +%s%N; }

# The loops' environment is the same size under every variant (same names,
# values of the same length, the libraries under names of the same length):
# its size moves the stack, and with it how many pages of the loop's active
# frames each fork makes copy-on-write (README, "Performance").
cp "$SHIM" "$WORK/s.so"
cp "$WORK/empty.so" "$WORK/e.so"
# The loops load copy COPY: e and s the empty library and the shim, f and
# t their A/A twins.
for ((copy = 0; copy < COPIES; copy++)); do
	for f in e f; do cp "$WORK/empty.so" "$WORK/$f$copy.so"; done
	for f in s t; do cp "$SHIM" "$WORK/$f$copy.so"; done
done
copy=0
variants="bare empty shim nobt"
[ -z "$AA" ] || variants="$variants empty2 shim2"
# variant NAME CMD...: runs CMD under preload variant NAME.
variant() {
	local name=$1 lib=LD_PRELOAD bt=1
	shift
	case $name in
	bare) lib=LD_PRELOAX && set -- "$WORK/e$copy.so" "$@" ;;
	empty) set -- "$WORK/e$copy.so" "$@" ;;
	empty2) set -- "$WORK/f$copy.so" "$@" ;;
	shim) set -- "$WORK/s$copy.so" "$@" ;;
	shim2) set -- "$WORK/t$copy.so" "$@" ;;
	nobt) bt=0 && set -- "$WORK/s$copy.so" "$@" ;;
	esac
	env "$lib=$1" FORKEXPLAIN_BACKTRACE=$bt FORKEXPLAIN_LOG="$WORK/never.jsonl" "${@:2}"
}

# by_round KIND PREFIX A B C D: the CPU ratios A/B and C/D round by round,
# and posix_spawn's parent's alone.
by_round() {
	local c
	for c in 2 3; do
		[ $c = 3 ] && [ "$1" != posix_spawn ] && continue
		printf '%-15s %s%s by round: %s/%s %s, %s/%s %s\n' "$1" "$2" "$([ $c = 2 ] && echo CPU || echo 'parent CPU')" \
			"$3" "$4" "$(spread "$WORK/$3" "$WORK/$4" $c)" "$5" "$6" "$(spread "$WORK/$5" "$WORK/$6" $c)"
	done
}

# loops KIND N: ns per call under each variant, LOOP_ROUNDS rounds of N
# calls taking turns, in an order shuffled round by round (bench/order.sh)
# so that neither a load rising or falling through a round nor a place in
# it favours a variant: in one order reversed every other round, the shim
# against a byte-identical copy of itself read x1.009 and x1.012 in the
# exec loops, intervals excluding 1 (docs/performance.md, "make bench's
# own order"). Many short
# rounds rather than a few long ones: the load of a shared machine drifts
# over seconds, and a round's variants then run closer together in time
# (posix_spawn, the empty library against bare under a load of 10: the
# median's 95 % interval 0.99-1.03 with 60 rounds of 500 calls,
# 0.99-1.01 with 240 rounds of 125). The variants' own first calls (the
# shim's lookups and mappings) would weigh more in a shorter round,
# against the shim, had each run not begun with an untimed call
# (bench/loop.c; the first call has its own rows below). Wall clock,
# the CPU time of the loop and its children, and the shim's CPU ratio to
# the empty library round by round. A row whose goal is against bare
# (pthread_create, posix_spawn) prints its ratios to bare round by round,
# the shim's beside the empty library's: that one runs no code in these
# calls, so how far it strays from x1.000 is the row's noise; posix_spawn
# prints the parent's own CPU (bench/loop.c) as well.
loops() {
	local kind=$1 n=$2 r v
	for v in $variants; do : >"$WORK/$v"; done
	for ((r = 0; r < LOOP_ROUNDS; r++)); do
		# shellcheck disable=SC2086 # the variants, one word each
		shuffle $variants
		copy=$((r % COPIES))
		for v in "${ORDER[@]}"; do
			variant "$v" "$WORK/loop" "$kind" "$n" >>"$WORK/$v"
		done
	done
	local b e s x c cols=(- wall cpu parent)
	for c in 1 2 3; do
		[ $c = 3 ] && [ "$kind" != posix_spawn ] && continue
		b=$(median $c <"$WORK/bare") e=$(median $c <"$WORK/empty") s=$(median $c <"$WORK/shim") x=$(median $c <"$WORK/nobt")
		printf '%-15s %-6s %9s %9s %9s %9s   %s %s %s %s\n' "$kind" "${cols[c]}" \
			"$b" "$e" "$s" "$x" "$(ratio "$e" "$b")" "$(ratio "$s" "$e")" "$(ratio "$x" "$e")" "$(ratio "$s" "$b")"
	done
	printf '%-15s shim/empty CPU by round: %s\n' "$kind" "$(spread "$WORK/shim" "$WORK/empty" 2)"
	[ -z "$AA" ] || by_round "$kind" 'A/A ' shim2 shim empty2 empty
	case $kind in pthread_create | posix_spawn) ;; *) return ;; esac
	by_round "$kind" '' shim bare empty bare
}

echo "forkexplain bench: $(nproc) cores, Linux $(uname -r), $(ldd --version | head -n 1 | awk '{ print $NF }') glibc, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Success path, ns per call, median of $LOOP_ROUNDS rounds, each in a shuffled order (SEED ${SEED:-1}, $COPIES copies of each library in turn)"
echo "(nobt: the shim with FORKEXPLAIN_BACKTRACE=0; posix_spawn: parent side, the child not preloaded;"
echo " fork-exec and vfork-exec: the child loads the preload, i.e. exec start-up)"
echo "(wall: elapsed; cpu: user+system time of the loop and its children, which a busy machine moves less;"
echo " by round: each round's ratio of two variants, median [middle half of the rounds]"
echo " ci: the 95 % confidence interval of that median)"
echo "(parent: posix_spawn's parent alone, the CPU of the loop's process without its children's;"
echo " pthread_create and posix_spawn, whose goal is against bare: empty/bare, the library that runs"
echo " no code in them, is the row's noise)"
printf '%-15s %-6s %9s %9s %9s %9s   %-6s %-6s %-6s %-6s\n' call time bare empty shim nobt empty/bare shim/empty nobt/empty shim/bare
declare -A calls=([fork]=190 [pthread_create]=1250 [posix_spawn]=125 [fork-exec]=60 [vfork-exec]=60)
for k in $KINDS; do loops "$k" "${calls[$k]}"; done
[ -z "${LOOPS_ONLY:-}" ] || exit 0

# The first task creation of a process, which the loops above leave out
# (bench/loop.c): what a program that creates one task pays, in the
# loop's one layout and over 28 (bench/first.sh, alone: make bench-first).
echo
SHIM="$SHIM" FIRSTS=${FIRSTS:-$((ROUNDS * 10))} bash "$TOP/bench/first.sh"
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
echo "median [middle half]; minor page faults a child, median [min-max]; CPU ratio to empty, child by child,"
echo "median [middle half] ci (the median's 95 % interval):"
twins=()
[ -z "$AA" ] || twins=(empty2="$WORK/f0.so" shim2="$WORK/t0.so")
FORKEXPLAIN_LOG="$WORK/never.jsonl" "$WORK/startup" "$STARTUPS" /bin/true empty="$WORK/e0.so" bare=- shim="$WORK/s0.so" "${twins[@]}"

# User-space instructions (valgrind's callgrind; this VM has no hardware
# counters for perf stat): what the wrappers add to a fork in the parent,
# and to a program's start-up (the constructor, the dynamic loader binding
# the library's imports). The kernel's side of a call is not counted.
# pthread_create and posix_spawn are counted inside the call alone
# (--toggle-collect): the shim's wrapper, glibc's versioned function under
# the empty library. The whole program would count pthread_join too, whose
# futex wait depends on which thread valgrind happened to run first.
if command -v valgrind >/dev/null; then
	# instructions VARIANT KIND N [FUNCTION]
	instructions() {
		local lib=$WORK/e.so
		[ "$1" = shim ] && lib=$WORK/s.so
		LD_PRELOAD="$lib" FORKEXPLAIN_LOG="$WORK/never.jsonl" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			${4:+--toggle-collect="$4"} "$WORK/loop" "$2" "$3" 2>&1 | awk '/Collected/ { n = $NF } END { print n + 0 }'
	}
	declare -A ins
	for v in empty shim; do
		for n in 1 201; do
			ins[$v.fork.$n]=$(instructions $v fork $n)
			for k in pthread_create posix_spawn; do
				f=$k && [ $v = empty ] && f="$k@*"
				ins[$v.$k.$n]=$(instructions $v $k $n "$f")
			done
		done
	done
	# A run of N calls makes N + 1 (bench/loop.c): the per-call figure is
	# the difference of 201 and 1 over 200, and the first call is what a
	# run of 1 counts beyond one call.
	per() { echo $(((ins[$1.$2.201] - ins[$1.$2.1]) / 200)); }
	first() { echo $((ins[$1.$2.1] - $(per "$1" "$2"))); }
	echo
	echo "User-space instructions (callgrind), the loop's parent: per fork empty $(per empty fork), shim $(per shim fork);"
	echo "  start-up and the first fork: empty $(first empty fork), shim $(first shim fork) (+$(($(first shim fork) - $(first empty fork))))"
	for k in pthread_create posix_spawn; do
		if [ "${ins[empty.$k.1]}" = 0 ]; then
			echo "  inside $k: not measured (callgrind saw no $k@VERSION in libc)"
			continue
		fi
		echo "  inside $k, per call: libc $(per empty $k), shim $(per shim $k) (+$(($(per shim $k) - $(per empty $k))));" \
			"the first call +$(($(first shim $k) - $(first empty $k))) (the wrapper's first run: no lookup, no mapping)"
	done
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
