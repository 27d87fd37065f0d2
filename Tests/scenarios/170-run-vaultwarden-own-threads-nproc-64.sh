# vaultwarden (bitwarden_rs) as its packaged unit, `LimitNPROC=64`, on a
# machine with many cores: "LimitNPROC=64 is too low for bitwarden_rs to
# start on a 32 thread machine" (https://github.com/NixOS/nixpkgs/pull/124225,
# which removed the limit; https://github.com/dionysius/vaultwarden-deb/issues/21:
# "tokio typically spawns one worker per CPU thread"), and it dies with
# "panicked at 'failed to spawn thread: Os { code: 11, kind: WouldBlock,
# message: \"Resource temporarily unavailable\" }'"
# (https://github.com/dinger1986/bitwardenrs_install_script/issues/3). No
# other process of the uid holds anything: the program's own pools are the
# count. Reproduced for real with a uid of our own, RLIMIT_NPROC 64 and a
# Rust program starting a pool of 96 threads (32 cores' worth) with
# thread::spawn: the kernel refuses the 64th task. rlimit_nproc naming the
# process itself as the holder and the pool's knobs, not another uid; then
# the advised limit, applied, lets the pool start.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need rustc
rustc -O -o "$WORK/pool" "$PROGRAMS/tokio_like_pool.rs" 2>"$WORK/rustc.err" || fail "rustc failed: $(cat "$WORK/rustc.err")"
spare_uid 61400 61449
uid=$SPARE_UID
on_exit "kill_uid $uid"
log_owned_by "$uid"

# as_uid LIMIT: the pool of 96 under RLIMIT_NPROC LIMIT, as the uid, the
# process being the uid's only one (exec: no shell stays behind).
as_uid() {
	PROGRAM_STATUS=0
	timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups --inh-caps=-all bash -c "
		$1 || exit 91
		exec env FORKEXPLAIN_LOG='$LOG' LD_PRELOAD='$SHIM' '$WORK/pool' 96 std" >"$WORK/out" 2>&1 ||
		PROGRAM_STATUS=$?
}

as_uid 'ulimit -u 64'
[ "$PROGRAM_STATUS" = 101 ] || fail "the pool did not panic under RLIMIT_NPROC 64 (status $PROGRAM_STATUS): $(cat "$WORK/out")"
expect_output "$WORK/out" "failed to spawn thread: Os \{ code: 11, kind: WouldBlock"
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="RLIMIT_NPROC of uid $uid" evidence="uid $uid has 64 tasks" \
	evidence="this process alone holds 64 of uid $uid's 64 tasks" \
	advice='below what this program starts by itself (64 threads' advice='`TOKIO_WORKER_THREADS=N`' \
	advice='`ROCKET_WORKERS`' not_advice='Or run the workload under its own uid' \
	not_verdict=cgroup_pids_limit not_family=oom rec.limits.nproc.soft=64 rec.limits.uid_tasks=64
"$FORKEXPLAIN" explain "$(grep -m1 'failed to spawn thread' "$WORK/out")" >"$WORK/explain" ||
	fail "explain failed on the panic"
grep -q 'EAGAIN while creating a thread, printed by Rust' "$WORK/explain" ||
	fail "explain does not read the panic as a refused thread: $(head -3 "$WORK/explain")"
# The advised limit, as the shell that starts it would set it.
fix=$(advised rlimit_nproc 'ulimit -u [0-9]+')
rm -f "$LOG"
as_uid "$fix"
[ "$PROGRAM_STATUS" = 0 ] || fail "the pool still failed with '$fix' (status $PROGRAM_STATUS): $(cat "$WORK/out")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with '$fix': $(cat "$LOG")"
echo "ok: 64 of 64 tasks its own; with '$fix' the 96 threads start"
