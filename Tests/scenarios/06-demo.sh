# The README's quick start: `forkexplain demo` reproduces the misleading
# ENOMEM on this machine and explains it as pidns_init_dead.
. "$(dirname "$0")/lib.sh"
need unshare

status=0
timeout 60 "$FORKEXPLAIN" demo >"$WORK/out" 2>&1 || status=$?
[ "$status" = 0 ] || { cat "$WORK/out" >&2; fail "forkexplain demo exited $status"; }
expect_output "$WORK/out" 'bash said: bash: fork: Cannot allocate memory'
expect_output "$WORK/out" '^pidns_init_dead '
expect_output "$WORK/out" 'yet memory was fine'
echo "ok: demo reproduced and explained the misleading ENOMEM"
