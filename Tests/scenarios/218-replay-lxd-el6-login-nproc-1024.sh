# A CentOS 6 container under LXD (Kubuntu 17.04 host): "cant create thread,
# errno=11, Resource temporarily unavailable" at times when the
# application starts; host threads-max 63007, pid_max 32768, root's
# `ulimit -u` 31503, 838 to 1326 tasks; "I suspect that your process limit
# is too low" (https://github.com/canonical/lxd/issues/3764;
# docs/kernel-facts.md §11.108). CentOS 6's 90-nproc.conf gives a login
# 1024; the kernel is the host's, so only the value says which file.
# Replayed under a spare uid with 1024 of its tasks: RLIMIT_NPROC 1024,
# the guest's 90-nproc.conf as the fix, the host's limits shown with room.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61770 61819
replay_as "$SPARE_UID" lxd-el6-login-nproc-1024 pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high \
	evidence="uid $SPARE_UID has 1024 tasks" evidence='RLIMIT_NPROC soft limit 1024' \
	advice="RHEL/CentOS 6's /etc/security/limits.d/90-nproc.conf" advice='the guest' \
	not_verdict=pid_max not_verdict=threads_max rec.pid.threads_max=63007 rec.pid.host_tasks=1326
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || true
grep -q 'ok   kernel.threads-max: 1326 of 63007' "$WORK/check" || fail "check misrates threads-max: $(cat "$WORK/check")"
grep -q 'ok   kernel.pid_max: 1326 of 32468' "$WORK/check" || fail "check misrates pid_max: $(cat "$WORK/check")"
echo "ok: RLIMIT_NPROC 1024 named with the guest's 90-nproc.conf; the host's limits have room"
