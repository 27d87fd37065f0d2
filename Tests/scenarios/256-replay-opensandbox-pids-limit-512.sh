# OpenSandbox's server started each sandbox container with docker's
# pids_limit 512; node v22.2.0 in one aborted with "Assertion failed: (0)
# == (uv_thread_create(t.get(), start_thread, this))" beside Jupyter's
# server (github.com/opensandbox-group/OpenSandbox/issues/493, fixed by
# pull 495 raising the default to 4096; docs/kernel-facts.md §11.221).
# Replayed: the container's own level holds 512 of 512 when node's
# delayed-task scheduler thread is asked for. report must bind the
# container's own level at 512 and give docker's --pids-limit; explain on
# node's line must offer a pids limit.
. "$(dirname "$0")/lib.sh"
replay opensandbox-pids-limit-512 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="this container's own cgroup" binding='docker container' evidence='pids.current 512 = pids.max 512' \
	advice='docker update --pids-limit' not_verdict=rlimit_nproc not_verdict=seccomp_or_policy not_family=oom \
	rec.cgroups.pids.0.max=512 rec.cgroups.pids.0.current=512
"$FORKEXPLAIN" explain '#  Assertion failed: (0) == (uv_thread_create(t.get(), start_thread, this))' \
	>"$WORK/explain" || fail "explain exited $?"
grep -qF '[cgroup_pids_limit]' "$WORK/explain" || fail "explain does not offer a pids limit: $(cat "$WORK/explain")"
echo "ok: node's refused thread at the sandbox container's pids_limit 512, with docker's --pids-limit"
