# A Virtuozzo 7 container (vzkernel 3.10) whose numproc, 400 of 400 with
# failcnt 57, is the container's pids cgroup: later vzkernel builds refuse
# the fork in pids_try_charge() with EAGAIN, not OpenVZ 6's ENOMEM
# (kernel/cgroup_pids.c; docs/kernel-facts.md §11.188). The shim reads
# /proc/user_beancounters; the report must tie the EAGAIN to numproc,
# without calling it a memory error, and name both kernel forms. The same
# EAGAIN on OpenVZ 6's 2.6.32 (scenario 70's machine) is not numproc's.
# Fixture only (fixture vz7-numproc, incidents.py): no VZ7 kernel here.
. "$(dirname "$0")/lib.sh"
replay vz7-numproc fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high \
	binding='OpenVZ beancounter numproc' evidence='numproc held 400 of limit 400' evidence='failcnt 57' \
	advice='--numproc' not_family=oom not_verdict=unexplained \
	rec.kernel=3.10.0-1160.80.1.vz7.191.4 rec.beancounters.numproc.limit=400
"$FORKEXPLAIN" report --format json "$LOG" >"$WORK/vz7.json"
"$PYTHON" - "$WORK/vz7.json" <<'PY' || fail "the VZ7 verdict's kernel rule or note is wrong"
import json, sys
v = [e for e in json.load(open(sys.argv[1]))["events"] if e.get("verdict") == "cgroup_pids_limit"][0]
assert "pids_try_charge() → -EAGAIN" in v["kernel_rule"], v["kernel_rule"]
assert "ub_task_charge()" in v["kernel_rule"], v["kernel_rule"]
assert not v.get("misleading"), v.get("misleading")
PY
replay openvz-numproc fork EAGAIN
expect call=fork errno=EAGAIN not_verdict=cgroup_pids_limit rec.kernel=2.6.32-042stab145.3
echo "ok: a VZ7 fork refused with EAGAIN at numproc 400 of 400 is the beancounter's (pids cgroup form); on OpenVZ 6 an EAGAIN is not numproc's"
