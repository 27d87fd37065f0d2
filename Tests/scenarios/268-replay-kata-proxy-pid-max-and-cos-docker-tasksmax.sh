# Two hosts filled by one program's processes, each a pool of threads
# (docs/kernel-facts.md §11.171): kata-containers 1.3 on 88 cores, where
# a Go kata-proxy of 60-88 threads for each of 1000 containers used up
# pid_max 90122 (https://github.com/kata-containers/runtime/issues/807,
# fixed by GOMAXPROCS 6 in kata-proxy and kata-shim), and COS m60, whose
# docker.service got DefaultTasksMax's 4915 while every container's
# docker-containerd-shim of 10+ threads sits in it
# (https://github.com/kubernetes/kubernetes/issues/51977, fixed by a
# TasksMax drop-in). The first fix caps the pool on the one, raises the
# unit's TasksMax on the other; check is critical on both.
. "$(dirname "$0")/lib.sh"

replay kata-proxy-pid-max pthread_create EAGAIN
expect verdict=pid_max family=pid_exhaustion call=pthread_create errno=EAGAIN binding='kernel.pid_max (host)' \
	evidence='89822 tasks on the host' evidence='against pid_max 90122' evidence='kata-proxy (pid 10' \
	advice='are kata-proxy processes of 88 threads each' advice='`ps -C kata-proxy -o nlwp=' \
	advice='`GOMAXPROCS=4`' advice='sysctl -w kernel.pid_max=' not_advice='many processes hold one each' \
	not_verdict=memory_exhausted rec.pid.pid_max=90122 rec.pid.host_tasks=89822
first_fix pid_max 'Cap the program'"'"'s threads first'
check_crit 'CRIT kernel.pid_max: 89822 of 89822 (100 %)'

replay cos-docker-service-4915 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/system.slice/docker.service' \
	evidence='pids.current 4915 = pids.max 4915' evidence="systemd's DefaultTasksMax=15 %" \
	advice='`systemctl set-property docker.service TasksMax=9830`' advice='`TasksMax=9830` (or `infinity`)' \
	not_verdict=pid_max rec.cgroups.pids.0.max=4915
first_fix cgroup_pids_limit 'systemd owns this level, unit docker.service'
check_crit 'CRIT pids.max /system.slice/docker.service: 4915 of 4915 (100 %)'
echo "ok: a pool of threads in each of 1000 kata-proxy processes capped first; docker.service's 4915 raised in its unit"
