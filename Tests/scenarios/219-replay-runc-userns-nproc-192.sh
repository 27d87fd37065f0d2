# runc with a user namespace and RLIMIT_NPROC soft 192, hard 1024 in
# config.json: the container's bash says "fork: Resource temporarily
# unavailable", and with 199 it starts
# (https://github.com/opencontainers/runc/issues/831; docs/kernel-facts.md
# §11.108). The container holds one task; the count is the host uid its
# root maps to. Replayed as bash's fork: RLIMIT_NPROC of host uid 1000,
# root in the user namespace not exempt, the host uid's tasks as the
# thing to count, and the OCI bundle's rlimits among the fixes; `check`
# says its count of 1 is only this namespace's share of host uid 1000's,
# so the headroom is unknown (§11.114), and names the host's count.
. "$(dirname "$0")/lib.sh"
replay runc-userns-nproc-192 fork EAGAIN
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN \
	binding='host uid 1000' evidence='RLIMIT_NPROC is 192' evidence='root inside a user namespace is not' \
	evidence='uid 0 is host uid 1000' advice='ps -L -u 1000' advice='`process.rlimits` in an OCI bundle' \
	not_verdict=cgroup_pids_limit not_family=oom rec.limits.nproc.soft=192
# check counts only what this namespace shows of the host uid: UNKNOWN, not ok.
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || rc=$?
[ "$rc" = 3 ] || fail "check exited $rc, not 3 (UNKNOWN): $(cat "$WORK/check")"
grep -q '??   RLIMIT_NPROC uid 0 (host uid 1000): 1 seen here of 192, the whole count is not visible' \
	"$WORK/check" || fail "check does not say the count is only this namespace's: $(cat "$WORK/check")"
grep -qF 'on the host: `ps -L -U 1000 --no-headers | wc -l` against 192' "$WORK/check" ||
	fail "check does not name the host's count: $(cat "$WORK/check")"
echo "ok: the container's root named as host uid 1000 against RLIMIT_NPROC 192; check UNKNOWN on its 1, naming the host's count"
