# Ubuntu 16.04 (kernel 4.4.0-21-generic), Docker 1.11.2, 24 CPUs, 188.7
# GiB: no container starts after 1853; ulimit -u, threads-max and pty max
# raised did nothing, and "docker exhausts `pid` numbers of my system, only
# need to set a bigger limit for pid_max: `echo 655360 >
# /proc/sys/kernel/pid_max`. Original number is 32768"
# (https://github.com/moby/moby/issues/23332). Replayed with a real Go
# program built with cgo (as dockerd is), whose runtime makes its threads
# with pthread_create, retries EAGAIN and aborts "runtime/cgo:
# pthread_create failed: Resource temporarily unavailable"; the call the
# thread does not quote is modelled as dockerd's. pid_max on the host,
# with the sysctl as the fix, not ulimit -u (which Go's other message
# suggests) and not the threads-max the reporter raised.
. "$(dirname "$0")/lib.sh"
build_cgo cgo_threads.go cgo
replay_program docker111-pid-max pthread_create=EAGAIN "$WORK/cgo"
[ "$PROGRAM_STATUS" != 0 ] || fail "the Go program ran although pthread_create failed"
expect_output "$WORK/out" 'runtime/cgo: pthread_create failed: Resource temporarily unavailable'
expect verdict=pid_max family=pid_exhaustion call=pthread_create errno=EAGAIN confidence=high \
	binding='kernel.pid_max (host)' evidence='32468 tasks on the host' evidence='pid_max 32768' \
	advice='sysctl -w kernel.pid_max=' not_advice='ulimit -u' not_verdict=threads_max not_verdict=rlimit_nproc \
	not_verdict=cgroup_pids_limit not_family=oom rec.pid.pid_max=32768 rec.pid.host_tasks=32468 \
	rec.kernel=4.4.0-21-generic rec.process.comm=docker
"$FORKEXPLAIN" explain "runtime/cgo: pthread_create failed: Resource temporarily unavailable" >"$WORK/explain" ||
	fail "explain failed on Go's line"
grep -q 'printed by Go (cgo)' "$WORK/explain" && grep -q '\[pid_max\]' "$WORK/explain" ||
	fail "explain does not read Go's cgo line or offer pid_max: $(cat "$WORK/explain")"
