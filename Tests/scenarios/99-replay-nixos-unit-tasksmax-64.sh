# NixOS (cgroup v2, kernel 6.6): whisper-server's unit sets TasksMax=64,
# too low for its HTTP and worker threads: pthread_create EAGAIN,
# "std::system_error: Resource temporarily unavailable"
# (github.com/olafkfreund/nixos_config/pull/692). A value chosen for this
# unit: cgroup_pids_limit on the unit, its own TasksMax= as the fix, and
# no claim that it is systemd's default.
. "$(dirname "$0")/lib.sh"
replay nixos-unit-tasksmax-64 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='/system.slice/whisper-server.service' evidence='pids.current 64 = pids.max 64' \
	advice='systemctl set-property whisper-server.service TasksMax=' not_evidence='DefaultTasksMax' \
	not_advice='For every unit at once' not_advice='/etc/systemd/system.conf' rec.cgroups.pids.0.max=64 rec.cgroups.pids.0.events_max_local=2
