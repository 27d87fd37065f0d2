# forkexplain run changes nothing in its command's world: ignored signals
# and the signal mask are inherited, argv and environment bytes arrive
# unchanged, a death by signal is passed on as the same death, and a closed
# or full stderr does not change the exit status.
. "$(dirname "$0")/lib.sh"

# The dispositions and mask the command sees, bare and under run.
bare=$(trap '' HUP USR1; "$PYTHON" -c '
import os, signal
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])
os.execvp("grep", ["grep", "-E", "^Sig(Ign|Blk):", "/proc/self/status"])')
under=$(trap '' HUP USR1; "$PYTHON" -c '
import os, signal, sys
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])
os.execv(sys.argv[1], [sys.argv[1], "run", "--log", sys.argv[2], "--", "grep", "-E", "^Sig(Ign|Blk):", "/proc/self/status"])' \
	"$FORKEXPLAIN" "$LOG" 2>/dev/null)
[ "$bare" = "$under" ] || fail "run changed the command's signal state: bare '$bare', under run '$under'"

# Under nohup (SIGHUP ignored) a hangup must not kill the command.
status=0
out=$(trap '' HUP; "$FORKEXPLAIN" run --log "$LOG" -- sh -c 'kill -HUP $$; echo survived' 2>/dev/null) || status=$?
[ "$status" = 0 ] && [ "$out" = survived ] || fail "an ignored SIGHUP killed the command under run (status $status)"

# Bytes that are not UTF-8, in an argument and in an environment value.
"$FORKEXPLAIN" run --log "$LOG" -- printf '%s' $'a\xff\xfeb' >"$WORK/argv" 2>/dev/null || fail "run printf failed"
[ "$(od -An -tx1 "$WORK/argv" | tr -d ' \n')" = 61fffe62 ] ||
	fail "an argument's bytes changed: $(od -An -tx1 "$WORK/argv")"
env $'FX_BYTES=c\xc3\x28d' "$FORKEXPLAIN" run --log "$LOG" -- sh -c 'printf %s "$FX_BYTES"' >"$WORK/env" 2>/dev/null ||
	fail "run sh failed"
[ "$(od -An -tx1 "$WORK/env" | tr -d ' \n')" = 63c32864 ] ||
	fail "an environment value's bytes changed: $(od -An -tx1 "$WORK/env")"

# A command killed by SIGINT: run dies of SIGINT too, so a shell loop stops.
"$PYTHON" - "$FORKEXPLAIN" "$WORK" <<'PY' || fail "run did not die of its command's signal"
import os, signal, subprocess, sys, time
fx, work = sys.argv[1], sys.argv[2]
ready = work + "/child.pid"
p = subprocess.Popen([fx, "run", "--log", work + "/sig.jsonl", "--", "sh", "-c",
                      f"echo $$ > {ready}.tmp && mv {ready}.tmp {ready} && exec sleep 60"],
                     stderr=subprocess.DEVNULL)
for _ in range(1200):  # bounded wait for the command to start, not a timing check
    if os.path.exists(ready) or p.poll() is not None:
        break
    time.sleep(0.05)
if not os.path.exists(ready):
    p.kill(); p.wait(); sys.exit("the command never started")
os.kill(int(open(ready).read()), signal.SIGINT)
try:
    rc = p.wait(timeout=60)
except subprocess.TimeoutExpired:
    p.kill(); p.wait(); sys.exit("run did not end after its command was killed")
if rc != -signal.SIGINT:
    sys.exit(f"run ended with {rc}, expected to be killed by SIGINT (-2)")
PY
status=0
"$FORKEXPLAIN" run --log "$LOG" -- sh -c 'exit 9' 2>/dev/null || status=$?
[ "$status" = 9 ] || fail "a normal exit 9 came back as $status"

# A closed or full stderr: the command's status, not a crash.
status=0
"$FORKEXPLAIN" run --log "$LOG" -- sh -c 'exit 3' 2>&- || status=$?
[ "$status" = 3 ] || fail "with stderr closed run returned $status, expected 3"
status=0
"$FORKEXPLAIN" run --log "$LOG" -- sh -c 'exit 3' 2>/dev/full || status=$?
[ "$status" = 3 ] || fail "with stderr full run returned $status, expected 3"
# The command sees stderr closed too, as it would without run.
out=$("$FORKEXPLAIN" run --log "$LOG" -- sh -c 'if [ -e /proc/self/fd/2 ]; then echo open; else echo closed; fi' 2>&-)
[ "$out" = closed ] || fail "run gave its command a stderr the caller had closed ($out)"

# A log that cannot be written is said, not taken for "no failure".
status=0
FORKEXPLAIN_INJECT=fork=ENOMEM "$FORKEXPLAIN" run --log "$WORK/missing/log.jsonl" -- bash -c '/bin/true; :' \
	>"$WORK/unwritable" 2>&1 || status=$?
grep -q 'no process or thread creation failed' "$WORK/unwritable" &&
	fail "run claimed no failure with an unwritable log: $(cat "$WORK/unwritable")"
grep -q "could not be written" "$WORK/unwritable" || fail "run did not say the log could not be written: $(cat "$WORK/unwritable")"
# A log another user owns: the shim may have refused it, so its silence is
# not "no failure".
: >"$WORK/foreign.jsonl"
chown 65534 "$WORK/foreign.jsonl"
FORKEXPLAIN_INJECT=fork=ENOMEM "$FORKEXPLAIN" run --log "$WORK/foreign.jsonl" -- bash -c '/bin/true; :' \
	>"$WORK/foreign" 2>&1 || true
grep -q 'no process or thread creation failed' "$WORK/foreign" &&
	fail "run claimed no failure with another user's log: $(cat "$WORK/foreign")"
grep -q "may not have been written" "$WORK/foreign" || fail "run did not doubt another user's log: $(cat "$WORK/foreign")"
echo "ok: run keeps signal state, argv/env bytes, dies of its command's signal, survives a closed stderr, says an unwritable log"
