# kernel.threads-max reached: copy_process() refuses with EAGAIN.
. "$(dirname "$0")/lib.sh"
replay threads-max pthread_create EAGAIN
expect verdict=threads_max family=pid_exhaustion call=pthread_create errno=EAGAIN evidence='12000'
