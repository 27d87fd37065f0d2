# Ubuntu 18.04 (kernel 4.15): pid_max 32768 used up (32530 tasks), and
# 4.15-4.18 report PID exhaustion from fork as ENOSPC.
. "$(dirname "$0")/lib.sh"
replay bionic-pid-max fork ENOSPC
expect verdict=pid_max family=pid_exhaustion call=fork errno=ENOSPC binding='pid_max' misleading='ENOSPC' \
	rec.pid.host_tasks=32530 rec.cgroups.pids.0.max=4915
