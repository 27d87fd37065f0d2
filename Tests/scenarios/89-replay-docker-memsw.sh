# Docker on cgroup v1 with swap accounting (Ubuntu 18.04, kernel 4.15,
# swapaccount=1): `docker run -m 8m` without --memory-swap gets a 16 MiB
# memory+swap limit (github.com/moby/moby/pull/37194). Memory is at 6.2 of
# 8 MiB, memory+swap at its 16 MiB: the memsw counter, charged first,
# refuses the fork. memcg_limit, binding the memory+swap limit, with the
# swap share and docker's --memory-swap as the fix; memory.usage alone
# would not have matched.
. "$(dirname "$0")/lib.sh"
replay docker-memsw fork ENOMEM
expect verdict=memcg_limit family=oom call=fork errno=ENOMEM confidence=high binding='memory+swap limit' \
	evidence='memory.memsw.usage_in_bytes 16.0 MiB is 99 % of memory.memsw.limit_in_bytes 16.0 MiB' \
	evidence='memory.memsw.failcnt 37' evidence='it is the memory+swap limit that binds' advice='--memory-swap' \
	not_verdict=memory_exhausted rec.cgroups.memory.0.memsw_max_bytes=16777216 \
	rec.cgroups.memory.0.memsw_current_bytes=16769024 rec.cgroups.memory.0.memsw_failcnt=37
