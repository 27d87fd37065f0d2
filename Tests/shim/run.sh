#!/usr/bin/env bash
# The shim's contract, checked on the built library: what it exports and
# links, that callers see exactly what libc gave them, that failures are
# recorded once per interval with nothing lost, and that a log it cannot
# write changes nothing for the program. Runs without root but for one
# check, which it then reports as NOT RUN.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SHIM=${SHIM:-"$TOP/.build/release/libforkexplain.so"}
WORK=$(mktemp -d /tmp/forkexplain-shimtest.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CALLER="$WORK/caller"
pass=0
failed=0
not_run=0

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}
records() { if [ -f "$1" ]; then grep -c . "$1"; else echo 0; fi; }
field() { # field LOG LINE EXPR: a python expression over record d
	/usr/bin/python3 -c "import json,sys; d=[json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2])]; print($3)" "$1" "$2"
}

[ -f "$SHIM" ] || { echo "build first: make build"; exit 1; }
cc -std=c11 -O1 -g -Wall -Wextra -Werror -I"$TOP/CShim/common" -o "$CALLER" "$TOP/Tests/shim/caller.c" \
	-lpthread -lutil || exit 1
# The wrapped calls, from the shim's one list (CShim/common/calls.h).
CALLS=$("$CALLER" --list | tr '\n' ' ')
[ -n "$CALLS" ] || { echo "caller --list printed no calls"; exit 1; }

# Exports and links.
exports=$(nm -D --defined-only "$SHIM" | awk '{print $3}' | sort | tr '\n' ' ')
check "exports exactly the list of wrapped calls ($exports)" \
	[ "$exports" = "$(echo $CALLS | tr ' ' '\n' | sort | tr '\n' ' ')" ]
needed=$(readelf -d "$SHIM" | awk '/NEEDED/ {print $5}' | tr -d '[]' | tr '\n' ' ')
check "links libc only, no Swift runtime, no libunwind ($needed)" \
	bash -c "! grep -qE 'swift|unwind|Foundation' <<<'$needed'"

# Success: the same result with and without the shim, and no record.
for c in $CALLS system127; do
	want=$("$CALLER" "$c")
	got=$(FORKEXPLAIN_LOG="$WORK/ok.jsonl" LD_PRELOAD="$SHIM" "$CALLER" "$c")
	check "$c succeeds as without the shim ($got)" [ "$got" = "$want" ]
done
check "no record when nothing failed" [ "$(records "$WORK/ok.jsonl")" = 0 ]

# Injected failures: the caller sees the errno, one record says so.
for c in $CALLS; do
	log="$WORK/inject-$c.jsonl"
	got=$(FORKEXPLAIN_INJECT="$c=EAGAIN" FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" "$CALLER" "$c")
	case $c in
	pthread_create | posix_spawn | posix_spawnp) want="$c rc=11 err=11" ;;
	system) want="$c rc=32512 err=11" ;;
	*) want="$c rc=-1 err=11" ;;
	esac
	check "$c: injected EAGAIN reaches the caller ($got)" [ "$got" = "$want" ]
	check "$c: one record, call and errno named" \
		[ "$(records "$log") $(field "$log" 0 "d['call']['name'], d['call']['errno_name'], d['call']['injected']")" = "1 $c EAGAIN True" ]
done
log="$WORK/inject-fork.jsonl"
check "record has a backtrace into the caller" \
	[ "$(field "$log" 0 "any(f.get('module','').endswith('/caller') for f in d['backtrace'])")" = True ]
check "record has no frame of the shim itself" \
	[ "$(field "$log" 0 "any('libforkexplain' in f.get('module','') for f in d['backtrace'])")" = False ]
check "record carries PID, limit and memory state" \
	[ "$(field "$log" 0 "all(k in d['pid'] for k in ('pid_max','threads_max','host_tasks','pid_ns')) and 'nproc' in d['limits'] and 'mem_available_kb' in d['memory']")" = True ]
check "record has no argv unless FORKEXPLAIN_CMDLINE=1" [ "$(field "$log" 0 "'argv' in d['process']")" = False ]
FORKEXPLAIN_CMDLINE=1 FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/argv.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork >/dev/null
check "FORKEXPLAIN_CMDLINE=1 records argv" [ "$(field "$WORK/argv.jsonl" 0 "d['process']['argv'][1:]")" = "['fork']" ]

# Which errnos are recorded.
FORKEXPLAIN_ERRNOS=EPERM FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/filter.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork >/dev/null
check "FORKEXPLAIN_ERRNOS=EPERM leaves ENOMEM unrecorded" [ "$(records "$WORK/filter.jsonl")" = 0 ]
FORKEXPLAIN_INJECT=fork=EINVAL FORKEXPLAIN_LOG="$WORK/filter.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork >/dev/null
check "EINVAL is not recorded by default" [ "$(records "$WORK/filter.jsonl")" = 0 ]
FORKEXPLAIN_ERRNOS=all FORKEXPLAIN_INJECT=fork=EINVAL FORKEXPLAIN_LOG="$WORK/filter.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork >/dev/null
check "FORKEXPLAIN_ERRNOS=all records EINVAL" [ "$(records "$WORK/filter.jsonl")" = 1 ]
FORKEXPLAIN_LOG="$WORK/s127.jsonl" LD_PRELOAD="$SHIM" "$CALLER" system127 >/dev/null
check "a command that really exits 127 is not a spawn failure" [ "$(records "$WORK/s127.jsonl")" = 0 ]

