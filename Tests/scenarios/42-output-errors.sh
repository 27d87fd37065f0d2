# report, check and explain fail with one line and a non-zero status when
# their output cannot be written, instead of dropping it or crashing.
. "$(dirname "$0")/lib.sh"

FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" bash -c '/bin/true; :' >/dev/null 2>&1 || true
[ -s "$LOG" ] || fail "the record was not written"

expect_write_failure 2 "report >/dev/full" sh -c '"$0" report "$1" >/dev/full' "$FORKEXPLAIN" "$LOG"
expect_write_failure 2 "report >&-" sh -c '"$0" report "$1" >&-' "$FORKEXPLAIN" "$LOG"
expect_write_failure 2 "explain >/dev/full" sh -c '"$0" explain EAGAIN >/dev/full' "$FORKEXPLAIN"
expect_write_failure 2 "explain >&-" sh -c '"$0" explain EAGAIN >&-' "$FORKEXPLAIN"
expect_write_failure 3 "check >/dev/full" sh -c '"$0" check >/dev/full' "$FORKEXPLAIN"
expect_write_failure 3 "check >&-" sh -c '"$0" check >&-' "$FORKEXPLAIN"

# A reader that goes away (EPIPE with SIGPIPE ignored) ends it quietly.
status=0
"$PYTHON" - "$FORKEXPLAIN" "$LOG" <<'PY' || fail "report into a closed pipe misbehaved"
import signal, subprocess, sys
r, w = __import__("os").pipe()
__import__("os").close(r)
p = subprocess.run([sys.argv[1], "report", sys.argv[2]], stdout=w, stderr=subprocess.PIPE,
                   restore_signals=False, timeout=60)  # SIGPIPE stays ignored
if p.returncode != 128 + signal.SIGPIPE or p.stderr:
    sys.exit(f"exit {p.returncode}, stderr {p.stderr!r}; expected a quiet {128 + signal.SIGPIPE}")
PY
echo "ok: report, explain and check say when they cannot write their output"
