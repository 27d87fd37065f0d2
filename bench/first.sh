#!/usr/bin/env bash
# make bench, the first task creation of a process (README, "Performance";
# bench/run.sh prints these rows through it, alone: make bench-first):
# `loop first KIND` bare, under an empty library (the row's noise), under
# the shim and, with BASELINE=LIB, under another build of the library
# (main's, say) for a before and after that shares the machine's load;
# FIRSTS processes a variant taking turns (in a shuffled order, below),
# CPU us of the call and minor faults, median and middle half; ratios to
# bare process by process. `shim` runs with the default
# (FORKEXPLAIN_FILL=failure: only the tally area filled here, the rest at
# the first failure that finds memory with room: docs/performance.md), as
# does `base` (each library its own default); START=1 adds this build with
# FORKEXPLAIN_FILL=start (every buffer filled here, main's default before).
# Under each kind's row, "caller only": the calling thread's own CPU
# (CLOCK_THREAD_CPUTIME_ID, to the ns) from the same processes. The row
# above is the process's CPU in getrusage's microseconds, which for a
# pthread_create also counts what the new thread ran, on the other core,
# by the time the caller read it (docs/performance.md, "The first
# pthread_create: the caller alone").
# Under posix_spawn's, "wall": the call's elapsed time, which takes in
# the child's run up to its exec (docs/performance.md, "The first
# posix_spawn: the wrapper run ahead").
# Under those, "N layouts": the same, each process first mapping PAD areas
# of 64 KiB (`loop first KIND PAD`), PAD 0 to LAYOUTS-1 in turn round by
# round, the same in each round's variants. The rows above are
# bench/loop.c's one layout, where the guard's mprotect of a first
# pthread_create splits a leaf of the tree of mappings under the shim and
# not bare; over the layouts each variant meets that split as often
# (docs/performance.md, "The first task creation over many layouts").
# LAYOUTS=0 leaves them out; KINDS names the calls (all three by default).
# Each round runs the variants in an order of its own, shuffled from a
# fixed seed (SEED), each library loaded from COPIES copies in turn
# (bench/order.sh).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
SHIM=${SHIM:-"$TOP/.build/release/libforkexplain.so"}
BASELINE=${BASELINE:-}
FIRSTS=${FIRSTS:-150}
LAYOUTS=${LAYOUTS:-28}
KINDS=${KINDS:-fork pthread_create posix_spawn}
. "$TOP/bench/order.sh"
[ -f "$SHIM" ] || { echo "bench: build first (make build)" >&2; exit 2; }
[ -z "$BASELINE" ] || [ -f "$BASELINE" ] || { echo "bench: no library at BASELINE=$BASELINE" >&2; exit 2; }
WORK=$(mktemp -d /tmp/forkexplain-bench-first.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cc -std=c11 -O2 -o "$WORK/loop" "$TOP/bench/loop.c" -lpthread
echo 'void forkexplain_bench_empty(void) {}' | cc -x c -shared -fPIC -O2 -o "$WORK/e.so" -
# The libraries under names of the same length (bench/run.sh), COPIES
# files each: cp writes each one's pages anew.
variants="bare empty shim"
[ -z "$BASELINE" ] || variants="bare empty base shim"
for ((c = 0; c < COPIES; c++)); do
	cp "$WORK/e.so" "$WORK/e$c.so"
	cp "$SHIM" "$WORK/s$c.so"
	[ -z "$BASELINE" ] || cp "$BASELINE" "$WORK/b$c.so"
done
[ -z "${START:-}" ] || variants="$variants start"
variant() {
	local lib=LD_PRELOAD so fill=
	case $1 in
	bare) lib=LD_PRELOAX so="$WORK/e$copy.so" ;;
	empty) so="$WORK/e$copy.so" ;;
	base) so="$WORK/b$copy.so" ;;
	shim) so="$WORK/s$copy.so" ;;
	start) so="$WORK/s$copy.so" fill=start ;;
	esac
	# shellcheck disable=SC2086 # PAD, when given, one word
	env "$lib=$so" FORKEXPLAIN_FILL=$fill FORKEXPLAIN_LOG="$WORK/never.jsonl" "$WORK/loop" first "$2" ${3:-}
}
. "$TOP/bench/stats.sh"
# ratios SET COLUMN: each variant's ratio to bare in that column of
# `loop first`'s lines (SET.VARIANT), process by process, shim/base with
# BASELINE, and the line's end.
ratios() {
	local v sep=' '
	for v in $variants; do
		[ "$v" = bare ] && continue
		printf '%s%s/bare %s' "$sep" "$v" "$(spread "$WORK/$1.$v" "$WORK/$1.bare" "$2")"
		sep=', '
	done
	# The change itself, before and after, round by round.
	[ -z "$BASELINE" ] || printf ', shim/base %s' "$(spread "$WORK/$1.shim" "$WORK/$1.base" "$2")"
	echo
}
# rounds SET KIND COUNT [PADS]: COUNT rounds of the variants taking turns
# into SET.VARIANT, round r with PAD r mod PADS when PADS is given and
# copy r mod COPIES of each library.
rounds() {
	local r v pad=
	for v in $variants; do : >"$WORK/$1.$v"; done
	for ((r = 0; r < $3; r++)); do
		# shellcheck disable=SC2086 # the variants, one word each
		shuffle $variants
		[ -z "${4:-}" ] || pad=$((r % $4))
		copy=$((r % COPIES))
		for v in "${ORDER[@]}"; do variant "$v" "$2" $pad >>"$WORK/$1.$v"; done
	done
}
# middle FILE COLUMN FORMAT: the column's ns as us, median [middle half].
middle() {
	awk -v c="$2" '{ print $c / 1000 }' "$1" | sort -n |
		awk -v f="$3" '{ v[NR] = $1 } END { printf f " [" f "-" f "]", v[int((NR + 1) / 2)], v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)] }'
}
# rows SET LABEL: the process's CPU and faults, then the caller's CPU
# (and posix_spawn's elapsed time).
rows() {
	local v
	printf '%-15s' "$2"
	for v in $variants; do
		printf ' %-24s' "$(middle "$WORK/$1.$v" 2 %.0f) $(median 3 <"$WORK/$1.$v") flt"
	done
	ratios "$1" 2
	printf '%-15s' '  caller only'
	for v in $variants; do
		printf ' %-24s' "$(middle "$WORK/$1.$v" 4 %.1f)"
	done
	ratios "$1" 4
	# posix_spawn returns once the child has exec'd (CLONE_VFORK), so
	# what its caller waits is the call's elapsed time, the child's part
	# of it (its signal resets, the exec) included: the shim runs none
	# of that, and so weighs less on it than on the parent's CPU.
	[ "$kind" = posix_spawn ] || return 0
	printf '%-15s' '  wall'
	for v in $variants; do
		printf ' %-24s' "$(middle "$WORK/$1.$v" 1 %.1f)"
	done
	ratios "$1" 1
}
# Every PAD as often: the layouts' rounds are FIRSTS rounded up to a
# multiple of LAYOUTS.
LROUNDS=0
((LAYOUTS > 0)) && LROUNDS=$(((FIRSTS + LAYOUTS - 1) / LAYOUTS * LAYOUTS))
copy=0
echo "First task creation of a process, parent side (loop first KIND), $FIRSTS processes a variant taking turns, $COPIES copies of each library in turn, load $(cut -d' ' -f1-3 /proc/loadavg):"
echo "CPU us of the call, median [middle half]; minor faults, median; ratio to bare, process by process;"
echo "caller only: the calling thread's CPU us (CLOCK_THREAD_CPUTIME_ID), without the new thread's;"
echo "wall (posix_spawn): the call's elapsed us, until the child has exec'd (what the caller waits);"
((LROUNDS == 0)) || echo "$LAYOUTS layouts: $LROUNDS processes a variant, each mapping PAD 64 KiB areas first, PAD 0-$((LAYOUTS - 1)) in turn:"
printf '%-15s' call
for v in $variants; do printf ' %-24s' "$v"; done
echo ' ratios to bare'
for kind in $KINDS; do
	rounds first "$kind" "$FIRSTS"
	rows first "$kind"
	((LROUNDS > 0)) || continue
	rounds layouts "$kind" "$LROUNDS" "$LAYOUTS"
	rows layouts "  $LAYOUTS layouts"
done
[ -f "$WORK/never.jsonl" ] && { echo "bench: a record was written on the success path" >&2; exit 1; }
exit 0
