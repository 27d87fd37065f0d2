# A Kubernetes node with Docker and Java pods (besthub.dev, "Why Kubernetes
# Pods Fail with 'Resource temporarily unavailable' – Understanding PID
# Limits"; docs/kernel-facts.md §11.217): `-bash: fork: retry: No child
# processes` on the node, `runtime/cgo: pthread_create failed` from `docker
# run`, kernel 5.11.1-1.el7.elrepo, `max user processes (-u) 249047`, "a
# peak of 457 processes and a maximum thread count of 32,616". 249047 is the
# kernel's boot RLIMIT_NPROC, half of threads-max: threads-max 498094, and
# 32,616 tasks fill pid_max 32768 (alloc_pid() hands out 300-32767 once its
# cursor wrapped). report must say pid_max on the host, count threads, not
# processes, and raise pid_max first with threads-max's 15 times as many;
# explain on bash's line must not blame the children bash waits for.
. "$(dirname "$0")/lib.sh"

replay besthub-k8s-node-pid-max-java fork EAGAIN
expect verdict=pid_max family=pid_exhaustion call=fork errno=EAGAIN confidence=high binding='kernel.pid_max (host)' \
	evidence='32616 tasks on the host' evidence='32468 or more in use exhausts it' \
	evidence='457 processes hold these 32616 tasks' advice='498094 tasks (kernel.threads-max), 15 times as many' \
	advice='`sysctl -w kernel.pid_max=4194304`' not_verdict=rlimit_nproc not_verdict=threads_max \
	not_verdict=cgroup_pids_limit rec.limits.nproc_exempt=root
first_fix pid_max 'Raise the host limit first: pid_max 32768'
"$FORKEXPLAIN" explain -- '-bash: fork: retry: No child processes' >"$WORK/explain" || fail "explain exited $?"
grep -qF 'printed by bash' "$WORK/explain" || fail "explain does not name bash: $(cat "$WORK/explain")"
grep -q '\[pid_max\]' "$WORK/explain" || fail "explain does not list pid_max: $(cat "$WORK/explain")"
echo "ok: 32,616 threads of Java pods fill pid_max 32768 on the node; raised first, with threads-max's room named"
