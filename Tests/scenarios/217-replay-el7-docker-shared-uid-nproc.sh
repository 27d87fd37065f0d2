# centos:7 build containers on one docker host, all as one user:
# "pthread_create: Resource temporarily unavailable" in a container with a
# few threads; the image's 20-nproc.conf gives `* soft nproc 4096` at a PAM
# login, and the uid's threads in all the containers share it
# (https://github.com/docker/for-linux/issues/654,
# https://github.com/CentOS/sig-cloud-instance-build/issues/123;
# docs/kernel-facts.md §11.107). Replayed as the build's pthread_create
# under a spare uid, on RHEL 7's 3.10 (no pids controller): RLIMIT_NPROC
# 4096, the uid's tasks outside this PID namespace named as the cause,
# 20-nproc.conf and a uid of its own as the fixes.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61720 61769
replay_as "$SPARE_UID" el7-docker-shared-uid-nproc pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=medium \
	evidence='RLIMIT_NPROC is 4096' evidence='shows only the 24 in this PID namespace' \
	evidence='predates the pids controller' advice='/etc/security/limits.d/20-nproc.conf' \
	advice="count uid $SPARE_UID's tasks" advice='give this workload a uid of its own' \
	not_verdict=cgroup_pids_limit not_verdict=unexplained rec.limits.nproc.soft=4096 rec.limits.uid_tasks=24
echo "ok: the container's 24 of uid $SPARE_UID named against the uid's shared 4096"
