# pipecd's launcher, PID 1 of its container, never reaps git's children:
# `pstree` shows "launcher-+-17442*[git]" and after 19 days "error: cannot
# fork() for ssh: Resource temporarily unavailable"
# (github.com/pipe-cd/pipecd/issues/5989). On a host with pid_max 32768 the
# zombies fill the PID space. The report must name launcher as the parent
# that does not reap, and an init as the fix. The /proc scan is given the
# time to read all 17,444 processes.
. "$(dirname "$0")/lib.sh"
export FORKEXPLAIN_SCAN_MS=20000
replay pipecd-zombies fork EAGAIN
expect verdict=pid_max family=pid_exhaustion call=fork errno=EAGAIN binding='kernel.pid_max' \
	evidence='17442 zombies hold PIDs' evidence='not reaping: launcher (pid 1, 17442 unreaped)' \
	advice='launcher (pid 1) has 17442 unreaped children' advice='--init' advice='On the host' \
	rec.top.zombies=17442 rec.top.complete=true
