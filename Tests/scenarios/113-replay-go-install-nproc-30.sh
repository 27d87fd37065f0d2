# `go install -a` on a shared Ubuntu 16.04 server (kernel 4.4) whose
# `ulimit -u` is 30, not the user's to raise: a compile dies with "runtime:
# failed to create new OS thread (have 3 already; errno=11)"; GOMAXPROCS=1
# made the build pass (github.com/golang/go/issues/16713). rlimit_nproc of
# the user's uid, naming the go command and its parallel compiles that
# share the 30, and, since raising it is not an option there, the Go
# settings that make the build ask for fewer threads.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" go-install-nproc30 pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high \
	evidence="uid $SPARE_UID has 30 tasks" evidence='go (pid 9100): 9 threads' \
	advice='GOMAXPROCS=1' advice='go build -p 1' not_verdict=cgroup_pids_limit not_family=oom \
	rec.limits.nproc.soft=30 rec.limits.uid_tasks=30
