# dockerd on a 2 GB board with 2 GB swap and vm.overcommit_memory = 2
# (github.com/moby/moby/issues/31834): its 900 MB of private writable
# memory must be committed again to fork, and 3.3 of the 4 GB CommitLimit
# are taken: fork ENOMEM with RAM free. commit_limit with the numbers,
# pointing at mode 2 and at spawning without copying (posix_spawn/vfork).
. "$(dirname "$0")/lib.sh"
replay dockerd-strict-overcommit fork ENOMEM
expect verdict=commit_limit family=oom call=fork errno=ENOMEM confidence=high \
	evidence='Committed_AS' evidence='CommitLimit' advice='overcommit' not_verdict=memory_exhausted \
	rec.memory.overcommit_memory=2 rec.memory.commit_limit_kb=4137148
