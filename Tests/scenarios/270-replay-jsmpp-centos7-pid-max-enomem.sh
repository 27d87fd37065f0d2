# jsmpp's SMPP server on CentOS 7.3 (kernel 3.10, 32 GB): "fork can't
# allocate memory ... when there are more than 1-2k binds connected at one
# time. After that even connecting over ssh to the server returns the
# same error. There is enough memory available"
# (https://github.com/opentelecoms-org/jsmpp/issues/93, docs/kernel-facts.md
# §11.174). 3.10 says ENOMEM for pid_max: the verdict is pid_max, the
# ENOMEM named as not memory, and the JVM that holds 94 % of the PIDs is
# named alone, with how to name its pools, before the sysctl.
. "$(dirname "$0")/lib.sh"

replay jsmpp-centos7-pid-max fork ENOMEM
expect verdict=pid_max family=pid_exhaustion call=fork errno=ENOMEM binding='kernel.pid_max (host)' \
	misleading='ENOMEM here does not mean memory' not_family=oom not_verdict=memory_exhausted \
	evidence='32468 tasks on the host' evidence='java (pid 1400): 30620 threads' \
	advice='One process holds most of them: java (pid 1400) has 30620 threads, 94 % of the 32468' \
	advice='`ps -L -o comm= -p 1400 | sort | uniq -c | sort -rn | head`' advice='sysctl -w kernel.pid_max=' \
	not_advice='kworker' rec.pid.pid_max=32768 rec.pid.host_tasks=32468
check_crit 'CRIT kernel.pid_max: 32468 of 32468 (100 %)'
echo "ok: a JVM of 30620 threads at pid_max on 3.10: ENOMEM read as PIDs, the JVM's pools named first"
