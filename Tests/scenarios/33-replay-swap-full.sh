# Debian 12 (kernel 6.1): really out of memory, though 10 % of RAM shows
# as MemAvailable: it is hot, mapped page cache, and 2 GiB of swap is 100 %
# used. RAM and swap must be shown apart, saying that swap is full.
. "$(dirname "$0")/lib.sh"
replay swap-full fork ENOMEM
expect verdict=memory_exhausted family=oom call=fork errno=ENOMEM \
	evidence_re='swap.*(full|100 ?%)|(full|100 ?%).*swap' \
	rec.memory.swap_free_kb=0 rec.memory.swap_total_kb=2097148 rec.memory.mem_available_kb=880000
