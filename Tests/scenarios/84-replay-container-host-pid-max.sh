# A docker container on a host whose pid_max is the default 32768 (kernel
# 5.4; the node's own forks failed too: "fork/exec /usr/bin/nice: resource
# temporarily unavailable", github.com/kubernetes/kubernetes/issues/79466).
# Inside, pid_max and loadavg are the host's (pid_max is per namespace
# only since 6.14); the container holds 61 of 32,690 tasks. The fix is
# the host's sysctl, the holders are on the host, not in the container.
. "$(dirname "$0")/lib.sh"
replay container-host-pid-max fork EAGAIN
expect verdict=pid_max family=pid_exhaustion call=fork errno=EAGAIN binding='kernel.pid_max (host)' \
	evidence='those of this PID namespace only' advice='On the host' advice='sysctl -w kernel.pid_max=' \
	not_advice='echo' not_advice='Find and stop what holds the PIDs: nginx' rec.pid.host_tasks=32690
