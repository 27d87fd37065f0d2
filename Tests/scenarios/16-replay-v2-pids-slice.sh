# cgroup v2 (systemd's unified layout), replayed: the slice's pids.max (a
# TasksMax= on system.slice) binds one level above the service. Checks the
# shim's v2 collection (cgroup2 in mountinfo, cgroup.controllers, every
# level up to the root) as well as the verdict.
. "$(dirname "$0")/lib.sh"
replay v2-pids-slice fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/system.slice' \
	evidence='pids.current 512 = pids.max 512 in /sys/fs/cgroup/system.slice'
"$PYTHON" - "$LOG" <<'PY' || fail "the v2 levels were not recorded as expected"
import json, sys
record = json.loads(open(sys.argv[1]).readline())
levels = [(l["version"], l["path"], l.get("max")) for l in record["cgroups"]["pids"]]
assert levels == [(2, "/system.slice/app.service", "max"), (2, "/system.slice", 512), (2, "/", None)], levels
print("ok: v2 levels", levels)
PY
