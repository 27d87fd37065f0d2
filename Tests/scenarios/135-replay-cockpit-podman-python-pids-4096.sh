# cockpit's test runners in podman containers on AWS: with Firefox tests
# ("Firefox tends to create a lot more threads than Chromium") Python's
# subprocess.Popen fails in _posixsubprocess.fork_exec, "BlockingIOError:
# [Errno 11] Resource temporarily unavailable"; the fix raised the podman
# PID limit "from the default 4096 to 16384"
# (https://github.com/cockpit-project/cockpituous/pull/483). Replayed with
# Debian's python3 running subprocess.Popen in the reconstructed container
# (cgroup v2, its own cgroup namespace, 4096 of 4096 tasks, Firefox and
# its content processes the top holders): CPython tries vfork and, when
# that fails, fork, so both are refused. cgroup_pids_limit at the
# container's own level with podman's --pids-limit as the fix, not ulimit
# -u and not memory.
. "$(dirname "$0")/lib.sh"
replay_program cockpit-tasks-pids-4096 vfork=EAGAIN,fork=EAGAIN \
	"$PYTHON" -c 'import subprocess; subprocess.Popen(["ssh", "-V"]).wait()'
[ "$PROGRAM_STATUS" != 0 ] || fail "python's Popen succeeded although vfork and fork failed"
expect_output "$WORK/out" 'BlockingIOError: \[Errno 11\] Resource temporarily unavailable'
expect verdict=cgroup_pids_limit family=denial call=vfork errno=EAGAIN confidence=high min_events=2 \
	binding="this container's own cgroup" binding='podman container' \
	evidence='pids.current 4096 = pids.max 4096' evidence='pids.events max 57' \
	advice='podman update --pids-limit' advice='--pids-limit` at `podman run`' \
	not_advice='ulimit -u' not_verdict=rlimit_nproc not_family=oom \
	rec.cgroups.pids.0.max=4096 rec.cgroups.pids.0.current=4096 rec.call.name=vfork
"$FORKEXPLAIN" report "$LOG" >"$WORK/text" || fail "the text report failed"
grep -q 'firefox (pid 501, uid 1111): 312 threads' "$WORK/text" ||
	fail "the report does not show Firefox among the top holders: $(cat "$WORK/text")"
grep -q '2 failures of vfork (EAGAIN), fork (EAGAIN)' "$WORK/text" ||
	fail "the report does not group Python's vfork and its fork fallback as one incident: $(head -5 "$WORK/text")"
printf '    self.pid = _posixsubprocess.fork_exec(\nBlockingIOError: [Errno 11] Resource temporarily unavailable\n' \
	>"$WORK/traceback"
"$FORKEXPLAIN" explain "$(cat "$WORK/traceback")" >"$WORK/explain" || fail "explain failed on the thread's traceback"
grep -q 'EAGAIN while creating a process, printed by Python (subprocess)' "$WORK/explain" &&
	grep -q 'not non-blocking I/O' "$WORK/explain" ||
	fail "explain does not read the traceback as a refused process: $(head -3 "$WORK/explain")"
