# dockerd on kernel 4.3 with systemd 228 (DefaultTasksMax=512): "Tasks:
# 502 (limit: 512)" and "runtime/cgo: pthread_create failed: Resource
# temporarily unavailable" (success.docker.com KB000661). Kernel 4.3 has no
# pids.events (4.8): nothing counts the refusal, and by the snapshot 10
# tasks have exited. A level at 98 % with no counter to ask is still the
# likely cause: cgroup_pids_limit at medium confidence, not unexplained.
. "$(dirname "$0")/lib.sh"
replay arch-docker-tasksmax pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=medium \
	binding='/system.slice/docker.service' evidence='no pids.events' advice='systemctl set-property docker.service TasksMax=' \
	not_verdict=unexplained rec.cgroups.pids.0.current=502 rec.cgroups.pids.0.events_max=absent
