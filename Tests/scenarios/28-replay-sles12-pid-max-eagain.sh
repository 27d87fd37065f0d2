# SLES 12 (kernel 3.12 with SUSE's backport of 35f71bc0a09a): PID
# exhaustion says EAGAIN although mainline 3.12 said ENOMEM. 48970 tasks of
# pid_max 49152: pid_max, high confidence (the release and the errno agree
# once the distribution is known). Scenario 11 keeps the plain 3.10 ENOMEM.
. "$(dirname "$0")/lib.sh"
replay sles12-pid-max fork EAGAIN
expect verdict=pid_max family=pid_exhaustion call=fork errno=EAGAIN confidence=high binding='pid_max' \
	rec.pid.host_tasks=48970 rec.pid.pid_max=49152 rec.kernel=3.12.74-60.64.40-default \
	not_evidence=ns/pid_for_children not_evidence=vm/overcommit_kbytes
