#!/usr/bin/env bash
# The first pthread_create against the shape of the process's mappings
# (make bench-first-layout; docs/performance.md, "The first
# pthread_create: the caller alone"): bench/loop.c built once for each
# count in LIBS, linked against that many more (empty) libraries
# (default 0, 1 and 2), each run bare, under
# an empty library and under the shim, LAYOUTS processes a variant taking
# turns (the order reversed every other round). For each program: the
# stack's mmap and the guard's mprotect that glibc makes at a first
# pthread_create, alone (`loop stack`, wall), and the calling thread's CPU
# of a real first pthread_create (`loop first pthread_create`); medians,
# ratios to bare process by process (stats.sh). Then, where perf can
# record the maple tree's tracepoints (root, a kernel with them), whether
# that mprotect split a leaf of the tree (maple_tree:ma_op mas_split
# between its sys_enter and sys_exit), one process a program and variant.
# LAYOUTS=0 gives the splits alone. Last, the same splits in the program
# of no more library against PAD areas of 64 KiB mapped before the stack
# (`loop stack PAD`, PAD 0 to PADS-1, default 28): the layouts over which
# bench/first.sh's "layouts" rows time the first call.
# What it shows: which preload costs the split depends on the program,
# not on the preload alone.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
SHIM=${SHIM:-"$TOP/.build/release/libforkexplain.so"}
LAYOUTS=${LAYOUTS:-200}
LIBS=${LIBS:-0 1 2}
PADS=${PADS:-28}
[ -f "$SHIM" ] || { echo "bench: build first (make build)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/forkexplain-bench-layout.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo 'void forkexplain_bench_empty(void) {}' | cc -x c -shared -fPIC -O2 -o "$WORK/e.so" -
# The libraries under names of the same length, bare under a variable of
# the same length (bench/first.sh): the same environment, the same stack.
cp "$SHIM" "$WORK/s.so"
# p<K>: the loop linked against K more libraries, K from LIBS.
for k in $LIBS; do
	libs=
	for ((j = 1; j <= k; j++)); do
		[ -f "$WORK/libfxb$j.so" ] ||
			echo "int forkexplain_bench_lib$j(void) { return $j; }" | cc -x c -shared -fPIC -O2 -o "$WORK/libfxb$j.so" -
		libs="$libs -lfxb$j"
	done
	# shellcheck disable=SC2086 # one word a library
	cc -std=c11 -O2 -o "$WORK/p$k" "$TOP/bench/loop.c" -L"$WORK" -Wl,--no-as-needed $libs \
		-Wl,-rpath,"$WORK" -lpthread
done
variants="bare empty shim"
variant() {
	local lib=LD_PRELOAD so="$WORK/s.so"
	case $1 in
	bare) lib=LD_PRELOAX ;;
	empty) so="$WORK/e.so" ;;
	esac
	# shellcheck disable=SC2086 # the loop's arguments, one word each
	env "$lib=$so" FORKEXPLAIN_LOG="$WORK/never.jsonl" "$WORK/p$2" $3
}
. "$TOP/bench/stats.sh"
# cell FILE COLUMN: the median [middle half] of a column, in us.
cell() {
	awk -v c="$2" '{ print $c / 1000 }' "$1" | sort -n |
		awk '{ v[NR] = $1 } END { printf "%.2f [%.2f-%.2f]", v[int((NR + 1) / 2)], v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)] }'
}
# split K VARIANT [PAD]: whether the guard's mprotect (8 MiB, `loop stack`)
# split a leaf of the maple tree, from the tree's own tracepoints.
split() {
	perf record -q -o "$WORK/perf.data" -e syscalls:sys_enter_mprotect -e syscalls:sys_exit_mprotect \
		-e maple_tree:ma_op -- bash -c "$(declare -f variant); WORK='$WORK'; variant $2 $1 'stack ${3:-}'" >/dev/null 2>&1 || return 1
	perf script -i "$WORK/perf.data" -F event,trace 2>/dev/null | awk '
		/sys_enter_mprotect:.*len: 0x0*800000,/ { on = 1; next }
		on && /mas_split/ { s = 1 }
		/sys_exit_mprotect/ { on = 0 }
		END { print s ? "split" : "none" }'
}
if ((LAYOUTS > 0)); then
	echo "The first pthread_create against the program's mappings (loop stack, loop first), $LAYOUTS processes a variant"
	echo "taking turns, load $(cut -d' ' -f1-3 /proc/loadavg); us, median [middle half]; ratio to bare, process by process:"
	printf '%-26s' ''
	for v in $variants; do printf ' %-20s' "$v"; done
	echo ' ratios to bare'
fi
for k in $LIBS; do
	((LAYOUTS > 0)) || continue
	for mode in stack thread; do
		args=stack
		[ "$mode" = stack ] || args='first pthread_create'
		for v in $variants; do : >"$WORK/$mode.$v"; done
		for ((r = 0; r < LAYOUTS; r++)); do
			order=$variants
			((r % 2)) && order=$(echo "$variants" | tr ' ' '\n' | tac | tr '\n' ' ')
			for v in $order; do variant "$v" "$k" "$args" >>"$WORK/$mode.$v"; done
		done
	done
	printf 'program + %d libraries, mappings:' "$k"
	for v in $variants; do printf ' %s %s' "$v" "$(median 3 <"$WORK/stack.$v")"; done
	echo
	for row in 'stack mmap:stack:1' 'guard mprotect:stack:2' 'pthread_create, caller:thread:4'; do
		IFS=: read -r name mode col <<<"$row"
		printf '  %-24s' "$name"
		for v in $variants; do printf ' %-20s' "$(cell "$WORK/$mode.$v" "$col")"; done
		printf ' empty/bare %s, shim/bare %s\n' "$(spread "$WORK/$mode.empty" "$WORK/$mode.bare" "$col")" \
			"$(spread "$WORK/$mode.shim" "$WORK/$mode.bare" "$col")"
	done
done
if command -v perf >/dev/null && split 0 bare >/dev/null; then
	echo "Leaf splits of the maple tree at the guard's mprotect (maple_tree:ma_op mas_split), one process each:"
	for k in $LIBS; do
		printf '  program + %-2d libraries:' "$k"
		for v in $variants; do printf ' %s %s' "$v" "$(split "$k" "$v")"; done
		echo
	done
	if ((PADS > 0)); then
		echo "  program + 0 libraries after PAD 64 KiB areas (loop stack PAD), the PADs of 0-$((PADS - 1)) that split:"
		for v in $variants; do
			printf '    %-6s' "$v"
			for ((p = 0; p < PADS; p++)); do
				if [ "$(split 0 "$v" "$p")" = split ]; then printf ' %d' "$p"; fi
			done
			echo
		done
	fi
else
	echo "Leaf splits: not seen (perf cannot record maple_tree:ma_op here: root and a kernel with its tracepoints)"
fi
[ -f "$WORK/never.jsonl" ] && { echo "bench: a record was written on the success path" >&2; exit 1; }
exit 0
