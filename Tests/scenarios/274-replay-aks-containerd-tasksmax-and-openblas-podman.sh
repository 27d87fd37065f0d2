# Two machines from public threads (docs/kernel-facts.md §11.190, §11.191):
# an AKS node whose containerd.service stops at 512 tasks with one
# containerd-shim for each pod in it (https://github.com/Azure/AKS/issues/2709,
# "containerd uses default value of TasksMax=512", fixed by the
# TasksMax=infinity containerd's own unit ships), and a Taskcluster
# generic-worker whose podman container keeps its default 2048 pids while 60
# python jobs each load OpenBLAS's 33 threads
# (https://github.com/mozilla/translations/issues/630, "pthread_create failed
# for thread 22 of 32", RLIMIT_NPROC 1031641 far from full;
# https://github.com/taskcluster/taskcluster/issues/7120). The engine's unit
# is named with its shims and its own infinity; the pool is counted past the
# eight top holders the record keeps; check is critical on both levels.
. "$(dirname "$0")/lib.sh"

replay aks-containerd-tasksmax-512 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/system.slice/containerd.service' \
	evidence='pids.current 512 = pids.max 512' evidence='pids.events max 1904' \
	advice='`systemctl set-property containerd.service TasksMax=1024`' \
	advice="containerd.service is a container engine's unit: every container's shim stays in it" \
	advice='The engine'"'"'s own unit file ships `TasksMax=infinity`' \
	not_verdict=pid_max not_verdict=memory_exhausted rec.cgroups.pids.0.max=512 rec.cgroups.pids.0.current=512
first_fix cgroup_pids_limit 'systemd owns this level, unit containerd.service'
check_crit 'CRIT pids.max /system.slice/containerd.service: 512 of 512 (100 %)'
grep -qF "containerd.service is a container engine's unit" "$WORK/check" ||
	fail "check does not name the engine's unit: $(cat "$WORK/check")"

replay translations-openblas-podman-2048 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding='podman container' \
	evidence='pids.current 2048 = pids.max 2048' \
	advice='8 python3 processes of 33 threads each hold 264 of the 2048 tasks' \
	advice='the record keeps only the top 8 holders: at 33 threads a process, the 2048 tasks are about 62 such processes' \
	advice='`OPENBLAS_NUM_THREADS=1`' advice='podman update --pids-limit 4096' \
	not_verdict=rlimit_nproc not_verdict=memory_exhausted rec.cgroups.pids.0.max=2048
first_fix cgroup_pids_limit "Cap the program's threads first: 8 python3 processes of 33 threads each"
check_crit 'CRIT pids.max /: 2048 of 2048 (100 %)'
echo "ok: containerd.service's 512 named with its shims and its own infinity; 60 OpenBLAS pools in podman's 2048 counted past the top 8"
