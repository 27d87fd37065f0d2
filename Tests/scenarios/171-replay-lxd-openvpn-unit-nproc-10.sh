# OpenVPN's packaged openvpn@.service says `LimitNPROC=10`; in an
# unprivileged LXD container running Ubuntu 16.04 `systemctl start
# openvpn@server` fails with "daemon() failed or unsupported: Resource
# temporarily unavailable (errno=11)", and commenting the line out fixes it
# (https://github.com/angristan/openvpn-install/issues/155,
# https://github.com/Nyr/openvpn-install/issues/206,
# https://github.com/systemd/systemd/issues/6011). Root is exempt from
# RLIMIT_NPROC on a host; root of a user namespace is not, and before 5.14
# the count is every task of the host uid container root maps to: 38 of
# the container's. Replayed as daemon() (the call openvpn makes) in the
# reconstructed container: rlimit_nproc, and the fix is the unit's drop-in
# inside the container (`systemctl edit openvpn@server.service`), not
# the LXC runtime's lxc.prlimit.nproc, not TasksMax or memory.
. "$(dirname "$0")/lib.sh"
replay lxd-openvpn-unit-nproc-10 daemon EAGAIN
expect verdict=rlimit_nproc family=denial call=daemon errno=EAGAIN confidence=high \
	binding='RLIMIT_NPROC of uid 0 (host uid 1000000)' evidence='uid 0 has 38 tasks' \
	evidence='where root is not exempt' \
	advice='`systemctl edit openvpn@server.service`, add `[Service]` `LimitNPROC=40`' advice='inside the container' \
	advice='the unit'"'"'s above, not the runtime'"'"'s' not_advice='lxc.prlimit.nproc' \
	not_verdict=cgroup_pids_limit not_family=oom \
	rec.limits.nproc.soft=10 rec.limits.uid_tasks=38 rec.limits.nproc_exempt=absent rec.kernel=4.15.0-112-generic
explain_reads 'Tue Jan 30 01:20:13 2018 daemon() failed or unsupported: Resource temporarily unavailable (errno=11)' \
	OpenVPN rlimit_nproc 'EAGAIN while creating a process' 'LimitNPROC=infinity'
# The same unit on a host: root is exempt there, and the record says so.
replay_edited proc/self/uid_map 's/^\( *0 \+\)1000000 \+1000000000$/         0          0 4294967295/' \
	'4294967295' daemon=EAGAIN "$WORK/caller" daemon
[ "$PROGRAM_STATUS" = 0 ] || fail "the caller itself failed: $(cat "$WORK/out")"
expect call=daemon errno=EAGAIN not_verdict=rlimit_nproc rec.limits.nproc_exempt=root
echo "ok: rlimit_nproc for root in the LXD container, its unit's drop-in the fix; on a host root is exempt"
