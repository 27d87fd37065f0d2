# `make -j` with no number, under `forkexplain run`, in a pids cgroup of
# 16 made here: make 4.3 starts all 40 recipes at once with posix_spawn,
# and one is refused: "make: sleep: Resource temporarily unavailable",
# then "Error 127". The verdict is the cgroup, the call make's posix_spawn;
# the holders shown are every process, not the cgroup's, and say so. The
# fix as advised is typed and the same make runs all its jobs.
. "$(dirname "$0")/lib.sh"
need_root
need make

find_pids_hierarchy
cg="$PIDS_MNT/forkexplain-122-$$"
mkdir "$cg"
on_exit "rmdir '$cg'"
on_exit "empty_cgroup '$cg'"
echo 16 >"$cg/pids.max"

mkdir "$WORK/build"
"$PYTHON" - "$WORK/build/Makefile" <<'PY'
import sys
jobs = [f"t{i}" for i in range(40)]
with open(sys.argv[1], "w") as f:
    f.write("all: " + " ".join(jobs) + "\n")
    for job in jobs:
        f.write(f"{job}:\n\t@sleep 2\n")
PY
# build OUT: make -j in the cgroup, under run (run shares the cgroup). Not
# a sub-make of `make test`: no jobserver, and its lines say `make:`.
build() {
	timeout 90 env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES bash -c "echo \$\$ > '$cg/cgroup.procs'
		cd '$WORK/build'
		exec '$FORKEXPLAIN' run --log '$LOG' --color never -- make -j" >"$1" 2>&1 || true
}
build "$WORK/out"
grep -q '^make: sleep: Resource temporarily unavailable$' "$WORK/out" ||
	fail "make did not fail as expected; its lines: $(grep -a '^make' "$WORK/out" | head -n 5)"

expect verdict=cgroup_pids_limit family=denial call=posix_spawn errno=EAGAIN confidence=high \
	binding="/forkexplain-122-$$" evidence='pids.max 16' not_family=oom \
	advice='Raise it, as root on this host' not_advice='until its manager writes it again'
# Whose processes the holders are, and no closing line repeating the first.
grep -q '^  Top PID holders on the host (every process, in this cgroup or not):$' "$WORK/out" ||
	fail "run's report does not say the holders are not the cgroup's: $(grep -A2 'Top PID' "$WORK/out")"
! grep -qE 'events? \(|^  Thread: "make"' "$WORK/out" || fail "run's report repeats itself: $(cat "$WORK/out")"
"$FORKEXPLAIN" report --format markdown "$LOG" >"$WORK/report.md" || fail "report --format markdown exited $?"
grep -q '^\*\*Top PID holders on the host (every process, in this cgroup or not)\*\*$' "$WORK/report.md" ||
	fail "the Markdown does not say whose holders it lists"
"$FORKEXPLAIN" explain 'make: sleep: Resource temporarily unavailable' >"$WORK/explain" || fail "explain exited $?"
grep -q 'EAGAIN while creating a process, printed by make' "$WORK/explain" && grep -q 'make -jN' "$WORK/explain" &&
	grep -q '^1\. .*\[cgroup_pids_limit\]' "$WORK/explain" ||
	fail "explain misread make's line: $(head -n 4 "$WORK/explain")"

fix=$(advised cgroup_pids_limit 'echo [0-9]+ > /[^ ]*/pids\.max')
[ "${fix#* > }" = "$cg/pids.max" ] || fail "the advice writes ${fix#* > }, not $cg/pids.max"
bash -c "$fix" || fail "the advised '$fix' failed"
: >"$LOG"
build "$WORK/fixed.out"
! grep -q 'Resource temporarily unavailable\|Error' "$WORK/fixed.out" || fail "make failed after '$fix': $(cat "$WORK/fixed.out")"
[ ! -s "$LOG" ] || fail "the shim recorded failures after '$fix': $(head -c 400 "$LOG")"
echo "ok: make -j in a pids cgroup of 16: cgroup_pids_limit for its posix_spawn; after the advised '$fix' its 40 jobs ran"
