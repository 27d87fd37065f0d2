# Building Go on a 144-core, 1 TB CentOS 7 machine (kernel 3.10): "runtime:
# failed to create new OS thread (have 14 already; errno=11)" until the
# user's "max user processes" was raised from "the default ... 4096"
# (github.com/golang/go/issues/18551). rlimit_nproc of the building uid,
# naming RHEL 7's 20-nproc.conf as where the 4096 comes from and, for a
# build that cannot raise it, the Go settings that shrink its pools.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" el7-go-build-144 pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high \
	evidence="uid $SPARE_UID has 4096 tasks" evidence='run (pid 40010): 150 threads' \
	advice='20-nproc.conf' advice='GOMAXPROCS=1' not_verdict=cgroup_pids_limit not_family=oom \
	rec.limits.nproc.soft=4096 rec.limits.uid_tasks=4096
