# `check` of a systemd unit whose TasksMax= is the tightest pids level, on
# a kernel that keeps pids.peak (Linux 6.1, commit 5251c6c436ed; v1
# hierarchies too): report sized the unit's raise from the record's peak
# (§11.214), check printed twice the limit and no peak. Real: a pids
# cgroup named as a unit fills to 14 of 16, then 4 of its tasks end, so
# the peak (14) is not the count now (10). check must show the peak, with
# the level's directory, and size the raise from that file; on a kernel
# without the file it must say nothing of it (docs/kernel-facts.md §11.224).
. "$(dirname "$0")/lib.sh"
need_root

unit="forkexplain-284-$$.service"
pids_cgroup "$unit" 16 14
# Four sleepers end: the peak stays where the level was.
for p in $(grep -vx "$HOLDER" "$CG/cgroup.procs" | head -n 4); do kill -KILL "$p"; done
wait_for 30 cgroup_holds "$CG" 10 || fail "the cgroup $unit did not drop to 10 tasks: $(cat "$CG/pids.current")"

rc=0
"$FORKEXPLAIN" check --pid "$HOLDER" >"$WORK/check" || rc=$?
[ "$rc" = 0 ] || fail "check of a unit at 10 of 16 exited $rc, not 0: $(cat "$WORK/check")"
"$FORKEXPLAIN" check --pid "$HOLDER" --format json >"$WORK/check.json" || true
expect_output "$WORK/check" "^  --   the tightest pids level, /$unit, is systemd unit $unit's TasksMax= \\(room for 6 more\\)\$"
expect_output "$WORK/check" "TasksMax=80\` raises it at once"
if [ -e "$CG/pids.peak" ]; then
	peak=$(cat "$CG/pids.peak")
	[ "$peak" = 14 ] || fail "$CG/pids.peak is $peak after 14 tasks, not 14"
	expect_output "$WORK/check" "^       pids\\.peak 14 in $CG: the most tasks $unit's cgroup has held since it started\$"
	expect_output "$WORK/check" "not by doubling again: after its busiest run under the raised limit, \`cat $CG/pids.peak\`"
	python3 - "$WORK/check.json" <<'PY' || fail "check's JSON has no systemd unit peak 14: $(cat "$WORK/check.json")"
import json, sys
unit = json.load(open(sys.argv[1]))["systemd_unit"]
sys.exit(0 if unit.get("peak") == 14 else 1)
PY
	said="pids.peak 14 shown and the raise sized from it"
else
	! grep -q "pids.peak" "$WORK/check" || fail "check spoke of pids.peak, which this kernel has not: $(cat "$WORK/check")"
	said="no pids.peak on this kernel, none spoken of"
fi
echo "ok: check of $unit at 10 of 16 after 14: $said"
