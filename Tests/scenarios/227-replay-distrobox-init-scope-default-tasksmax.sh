# 89luca89/distrobox#1183 (docs/kernel-facts.md §11.214): `distrobox create
# --init` (systemd 255 in an Arch image, podman 4.9.0), `distrobox enter`,
# and `for i in {1..400} ; do ( sleep 1 & ); done` gets "bash: fork:
# retry: Resource temporarily unavailable"; `systemctl status` inside shows
# the entered shell under init.scope beside systemd. What bit: init.scope's
# pids.max, the guest systemd's DefaultTasksMax=15 % of the container's own
# limit (podman's default 2048, filled in: 307), shared by systemd and every
# shell `podman exec` puts there. Report names init.scope, the 15 % of the
# container's 2048, that an entered shell lands there, and the container's
# limit as the lasting fix first.
. "$(dirname "$0")/lib.sh"

replay distrobox-init-scope fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/init.scope' \
	evidence='pids.current 307 = pids.max 307' \
	evidence="DefaultTasksMax=15 % (systemd ≥ 231) of min(threads-max, pid_max − 1, the pids.max of the cgroup root it sees, which in this container is the container's own cgroup: 2048)" \
	evidence='/init.scope is the cgroup of the container'"'"'s PID 1 (its systemd)' \
	advice='distrobox create --additional-flags "--pids-limit=-1"' advice='systemd-run --scope -p TasksMax=infinity' \
	not_verdict=rlimit_nproc not_verdict=pid_max not_verdict=memory_exhausted \
	rec.cgroups.pids.0.max=307 rec.container.manager=podman
first_fix cgroup_pids_limit 'For a shell entered with `podman exec` (`distrobox enter`)'
echo "ok: the entered shell's init.scope at the guest systemd's 15 % of the container's 2048, named, with the container's own limit first"
