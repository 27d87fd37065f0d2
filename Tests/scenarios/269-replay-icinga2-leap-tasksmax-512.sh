# Icinga 2.7.1 on openSUSE Leap 42.3 (kernel 4.4, systemd 228): "Function
# call 'fork' failed with error code 11", `systemctl show -p TasksMax
# icinga2` still 512 after `DefaultTasksMax=infinity` and "TaskMax=infinity"
# in the unit file, keys a unit does not read
# (https://github.com/Icinga/icinga2/issues/5611, docs/kernel-facts.md
# §11.173). The verdict is the unit's 512, systemd 228's DefaultTasksMax;
# the fix sets the unit's TasksMax= and says how to see that it took.
. "$(dirname "$0")/lib.sh"

replay icinga2-leap-tasksmax-512 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/system.slice/icinga2.service' \
	evidence='pids.current 512 = pids.max 512' evidence="systemd 228–230's DefaultTasksMax=512" \
	advice='`systemctl set-property icinga2.service TasksMax=1024`' \
	advice='See that it took: `systemctl show -p TasksMax icinga2.service`' \
	advice="such as \`TaskMax=\` or system.conf's \`DefaultTasksMax=\`" advice='`systemctl daemon-reload`' \
	not_verdict=pid_max rec.cgroups.pids.0.max=512
check_crit 'CRIT pids.max /system.slice/icinga2.service: 512 of 512 (100 %)'
grep -qF 'See that it took: `systemctl show -p TasksMax icinga2.service`' "$WORK/check" ||
	fail "check's unit line lacks how to see the fix took: $(cat "$WORK/check")"
echo "ok: icinga2.service at systemd 228's 512: the unit's TasksMax=, and how to see that it took"
