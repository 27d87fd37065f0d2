# Ubuntu 14.04 (kernel 3.13, no MemAvailable): overcommit mode 0 before
# 5.2 refuses Redis's fork (11.8 GB private writable) because the
# heuristic's sum, MemFree + Cached + Buffers - Shmem + SReclaimable +
# SwapFree, is 2.7 GB. The fix in mode 0 is vm.overcommit_memory=1 or a
# smaller parent; overcommit_ratio and overcommit_kbytes apply only in
# mode 2.
. "$(dirname "$0")/lib.sh"
replay trusty-heuristic fork ENOMEM
expect verdict=commit_limit family=oom call=fork errno=ENOMEM binding='overcommit' \
	advice='vm.overcommit_memory=1' not_advice='overcommit_ratio' not_advice='overcommit_kbytes' \
	not_evidence=ns/pid_for_children not_evidence=vm/overcommit_kbytes \
	rec.memory.mem_total_kb=16431000 rec.memory.mem_available_kb=absent rec.memory.vm_data_kb=11800000 \
	rec.memory.overcommit_memory=0
