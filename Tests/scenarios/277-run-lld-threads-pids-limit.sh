# LLVM's tools size their thread pools from the cores, and a build runs
# one per core: on a shared server or in a container the pool's threads
# are refused (`LLVM ERROR: pthread_create failed: Resource temporarily
# unavailable` from clang-scan-deps under ninja,
# https://github.com/snu-sf-class/swpp202401/issues/18; docs/kernel-facts.md
# §11.182). Reproduced for real: ld.lld linking one object with 4 threads
# in a pids cgroup with room for lld alone. lld's pool is built on
# std::thread, so it ends with std::system_error under LLVM's crash
# banner; main's explain named C++'s std::thread and offered nothing of
# LLVM's. It must name LLVM and its thread flags, and the advised
# `--threads=1` must link under the same limit.
. "$(dirname "$0")/lib.sh"
need_root
need cc
need ld.lld
# The holder and its sleeper, and one task for lld: its main thread alone.
pids_cgroup "forkexplain-fieldmsgs2-277-$$" 3 2
printf 'int main(void) { return 0; }\n' >"$WORK/m.c"
cc -c -o "$WORK/m.o" "$WORK/m.c" || fail "cannot compile the object to link"

# link OUT FLAGS: ld.lld in the cgroup, bounded.
link() {
	PROGRAM_STATUS=0
	timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'
		exec ld.lld $2 -e main -o '$WORK/m.out' '$WORK/m.o'" >"$1" 2>&1 || PROGRAM_STATUS=$?
}

link "$WORK/out" --threads=4
[ "$PROGRAM_STATUS" != 0 ] || fail "ld.lld linked with 4 threads in room for one: $(cat "$WORK/out")"
grep -qE '^max [1-9]' "$CG/pids.events" || fail "the kernel counted no refusal: $(cat "$CG/pids.events")"
text=$(grep -E "std::system_error|what\(\)|llvm-project|LLVM ERROR" "$WORK/out") ||
	fail "ld.lld did not say why it stopped: $(cat "$WORK/out")"
explain_reads "$text" 'LLVM (clang, lld, clang-scan-deps)' cgroup_pids_limit 'EAGAIN while creating a thread' \
	'--threads=N'

# The advised thread count, under the same limit.
link "$WORK/fixed" --threads=1
[ "$PROGRAM_STATUS" = 0 ] && [ -x "$WORK/m.out" ] ||
	fail "ld.lld --threads=1 did not link under the same limit (status $PROGRAM_STATUS): $(cat "$WORK/fixed")"
echo "ok: ld.lld's 4 threads refused in room for one read as LLVM's, pids limit first; --threads=1 linked under the same limit"
