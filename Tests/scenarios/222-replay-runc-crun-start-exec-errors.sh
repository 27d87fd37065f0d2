# Container runtimes' start and exec errors as operators pasted them, read
# by `explain`. A replay: this machine has a docker client but no runc,
# crun, containerd or dockerd to fail, and the failures need a daemon's
# container at its limit; scenario 223 makes runc's mechanism for real with
# a Go program of its own. The texts are verbatim from the threads
# (docker/for-linux#1383's `docker exec`, the runc error podman#1579
# returned for a container OOM-killed at start) or built from the
# runtimes' source where no thread quotes the whole line (runc's OOM
# words, nsexec's log format, crun's clone; docs/kernel-facts.md §11.123
# to §11.125). Main read them all as a generic
# "ENOMEM or EAGAIN" with pid_max first; each must now name the program,
# the task and the causes in order, and an HTTP client's reset must not.
. "$(dirname "$0")/lib.sh"

# causes_are TEXT ID...: explain's causes for TEXT begin with these ids, in order.
causes_are() {
	local text=$1 got want
	shift
	"$FORKEXPLAIN" explain "$text" >"$WORK/order" || fail "explain failed on: $text"
	want="$*"
	got=$(grep -oE '^[0-9]+\. .*\[[a-z_0-9]+\]' "$WORK/order" | grep -oE '\[[a-z_0-9]+\]' | tr -d '[]' |
		head -n $# | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] || fail "explain lists '$got', not '$want', for: $text"
}

exec_reset='OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: read init-p: connection reset by peer: unknown'
explain_reads "$exec_reset" "runc (runc init died in the container's cgroup)" cgroup_pids_limit \
	'EAGAIN while creating a thread' 'docker update --pids-limit N NAME' 'runc:\[2:INIT\]' \
	'HostConfig.PidsLimit' '§11\.123'
causes_are "$exec_reset" cgroup_pids_limit memcg_limit rlimit_nproc
! grep -q 'run the program under `forkexplain run' "$WORK/order" ||
	fail "explain sends the reader to forkexplain run for runc, which the engine starts"

# runc's words as podman returned them for an OOM at start (podman#1579).
run_reset='starting container process caused "process_linux.go:446: container init caused \"read init-p: connection reset by peer\""'
explain_reads "$run_reset" "runc (runc init died in the container's cgroup)" cgroup_pids_limit 'podman#1579 at 5 MiB'
causes_are "$run_reset" cgroup_pids_limit memcg_limit

oom='docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: container init was OOM-killed (memory limit too low?): unknown.'
explain_reads "$oom" 'runc (runc init OOM-killed)' memcg_limit 'oom_kill' 'invoked oom-killer' 'here with a victim'
causes_are "$oom" memcg_limit memory_exhausted

stage1=$'OCI runtime exec failed: exec failed: unable to start container process: error executing setns process: exit status 1\nFATA[0000] nsexec-0[2810]: unable to spawn stage-1: Resource temporarily unavailable'
explain_reads "$stage1" "runc (nsexec, starting runc init's stages)" cgroup_pids_limit 'EAGAIN while creating a process'
explain_reads 'nsexec-1[2811]: unable to spawn stage-2: Cannot allocate memory' \
	"runc (nsexec, starting runc init's stages)" pidns_init_dead 'ENOMEM while creating a process'

setns='OCI runtime exec failed: exec failed: unable to start container process: error executing setns process: exit status 1: unknown'
explain_reads "$setns" 'runc (exec into a container: nsexec exited)' pidns_init_dead 'nsexec exits 1 on every failure'
causes_are "$setns" pidns_init_dead cgroup_pids_limit

explain_reads 'Error: crun: clone: Resource temporarily unavailable: OCI runtime error' crun cgroup_pids_limit \
	'EAGAIN while creating a process' 'conmon'

# Negative: a client's connection reset is a socket, not runc.
"$FORKEXPLAIN" explain 'read tcp 127.0.0.1:43918->127.0.0.1:2376: read: connection reset by peer' >"$WORK/http"
! grep -q 'printed by' "$WORK/http" || fail "explain names a program for an HTTP reset: $(head -1 "$WORK/http")"
echo "ok: runc's read init-p, OOM, nsexec and setns texts and crun's clone name their program and causes in order (the container's pids.max before a memory limit for runc init), and an HTTP reset names none"
