# A `ulimit -s` raised past the machine's RAM + swap: every thread a
# program starts with default attributes fails, the first one too, with
# the machine idle. "ulimit -s 536870912 ... <jemalloc>: arena 0
# background thread creation failed (11)", with any stack above the
# default (https://github.com/tikv/jemallocator/issues/49); 50 threads of
# 80 GB stacks start and one of 90 GB does not, under the default
# overcommit (https://github.com/ocaml/ocaml/pull/10736). glibc sizes a
# default thread's stack from RLIMIT_STACK, and the overcommit heuristic
# (vm.overcommit_memory 0) refuses a single mapping larger than RAM + swap
# (docs/kernel-facts.md §11.73). Reproduced for real: CPython's threading
# under a stack limit of twice this machine's RAM + swap. forkexplain said
# `unexplained` ("no limit matches"); it must name the heuristic with the
# stack and RAM + swap as numbers, and lead with the stack size, whose
# advised value then lets the thread start. Node's libuv gives its
# threads RLIMIT_STACK too: under the same limit node aborts at start, and
# explain must offer the stack for its assertion.
. "$(dirname "$0")/lib.sh"
need node
[ "$(cat /proc/sys/vm/overcommit_memory)" = 0 ] ||
	fail "vm.overcommit_memory is $(cat /proc/sys/vm/overcommit_memory) here, not the default 0 this scenario reproduces"
ram_swap_kb=$(awk '/^(MemTotal|SwapTotal):/ { s += $2 } END { print s }' /proc/meminfo)
stack_kb=$((ram_swap_kb * 2))
hard=$(ulimit -Hs)
[ "$hard" = unlimited ] || [ "$hard" -ge "$stack_kb" ] || fail "the hard stack limit ($hard KiB) is below $stack_kb KiB"

# with_stack LIMIT: one thread of CPython's under `LIMIT` (a ulimit command).
with_stack() {
	PROGRAM_STATUS=0
	timeout 60 bash -c "$1 || exit 91
		exec env FORKEXPLAIN_LOG='$LOG' LD_PRELOAD='$SHIM' '$PYTHON' -c '
import threading
t = threading.Thread(target=lambda: None)
t.start()
t.join()
print(\"started\")'" >"$WORK/out" 2>&1 || PROGRAM_STATUS=$?
}

with_stack "ulimit -s $stack_kb"
[ "$PROGRAM_STATUS" = 1 ] || fail "the thread did not fail under a $stack_kb KiB stack (status $PROGRAM_STATUS): $(cat "$WORK/out")"
expect_output "$WORK/out" "can't start new thread"
expect verdict=commit_limit family=oom call=pthread_create errno=EAGAIN confidence=high \
	binding='overcommit heuristic (vm.overcommit_memory 0)' \
	evidence='one mapping may not be larger than RAM + swap' evidence='every such thread fails, the first one too' \
	advice='`ulimit -s 8192`' advice='`threading.stack_size(8 << 20)`' not_advice='posix_spawn' \
	not_verdict=unexplained rec.call.stack_size_bytes=$((stack_kb * 1024)) rec.memory.overcommit_memory=0
explain_reads "RuntimeError: can't start new thread" 'Python (threading)' cgroup_pids_limit \
	'a thread stack larger than RAM \+ swap' 'ulimit -s 8192. or .threading\.stack_size'
# The advised stack, as the shell that starts the program would set it.
fix=$(advised commit_limit 'ulimit -s [0-9]+')
rm -f "$LOG"
with_stack "$fix"
[ "$PROGRAM_STATUS" = 0 ] || fail "the thread still failed with '$fix' (status $PROGRAM_STATUS): $(cat "$WORK/out")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with '$fix': $(cat "$LOG")"

# Node under the same limit: libuv's platform threads, at start.
rm -f "$LOG"
PROGRAM_STATUS=0
timeout 60 bash -c "ulimit -s $stack_kb && exec env FORKEXPLAIN_LOG='$LOG' LD_PRELOAD='$SHIM' node -e 0" \
	>"$WORK/out" 2>&1 || PROGRAM_STATUS=$?
[ "$PROGRAM_STATUS" != 0 ] || fail "node started under a $stack_kb KiB stack"
expect_output "$WORK/out" 'uv_thread_create\(t\.get\(\), start_thread'
expect verdict=commit_limit call=pthread_create errno=EAGAIN confidence=high evidence='every such thread fails' \
	advice='libuv sizes Node'"'"'s threads from it' not_verdict=unexplained
explain_reads "$(grep -m1 'Assertion' "$WORK/out")" 'Node.js (libuv)' seccomp_or_policy \
	'libuv gives each thread RLIMIT_STACK' 'a thread stack larger than RAM \+ swap'
echo "ok: a $stack_kb KiB stack past RAM + swap is the heuristic's refusal; with '$fix' the thread starts; node aborts under it and explain offers the stack"
