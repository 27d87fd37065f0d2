# A 1 GB CentOS 7 VPS (kernel 3.10): kernel.threads-max is sized from RAM
# at boot (kernel/fork.c set_max_threads), 7674 here, and a root JVM with
# 7512 threads reaches it while 240 MB are still available. clone(2) says
# EAGAIN for threads-max; memory is not the cause.
. "$(dirname "$0")/lib.sh"
replay el7-threads-max-1g pthread_create EAGAIN
expect verdict=threads_max family=pid_exhaustion call=pthread_create errno=EAGAIN binding='threads-max' \
	evidence='7674 tasks on the host' evidence='java (pid 1410): 7512 threads' not_family=oom \
	evidence='is what the kernel computes at boot for this machine'"'"'s MemTotal of 991.0 MiB' \
	advice='Give the machine more memory' rec.pid.threads_max=7674 rec.pid.host_tasks=7674
# The JVM holds 98 % of them: naming it stays first on a small machine
# (§11.176), in the one-holder words every limit shares (§11.183).
first_fix threads_max 'One process holds most of what kernel.threads-max counts: java (pid 1410) has 7512 threads, 98 % of the 7674'
