# A Kubernetes pod on cgroup v2 (kernel 6.1), replayed from inside the
# container: kubelet's podPidsLimit (1024) sits on the pod's slice, above
# the container's cgroup namespace. The container sees only its own level,
# pids.max = max, and its own pids.events max rising (before 6.11 the
# refusal is counted in the forking cgroup). A JVM's pthread_create gets
# EAGAIN. The fix is the pod's limit, set by the kubelet, not an echo into
# a read-only /sys/fs/cgroup.
. "$(dirname "$0")/lib.sh"
replay k8s-pod-v2 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding='above' \
	advice='podPidsLimit' not_advice='echo' \
	rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=max rec.cgroups.pids.0.events_max=4 \
	rec.cgroups.pids.1=absent rec.pid.pid_ns=4026532713
