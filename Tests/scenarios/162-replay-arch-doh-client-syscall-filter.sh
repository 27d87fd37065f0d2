# doh-client (Rust, tokio) as its packaged systemd unit on Arch Linux:
# after an update "thread 'main' panicked at 'OS can't spawn worker
# thread: Operation not permitted (os error 1)'", fine when started by
# hand; "It is caused by the syscall filter"
# (https://github.com/LinkTed/doh-client/issues/38): the unit's
# SystemCallFilter= allow-list lacked clone3, which Arch's glibc had just
# re-enabled (fix: clone3 added, LinkTed/doh-client#37). Replayed with a
# real Rust program whose worker pool panics as tokio's does, in the
# reconstructed unit: status "Seccomp: 2" (process.seccomp), no container.
# seccomp_or_policy naming the unit's SystemCallFilter= and its drop-in,
# not a container runtime's profile, not a limit. A status saying
# "Seccomp: 0" rules the filter out.
. "$(dirname "$0")/lib.sh"
need rustc
rustc -O -o "$WORK/pool" "$PROGRAMS/tokio_like_pool.rs" 2>"$WORK/rustc.err" ||
	fail "rustc failed: $(cat "$WORK/rustc.err")"
replay_program arch-doh-client-syscall-filter pthread_create=EPERM "$WORK/pool"
[ "$PROGRAM_STATUS" = 101 ] || fail "the Rust program did not panic (status $PROGRAM_STATUS)"
expect_output "$WORK/out" "OS can't spawn worker thread: Operation not permitted \(os error 1\)"
expect verdict=seccomp_or_policy family=denial call=pthread_create errno=EPERM confidence=medium \
	binding='`SystemCallFilter=` of doh-client.service' evidence='Seccomp: 2 (process.seccomp)' \
	evidence='this process is in no container' advice='`systemctl edit doh-client.service`' \
	advice='`SystemCallFilter=clone3`' not_advice='Docker' not_advice='--security-opt' \
	not_verdict=rlimit_nproc not_verdict=cgroup_pids_limit rec.process.seccomp=2 rec.kernel=5.19.13-arch1-1
# The same failure where the status says no filter: not seccomp.
replay_edited proc/self/status 's/^Seccomp:\t2$/Seccomp:\t0/' '^Seccomp:	0$' pthread_create=EPERM "$WORK/pool"
[ "$PROGRAM_STATUS" != 0 ] || fail "the Rust program ran although pthread_create failed"
expect verdict=seccomp_or_policy errno=EPERM confidence=low evidence='Seccomp: 0' \
	not_advice='SystemCallFilter=clone3' rec.process.seccomp=0
line="thread 'main' panicked at 'OS can't spawn worker thread: Operation not permitted (os error 1)', /home/linux/.cargo/registry/src/github.com-1ecc6299db9ec823/tokio-1.19.2/src/runtime/blocking/pool.rs:264:29"
"$FORKEXPLAIN" explain "$line" >"$WORK/explain" || fail "explain failed on tokio's panic"
grep -q 'EPERM while creating a thread, printed by Rust' "$WORK/explain" ||
	fail "explain does not read tokio's panic as a refused thread: $(head -3 "$WORK/explain")"
grep -q 'SystemCallFilter' "$WORK/explain" && grep -q 'clone3' "$WORK/explain" ||
	fail "explain does not offer a unit's SystemCallFilter= without clone3: $(cat "$WORK/explain")"
