# Several processes of one program, each a pool of threads, that fill a
# pids cgroup together (docs/kernel-facts.md §11.183): three python3
# workers of 40 threads each hold most of a pids.max of 150, and a fourth
# grows its pool until Python's Thread.start() is refused ("can't start
# new thread"). Real processes under the shim in a pids cgroup of this
# scenario's own, bounded by pids.max and removed on exit. report must
# name the program's processes and pool first (the copies of the failing
# program among the top holders, within what the level holds), with
# Python's own knobs, and keep the limit's fix after it.
. "$(dirname "$0")/lib.sh"
need_root
CGNAME="forkexplain-278-pool-$$"
pids_cgroup "$CGNAME" 150 2

# pool N OUT: a python3 of N threads in the cgroup under the shim; its
# stdin is a fifo the scenario holds open, so it keeps its threads.
FIFO="$WORK/hold"
mkfifo "$FIFO"
exec 9<>"$FIFO"
on_exit "exec 9>&-"
pool() {
	: >"$2"
	bash -c "echo \$\$ > '$CG/cgroup.procs'; exec env FORKEXPLAIN_LOG='$LOG' LD_PRELOAD='$SHIM' $PYTHON '$PROGRAMS/thread_pool.py' $1" \
		<"$FIFO" >"$2" 2>&1 &
}
for i in 1 2 3; do
	pool 40 "$WORK/pool$i.out"
	expect_output "$WORK/pool$i.out" '^started 40$'
done
echo "three python3 pools of 40 threads: pids.current $(cat "$CG/pids.current") of pids.max 150"
pool 100 "$WORK/pool4.out"
expect_output "$WORK/pool4.out" '^refused after [0-9]+: can.t start new thread'
grep '^refused' "$WORK/pool4.out"
wait_for 30 test -s "$LOG" || true
[ -s "$LOG" ] || fail "the shim wrote no record of the refused thread"

expect verdict=cgroup_pids_limit call=pthread_create errno=EAGAIN binding="/$CGNAME" \
	evidence='pids.max 150' advice="Cap the program's threads first: 4 python3 processes of" \
	advice="of the 150 tasks pids.max of /$CGNAME counts (the failing program's copies among the top holders)" advice='`OMP_NUM_THREADS=1`' \
	advice="\`ps -C python3 -o nlwp=" not_advice='Check the top holders for a leak' not_advice='many processes hold one each'
"$PYTHON" - "$WORK/report.json" <<'PY' || fail "the pool is not the first fix"
import json, sys
events = json.load(open(sys.argv[1]))["events"]
advice = next(e for e in events if e.get("verdict") == "cgroup_pids_limit")["advice"]
sys.exit(0 if advice[0].startswith("Cap the program's threads first") and len(advice) > 1 else print(advice[:2]) or 1)
PY
"$PYTHON" -c 'import json, sys; e = json.load(open(sys.argv[1]))["events"][0]; print(e["advice"][0][:260])' "$WORK/report.json"
echo "ok: four python3 pools filled pids.max 150 of /$CGNAME; report names them and Python's knobs first, the limit after"
