# CentOS 6 (kernel 2.6.32-642.el6, 64 GB): "-bash: fork: Cannot allocate
# memory" at every login; `free -m` shows 251 MB free, 16949 MB cached and
# swap 4094 of 4095 MB used, and freeing swap fixed it
# (github.com/mattshma/docs/issues/14). In overcommit mode 0 the 2.6.32
# heuristic counts page cache and free swap as room (kernel-facts §6.11),
# so 17 GB of cache leave a bash fork nothing to refuse, and MemAvailable
# is 15 GB: no rule's numbers match. The honest verdict is unexplained,
# and it must show that swap is full, apart from RAM, rather than a
# combined 77 %.
. "$(dirname "$0")/lib.sh"
replay el6-swap-full fork ENOMEM
expect verdict=unexplained call=fork errno=ENOMEM evidence_re='^swap: .* used \(99 %, SwapFree 1.0 MiB\)' \
	evidence='MemAvailable 15.2 GiB' not_verdict=memory_exhausted not_verdict=commit_limit \
	rec.memory.swap_free_kb=1024 rec.memory.overcommit_memory=0
