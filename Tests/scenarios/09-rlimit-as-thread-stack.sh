# RLIMIT_AS (ulimit -v) for real: a program asks for a thread with a 512 MiB
# stack under a 200 MB address-space limit. The stack mmap fails with ENOMEM
# and glibc's pthread_create returns EAGAIN, "Resource temporarily
# unavailable", which no retry will fix.
. "$(dirname "$0")/lib.sh"

cc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil || fail "cannot build the caller"
CALLER_STACK_MB=512 FORKEXPLAIN_LOG="$LOG" timeout 30 \
	bash -c "ulimit -v 200000 && LD_PRELOAD='$SHIM' exec '$WORK/caller' pthread_create" >"$WORK/out" 2>&1 || true
expect_output "$WORK/out" '^pthread_create rc=11 err=11$'

expect verdict=rlimit_as family=denial call=pthread_create errno=EAGAIN not_family=oom \
	evidence='RLIMIT_AS soft 195.3 MiB' misleading='does not mean a retry'
