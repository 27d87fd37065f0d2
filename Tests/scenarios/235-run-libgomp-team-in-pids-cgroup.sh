# An OpenMP program's team refused by a pids cgroup: libgomp starts
# OMP_NUM_THREADS − 1 threads beside the calling one at the first parallel
# region and exits with "libgomp: Thread creation failed: Resource
# temporarily unavailable" when pthread_create refuses one
# (docs/kernel-facts.md §11.134). Reproduced for real with this machine's
# gcc -fopenmp (libgomp) under `forkexplain run` in a pids cgroup sized so
# that the team cannot be whole: a probe under the same `forkexplain run`
# counts the tasks run and its child take, and pids.max leaves the program
# room for a few of its 8 threads. explain on the program's own stderr must
# name libgomp, cgroup_pids_limit first, and OMP_NUM_THREADS; report must
# name the cgroup's limit with its number, say the refused thread came from
# libgomp, and advise OMP_NUM_THREADS beside the limit's owner.
. "$(dirname "$0")/lib.sh"
need_root
need gcc
gcc -std=c11 -Wall -Wextra -Werror -fopenmp -o "$WORK/omp_team" "$PROGRAMS/omp_team.c" ||
	fail "cannot build the OpenMP program with gcc -fopenmp"
OMP_NUM_THREADS=2 "$WORK/omp_team" | grep -qx 'team of 2' || fail "the OpenMP program does not run here"
CGNAME="forkexplain-235-omp-$$"
pids_cgroup "$CGNAME" max 2
probe_run_tasks
tasks=$RUN_TASKS

# The program stands where sh stood; one more task than the probe leaves
# it two threads of its team of 8.
RUN_ENV=OMP_NUM_THREADS=8 refused_at "$WORK/omp.out" \
	'^libgomp: Thread creation failed: Resource temporarily unavailable$' \
	"$((tasks + 1)) $tasks $((tasks + 2))" "$WORK/omp_team"
refused=$REFUSED
[ "$PROGRAM_STATUS" != 0 ] || fail "the OpenMP program exited 0 with its team refused"
echo "libgomp's team could not start at pids.max $refused"

line=$(grep -x 'libgomp: Thread creation failed: .*' "$WORK/omp.out" | head -n 1)
explain_reads "$line" "libgomp (OpenMP)" cgroup_pids_limit 'OMP_NUM_THREADS=N' 'processes × OMP_NUM_THREADS'

# The team that fitted is named only when the snapshot's largest holders
# list the process, which a three-thread program on a busy host is not.
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding="/$CGNAME" \
	evidence="pids.max $refused" evidence="GCC's OpenMP runtime" evidence='an OpenMP runtime starts its team' \
	advice='Or size the team to the limit: `OMP_NUM_THREADS=N`' advice='processes × OMP_NUM_THREADS' \
	not_advice='worker_processes' not_advice='--workers'
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report failed"
grep -qF "pthread_create was called from libgomp" "$WORK/report.txt" ||
	fail "the text report does not name libgomp: $(cat "$WORK/report.txt")"
echo "ok: libgomp's real team refused at pids.max $refused under \`forkexplain run\`: explain named libgomp and OMP_NUM_THREADS, report named the cgroup's limit, libgomp as the caller and OMP_NUM_THREADS as the program's knob"
