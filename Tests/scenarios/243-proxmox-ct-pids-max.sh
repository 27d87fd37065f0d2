# A Proxmox VE container (CT 243) whose pids limit is full, made for real
# on this kernel with PVE's own cgroup layout (docs/kernel-facts.md
# §11.143): pve-container gives LXC `lxc.cgroup.dir.container = lxc/VMID`
# and `lxc.cgroup.dir.container.inner = ns`, so the limit written from
# /etc/pve/lxc/243.conf (`lxc.cgroup.pids.max: 4` on this v1 hierarchy)
# sits on lxc/243 and the CT's processes run in lxc/243/ns, the root of
# their cgroup namespace, which says max. The guest's /run/systemd/container
# says lxc (LXC's word) and its hostname is PVE's default, CT243. bash
# inside forks until the CT is full; `report` must name the CT and its
# config, not LXC's /var/lib/lxc (PVE writes that file itself at each
# start), and `check --pid` on the host must name the same fix with the
# real file. Then the fix is applied where it can be here (lxc/243's
# pids.max raised) and the same script runs without a failure.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

v1_pids_root
top="$mnt/forkexplain-243-$$"
ct="$top/lxc/243"
for d in "$top" "$top/lxc" "$ct" "$ct/ns"; do
	mkdir "$d"
	on_exit "rmdir '$d'"
done
on_exit "empty_cgroup '$ct/ns'"

# The guest: PVE's manager file and default hostname, in mount and UTS
# namespaces of the CT's own (the host's /run is not touched).
cat >"$WORK/guest.sh" <<SH
set -e
mount -t tmpfs -o mode=755 tmpfs /run
mkdir /run/systemd
echo lxc >/run/systemd/container
hostname CT243
[ "\$(cat /sys/fs/cgroup/pids/pids.max)" = max ] || { echo the CT should see max at its own root; exit 3; }
LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 FORKEXPLAIN_LOG=\$1 exec bash "$WORK/forks.sh"
SH
forks_script
guest() {
	in_v1_container "$ct/ns" "exec unshare -u bash $WORK/guest.sh $1" >"$2" 2>&1 || true
}

# 1. The CT's limit: room for bash and 3 sleepers, the 4th refused; check
# on the host while the CT is full: the real path, PVE's fix.
fork_refused_in "$ct" "$ct/ns" guest
grep -q 'lxc.cgroup.pids.max: 68` to /etc/pve/lxc/243.conf' "$WORK/check.txt" ||
	fail "check on the host does not name CT 243's config: $(cat "$WORK/check.txt")"
grep -q "pct stop 243 && pct start 243" "$WORK/check.txt" || fail "check does not say how to apply it: $(cat "$WORK/check.txt")"
grep -q "echo 68 > $ct/pids.max" "$WORK/check.txt" || fail "check does not give the host's own file: $(cat "$WORK/check.txt")"

LOG="$WORK/fork.jsonl"
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='a level above' \
	advice='/etc/pve/lxc/243.conf' advice='`lxc.cgroup.pids.max: ' advice='pct stop 243 && pct start 243' \
	advice=' > /sys/fs/cgroup/pids/lxc/243/pids.max`' not_advice='/var/lib/lxc' not_advice='docker' \
	rec.container.manager=lxc rec.host=CT243 rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=max \
	rec.cgroups.pids.1=absent
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report exited $?"
grep -q '^  Workload: Proxmox VE CT 243 (LXC)' "$WORK/report.txt" ||
	fail "report does not name the CT: $(grep Workload "$WORK/report.txt" || cat "$WORK/report.txt")"

# 3. The fix, as PVE applies it at the CT's next start: lxc/243's limit raised.
runs_clean_in "$ct" guest
echo "ok: CT 243's refused fork named /etc/pve/lxc/243.conf in report and check; with its pids.max raised bash started 4 sleepers"
