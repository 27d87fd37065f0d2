# A data loader's workers and their threads against a pids cgroup, with
# Python's own words. PyTorch is not installed here (and is too large to
# install for a test), so the DataLoader itself is not run: its shape is,
# for real, with this machine's python3: Tests/scenarios/programs/
# loader_threads.py forks 4 worker processes (multiprocessing, fork) and
# then has each start 6 threads, under `forkexplain run` in a pids cgroup
# with room for the workers but not for all their threads, so a worker's
# thread is refused with CPython's "RuntimeError: can't start new thread"
# (docs/kernel-facts.md §11.135). report must give the cgroup's limit with
# its numbers for the refused pthread_create; explain on the worker's own
# traceback must name Python's threading. Then that same real traceback is
# wrapped the way torch's DataLoader relays a worker's exception
# (torch/utils/data/_utils/worker.py: ExceptionWrapper "in DataLoader
# worker process N"; torch/_utils.py: "Caught RuntimeError ... Original
# Traceback"), and the texts users pasted from PyTorch are replayed
# (github.com/ultralytics/yolov5/issues/1675,
# github.com/ultralytics/ultralytics/issues/1238): explain must name
# PyTorch with num_workers for the relayed thread, and say a dead worker
# or /dev/shm is no task limit.
. "$(dirname "$0")/lib.sh"
need_root
CGNAME="forkexplain-236-loader-$$"
pids_cgroup "$CGNAME" max 2
probe_run_tasks
tasks=$RUN_TASKS
# python stands where sh stood, its 4 workers after it, and 3 more: room
# for the workers, not for their 24 threads.
max=$((tasks + 6))
echo "$max" >"$CG/pids.max"
under_run "$WORK/loader.out" "$PYTHON" "$PROGRAMS/loader_threads.py" 4 6
expect_output "$WORK/loader.out" "^RuntimeError: can't start new thread"
grep -qx 'worker [0-9] failed' "$WORK/loader.out" || fail "the loader did not report its failed worker: $(cat "$WORK/loader.out")"
[ "$PROGRAM_STATUS" != 0 ] || fail "the loader exited 0 with a worker's thread refused"
echo "a worker's thread was refused at pids.max $max (the cgroup held $tasks with run, sh and cat)"

expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding="/$CGNAME" \
	evidence="pids.max $max" not_advice='worker_processes'

# The worker's traceback as CPython printed it, from its first line.
sed -n '/^Traceback (most recent call last):/,/^RuntimeError: can.t start new thread$/p' "$WORK/loader.out" |
	sed -n '1,/^RuntimeError: can.t start new thread$/p' >"$WORK/traceback"
grep -q "can't start new thread" "$WORK/traceback" || fail "no traceback in the loader's output"
"$FORKEXPLAIN" explain "$(cat "$WORK/traceback")" >"$WORK/explain.py" || fail "explain failed on the traceback"
grep -qF "printed by Python (threading)" "$WORK/explain.py" ||
	fail "explain does not name Python's threading: $(head -5 "$WORK/explain.py")"

# The same traceback as the DataLoader relays it from worker process 2.
relayed=$(printf 'RuntimeError: Caught RuntimeError in DataLoader worker process 2.\nOriginal %s' "$(cat "$WORK/traceback")")
explain_reads "$relayed" "PyTorch (DataLoader worker)" cgroup_pids_limit 'num_workers' 'torch.set_num_threads'

# Pasted from the threads: a dead worker and a full /dev/shm are no refused task.
"$FORKEXPLAIN" explain "RuntimeError: DataLoader worker (pid(s) 296430) exited unexpectedly" >"$WORK/explain.dead" ||
	fail "explain failed on the dead worker"
grep -qF 'printed by PyTorch (DataLoader)' "$WORK/explain.dead" && grep -qF 'no task limit is the cause' "$WORK/explain.dead" ||
	fail "explain lists a task limit for a dead worker: $(cat "$WORK/explain.dead")"
"$FORKEXPLAIN" explain "$(printf '%s\n%s' \
	'RuntimeError: unable to write to file </torch_722_783672312_1>: No space left on device (28)' \
	'ERROR: Unexpected bus error encountered in worker. This might be caused by insufficient shared memory (shm).')" \
	>"$WORK/explain.shm" || fail "explain failed on the shared memory text"
grep -qF -- '--shm-size' "$WORK/explain.shm" && grep -qF 'no task limit is the cause' "$WORK/explain.shm" ||
	fail "explain does not send /dev/shm's ENOSPC to --shm-size: $(cat "$WORK/explain.shm")"
echo "ok: a loader's worker thread refused for real at pids.max $max was reported as the cgroup's limit; explain named Python, then PyTorch with num_workers for the same traceback relayed, and no task limit for a dead worker or /dev/shm"
