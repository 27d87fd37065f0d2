# CentOS 7 (kernel 3.10, no pids controller): 31470 tasks, 96 % of
# pid_max 32768 but below the exhaustion point pid_max - 300 (the snapshot
# is taken after the failure; tasks come and go). Every other limit is far
# away: pid_max at medium confidence, with 3.10's ENOMEM explained.
. "$(dirname "$0")/lib.sh"
replay el7-pid-max-near fork ENOMEM
expect verdict=pid_max family=pid_exhaustion call=fork errno=ENOMEM confidence=medium binding='pid_max' \
	misleading='ENOMEM' not_family=oom \
	rec.pid.host_tasks=31470 rec.pid.pid_max=32768 rec.cgroups.pids.0=absent rec.pid.nspid=absent \
	not_evidence=ns/pid_for_children not_evidence=vm/overcommit_kbytes
