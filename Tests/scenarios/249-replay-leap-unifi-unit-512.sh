# The UniFi controller's unit on openSUSE Leap 42.2 (systemd 228): "kernel:
# cgroup: fork rejected by pids controller in /system.slice/unifi.service",
# solved by `TasksMax=infinity` in unifi.service
# (https://github.com/stevejenkins/unifi-linux-utils/issues/17;
# docs/kernel-facts.md §11.219). 512 is systemd 228's DefaultTasksMax,
# which every unit without TasksMax= gets. Replayed: the controller's java
# refused a thread at the unit's 512, its mongod holding the rest. report
# must bind the unit, name 512 as the default and offer the unit's
# TasksMax= first, before the java's pools (§11.225); check is critical
# on it; explain on the journal's line gives the unit's fix.
. "$(dirname "$0")/lib.sh"

replay leap-unifi-unit-512 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='/system.slice/unifi.service' evidence='pids.current 512 = pids.max 512' \
	evidence="pids.max 512 on unifi.service is systemd 228–230's DefaultTasksMax=512" \
	advice='`systemctl set-property unifi.service TasksMax=1024`' advice='java (pid 2210) has 452 threads' \
	not_verdict=rlimit_nproc not_verdict=commit_limit not_verdict=memory_exhausted rec.cgroups.pids.0.max=512
# A default nobody chose: the unit's raise leads, the java's pools next (§11.225).
first_fix cgroup_pids_limit 'systemd owns this level, unit unifi.service: `systemctl set-property unifi.service TasksMax=1024`'
check_crit 'CRIT pids.max /system.slice/unifi.service: 512 of 512 (100 %)'
"$FORKEXPLAIN" explain 'kernel: cgroup: fork rejected by pids controller in /system.slice/unifi.service' \
	>"$WORK/explain" || fail "explain exited $?"
grep -qF 'systemctl set-property unifi.service TasksMax=N' "$WORK/explain" ||
	fail "explain does not give the unit's fix: $(cat "$WORK/explain")"
echo "ok: unifi.service's 512, systemd 228's default, named with the unit's TasksMax= in report, check and explain"
