# Docker on cgroup v1 (kernel 5.4) with --kernel-memory 512m -m 4g: the
# kmem counter is full (memory.kmem.failcnt rising) while
# memory.usage_in_bytes is at half its limit. fork's kernel stack charge
# fails with ENOMEM: memcg_limit, and it is the kmem limit that binds.
. "$(dirname "$0")/lib.sh"
replay focal-kmem fork ENOMEM
expect verdict=memcg_limit family=oom call=fork errno=ENOMEM binding='/docker/' evidence='kmem' \
	rec.cgroups.memory.0.max_bytes=4294967296 rec.cgroups.memory.0.current_bytes=2139095040
