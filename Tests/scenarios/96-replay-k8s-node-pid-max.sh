# A Kubernetes node with the default pid_max 32768: kubelet's
# "fork/exec /usr/bin/nice: resource temporarily unavailable"
# (github.com/kubernetes/kubernetes/issues/79466, thockin: "32Ki pid_max
# is pretty low ... you probably have a thread leak somewhere"). A leaking
# JVM holds 29,800 threads. pid_max on the host, naming the leak first and
# the sysctl second.
. "$(dirname "$0")/lib.sh"
replay k8s-node-pid-max fork EAGAIN
expect verdict=pid_max family=pid_exhaustion call=fork errno=EAGAIN binding='kernel.pid_max' \
	evidence='32761 tasks on the host' evidence='java (pid 4410): 29800 threads' \
	advice='java (pid 4410) has 29800 threads' advice='kernel.pid_max=' not_verdict=cgroup_pids_limit \
	rec.pid.pid_max=32768 rec.pid.host_tasks=32761
