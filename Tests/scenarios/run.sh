#!/usr/bin/env bash
# Runs every scenario (NN-*.sh, NNN-*.sh) on this kernel and prints one line each and
# a closing tally. A scenario that cannot run here counts as failed. One
# that calls need_root is not started without root: it is listed as NOT RUN
# and the run fails, so a run without root never passes for a full one.
# ONLY=PATTERN runs the scenarios whose name contains PATTERN (the replays,
# which need no root: ONLY=-replay-).
set -u
cd "$(dirname "$0")"
pass=0
failed=0
names=()
not_run=()
shopt -s nullglob
# Two-digit names first, then three-digit ones (100 and up), in order.
for s in [0-9][0-9]-*.sh [0-9][0-9][0-9]-*.sh; do
	[ -n "${ONLY:-}" ] && [[ "$s" != *"$ONLY"* ]] && continue
	if [ "$(id -u)" != 0 ] && grep -q '^need_root' "$s"; then
		not_run+=("$s")
		echo "NOT RUN $s: needs root"
		continue
	fi
	out=$(mktemp)
	start=$(date +%s)
	if timeout --kill-after=10 240 bash "$s" >"$out" 2>&1; then
		pass=$((pass + 1))
		echo "PASS $s ($(( $(date +%s) - start ))s): $(grep -E '^ok:' "$out" | tail -n 1)"
	else
		failed=$((failed + 1))
		names+=("$s")
		echo "FAIL $s ($(( $(date +%s) - start ))s)"
		sed 's/^/    /' "$out"
	fi
	rm -f "$out"
done
echo "scenarios: $pass passed, $failed failed"
if [ "${#not_run[@]}" -gt 0 ]; then
	echo "NOT RUN: ${#not_run[@]} scenarios need root: ${not_run[*]}"
	echo "run 'make test' (or 'make scenarios') as root to run them"
fi
[ "$failed" -eq 0 ] || { echo "failed: ${names[*]}"; exit 1; }
[ "${#not_run[@]}" -eq 0 ]
