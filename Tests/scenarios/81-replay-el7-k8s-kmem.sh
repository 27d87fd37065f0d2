# Kubernetes 1.9 on CentOS 7 (kernel 3.10.0-514.10.2.el7): runc turns on
# kmem accounting for every container, and 3.10 does not shrink a
# cgroup's slab at its limit ("SLUB: Unable to allocate memory on node
# -1"; github.com/kubernetes/kubernetes/issues/61937,
# github.com/opencontainers/runc/issues/1725). The container's counter is
# at its 8000 MB limit (kubernetes#83044's limit), 95 % of it kernel
# memory, while the node has 40 GB available: fork ENOMEM. memcg_limit,
# saying that kernel memory, not the program, filled it.
. "$(dirname "$0")/lib.sh"
replay el7-k8s-kmem fork ENOMEM
expect verdict=memcg_limit family=oom call=fork errno=ENOMEM binding='/kubepods/burstable/' \
	evidence='memory.kmem.usage_in_bytes 7.4 GiB is 95 % of that usage' advice='nokmem' not_verdict=memory_exhausted \
	rec.cgroups.memory.0.kmem_current_bytes=7937036288 rec.cgroups.pids.0=absent
