# RHEL 6 (kernel 2.6.32): /etc/security/limits.d/90-nproc.conf gives every
# user but root soft nproc 1024. WebSphere's JVM (871 threads) and IBM HTTP
# Server's workers (76 + 76) run as one user and together reach it:
# "Failed to create a thread: retVal -1073741830, errno 11"
# (veithen.io/2013/10/26/was-rhel6-nproc-ulimit.html). The caller runs as a
# spare uid: RLIMIT_NPROC does not bind root. The report must show that
# the count is the uid's, other processes included.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" el6-nproc pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high binding='RLIMIT_NPROC' \
	evidence="uid $SPARE_UID has 1024 tasks" evidence='httpd (pid 2812): 76 threads' evidence='java (pid 3120): 871 threads' \
	advice='LimitNPROC=' rec.limits.nproc.soft=1024 rec.limits.uid_tasks=1024 rec.limits.nproc_exempt=absent
