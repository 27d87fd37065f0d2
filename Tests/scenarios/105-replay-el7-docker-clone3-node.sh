# Node 20 (Debian bookworm image, glibc 2.36) in docker on CentOS 7
# (kernel 3.10): node aborts at start with "Assertion `(0) ==
# (uv_thread_create(t.get(), start_thread, this))' failed"; "a quick
# workaround for a RHEL7/CentOS7 system is ... seccomp:unconfined ...
# something that has to do with `clone3`" (github.com/nodejs/node/issues/43064).
# The old docker's seccomp profile answers clone3 with EPERM before the
# 3.10 kernel (which has no clone3) could say ENOSYS, and glibc does not
# fall back. seccomp_or_policy with the runtime upgrade, never a limit.
. "$(dirname "$0")/lib.sh"
replay el7-docker-clone3 pthread_create EPERM
"$PYTHON" "$TOP/Tests/scenarios/relabel.py" "$LOG" glibc=2.36
expect verdict=seccomp_or_policy family=denial call=pthread_create errno=EPERM binding='seccomp' \
	advice='clone3' advice='20.10.10' evidence='glibc 2.36' not_verdict=cgroup_pids_limit \
	not_verdict=rlimit_nproc rec.glibc=2.36 rec.kernel=3.10.0-1160.el7.x86_64
"$FORKEXPLAIN" explain "node[1]: ../src/node_platform.cc:68:std::unique_ptr<long unsigned int> node::WorkerThreadsTaskRunner::DelayedTaskScheduler::Start(): Assertion \`(0) == (uv_thread_create(t.get(), start_thread, this))' failed." >"$WORK/explain" ||
	fail "explain failed on node's assertion"
grep -q 'EPERM or EAGAIN while creating a thread, printed by Node.js' "$WORK/explain" &&
	grep -q '1\. a seccomp profile' "$WORK/explain" ||
	fail "explain does not put clone3's EPERM first for node's start-up assertion: $(head -5 "$WORK/explain")"
