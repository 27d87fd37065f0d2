# A class's shared Ubuntu server (kernel 4.4): each student may have 512
# processes, and a student's nohup'd map jobs hold them all, so every login
# says "-bash: fork: retry: Resource temporarily unavailable"; the admin
# killed the jobs from another account
# (github.com/mikeizbicki/cmc-csci143/issues/31). rlimit_nproc of the
# student's uid, naming the python3 jobs that share the 512, and the way
# out when the shell itself cannot fork: the builtin kill, or root.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" lambda-server-nproc512 fork EAGAIN
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN confidence=high \
	evidence="uid $SPARE_UID has 512 tasks" evidence='python3 (pid 21' \
	advice='kill -9 -1' advice="pkill -u $SPARE_UID" not_verdict=cgroup_pids_limit not_family=oom \
	rec.limits.nproc.soft=512 rec.limits.uid_tasks=512
