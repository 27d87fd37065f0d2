# redis-server started while `ulimit -u` was 1024; nproc was raised to
# 40960 in limits.conf afterwards, but the daemon keeps the limit it started
# with: "Can't save in background: fork: Resource temporarily unavailable"
# (github.com/redis/redis/issues/2655). The same user's JVMs hold the rest
# of the 1024. rlimit_nproc from the process's own limits, telling to
# restart it after raising, and RHEL 6's 90-nproc.conf as the source.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" redis-nproc-at-start fork EAGAIN
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN confidence=high \
	evidence="uid $SPARE_UID has 1024 tasks" evidence='fixed when it started' \
	advice='Restart the daemon afterwards' advice='90-nproc.conf' not_verdict=memory_exhausted \
	rec.limits.nproc.soft=1024 rec.limits.uid_tasks=1024
