# The same openvpn@.service (`LimitNPROC=10`) in an OpenVZ 6 container,
# Ubuntu 16.04 on kernel 2.6.32-042stab112.15: "daemon() failed or
# unsupported: Resource temporarily unavailable (errno=11)"; "If I increase
# LimitNPROC to 20 openvpn starts without problems. On 15 I still have
# errors" (https://github.com/Nyr/openvpn-install/issues/206). No user
# namespace here: OpenVZ keeps users per container, and the container's
# root, without CAP_SYS_ADMIN and CAP_SYS_RESOURCE, is not the host's
# exempt root. The shim used to mark uid 0 exempt and the report said
# "unexplained"; now the beancounters' container id says root is bound:
# rlimit_nproc over the container's 17 root tasks, the unit's limit as the
# fix, and none of the advice that would kill every root process; `check`
# on the machine is critical on root's RLIMIT_NPROC, which it left out.
. "$(dirname "$0")/lib.sh"
replay openvz-openvpn-unit-nproc-10 daemon EAGAIN
expect verdict=rlimit_nproc family=denial call=daemon errno=EAGAIN confidence=high \
	binding='RLIMIT_NPROC of uid 0' evidence='uid 0 has 17 tasks' evidence='uid 0 of OpenVZ container 101' \
	advice='Root of OpenVZ container 101 is bound' advice='`LimitNPROC=infinity`' \
	not_advice='kill -9 -1' not_advice='pkill -u 0' not_verdict=unexplained not_verdict=cgroup_pids_limit \
	not_family=oom rec.limits.nproc.soft=10 rec.limits.uid_tasks=17 rec.limits.nproc_exempt=absent \
	rec.beancounters.ctid=101 rec.kernel=2.6.32-042stab112.15
# check on the same machine: the container's root has no room left.
status=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check \
	>"$WORK/check.txt" || status=$?
[ "$status" = 2 ] || fail "check exited $status, expected 2 (critical): $(cat "$WORK/check.txt")"
head -n 1 "$WORK/check.txt" | grep -q '^FORKEXPLAIN CRITICAL - fullest: RLIMIT_NPROC uid 0: 17 of 10 ' ||
	fail "check does not name root's RLIMIT_NPROC 10: $(head -n 1 "$WORK/check.txt")"
# With CAP_SYS_RESOURCE (vzctl --capability sys_resource:on) root is exempt again.
replay_edited proc/self/status 's/^CapEff:\t.*/CapEff:\t0000003ffddcffff/' '^CapEff:	0000003ffddcffff$' \
	daemon=EAGAIN "$WORK/caller" daemon
[ "$PROGRAM_STATUS" = 0 ] || fail "the caller itself failed: $(cat "$WORK/out")"
expect call=daemon errno=EAGAIN not_verdict=rlimit_nproc rec.limits.nproc_exempt=cap_sys_resource
echo "ok: rlimit_nproc for the OpenVZ container's root (17 of 10), check critical; exempt again with CAP_SYS_RESOURCE"
