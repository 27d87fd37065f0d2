# A Debian 13 container under incus with `limits.processes 200`: `systemctl
# restart apache2` fails with "(11)Resource temporarily unavailable" while
# the container's own cgroup shows pids.current 64, pids.peak 68 of
# pids.max 200 (https://github.com/lxc/lxcfs/issues/729). The guest's
# systemd takes DefaultTasksMax=15 % of the pids.max of the cgroup root it
# sees, the container's own: apache2.service gets 30 (docs/kernel-facts.md
# §11.105). Replayed as Apache's pthread_create in the unit at 30 of 30:
# the report and `check` must name apache2.service, the 15 % of 200, and
# the container's limit and DefaultTasksMax= as the fixes, not pid_max.
. "$(dirname "$0")/lib.sh"
replay incus-apache-default-tasksmax pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='/system.slice/apache2.service' evidence='pids.current 30 = pids.max 30' \
	evidence="guest systemd's DefaultTasksMax=15 % (systemd ≥ 231) of min(threads-max, pid_max − 1, the pids.max of the cgroup root it sees" \
	evidence="container's own cgroup: 200) = 200" \
	advice='incus/LXD `limits.processes`' advice='`DefaultTasksMax=` in /etc/systemd/system.conf' \
	advice='TasksMax=' not_advice='kernel.pid_max' not_verdict=pid_max not_family=oom \
	rec.cgroups.pids.0.max=30 rec.cgroups.pids.2.path=/ rec.cgroups.pids.2.max=200 rec.kernel=6.12.38+deb13-amd64
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || rc=$?
[ "$rc" = 2 ] || fail "check exited $rc, not 2 (critical): $(cat "$WORK/check")"
grep -q 'CRIT pids.max /system.slice/apache2.service: 30 of 30 (100 %)' "$WORK/check" ||
	fail "check does not rate apache2.service critical: $(cat "$WORK/check")"
grep -q 'ok   pids.max /: 64 of 200 (32 %)' "$WORK/check" ||
	fail "check does not show the container's own level with room: $(cat "$WORK/check")"
echo "ok: apache2.service's 30 named as 15 % of the container's pids.max 200; check CRIT on it, the container at 64 of 200"
