# report on a pre-forking Python server's refused fork names the server's
# own knob (docs/kernel-facts.md §11.136): gunicorn's arbiter forks
# --workers processes and a HUP reload forks a new set before the old one
# leaves, so report advises `--workers N` with N = (pids.max − 1) ÷ 2, and
# no leak hunt. gunicorn is not installed here (nor uWSGI or Celery, and
# none is installed for a test): the server is stood in for by a python3
# script named `gunicorn`, which the kernel names by the script's file
# (comm `gunicorn`, measured: docs/kernel-facts.md §11.136), forking 8
# workers with os.fork as the arbiter does, under `forkexplain run` in a
# pids cgroup with room for 2 of them. The fork's refusal, the record and
# the report are real; only the server's code is not gunicorn's.
. "$(dirname "$0")/lib.sh"
need_root
mkdir -p "$WORK/bin"
cat >"$WORK/bin/gunicorn" <<PY
#!$PYTHON
import os, sys, time
children = []
for i in range(8):
    try:
        pid = os.fork()
    except BlockingIOError as e:
        print(f"[ERROR] fork of worker {i} failed: {e}", flush=True)
        sys.exit(1)
    if pid == 0:
        time.sleep(20)
        os._exit(0)
    children.append(pid)
print("booted 8 workers", flush=True)
PY
chmod 0755 "$WORK/bin/gunicorn"
CGNAME="forkexplain-238-gunicorn-$$"
pids_cgroup "$CGNAME" max 2
probe_run_tasks
tasks=$RUN_TASKS
max=$((tasks + 1))
echo "$max" >"$CG/pids.max"
under_run "$WORK/server.out" "$WORK/bin/gunicorn"
grep -q '^\[ERROR\] fork of worker [0-9] failed: \[Errno 11\] Resource temporarily unavailable' "$WORK/server.out" ||
	fail "the stand-in's fork was not refused: $(head -c 400 "$WORK/server.out")"
workers=$(((max - 1) / 2))
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding="/$CGNAME" rec.process.comm=gunicorn \
	evidence="gunicorn's arbiter forks" evidence="pids.max $max holds them all" \
	advice="\`--workers $workers\` fits pids.max $max twice" not_advice='Look for a leak' not_advice='worker_processes'
echo "ok: a process named gunicorn refused a worker's fork for real at pids.max $max; report named gunicorn's arbiter and advised --workers $workers"
