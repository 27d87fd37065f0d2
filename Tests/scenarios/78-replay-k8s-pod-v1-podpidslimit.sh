# Kubernetes with podPidsLimit 10000 on cgroup v1 (kernel 5.4, docker):
# "/bin/sh: can't fork: Resource temporarily unavailable" at the 9810th
# `sleep 60 &` (github.com/m-lab/k8s-support/pull/459). The limit is on
# the pod's cgroup, above the container's own (the root of its read-only
# cgroup mounts, pids.max max); v1 counts the refusals in the forking
# cgroup's pids.events. The fix is the kubelet's podPidsLimit.
. "$(dirname "$0")/lib.sh"
replay k8s-pod-v1 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='above' advice='podPidsLimit' \
	not_advice='echo' rec.cgroups.pids.0.max=max rec.cgroups.pids.0.events_max=3 rec.cgroups.pids.1=absent
