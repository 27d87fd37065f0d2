# cgroup v2 memory.max reached and no OOM victim (memory.events: oom 14,
# oom_kill 0) while the host has 50 GB available: the memory cgroup, not
# the machine, refused the fork's kernel stack.
. "$(dirname "$0")/lib.sh"
replay v2-memcg fork ENOMEM
expect verdict=memcg_limit family=oom call=fork errno=ENOMEM binding='app.service' evidence='oom'
