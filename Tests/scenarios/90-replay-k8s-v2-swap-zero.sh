# A Kubernetes pod on cgroup v2 with swap off: kubelet's memory+swap limit
# equal to the memory limit becomes memory.swap.max 0
# (github.com/pelagos-containers/pelagos/issues/373,
# github.com/MonetDB/MonetDB/issues/7400). The node has swap, the pod may
# not use it; at its 512 MiB memory.max the OOM killer found no victim
# (oom 12, oom_kill 11) and fork got ENOMEM. memcg_limit, saying why
# reclaim could not help and how to let the pod swap.
. "$(dirname "$0")/lib.sh"
replay k8s-v2-swap-zero fork ENOMEM
expect verdict=memcg_limit family=oom call=fork errno=ENOMEM confidence=high \
	evidence='memory.current 511.9 MiB is 99 % of memory.max 512.0 MiB' evidence='oom 12 > oom_kill 11' \
	evidence='memory.swap.max 0 in /sys/fs/cgroup: this cgroup may not swap' advice='LimitedSwap' \
	advice='resources.limits.memory' not_verdict=memory_exhausted rec.cgroups.memory.0.swap_max_bytes=0 \
	rec.cgroups.memory.0.swap_current_bytes=0 rec.cgroups.memory.0.swap_events.fail=0
