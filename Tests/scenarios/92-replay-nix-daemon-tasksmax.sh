# nix-daemon on a cluster whose system.conf sets DefaultTasksMax=512
# (github.com/NixOS/nix/issues/3717): parallel builds run as nixbld users
# inside nix-daemon.service and a builder's shell says "fork: retry:
# resource temporarily unavailable". cgroup_pids_limit on
# nix-daemon.service (not the builder's uid), with TasksMax= and the
# system-wide default as fixes.
. "$(dirname "$0")/lib.sh"
replay nix-daemon-tasksmax fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/system.slice/nix-daemon.service' \
	evidence='pids.events max 206' evidence='DefaultTasksMax=512 in /etc/systemd/system.conf' \
	advice='nix-daemon.service TasksMax=' advice='DefaultTasksMax=' not_verdict=rlimit_nproc \
	rec.cgroups.pids.0.max=512
