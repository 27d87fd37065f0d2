# An Incus container seen from inside (docs/kernel-facts.md §11.200), made
# for real on this kernel: its cgroup lxc.payload.c291 (LXC 4+'s payload
# level, below forkexplain-291-PID here) with pids.max 8, its own cgroup,
# mount, UTS and PID namespaces, `container=lxc` in its PID 1's
# environment, and, as liblxc does, its root the container's rootfs
# directory bound onto itself and entered (chroot here, pivot_root in
# LXC): .../var/lib/incus/storage-pools/default/containers/c291/rootfs
# under this scenario's work dir, with Incus's guest API directory bound
# at /dev/incus. The hostname is web-291, not the container's name, and
# the cgroup namespace hides lxc.payload.c291: only the mounts name it.
# Everything is mounted inside the container's mount namespace, on
# directories of the work dir or on the container's own tmpfs /dev; the
# host's paths are bound in read as they are. `report` and `check` inside
# must name "Incus container c291" and give `incus config set c291
# limits.processes 72`, not LXC's config file nor the hostname.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need chroot

pids_leaf_8 "forkexplain-291-$$" "forkexplain-291-$$/lxc.payload.c291"

incus="$WORK/var/lib/incus"
root="$incus/storage-pools/default/containers/c291/rootfs"
mkdir -p "$root" "$incus/guestapi"
host_name=$(hostname)

CONTAINER_ENV=container=lxc rootfs_fill "$leaf" "-u -p -f" "$root" "grep -qa container=lxc /proc/1/environ || { echo PID 1 has no container=lxc; exit 4; }
		mkdir $root/dev/incus
		mount --bind $incus/guestapi $root/dev/incus
		hostname web-291"
[ "$(hostname)" = "$host_name" ] || fail "the host's hostname changed"
[ ! -e /dev/incus ] || fail "/dev/incus exists on the host"

expect verdict=cgroup_pids_limit call=fork errno=EAGAIN rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=8 \
	rec.container.init_container=lxc rec.host=web-291 \
	advice='`incus config set c291 limits.processes 72`' \
	not_advice='/var/lib/lxc/' not_advice='web-291/config' not_advice='echo 72 >'
report_workload "Incus container c291"
# The root is a path in the work dir's filesystem: its tail is Incus's;
# /dev/incus is a marker.
"$PYTHON" - "$LOG" <<'PY' || fail "the record does not carry the container's root and /dev/incus"
import json, sys
rec = next(json.loads(l) for l in open(sys.argv[1]) if '"type":"failure"' in l)
roots = rec["container"]["bind_roots"]
ok = roots.get("/", "").endswith("/var/lib/incus/storage-pools/default/containers/c291/rootfs") and \
    "/dev/incus" in rec["container"]["markers"]
sys.exit(0 if ok else print(rec["container"]) or 1)
PY

check_names "the tightest pids level, /, is Incus container c291's pids limit (room for " "the Incus container"
check_names '`incus config set c291 limits.processes 72`' "Incus's key"
echo "ok: report and check inside name Incus container c291 by its rootfs and /dev/incus mounts, not its hostname, with incus config set limits.processes"
