# An LXC container behind LXCFS (kernel 4.15; github.com/lxc/lxcfs/issues/13
# and #203): /proc/loadavg and /proc/meminfo are fuse.lxcfs mounts, so
# loadavg's 183 tasks are the container's, not the host's. The host's
# pid_max (32768, read from inside) may be full; 183 is no evidence of
# room. The shim must not record the container's count as the host's, and
# the report must say the host's count cannot be seen. `check` must not
# call pid_max fine on 183 tasks either.
. "$(dirname "$0")/lib.sh"
replay lxcfs-container fork EAGAIN
expect verdict=unexplained call=fork errno=EAGAIN evidence='LXCFS' evidence='cannot be compared with the host' \
	not_evidence='kernel.pid_max: 183' rec.pid.host_tasks=absent rec.container.lxcfs.0=/proc/loadavg \
	rec.container.lxcfs.1=/proc/meminfo
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" \
	"$FORKEXPLAIN" check --format json >"$WORK/check.json" || true
"$PYTHON" - "$WORK/check.json" <<'PY' || fail "check used LXCFS's task count as the host's"
import json, sys
check = json.load(open(sys.argv[1]))
bad = [l for l in check["limits"] if l.get("scope") == "host" and l.get("used") == 183]
assert not bad, bad
print("ok: check has no host limit measured with the container's 183 tasks")
PY
