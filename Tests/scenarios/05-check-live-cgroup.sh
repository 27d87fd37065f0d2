# forkexplain check on a live process in a pids cgroup at 80 % of its
# pids.max: the cgroup is listed with its numbers, the exit status is 1
# (warning), the Prometheus output carries it, and a missing pid is a
# one-line error with status 3 (UNKNOWN).
. "$(dirname "$0")/lib.sh"
need_root

mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] || mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] && [ -e "$mnt/cgroup.procs" ] || fail "no pids cgroup hierarchy on this machine"
cg="$mnt/forkexplain-check-$$"
mkdir "$cg"
on_exit "rmdir '$cg'"
# Everything in the cgroup was started here: kill it by pid before rmdir.
on_exit "empty_cgroup '$cg'"
echo 10 >"$cg/pids.max"
bash -c "echo \$\$ > '$cg/cgroup.procs'; for i in 1 2 3 4 5 6 7; do sleep 300 & done; wait" &
holder=$!
wait_for 60 cgroup_holds "$cg" 8 || fail "the cgroup did not fill to 8 tasks: $(cat "$cg/pids.current")"

status=0
"$FORKEXPLAIN" check --pid "$holder" --format json >"$WORK/check.json" || status=$?
[ "$status" = 1 ] || fail "check exited $status at 80 % of pids.max, expected 1"
"$PYTHON" - "$WORK/check.json" "/forkexplain-check-$$" <<'PY' || fail "check's JSON does not show the cgroup at 8 of 10"
import json, sys
report = json.load(open(sys.argv[1]))
rows = [l for l in report["limits"] if l["limit"] == "cgroup_pids" and l["scope"] == sys.argv[2]]
assert rows and rows[0]["used"] == 8 and rows[0]["max"] == 10, rows
assert report["status"] == "warning", report["status"]
print("ok: check sees", sys.argv[2], "at", rows[0]["used"], "of", rows[0]["max"])
PY
"$FORKEXPLAIN" check --pid "$holder" --format prometheus >"$WORK/check.prom" || true
grep -q '^forkexplain_limit_usage_ratio{limit="cgroup_pids",place="cgroup",depth="1"} 0.8$' "$WORK/check.prom" ||
	fail "no Prometheus gauge for the cgroup: $(head -c 600 "$WORK/check.prom")"

status=0
"$FORKEXPLAIN" check --pid 999999999 >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 3 ] && [ "$(grep -c . "$WORK/err")" = 1 ] && [ "$(grep -c . "$WORK/out")" = 1 ] &&
	grep -q '^FORKEXPLAIN UNKNOWN - no process 999999999' "$WORK/out" ||
	fail "a missing pid gave status $status: $(cat "$WORK/out" "$WORK/err")"
echo "ok: check --pid: warning exit 1 at 80 %, Prometheus gauge, missing pid exit 3 (UNKNOWN)"
