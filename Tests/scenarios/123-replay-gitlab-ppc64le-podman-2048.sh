# A GitLab CI job on a self-hosted ppc64le runner (RHEL 9, kernel 5.14,
# cgroup v2) whose docker executor talks to podman's Docker API: every job
# container gets podman's default pids_limit 2048. Two builds of Pillow at
# once, each C file a ccache -> gcc -> cc1 -> as chain, fill it: "ccache:
# error: Failed to fork: Resource temporarily unavailable" and "gcc: error:
# posix_spawn: Operation not permitted"
# (github.com/redhat-developer/mapt/pull/856, merged: pids_limit = -1 in
# containers.conf and on the runner's docker executor). Both are the
# container's pids.max; gcc's EPERM is glibc 2.34's bug 29109 hiding the
# EAGAIN (the shim records the replaying process's glibc, so the record is
# rewritten as RHEL 9's 2.34), never a seccomp policy.
. "$(dirname "$0")/lib.sh"
replay gitlab-ppc64le-ccache fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high binding='podman container' \
	evidence='pids.current 2048 = pids.max 2048' evidence='pids.events max 61' advice='--pids-limit' \
	advice='containers.conf' not_verdict=rlimit_nproc not_verdict=memory_exhausted rec.cgroups.pids.0.max=2048 \
	rec.kernel=5.14.0-427.13.1.el9_4.ppc64le
replay gitlab-ppc64le-gcc posix_spawn EPERM
"$PYTHON" "$TOP/Tests/scenarios/relabel.py" "$LOG" glibc=2.34
expect verdict=cgroup_pids_limit family=denial call=posix_spawn errno=EPERM binding='podman container' \
	evidence='pids.current 2048 = pids.max 2048' misleading='29109' advice='--pids-limit' \
	not_verdict=seccomp_or_policy rec.glibc=2.34
"$FORKEXPLAIN" explain "ccache: error: Failed to fork: Resource temporarily unavailable" >"$WORK/explain" ||
	fail "explain failed on ccache's line"
grep -q 'pids' "$WORK/explain" || fail "explain does not offer a pids cgroup for ccache's EAGAIN: $(head -5 "$WORK/explain")"
"$FORKEXPLAIN" explain "gcc: error: posix_spawn: Operation not permitted" >"$WORK/explain" ||
	fail "explain failed on gcc's line"
grep -q '29109' "$WORK/explain" ||
	fail "explain does not say posix_spawn's EPERM may be glibc bug 29109: $(head -8 "$WORK/explain")"
