# Two machines whose own size is the limit (docs/kernel-facts.md §11.175,
# §11.176): a Fedora 27 host of 128 GB at the kernel's old pid_max 32768
# with 120 systemd-nspawn containers, "around 3000 tasks reported by top"
# (https://github.com/systemd/systemd/issues/7879, Poettering: "what's your
# /proc/sys/kernel/pid_max? ... set to 32K"), and rkt's kvm stage1, whose
# VM of 241 MiB gets threads-max 1926 and init's RLIMIT_NPROC 963
# (https://github.com/rkt/rkt/issues/3382). The raise leads on the first,
# with the processes that top counts beside the threads pid_max counts;
# the VM's memory leads on the second.
. "$(dirname "$0")/lib.sh"

replay nspawn-fedora27-pid-max fork EAGAIN
expect verdict=pid_max family=pid_exhaustion call=fork errno=EAGAIN binding='kernel.pid_max (host)' \
	evidence='32468 tasks on the host' \
	evidence='3308 processes hold these 32468 tasks (top.processes), 9 threads each on average' \
	advice='pid_max 32768 is the kernel'"'"'s old default, and this machine'"'"'s memory allows 1029027 tasks' \
	advice='`sysctl -w kernel.pid_max=4194304`' advice='Then see whether one program'"'"'s pool grew: 8 of the 8 top holders are mysqld' \
	not_advice='Cap the program'"'"'s threads first' not_verdict=memory_exhausted \
	rec.pid.pid_max=32768 rec.pid.host_tasks=32468 rec.top.processes=3308
first_fix pid_max 'Raise the host limit first'
check_crit 'CRIT kernel.pid_max: 32468 of 32468 (100 %)'

replay rkt-kvm-threads-max fork EAGAIN
expect verdict=threads_max family=pid_exhaustion call=fork errno=EAGAIN binding='kernel.threads-max (host)' \
	evidence='1926 tasks on the host (/proc/loadavg) ≥ kernel.threads-max 1926' \
	evidence='is what the kernel computes at boot for this machine'"'"'s MemTotal of 240.8 MiB' \
	evidence='RLIMIT_NPROC 963 is half of it' advice='`kernel.threads-max = 7704`' \
	not_advice='Raise the limit: `sysctl -w kernel.threads-max=3852`' not_verdict=memory_exhausted \
	rec.pid.threads_max=1926 rec.limits.nproc.soft=963 rec.memory.mem_total_kb=246528
first_fix threads_max 'Give the machine more memory'
check_crit 'CRIT kernel.threads-max: 1926 of 1926 (100 %)'
echo "ok: pid_max's old 32768 raised first on a 128 GB host of 120 containers; a 241 MiB VM's own threads-max sized by its memory"
