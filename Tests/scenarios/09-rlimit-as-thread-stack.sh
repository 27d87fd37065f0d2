# RLIMIT_AS (ulimit -v) for real: a program asks for a thread with a 512 MiB
# stack under a 200 MB address-space limit. The stack mmap fails with ENOMEM
# and glibc's pthread_create returns EAGAIN, "Resource temporarily
# unavailable", which no retry will fix. Then the limit is set as
# forkexplain advises and the same thread starts.
. "$(dirname "$0")/lib.sh"

cc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil || fail "cannot build the caller"
# thread LIMIT OUT: the 512 MiB thread, after LIMIT in the launching shell.
thread() {
	CALLER_STACK_MB=512 FORKEXPLAIN_LOG="$LOG" timeout 30 \
		bash -c "$1 && LD_PRELOAD='$SHIM' exec '$WORK/caller' pthread_create" >"$2" 2>&1 || true
}
thread 'ulimit -v 200000' "$WORK/out"
expect_output "$WORK/out" '^pthread_create rc=11 err=11$'

expect verdict=rlimit_as family=denial call=pthread_create errno=EAGAIN not_family=oom \
	evidence='RLIMIT_AS soft 195.3 MiB' misleading='does not mean a retry'

# The advised limit, set where the process starts.
fix=$(advised rlimit_as 'ulimit -v [0-9a-z]+')
: >"$LOG"
thread "$fix" "$WORK/fixed.out"
expect_output "$WORK/fixed.out" '^pthread_create rc=0 err=0$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after '$fix': $(head -c 400 "$LOG")"
echo "ok: after the advised '$fix' the thread with a 512 MiB stack started"
