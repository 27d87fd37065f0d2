# tokio's spawn_blocking on the Rust playground, "that uses cgroup limiting
# to a max of 512 processes": 1024 blocking tasks, "Running 508", then
# "called `Result::unwrap()` on an `Err` value: Os { code: 11, kind:
# WouldBlock, ... }" (github.com/tokio-rs/tokio/issues/2309;
# docs/kernel-facts.md §11.222). tokio's blocking pool grows to
# max_blocking_threads, 512 by default, so it alone fills the container's
# 512. report must bind the container's own level with the program as its
# one dominant holder; explain on tokio's worker line names the blocking
# pool's cap.
. "$(dirname "$0")/lib.sh"
replay playground-tokio-blocking-512 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="this container's own cgroup" binding='docker container' evidence='pids.current 512 = pids.max 512' \
	advice='playground (pid 7) has 511 threads, 99 % of the 512' advice='docker update --pids-limit' \
	not_verdict=rlimit_nproc not_family=oom rec.cgroups.pids.0.max=512 rec.cgroups.pids.0.current=512
"$FORKEXPLAIN" explain "thread 'main' panicked at 'OS can't spawn worker thread: Resource temporarily unavailable (os error 11)'" \
	>"$WORK/explain" || fail "explain exited $?"
grep -qF '`max_blocking_threads`, 512 by default' "$WORK/explain" ||
	fail "explain does not name tokio's blocking pool cap: $(cat "$WORK/explain")"
echo "ok: tokio's blocking pool at the playground container's 512, its cap named"