# A storm: one snapshot per interval, the rest counted, none lost.
log="$WORK/storm.jsonl"
FORKEXPLAIN_INTERVAL_MS=60000 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" "$CALLER" fork 200 >/dev/null
check "200 failures: one snapshot and one tally" \
	[ "$(field "$log" 0 "d['type']")/$(field "$log" 1 "d['type']")/$(records "$log")" = "failure/tally/2" ]
check "the tally carries the other 199" [ "$(field "$log" 1 "d['call']['suppressed']")" = 199 ]
FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/every.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork 20 >/dev/null
check "FORKEXPLAIN_INTERVAL_MS=0 records every failure" [ "$(records "$WORK/every.jsonl")" = 20 ]

# A log it cannot write changes nothing for the program.
want=$("$CALLER" fork 2>&1; echo "exit=$?")
got=$(FORKEXPLAIN_INJECT= FORKEXPLAIN_LOG=/nonexistent/dir/log.jsonl LD_PRELOAD="$SHIM" "$CALLER" fork 2>&1; echo "exit=$?")
check "unwritable log: same output and status" [ "$got" = "$want" ]
got=$(FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG=/nonexistent/dir/log.jsonl LD_PRELOAD="$SHIM" "$CALLER" fork 2>&1; echo "exit=$?")
check "unwritable log on failure: only the program's own output ($got)" [ "$got" = "$(printf 'fork rc=-1 err=12\nexit=0')" ]
echo keep >"$WORK/target"
ln -s "$WORK/target" "$WORK/link.jsonl"
FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/link.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork >/dev/null
check "a symlink planted at the log path is not followed" [ "$(cat "$WORK/target")" = keep ]
# Only root can give a file to another user: without root this check is
# not run, and the tally says so.
if [ "$(id -u)" = 0 ]; then
	touch "$WORK/foreign.jsonl"
	chown 61234 "$WORK/foreign.jsonl"
	FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/foreign.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork >/dev/null
	check "another user's file at the log path is not written" [ ! -s "$WORK/foreign.jsonl" ]
else
	not_run=$((not_run + 1))
	echo "NOT RUN (needs root): another user's file at the log path is not written"
fi
umask 022
FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/mode.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork >/dev/null
check "the log is created 0600" [ "$(stat -c %a "$WORK/mode.jsonl")" = 600 ]

# stderr only when asked.
err=$(FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/e.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork 2>&1 >/dev/null)
check "silent on stderr by default" [ -z "$err" ]
err=$(FORKEXPLAIN_STDERR=1 FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/e.jsonl" LD_PRELOAD="$SHIM" "$CALLER" fork 2>&1 >/dev/null)
check "FORKEXPLAIN_STDERR=1: one line naming the call and the log ($err)" \
	[ "$(grep -c . <<<"$err") $(grep -c "fork failed: ENOMEM.*$WORK/e.jsonl" <<<"$err")" = "1 1" ]
FORKEXPLAIN_LOG=- FORKEXPLAIN_INJECT=fork=ENOMEM LD_PRELOAD="$SHIM" "$CALLER" fork 2>"$WORK/dash.jsonl" >/dev/null
check "FORKEXPLAIN_LOG=- writes the record to stderr" [ "$(field "$WORK/dash.jsonl" 0 "d['type']")" = failure ]

# A process named with bytes that are not UTF-8 (a surrogate, an overlong
# form, a code point past U+10FFFF, a cut sequence): the record is valid
# UTF-8 and strict JSON, and keeps each byte as \u00XX.
cat >"$WORK/badname.c" <<'C'
#include <sys/prctl.h>
#include <unistd.h>
int main(void) { prctl(PR_SET_NAME, "\xed\xa0\x80\xc0\xaf\xf4\x90\x80\x80\xe2\x82", 0, 0, 0);
	if (fork() == 0) _exit(0); return 0; }
C
cc -O1 -o "$WORK/badname" "$WORK/badname.c"
FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/badname.jsonl" LD_PRELOAD="$SHIM" "$WORK/badname"
got=$(/usr/bin/python3 -c "
import json,sys
raw=open(sys.argv[1],'rb').read()
d=json.loads(raw.decode('utf-8', 'strict'))
print(d['process']['comm'].encode('latin-1').hex())" "$WORK/badname.jsonl" 2>&1 | tail -1)
check "a name of invalid UTF-8 is written as valid UTF-8, each byte kept ($got)" \
	[ "$got" = eda080c0aff4908080e282 ]

# Many threads failing at once: every line whole.
cat >"$WORK/threads.c" <<'C'
#include <pthread.h>
#include <unistd.h>
static void *work(void *a) { for (int i = 0; i < 50; i++) if (fork() == 0) _exit(0); return a; }
int main(void) { pthread_t t[8]; for (int i = 0; i < 8; i++) pthread_create(&t[i], 0, work, 0);
	for (int i = 0; i < 8; i++) pthread_join(t[i], 0); return 0; }
C
cc -O1 -o "$WORK/threads" "$WORK/threads.c" -lpthread
FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/mt.jsonl" LD_PRELOAD="$SHIM" "$WORK/threads"
n=$(/usr/bin/python3 -c "
import json,sys
recs=[json.loads(l) for l in open(sys.argv[1])]
print(sum(1 + r['call']['suppressed'] for r in recs))" "$WORK/mt.jsonl" 2>&1)
check "8 threads x 50 failures: every line parses and all 400 are counted ($n)" [ "$n" = 400 ]

echo "shim: $pass passed, $failed failed"
[ "$not_run" -eq 0 ] || echo "NOT RUN: $not_run shim checks need root"
[ "$failed" -eq 0 ]
