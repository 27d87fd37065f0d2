# FORKEXPLAIN_LOG with %p names one log per process, as the sanitizers'
# log_path does (docs/log-format.md, "Path"): a parent and the child it
# forked, each failing to start a thread, write their own files, named for
# the pid that wrote them; `forkexplain run --log` with %p reads them all.
. "$(dirname "$0")/lib.sh"

cat >"$WORK/both.py" <<'PY'
import os, threading
def start_thread():
    try:
        threading.Thread(target=lambda: None).start()
    except RuntimeError:
        return
    raise SystemExit("the thread started: the shim's test hook is not active")
pid = os.fork()
start_thread()
if pid == 0:
    os._exit(0)
_, status = os.waitpid(pid, 0)
raise SystemExit(os.waitstatus_to_exitcode(status))
PY

status=0
FORKEXPLAIN_INJECT=pthread_create=EAGAIN timeout 60 "$FORKEXPLAIN" run --log "$WORK/app.%p.jsonl" -- \
	"$PYTHON" "$WORK/both.py" >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 0 ] || fail "run exited $status: $(cat "$WORK/err")"

# Each file holds the records of the pid in its name, and only those.
files=0
for f in "$WORK"/app.*.jsonl; do
	[ -f "$f" ] || fail "no log named with a pid: $(ls "$WORK")"
	pid=${f##*/app.}
	pid=${pid%.jsonl}
	pids=$("$PYTHON" -c 'import json,sys
print(" ".join(sorted({str(json.loads(l)["process"]["pid"]) for l in open(sys.argv[1])})))' "$f")
	[ "$pids" = "$pid" ] || fail "$f holds records of pids '$pids'"
	files=$((files + 1))
done
[ "$files" = 2 ] || fail "expected the parent's and the child's log, found $files: $(ls "$WORK")"
grep -qE "^2 failures in [0-9]+ incidents?:" "$WORK/err" || fail "run did not report both processes' failures: $(cat "$WORK/err")"
echo "ok: %p gives a parent and its forked child one log each; run --log reads both"
