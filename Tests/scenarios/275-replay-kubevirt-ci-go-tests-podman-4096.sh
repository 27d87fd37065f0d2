# KubeVirt's CI (docs/kernel-facts.md §11.192): unit tests run in a podman
# container whose bootstrap image set `pids_limit` 4096 in containers.conf,
# and "71+ parallel Ginkgo processes via Bazel" exhausted it, "causing
# `pthread_create` to fail with `EAGAIN`"; fixed by 8192
# (https://github.com/kubevirt/project-infra/pull/5247). Each Go test binary
# keeps up to GOMAXPROCS threads: the pool comes first with GOMAXPROCS, the
# podman limit at twice 4096 (the thread's 8192) after it, the test binaries
# counted past the eight top holders; check is critical on the container's level.
. "$(dirname "$0")/lib.sh"

replay kubevirt-unit-tests-4096 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding='podman container' \
	evidence='pids.current 4096 = pids.max 4096' evidence='pids.events max 912' \
	advice='7 go_default_test processes of 52 threads each hold 364 of the 4096 tasks' \
	advice='at 52 threads a process, the 4096 tasks are about 78 such processes' \
	advice='`GOMAXPROCS=4`' advice='podman update --pids-limit 8192' advice='`pids_limit = 8192` in containers.conf' \
	not_verdict=pid_max not_verdict=memory_exhausted rec.cgroups.pids.0.max=4096
first_fix cgroup_pids_limit "Cap the program's threads first: 7 go_default_test processes"
check_crit 'CRIT pids.max /: 4096 of 4096 (100 %)'
echo "ok: 71 Go test binaries' pools in podman's 4096: GOMAXPROCS first, then 8192 as the thread did"
