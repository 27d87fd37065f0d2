# EKS on Bottlerocket: a workload that starts processes after its start
# needed more than its container's 75895, and a larger kubelet
# podPidsLimit "didn't have the desired effect as /sys/fs/cgroup/pids.max
# in the container wasn't set to max": 75895 is 15 % of threads-max 505969,
# systemd's DefaultTasksMax on the container's scope; fixed with
# DefaultTasksMax=infinity from a bootstrap container
# (https://engineering.celonis.com/blog/increasing-the-container-pid-limit-on-aws-eks-bottlerocket;
# docs/kernel-facts.md §11.218). Replayed at the fork that limit refuses,
# seen from the node: report must bind the container's scope, name
# systemd's 15 % and lead with the node's DefaultTasksMax=, saying that
# podPidsLimit is the pod's level and a set-property ends with the scope.
. "$(dirname "$0")/lib.sh"

replay bottlerocket-container-scope-defaulttasksmax fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high binding='/cri-containerd-' \
	evidence='pids.current 75895 = pids.max 75895' \
	evidence="pids.max 75895 is 15 % of min(threads-max, pid_max − 1) = 505969: systemd's DefaultTasksMax" \
	advice="kubelet's podPidsLimit is the pod's level above and does not change this one" \
	advice='such as Bottlerocket, through its bootstrap container' \
	advice="from systemd's DefaultTasksMax= (a scope of the systemd cgroup driver given none" \
	not_verdict=rlimit_nproc not_verdict=threads_max rec.pid.threads_max=505969 rec.cgroups.pids.0.max=75895 \
	rec.cgroups.pids.1.max=1048576
first_fix cgroup_pids_limit "kubelet's podPidsLimit is the pod's level above"
echo "ok: the container scope's 75895 is systemd's 15 % of threads-max, fixed on the node's DefaultTasksMax=, not podPidsLimit"
