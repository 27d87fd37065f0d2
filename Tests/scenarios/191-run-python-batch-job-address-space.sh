# A batch job's address-space limit against a raised stack: numpy through
# LSF dies with "OpenBLAS blas_thread_init: pthread_create: Resource
# temporarily unavailable" beside the job's `ulimit` print, and the answer
# is "twice the stack size exceeds gigabyte you ordered ... tune it down
# to 10MB or so to not exceed LSF quota"
# (https://github.com/OpenMathLib/OpenBLAS/issues/1668). The batch system
# sets RLIMIT_AS (hard, so the job cannot raise it) from the memory asked
# for, and each thread's stack is the raised RLIMIT_STACK
# (docs/kernel-facts.md §11.74). Reproduced for real: CPython starting a
# pool of 4 threads, as OpenBLAS does, under `ulimit -v` 1 GiB and a
# 600 MiB stack. forkexplain said rlimit_as and led with "Raise or remove
# the limit: `ulimit -v unlimited`", which the job cannot do and the
# thread's answer did not do, and gave `ulimit -s` with no size; it must
# say how many such stacks fit and lead with the stack size, whose advised
# value then lets the pool start under the same 1 GiB.
. "$(dirname "$0")/lib.sh"
AS_KB=1048576
STACK_KB=614400

# pool LIMITS: 4 threads of CPython's under the job's address-space limit
# and LIMITS (a ulimit command), as a job script would set them.
pool() {
	PROGRAM_STATUS=0
	timeout 60 bash -c "ulimit -v $AS_KB && $1 || exit 91
		exec env FORKEXPLAIN_LOG='$LOG' LD_PRELOAD='$SHIM' '$PYTHON' -c '
import threading
ready = threading.Barrier(5)
pool = [threading.Thread(target=ready.wait, daemon=True) for _ in range(4)]
for t in pool:
    t.start()
ready.wait()
print(\"pool of\", len(pool), \"started\")'" >"$WORK/out" 2>&1 || PROGRAM_STATUS=$?
}

pool "ulimit -s $STACK_KB"
[ "$PROGRAM_STATUS" != 0 ] || fail "the pool started under a $STACK_KB KiB stack and a $AS_KB KiB address space: $(cat "$WORK/out")"
expect_output "$WORK/out" "can't start new thread"
expect verdict=rlimit_as family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='RLIMIT_AS of pid' evidence='> RLIMIT_AS soft 1.0 GiB' \
	evidence="each thread's stack is 600.0 MiB" evidence='holds at most 1 such stacks' \
	advice='`ulimit -s 8192`' advice='a batch system or sandbox that set the hard limit' \
	not_verdict=unexplained rec.limits.as.soft=$((AS_KB * 1024)) rec.call.stack_size_bytes=$((STACK_KB * 1024))
# The job cannot raise its hard limit: the stack must come first.
"$PYTHON" -c '
import json, sys
first = json.load(open(sys.argv[1]))["incidents"][0]["advice"][0]
sys.exit(0 if "`ulimit -s 8192`" in first else "the advice does not lead with the stack: " + first)' "$WORK/report.json"
fix=$(advised rlimit_as 'ulimit -s [0-9]+')
rm -f "$LOG"
pool "$fix"
[ "$PROGRAM_STATUS" = 0 ] || fail "the pool still failed with '$fix' (status $PROGRAM_STATUS): $(cat "$WORK/out")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with '$fix': $(cat "$LOG")"
echo "ok: 600 MiB stacks in a 1 GiB job are the address space's refusal; with '$fix' the pool starts"
