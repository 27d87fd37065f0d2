#!/usr/bin/env bash
# Runs every scenario (NN-*.sh) on this kernel and prints one line each and
# a closing tally. A scenario that cannot run here counts as failed.
set -u
cd "$(dirname "$0")"
pass=0
failed=0
names=()
for s in [0-9][0-9]-*.sh; do
	[ -n "${ONLY:-}" ] && [[ "$s" != *"$ONLY"* ]] && continue
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
[ "$failed" -eq 0 ] || { echo "failed: ${names[*]}"; exit 1; }
