# The founding case, replayed: kernel 3.10 (CentOS 7.8) reports PID
# exhaustion as ENOMEM (alloc_pid failure became EAGAIN only in v4.1), so
# "fork: Cannot allocate memory" with 50 GB available. Java threads hold
# 32k of 32768 PIDs.
. "$(dirname "$0")/lib.sh"
replay el7-pid-max fork ENOMEM
expect verdict=pid_max family=pid_exhaustion call=fork errno=ENOMEM not_family=oom evidence='32768' misleading='PID exhaustion is reported as ENOMEM'
