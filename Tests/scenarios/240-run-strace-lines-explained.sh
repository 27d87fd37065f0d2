# strace's own lines as input to `explain` (docs/kernel-facts.md §11.140).
# Real, on this kernel: python3 runs under `strace -f -e trace=process` as
# the last tasks a pids cgroup of its own has room for; it forks children
# until a fork is refused, then starts a thread, refused too. strace
# writes the refused calls as the kernel returned them: `clone(…,
# flags=…|SIGCHLD, …) = -1 EAGAIN` for the fork, `clone3({flags=…|
# CLONE_THREAD|…}, 88) = -1 EAGAIN` for the thread. explain must read the
# errno from `= -1 E…`, call the first a process's creation and the second
# a thread's (main said "a process or thread" for clone3), with the pids
# cgroup first. Then, in a user namespace of our own whose
# user.max_pid_namespaces is 0 (the host's untouched), ns_clone's
# clone(CLONE_NEWPID) is refused with ENOSPC: explain must put the
# namespace count first with the flag's sysctl, and for a clone with no
# CLONE_NEW* flag rule the namespace causes out.
. "$(dirname "$0")/lib.sh"
need_root
need strace
need unshare

pids_cgroup "forkexplain-240-$$" 8 2
# The holder and its sleeper, strace, python3 and, under them, children until pids.max refuses.
timeout 120 bash -c "echo \$\$ > '$CG/cgroup.procs'
	exec strace -f -e trace=process -o '$WORK/strace' $PYTHON - <<'PY'
import errno, os, threading, time
kids = []
try:
    while len(kids) < 32:
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        kids.append(pid)
except OSError as e:
    print('fork refused', errno.errorcode[e.errno], flush=True)
try:
    threading.Thread(target=time.sleep, args=(1,)).start()
    print('thread started', flush=True)
except RuntimeError as e:
    print('thread refused:', e, flush=True)
for pid in kids:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
PY" >"$WORK/out" 2>&1 || fail "python3 under strace failed: $(cat "$WORK/out")"
expect_output "$WORK/out" '^fork refused EAGAIN$'
expect_output "$WORK/out" "^thread refused: can't start new thread"

fork_line=$(grep -E '(^|[] ])clone\(.*flags=[A-Z_|]*SIGCHLD.*\) = -1 EAGAIN' "$WORK/strace" | head -n 1)
thread_line=$(grep -E 'clone3?\(.*CLONE_THREAD.*\) = -1 EAGAIN' "$WORK/strace" | head -n 1)
[ -n "$fork_line" ] || fail "strace wrote no refused fork: $(grep -- '-1 E' "$WORK/strace" | head)"
[ -n "$thread_line" ] || fail "strace wrote no refused thread: $(grep -- '-1 E' "$WORK/strace" | head)"

explain_reads "$fork_line" strace cgroup_pids_limit 'EAGAIN while creating a process,' 'which creates a process \(no CLONE_THREAD\)'
explain_reads "$thread_line" strace cgroup_pids_limit 'EAGAIN while creating a thread,' 'which creates a thread \(CLONE_THREAD'
# The whole strace output: both refusals, the successful clones beside.
"$FORKEXPLAIN" explain <"$WORK/strace" >"$WORK/whole" || fail "explain failed on strace's whole output"
grep -q 'EAGAIN while creating a process or thread, printed by strace' "$WORK/whole" ||
	fail "explain on the whole output does not read both calls: $(head -3 "$WORK/whole")"
sed -n '/Possible causes/,$p' "$WORK/whole" | sed -n 2p | grep -q '\[cgroup_pids_limit\]' ||
	fail "explain on the whole output does not put the pids cgroup first: $(cat "$WORK/whole")"

# A namespace's ENOSPC: clone(CLONE_NEWPID) where max_pid_namespaces is 0.
build_ns_clone
timeout 60 unshare --user --map-root-user --fork bash -c "
	echo 0 >/proc/sys/user/max_pid_namespaces || exit 90
	exec strace -f -e trace=process -o '$WORK/strace-ns' '$WORK/ns_clone' pid" >"$WORK/ns.out" 2>&1 ||
	fail "ns_clone under strace failed (status $?): $(cat "$WORK/ns.out")"
host_userns_unchanged
ns_line=$(grep -E 'clone\(.*CLONE_NEWPID.*\) = -1 ENOSPC' "$WORK/strace-ns" | head -n 1)
[ -n "$ns_line" ] || fail "strace wrote no refused clone(CLONE_NEWPID): $(cat "$WORK/strace-ns")"
explain_reads "$ns_line" strace max_user_namespaces 'ENOSPC while creating a process,' \
	'CLONE_NEWPID: user.max_pid_namespaces' 'PID or user namespaces nested deeper'
# The same errno on a clone without CLONE_NEW*: no namespace cause.
plain=$(sed 's/CLONE_NEWPID|//' <<<"$ns_line")
"$FORKEXPLAIN" explain "$plain" >"$WORK/plain" || fail "explain failed on a clone with no namespace flag"
grep -qE 'max_user_namespaces|nested deeper' "$WORK/plain" && fail "explain offers a namespace cause for a clone that makes none: $(cat "$WORK/plain")"
grep -q 'No CLONE_NEW\* flag' "$WORK/plain" || fail "explain does not say the clone makes no namespace: $(cat "$WORK/plain")"
echo "ok: strace's refused fork, thread and CLONE_NEWPID clone explained (process, thread, namespace count first): $fork_line | $thread_line | $ns_line"
