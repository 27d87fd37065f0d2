# `forkexplain check` (text and JSON) with the same fixture hooks as the
# shim, on replayed incidents: the limit check calls fullest must be the
# one the report's verdict binds, and its exit status must say so
# (2: at or above 95 %). On the LXCFS container the host's task count is
# not visible, so check must not rate pid_max on the container's count.
. "$(dirname "$0")/lib.sh"

# check_agrees MACHINE CALL ERRNO VERDICT STATUS: the verdict of the
# report, and check's exit status and fullest limit's verdict.
check_agrees() {
	local machine=$1 call=$2 err=$3 verdict=$4 want=$5 rc=0
	replay "$machine" "$call" "$err"
	expect verdict="$verdict" >/dev/null || fail "$machine: the report's verdict is not $verdict"
	FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" \
		"$FORKEXPLAIN" check >"$WORK/check.txt" || rc=$?
	[ "$rc" = "$want" ] || fail "$machine: check exited $rc, not $want: $(cat "$WORK/check.txt")"
	FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" \
		"$FORKEXPLAIN" check --format json >"$WORK/check.json" || true
	"$PYTHON" - "$WORK/check.json" "$verdict" "$machine" <<'PY' || fail "$machine: check's fullest limit is not $verdict"
import json, sys
check, verdict, machine = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
limits = sorted(check["limits"], key=lambda l: -l.get("share", 0))
assert limits and limits[0]["verdict"] == verdict, (machine, limits[:2])
print(f"ok: {machine}: check's fullest is {verdict} ({limits[0]['used']} of {limits[0]['max']})")
PY
}

check_agrees xenial-sshd-tasksmax fork EAGAIN cgroup_pids_limit 2
check_agrees el7-threads-max-1g pthread_create EAGAIN threads_max 2
check_agrees container-host-pid-max fork EAGAIN pid_max 2
check_agrees openvz-numproc fork ENOMEM cgroup_pids_limit 2
check_agrees es-max-map-count pthread_create EAGAIN map_count_limit 2
