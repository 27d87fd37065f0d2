# Two states of one AKS node from public threads (docs/kernel-facts.md
# §11.205): a test pod's python starting threads in bursts of 1000 fills the
# node's pid_max of 32768 and containerd's own pthread_create is refused,
# "PLEG failures and nodes not ready" (https://github.com/Azure/AKS/issues/2276,
# fixed by a pod limit, AKS's podMaxPids); then, with pid_max raised, the
# pod stops at kubepods' pids.max, "also set to 32768"
# (https://github.com/Azure/AKS/issues/2279), which kubelet set from the
# pid_max it read when it started. The node daemon gets the pod's holder,
# then kubelet's bounds and the restart that a raise needs; the pod gets
# kubepods named as kubelet's stale reading; check is critical on both.
. "$(dirname "$0")/lib.sh"

replay aks-node-pid-max-thread-burst pthread_create EAGAIN
expect verdict=pid_max family=pid_exhaustion call=pthread_create errno=EAGAIN binding='kernel.pid_max' \
	evidence='32760 tasks on the host' advice='python (pid 21000) has 31800 threads' \
	advice='This host runs kubelet (pid 1300), a Kubernetes node' advice='`podPidsLimit: N` in the KubeletConfiguration' \
	advice='restart kubelet' not_verdict=cgroup_pids_limit not_verdict=threads_max \
	rec.pid.pid_max=32768 rec.pid.threads_max=127811
first_fix pid_max 'One process holds most of them: python (pid 21000)'
check_crit 'CRIT kernel.pid_max: 32760 of 32468 (101 %)'

replay aks-kubepods-32768-after-pid-max pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding='/kubepods' \
	evidence='pids.current 32768 = pids.max 32768' evidence="the kernel's old default pid_max" \
	advice="kubepods' 32768 is kubelet's reading of the node at its start" advice='restart kubelet' \
	not_verdict=pid_max rec.pid.pid_max=4194304 rec.cgroups.pids.0.max=max
first_fix cgroup_pids_limit 'One process holds most of what pids.max of /kubepods counts: python (pid 21000)'
check_crit 'CRIT pids.max /kubepods: 32768 of 32768 (100 %)'
echo "ok: a node daemon at pid_max gets kubelet's pod bound and the restart a raise needs; kubepods' 32768 is named as kubelet's reading at its start"
