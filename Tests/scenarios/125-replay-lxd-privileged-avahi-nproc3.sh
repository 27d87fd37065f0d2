# MAAS in a privileged LXD container (Ubuntu 16.04, kernel 4.4, LXD 2.0):
# avahi-daemon sets its own RLIMIT_NPROC to 3 (rlimit-nproc in
# avahi-daemon.conf), drops to user avahi (UID 113) and cannot fork its
# chroot helper: "chroot.c: fork() failed: Resource temporarily unavailable"
# (github.com/CanonicalLtd/maas-docs/issues/209; avahi#97, whose fix leaves
# rlimit-nproc commented out). Without a user namespace the container's uid
# 113 is the host's, whose other avahi tasks the container's /proc does not
# show: it sees 1 task of 3. rlimit_nproc inferred (the visible count is
# below the limit), naming the hidden tasks of the host uid and avahi's own
# setting as the fix, not ulimit -u.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" lxd-privileged-avahi fork EAGAIN
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN confidence=medium \
	binding="RLIMIT_NPROC of uid $SPARE_UID" evidence='PID namespace of its own' \
	evidence="host uid $SPARE_UID" evidence='avahi-daemon sets this RLIMIT_NPROC itself' \
	advice='rlimit-nproc' advice='avahi-daemon.conf' advice="ps -L -u $SPARE_UID" \
	not_evidence='not reached: RLIMIT_NPROC' not_verdict=unexplained not_verdict=cgroup_pids_limit not_family=oom \
	rec.limits.nproc.soft=3 rec.limits.uid_tasks=1 rec.kernel=4.4.0-59-generic
"$FORKEXPLAIN" report "$LOG" >"$WORK/report.txt" || fail "report (text) failed"
grep -q 'RLIMIT_NPROC' "$WORK/report.txt" && grep -q 'rlimit-nproc' "$WORK/report.txt" ||
	fail "the text report does not name RLIMIT_NPROC and avahi's rlimit-nproc: $(head -20 "$WORK/report.txt")"
explain_reads 'avahi-daemon[24036]: chroot.c: fork() failed: Resource temporarily unavailable' avahi-daemon rlimit_nproc \
	'rlimit-nproc'
