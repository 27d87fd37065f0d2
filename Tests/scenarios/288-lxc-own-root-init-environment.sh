# An LXC container with no systemd inside (Alpine's OpenRC, or a shell as
# its init) seen from inside (docs/kernel-facts.md §11.195, §11.196), made
# for real: its own cgroup, mount, UTS and PID namespaces, the v1 pids
# hierarchy mounted at its leaf (pids.max 8), /proc mounted for its PID
# namespace, the hostname its name, and `container=lxc` in the
# environment of its PID 1, as lxc-start gives it; no
# /run/systemd/container (a tmpfs over /run inside the mount namespace).
# The shim reads PID 1's environment; `report` and `check` inside must
# name an LXC container and give lxc.cgroup.pids.max (v1) in its config
# by name, set outside.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

CONTAINER_ENV=container=lxc own_root_fill 288 "-u -p -f" "mount -t proc proc /proc
		hostname alpine-288
		grep -qa container=lxc /proc/1/environ || { echo PID 1 has no container=lxc; exit 4; }"
[ "$(hostname)" != alpine-288 ] || fail "the host's hostname changed"

expect verdict=cgroup_pids_limit call=fork errno=EAGAIN rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=8 \
	rec.container.init_container=lxc \
	advice='`lxc.cgroup.pids.max = 72` in the container'"'"'s config (/var/lib/lxc/alpine-288/config)' \
	not_advice='echo 72 >'
report_workload "LXC container"

check_names "the tightest pids level, /, is LXC container's pids limit (room for " "the LXC container"
check_names "This is the container's own pids limit, set outside it by whoever started it: it cannot be raised from inside" \
	"the limit as set outside"
check_names '`lxc.cgroup.pids.max = 72` in the container'"'"'s config (/var/lib/lxc/alpine-288/config)' "LXC's knob"
echo "ok: report and check inside name the LXC container by container=lxc in PID 1's environment, with lxc.cgroup.pids.max, set outside"
