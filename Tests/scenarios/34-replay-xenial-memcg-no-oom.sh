# Ubuntu 16.04 (kernel 4.4): php-fpm's MemoryLimit=2G memcg is at its
# limit. On 3.12-4.18 the fork's kernel-side charges fail with ENOMEM and
# no OOM kill: no victim evidence is needed (and 4.4 has no oom_kill
# counter to show it).
. "$(dirname "$0")/lib.sh"
replay xenial-memcg fork ENOMEM
expect verdict=memcg_limit family=oom call=fork errno=ENOMEM binding='php7.0-fpm.service' \
	rec.cgroups.memory.0.max_bytes=2147483648 rec.cgroups.memory.0.failcnt=48211
