# A shared CentOS 7 server: 20-nproc.conf's soft nproc 4096 for every user
# but root; 30 Python jobs of 134 threads each and the login's shells hold
# 4024, so a 31st job's 73rd thread fails (github.com/wujian16/Cornell-MOE/issues/61:
# "it turns out the process has 134 lightweight processes, so I can only
# run about 30 jobs"). rlimit_nproc counting the uid's threads, naming the
# drop-in that sets 4096.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" moe-nproc-4096 pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high \
	evidence="uid $SPARE_UID has 4096 tasks" evidence='python (pid 80' evidence='134 threads' \
	advice='/etc/security/limits.d/20-nproc.conf' not_verdict=threads_max rec.limits.nproc.soft=4096 \
	rec.limits.uid_tasks=4096
