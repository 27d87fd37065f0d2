# OpenSandbox's code-interpreter containers (docker, the server's default
# pids_limit = 512): node aborts in uv_thread_create and Python raises
# "RuntimeError: can't start new thread"
# (github.com/opensandbox-group/OpenSandbox/issues/493 and #447, fixed by
# raising the default to 4096). Jupyter's kernels hold the 512. cgroup v1
# on Alibaba Cloud Linux 3 (kernel 5.10): cgroup_pids_limit at the
# container's own level with docker's --pids-limit.
. "$(dirname "$0")/lib.sh"
replay opensandbox-pids-512 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='docker container' evidence='pids.current 512 = pids.max 512' evidence='pids.events max 9' \
	advice='docker update --pids-limit 1024' not_verdict=rlimit_nproc rec.cgroups.pids.0.max=512
"$FORKEXPLAIN" explain "RuntimeError: can't start new thread" >"$WORK/explain" || fail "explain failed"
grep -q 'EAGAIN or EPERM while creating a thread, printed by Python' "$WORK/explain" ||
	fail "explain does not offer both errnos for Python's thread error: $(head -3 "$WORK/explain")"
