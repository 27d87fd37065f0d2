# runc's `read init-p: connection reset by peer`, made for real: runc puts
# runc init in the container's cgroup before runc init's Go runtime
# starts, so a container at its pids.max leaves no room for the runtime's
# threads, runc init aborts and runc's read of the socket pair it named
# init-p finds it reset (opencontainers/runc#1914, #4083;
# docs/kernel-facts.md §11.123). There is no runc here, so
# programs/runc_init_like.go does what runc does with it: writes its
# bootstrap data, re-executes itself (with cgo, as runc is built) into a
# pids cgroup that four tasks fill to its pids.max of 4, and reads. Its
# child must die as runc init does in runc#1914 (`runtime/cgo:
# pthread_create failed: Resource temporarily unavailable`, SIGABRT) and
# the parent must print runc's words; `explain` must read those as runc
# init refused by the container's pids.max, then a memory limit, and the
# fix it names (a higher pids limit) must make the same start succeed.
# Then its second cause for real: the child OOM-killed in a memory cgroup
# too small for it gives the parent the same words.
. "$(dirname "$0")/lib.sh"
need_root
build_cgo runc_init_like.go runc_init_like
# The container: four tasks at its pids.max of 4.
pids_cgroup forkexplain-223-runc-init 4 4
events_before=$(awk '$1 == "max" {print $2}' "$CG/pids.events")
rc=0
timeout 60 "$WORK/runc_init_like" "$CG" >"$WORK/out" 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] || fail "the start did not fail as runc's does (rc $rc): $(cat "$WORK/out" "$WORK/err")"
grep -qx 'starting container process caused: read init-p: connection reset by peer' "$WORK/out" ||
	fail "the parent did not find init-p reset: $(cat "$WORK/out")"
grep -qx 'runtime/cgo: pthread_create failed: Resource temporarily unavailable' "$WORK/err" ||
	fail "the child's Go runtime was not refused a thread: $(head -5 "$WORK/err")"
grep -qx 'SIGABRT: abort' "$WORK/err" || fail "the child did not abort as runc init does: $(head -5 "$WORK/err")"
events_after=$(awk '$1 == "max" {print $2}' "$CG/pids.events")
[ "$events_after" -gt "$events_before" ] ||
	fail "the cgroup's pids.events max did not rise ($events_before, $events_after): not its pids.max that refused"
explain_reads "$(cat "$WORK/out")" "runc (runc init died in the container's cgroup)" cgroup_pids_limit \
	'EAGAIN while creating a thread' '2\. the memory cgroup' 'docker update --pids-limit N NAME' '§11\.123'
explain_reads "$(head -1 "$WORK/err")" 'Go (cgo)' cgroup_pids_limit
# Both as runc#1914's reader saw them, runc init's abort above runc's error:
# the excerpt is runc's.
head -2 "$WORK/err" | cat - "$WORK/out" | "$FORKEXPLAIN" explain - >"$WORK/both" || fail "explain failed on the excerpt"
grep -qF "printed by runc (runc init died in the container's cgroup)" "$WORK/both" ||
	fail "explain does not read the excerpt as runc's: $(head -6 "$WORK/both")"
# The fix explain names: a higher pids limit. Measured here, the child
# needs 5 to 6 tasks of its own in an empty cgroup (§11.123): 4 + 8.
echo 12 >"$CG/pids.max"
timeout 60 "$WORK/runc_init_like" "$CG" >"$WORK/out" 2>"$WORK/err" ||
	fail "the start failed with room in the cgroup: $(cat "$WORK/out" "$WORK/err")"
grep -qE '^ready [0-9]+$' "$WORK/out" || fail "the child did not answer: $(cat "$WORK/out")"

# explain's second cause, the same words: a v1 memory cgroup of 512 KiB
# (runc#1980's 10 MiB scaled to this child, which needs 1 to 1.5 MiB
# here: §11.123) OOM-kills the child, and the parent reads the same reset.
v1_memcg forkexplain-223-runc-init $((512 << 10))
rc=0
timeout 60 "$WORK/runc_init_like" "$CG" "$MEMCG" >"$WORK/out" 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] || fail "the start did not fail under 512 KiB (rc $rc): $(cat "$WORK/out" "$WORK/err")"
grep -qx 'starting container process caused: read init-p: connection reset by peer' "$WORK/out" ||
	fail "the parent did not find init-p reset after the kill: $(cat "$WORK/out")"
grep -qx 'runc init: signal: killed' "$WORK/out" || fail "the child was not killed: $(cat "$WORK/out" "$WORK/err")"
[ "$(awk '$1 == "oom_kill" {print $2}' "$MEMCG/memory.oom_control")" -ge 1 ] ||
	fail "the memory cgroup counts no OOM kill: $(cat "$MEMCG/memory.oom_control")"
explain_reads "$(cat "$WORK/out")" "runc (runc init died in the container's cgroup)" cgroup_pids_limit \
	'2\. the memory cgroup.*here with a victim' 'oom_kill in memory.events'
# Its fix: a memory limit runc init fits in.
echo $((16 << 20)) >"$MEMCG/memory.limit_in_bytes"
timeout 60 "$WORK/runc_init_like" "$CG" "$MEMCG" >"$WORK/out" 2>"$WORK/err" ||
	fail "the start failed under 16 MiB: $(cat "$WORK/out" "$WORK/err")"
grep -qE '^ready [0-9]+$' "$WORK/out" || fail "the child did not answer under 16 MiB: $(cat "$WORK/out")"
echo "ok: a Go child moved into a full pids cgroup before its runtime started died as runc init does (pthread_create EAGAIN, SIGABRT) and, in a 512 KiB memory cgroup, was OOM-killed; both times the parent read 'read init-p: connection reset by peer', explain put the container's pids.max first and the memory limit second, and with room in each the same start succeeded"
