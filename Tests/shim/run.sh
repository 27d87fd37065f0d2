#!/usr/bin/env bash
# The shim's contract, checked on the built library: what it exports and
# links, that callers see exactly what libc gave them, that failures are
# recorded once per interval with nothing lost, and that a log it cannot
# write changes nothing for the program. Runs without root but for one
# check, which it then reports as NOT RUN.
#
# SHIM, SHIM_CC and SHIM_LIBC run the same contract on another build:
# Tests/platforms/musl.sh gives the musl library, musl-gcc (its programs
# run under musl's loader) and "musl".
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SHIM=${SHIM:-"$TOP/.build/release/libforkexplain.so"}
# Another platform's library (make platforms-arm64): its compiler for the
# test programs, its binutils, and the emulator that runs them. The
# emulator must be a static binary: a dynamic one would have the host's
# loader try to preload the foreign library into the emulator itself.
TCC=${SHIM_CC:-cc}
NM=${SHIM_NM:-nm}
READELF=${SHIM_READELF:-readelf}
export RUN=${SHIM_RUN:-}
LIBC=${SHIM_LIBC:-glibc}
WORK=$(mktemp -d /tmp/forkexplain-shimtest.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CALLER="$WORK/caller"
. "$TOP/Tests/lib/checks.sh"
not_run=0

# Under qemu the programs a test execs (timeout, /bin/true) are the
# host's, whose loader cannot preload the other platform's library and
# says so: not the shim's words.
shim_words() { printf '%s\n' "$1" | grep -v "^ERROR: ld.so: object .* cannot be preloaded"; }
records() { if [ -f "$1" ]; then grep -c . "$1"; else echo 0; fi; }
field() { # field LOG LINE EXPR: a python expression over record d
	/usr/bin/python3 -c "import json,sys; d=[json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2])]; print($3)" "$1" "$2"
}

# A blank line is no cut line: readers skip it (docs/log-format.md), and a
# writer that saw another's append part-way (the kernel grows the file a
# page at a time, docs/kernel-facts.md §6.22) starts its record with one.
by_call() { # by_call LOG: failures the log accounts for, per call, and cut lines
	/usr/bin/python3 -c "
import json,sys
n={'cut':0}
for l in open(sys.argv[1],'rb'):
    if not l.strip(): continue
    try: r=json.loads(l.decode('utf-8'))
    except ValueError: n['cut']+=1; continue
    c=r['call']['name']; n[c]=n.get(c,0) + r['call']['suppressed'] + (r['type'] == 'failure')
print(' '.join('%s %d' % kv for kv in sorted(n.items())))" "$1"
}
counted() { # counted LOG: failures the log accounts for, and lines that are no record
	/usr/bin/python3 -c "
import json,sys
n=bad=0
for l in open(sys.argv[1],'rb'):
    if not l.strip(): continue
    try: r=json.loads(l.decode('utf-8'))
    except ValueError: bad+=1; continue
    n+=r['call']['suppressed'] + (r['type'] == 'failure')
print(n, bad)" "$1"
}

[ -f "$SHIM" ] || { echo "build first: make build"; exit 1; }
$TCC -std=c11 -O1 -g -Wall -Wextra -Werror -I"$TOP/CShim/common" -o "$CALLER" "$TOP/Tests/shim/caller.c" \
	-lpthread -lutil || exit 1
$TCC -std=c11 -O1 -g -Wall -Wextra -Werror -o "$WORK/ending" "$TOP/Tests/shim/ending.c" -lpthread || exit 1
# The wrapped calls, from the shim's one list (CShim/common/calls.h).
CALLS=$($RUN "$CALLER" --list | tr '\n' ' ')
[ -n "$CALLS" ] || { echo "caller --list printed no calls"; exit 1; }

ENDING=$($RUN "$CALLER" --list-ending | tr '\n' ' ')

# Exports and links.
exports=$($NM -D --defined-only "$SHIM" | awk '{print $3}' | sort | tr '\n' ' ')
check "exports exactly the lists of wrapped calls ($exports)" \
	[ "$exports" = "$(echo $CALLS $ENDING | tr ' ' '\n' | sort | tr '\n' ' ')" ]
needed=$($READELF -d "$SHIM" | awk '/NEEDED/ {print $5}' | tr -d '[]' | tr '\n' ' ')
check "links libc only, no Swift runtime, no libunwind ($needed)" \
	bash -c "! grep -qE 'swift|unwind|Foundation' <<<'$needed'"

# Success: the same result with and without the shim, and no record.
for c in $CALLS system127; do
	want=$($RUN "$CALLER" "$c")
	got=$(FORKEXPLAIN_LOG="$WORK/ok.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" "$c")
	check "$c succeeds as without the shim ($got)" [ "$got" = "$want" ]
done
check "no record when nothing failed" [ "$(records "$WORK/ok.jsonl")" = 0 ]

# Injected failures: the caller sees the errno, one record says so.
for c in $CALLS; do
	log="$WORK/inject-$c.jsonl"
	got=$(FORKEXPLAIN_INJECT="$c=EAGAIN" FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" $RUN "$CALLER" "$c")
	case $c in
	pthread_create | posix_spawn | posix_spawnp) want="$c rc=11 err=11" ;;
	# What system() itself returns on a failed spawn: 127 on this
	# machine's glibc (2.33-2.40), -1 on musl (docs/libc-facts.md §2).
	system) [ "$LIBC" = musl ] && want="$c rc=-1 err=11" || want="$c rc=32512 err=11" ;;
	*) want="$c rc=-1 err=11" ;;
	esac
	check "$c: injected EAGAIN reaches the caller ($got)" [ "$got" = "$want" ]
	check "$c: one record, call and errno named" \
		[ "$(records "$log") $(field "$log" 0 "d['call']['name'], d['call']['errno_name'], d['call']['injected']")" = "1 $c EAGAIN True" ]
done
# The next definition, where another library interposes the same call:
# preloaded after the shim, the shim (which binds these in its
# constructor, common/calls.h FX_BIND_EARLY) must call it; before the
# shim, it calls the shim. Either way it runs once, the call succeeds,
# and a failure injected in the shim is still the shim's.
# No DT_NEEDED, as the musl shim has none (Makefile, MUSL_LDFLAGS): the
# glibc /bin/true a spawn starts inherits the preload, and its loader
# cannot load musl's libc.so; both loaders bind dlsym and write to the
# libc already there.
$TCC -std=c11 -O1 -Wall -Wextra -Werror -shared -fPIC -nostdlib -o "$WORK/next.so" "$TOP/Tests/shim/next.c" || exit 1
for c in pthread_create posix_spawn posix_spawnp; do
	want=$($RUN "$CALLER" "$c")
	after=$(FORKEXPLAIN_LOG="$WORK/next.jsonl" LD_PRELOAD="$SHIM $WORK/next.so" $RUN "$CALLER" "$c" 2>&1)
	before=$(FORKEXPLAIN_LOG="$WORK/next.jsonl" LD_PRELOAD="$WORK/next.so $SHIM" $RUN "$CALLER" "$c" 2>&1)
	injected=$(FORKEXPLAIN_INJECT="$c=EAGAIN" FORKEXPLAIN_LOG="$WORK/next-inject.jsonl" LD_PRELOAD="$SHIM $WORK/next.so" \
		$RUN "$CALLER" "$c" 2>&1)
	check "$c: a preload after the shim is its next definition, one before calls it ($(echo $after / $before / $injected))" \
		[ "$(shim_words "$after")|$(shim_words "$before")|$(shim_words "$injected")" = \
		"next: $c"$'\n'"$want|next: $c"$'\n'"$want|$c rc=11 err=11" ]
done
check "no record from the calls through another preload" [ "$(records "$WORK/next.jsonl")" = 0 ]

# The constructor runs the posix_spawn wrapper once, dry (interpose.c,
# spawn_ahead()): it calls its own wrapper, never a posix_spawn the
# program defines and exports, which a call through the PLT would reach;
# nothing is spawned and nothing recorded.
cat >"$WORK/ownspawn.c" <<'C'
#include <spawn.h>
#include <stdio.h>
#include <unistd.h>
int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
		const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	static const char m[] = "own posix_spawn called\n";
	(void)pid, (void)path, (void)fa, (void)attr, (void)argv, (void)envp;
	return write(1, m, sizeof m - 1) < 0;
}
int main(void) { puts("main"); return 0; }
C
$TCC -O1 -rdynamic -o "$WORK/ownspawn" "$WORK/ownspawn.c" || exit 1
got=$(FORKEXPLAIN_LOG="$WORK/ownspawn.jsonl" LD_PRELOAD="$SHIM" $RUN "$WORK/ownspawn" 2>&1)
check "the constructor's dry run calls the shim's own wrapper, not the program's posix_spawn ($(echo $(shim_words "$got")); $(records "$WORK/ownspawn.jsonl") records)" \
	[ "$(shim_words "$got")/$(records "$WORK/ownspawn.jsonl")" = "main/0" ]

# The calls bound in the constructor where it finds none (FX_BIND_EARLY:
# libc lacking them at load, libpthread loaded later before glibc 2.34),
# which glibc 2.36 never lacks: SHIM_LATE is the library built with that
# binding compiled out (Makefile, FX_TEST_BIND_LATE), so each is looked up
# at its first call. The calls then succeed as without the shim, an
# injected failure is the shim's record, a preload after it is its next
# definition: on every platform the library is built for (each passes its
# own twin: Tests/platforms/). Where the loader is glibc's it also says
# when it binds the shim's lookup (LD_DEBUG): in the constructor for the
# library, after the program started for SHIM_LATE. musl's loader has no
# such trace: there that one check is NOT RUN (the twin is still checked
# to be another build exporting the same calls).
# bound_when LIB CALL: "before" or "after" the program started, LIB's
# lookup of CALL was bound (the caller's own process only).
bound_when() {
	LD_DEBUG=libs,bindings LD_PRELOAD="$1" $RUN "$CALLER" "$2" 2>&1 >/dev/null |
		awk -v lib="$1" -v call="$2" '
			!pid { pid = $1 } $1 != pid { next }
			/transferring control/ { started = 1 }
			index($0, "binding file " lib " [0] to ") && index($0, "`" call "'"'"'") { print started ? "after" : "before"; exit }'
}
# This machine's own library has its twin beside it (make shim-test);
# another build's (a platform's, musl's) is given by its platform's test.
if [ -z "${SHIM_LATE:-}" ] && [ "$SHIM" = "$TOP/.build/release/libforkexplain.so" ]; then
	SHIM_LATE="$TOP/.build/shim/libforkexplain-bindlate.so"
fi
if [ -z "${SHIM_LATE:-}" ]; then
	not_run=$((not_run + 1))
	echo "NOT RUN (no late-binding build of $SHIM given: SHIM_LATE): the calls bound early, bound at first use instead"
elif [ ! -f "$SHIM_LATE" ]; then
	check "the late-binding build is there ($SHIM_LATE: its make target builds it)" false
else
	check "the late-binding twin is another build of the same calls ($SHIM_LATE)" \
		[ "$($NM -D --defined-only "$SHIM_LATE" | awk '{print $3}' | sort | tr '\n' ' ')" = "$exports" ]
	check "the late-binding twin is not the library itself" bash -c "! cmp -s '$SHIM' '$SHIM_LATE'"
	for c in pthread_create posix_spawn posix_spawnp; do
		want=$($RUN "$CALLER" "$c")
		got=$(FORKEXPLAIN_LOG="$WORK/late.jsonl" LD_PRELOAD="$SHIM_LATE" $RUN "$CALLER" "$c")
		log="$WORK/late-inject-$c.jsonl"
		injected=$(FORKEXPLAIN_INJECT="$c=EAGAIN" FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM_LATE" $RUN "$CALLER" "$c")
		after=$(FORKEXPLAIN_LOG="$WORK/late.jsonl" LD_PRELOAD="$SHIM_LATE $WORK/next.so" $RUN "$CALLER" "$c" 2>&1)
		if [ "$LIBC" = glibc ]; then
			when="$(bound_when "$SHIM" "$c") $(bound_when "$SHIM_LATE" "$c")"
			check "$c: bound in the constructor, or at its first call where not ($when)" [ "$when" = "before after" ]
		fi
		check "$c bound at its first call ($LIBC): succeeds, fails as injected, calls the next definition ($(echo $got / $injected / $after))" \
			[ "$got|$injected|$(records "$log") $(field "$log" 0 "d['call']['name'], d['call']['errno_name']")|$(shim_words "$after")" = \
			"$want|$c rc=11 err=11|1 $c EAGAIN|next: $c"$'\n'"$want" ]
	done
	check "no record from the calls bound at first use that succeeded" [ "$(records "$WORK/late.jsonl")" = 0 ]
	if [ "$LIBC" != glibc ]; then
		not_run=$((not_run + 1))
		echo "NOT RUN ($LIBC's loader has no LD_DEBUG to show when it binds): the twin's calls bound after the program started, not in its constructor"
	fi
fi

log="$WORK/inject-fork.jsonl"
check "record has a backtrace into the caller" \
	[ "$(field "$log" 0 "any(f.get('module','').endswith('/caller') for f in d['backtrace'])")" = True ]
check "record has no frame of the shim itself" \
	[ "$(field "$log" 0 "any('libforkexplain' in f.get('module','') for f in d['backtrace'])")" = False ]
check "record carries PID, limit and memory state" \
	[ "$(field "$log" 0 "all(k in d['pid'] for k in ('pid_max','threads_max','host_tasks','pid_ns')) and 'nproc' in d['limits'] and 'mem_available_kb' in d['memory']")" = True ]
check "record has no argv unless FORKEXPLAIN_CMDLINE=1" [ "$(field "$log" 0 "'argv' in d['process']")" = False ]
FORKEXPLAIN_CMDLINE=1 FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/argv.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork >/dev/null
check "FORKEXPLAIN_CMDLINE=1 records argv" [ "$(field "$WORK/argv.jsonl" 0 "d['process']['argv'][1:]")" = "['fork']" ]

# Peaks, and a swap or kmem counter's usage and failcnt, are read only
# where there is a limit (docs/log-format.md): the fixture machines' files
# hold numbers where there is none that must stay out of the record.
# These fixtures sit near their limits: a snapshot of them is what is
# checked, so the buffers are filled at the first task creation
# (FORKEXPLAIN_FILL=start; by default such a failure is a tally).
fixture_record() { # fixture_record NAME LOG: a failure replayed on cgroup fixture NAME
	local root="$TOP/Tests/cunit/fixtures/cgroup/$1"
	FORKEXPLAIN_PROC_ROOT="$root/proc" FORKEXPLAIN_SYS_ROOT="$root/sys" FORKEXPLAIN_FILL=start FORKEXPLAIN_INJECT=fork=ENOMEM \
		FORKEXPLAIN_LOG="$2" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork >/dev/null
}
fixture_record swap1 "$WORK/swap1.jsonl"
check "v1: memsw usage, peak and failcnt where memsw has a limit" \
	[ "$(field "$WORK/swap1.jsonl" 0 "[(m.get('memsw_current_bytes'), m.get('memsw_peak_bytes'), m.get('memsw_failcnt')) for m in d['cgroups']['memory']]")" = "[(1073741824, 1073741824, 42), (None, None, None), (None, None, None)]" ]
check "v1: kmem peak and failcnt under a kmem limit, its usage under any limit" \
	[ "$(field "$WORK/swap1.jsonl" 0 "[(m.get('kmem_current_bytes'), m.get('kmem_peak_bytes'), m.get('kmem_failcnt')) for m in d['cgroups']['memory']]")" = "[(8192000, None, None), (100000000, 110000000, 3), (None, None, None)]" ]
check "v1: the memory peak under a memory limit, usage and failcnt everywhere" \
	[ "$(field "$WORK/swap1.jsonl" 0 "[(m.get('peak_bytes'), m.get('current_bytes'), m.get('failcnt')) for m in d['cgroups']['memory']]")" = "[(600000000, 524288000, 0), (None, 2000000000, 0), (None, 3000000000, 0)]" ]
fixture_record swap2 "$WORK/swap2.jsonl"
check "v2: memory.peak under a numeric memory.max" \
	[ "$(field "$WORK/swap2.jsonl" 0 "[m.get('peak_bytes') for m in d['cgroups']['memory']]")" = "[1073741824, None, None]" ]
check "v2: swap.current under a numeric swap.max, swap.events under max too" \
	[ "$(field "$WORK/swap2.jsonl" 0 "[(m.get('swap_max_bytes'), m.get('swap_current_bytes'), m.get('swap_events')) for m in d['cgroups']['memory']]")" = "[(0, 0, {'max': 3, 'fail': 4}), ('max', None, {'max': 0, 'fail': 9}), (None, None, None)]" ]

# Which errnos are recorded.
FORKEXPLAIN_ERRNOS=EPERM FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/filter.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork >/dev/null
check "FORKEXPLAIN_ERRNOS=EPERM leaves ENOMEM unrecorded" [ "$(records "$WORK/filter.jsonl")" = 0 ]
FORKEXPLAIN_INJECT=fork=EINVAL FORKEXPLAIN_LOG="$WORK/filter.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork >/dev/null
check "EINVAL is not recorded by default" [ "$(records "$WORK/filter.jsonl")" = 0 ]
FORKEXPLAIN_ERRNOS=all FORKEXPLAIN_INJECT=fork=EINVAL FORKEXPLAIN_LOG="$WORK/filter.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork >/dev/null
check "FORKEXPLAIN_ERRNOS=all records EINVAL" [ "$(records "$WORK/filter.jsonl")" = 1 ]
FORKEXPLAIN_LOG="$WORK/s127.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" system127 >/dev/null
check "a command that really exits 127 is not a spawn failure" [ "$(records "$WORK/s127.jsonl")" = 0 ]

# A storm: one snapshot per interval, the rest counted, none lost.
log="$WORK/storm.jsonl"
FORKEXPLAIN_INTERVAL_MS=60000 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 200 >/dev/null
check "200 failures: one snapshot and one tally" \
	[ "$(field "$log" 0 "d['type']")/$(field "$log" 1 "d['type']")/$(records "$log")" = "failure/tally/2" ]
check "the tally carries the other 199" [ "$(field "$log" 1 "d['call']['suppressed']")" = 199 ]
FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/every.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 20 >/dev/null
check "FORKEXPLAIN_INTERVAL_MS=0 records every failure" [ "$(records "$WORK/every.jsonl")" = 20 ]

# FORKEXPLAIN_FILL=failure, the default: the record's buffers are filled
# at the first failure only when every memory cgroup level of the process
# has room (8 MiB) below its limit; else that failure is a tally that
# says which level and its numbers. `start` fills them at the first task
# creation, so a full cgroup still gets its snapshot. A /sys tree where
# each level of this shell's memory cgroups, v1 and v2, has LIMIT and
# USAGE (the real /proc, the real MemAvailable).
. "$TOP/Tests/lib/memcgtree.sh"
memcg_tree "$WORK/roomy" $((10 << 30)) $((1 << 20))
memcg_tree "$WORK/full" $((100 << 20)) $(((100 << 20) - (1 << 20)))
for tree in roomy full; do
	FORKEXPLAIN_SYS_ROOT="$WORK/$tree" FORKEXPLAIN_INTERVAL_MS=60000 FORKEXPLAIN_INJECT=fork=EAGAIN \
		FORKEXPLAIN_LOG="$WORK/fill-$tree.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 3 >/dev/null
done
FORKEXPLAIN_FILL=start FORKEXPLAIN_SYS_ROOT="$WORK/full" FORKEXPLAIN_INTERVAL_MS=60000 FORKEXPLAIN_INJECT=fork=EAGAIN \
	FORKEXPLAIN_LOG="$WORK/fill-start.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 3 >/dev/null
check "FORKEXPLAIN_FILL=failure with room: a snapshot, then the tally" \
	[ "$(field "$WORK/fill-roomy.jsonl" 0 "d['type']")/$(field "$WORK/fill-roomy.jsonl" 1 "d['call']['suppressed']")/$(records "$WORK/fill-roomy.jsonl")" = "failure/2/2" ]
fill_full="$(field "$WORK/fill-full.jsonl" 0 "d['type'], d['call']['suppressed'], d['call']['lost']")/$(records "$WORK/fill-full.jsonl")/$(grep -c '"type":"failure"' "$WORK/fill-full.jsonl")"
check "FORKEXPLAIN_FILL=failure 1 MiB below a limit: no snapshot, the failure a tally and lost ($fill_full)" \
	[ "$fill_full" = "tally 1 1/2/0" ]
why_full=$(field "$WORK/fill-full.jsonl" 0 "d['fill_refused']['reason'], d['fill_refused']['max_bytes'] - d['fill_refused']['current_bytes'], d['fill_refused']['need_bytes']")
check "the tally says which level had no room, with its numbers ($why_full)" [ "$why_full" = "memcg 1048576 8388608" ]
check "FORKEXPLAIN_FILL=start at the same level: a snapshot, then the tally" \
	[ "$(field "$WORK/fill-start.jsonl" 0 "d['type']")/$(records "$WORK/fill-start.jsonl")" = "failure/2" ]

# Failures held back (docs/log-format.md, "held"): a fork's child of a
# tree that had a failure with room, its memory level full and its log's
# directory moved away, has 3 pthread_create refused: each is held in the
# tree's tally area and said so on stderr, and its exit, the directory
# back, writes them as one tally with `held`; the errno the program got
# is the injected one each time (held.c fails otherwise).
$TCC -std=c11 -O1 -g -Wall -Wextra -Werror -o "$WORK/held" "$TOP/Tests/shim/held.c" -lpthread
held_run() { # held_run DIR MODE: held's 3 failures, its log DIR/l.jsonl, its sys tree DIR-sys
	memcg_tree "$WORK/$1-sys" $((100 << 20)) $((1 << 20))
	mkdir "$WORK/$1"
	FORKEXPLAIN_SYS_ROOT="$WORK/$1-sys" FORKEXPLAIN_INJECT=pthread_create=EAGAIN FORKEXPLAIN_LOG="$WORK/$1/l.jsonl" \
		LD_PRELOAD="$SHIM" $RUN "$WORK/held" "$MEMCG_LEAF" $((100 << 20)) "$WORK/$1" "$2" 3
}
err=$(held_run heldlog unwritable 2>&1 >/dev/null; echo "exit=$?")
want=$(for n in 1 2 3; do echo "forkexplain: cannot write $WORK/heldlog/l.jsonl (ENOENT): pthread_create failure held (EAGAIN), $n waiting"; done; echo exit=0)
check "3 failures without room, the log's directory gone: each held and said, 1 to 3 waiting" [ "$(shim_words "$err")" = "$want" ]
held=$(field "$WORK/heldlog/l.jsonl" 1 "d['type'], d['call']['name'], d['call']['suppressed'], d['call']['lost'], d['held']")
check "the child's exit writes them: one tally of 3 with held ($held)" \
	[ "$held/$(records "$WORK/heldlog/l.jsonl")" = "tally pthread_create 3 3 {'log_errno': 2, 'log_errno_name': 'ENOENT', 'fill': 'memcg', 'overflow': False}/2" ]
# The child ends with the directory still away: its exit says the 3 left
# held (were it the tree's last process, they would be lost, and said
# so); the parent puts the directory back and its exit writes them.
err=$(held_run heldgone gone 2>&1 >/dev/null; echo "exit=$?")
check "the child ends with the log still unopenable: the 3 left held said at its end ($(shim_words "$err" | tail -2 | head -1))" \
	[ "$(shim_words "$err" | tail -2)" = "$(printf '%s\n' "forkexplain: cannot write $WORK/heldgone/l.jsonl: 3 failures still held at this process's end, for the next writer of its tree (lost if none is left)" exit=0)" ]
held=$(field "$WORK/heldgone/l.jsonl" 1 "d['type'], d['call']['suppressed'], d['held']['log_errno_name']")
check "and the parent's exit, the log back, writes them ($held)" \
	[ "$held/$(records "$WORK/heldgone/l.jsonl")" = "tally 3 ENOENT/2" ]
# The flush at exec: the child, the directory back, execs grep, which
# finds the held tally already in the log (the parent has not ended).
got=$(held_run heldexec exec 2>/dev/null | tail -1)
held=$(field "$WORK/heldexec/l.jsonl" 1 "d['type'], d['call']['suppressed'], d['held']['log_errno_name']")
check "3 held, then exec: the held tally in the log when the exec'd program runs ($got found; $held)" \
	[ "$got/$held/$(records "$WORK/heldexec/l.jsonl")" = "1/tally 3 ENOENT/2" ]

# A log it cannot write changes nothing for the program.
want=$($RUN "$CALLER" fork 2>&1; echo "exit=$?")
got=$(FORKEXPLAIN_INJECT= FORKEXPLAIN_LOG=/nonexistent/dir/log.jsonl LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 2>&1; echo "exit=$?")
check "unwritable log: same output and status" [ "$got" = "$want" ]
got=$(FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG=/nonexistent/dir/log.jsonl LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 2>&1; echo "exit=$?")
check "unwritable log on failure: the program's own output, and one line with the count ($got)" \
	[ "$got" = "$(printf 'fork rc=-1 err=12\nforkexplain: cannot write /nonexistent/dir/log.jsonl: fork failures not recorded: 1 (ENOMEM)\nexit=0')" ]
echo keep >"$WORK/target"
ln -s "$WORK/target" "$WORK/link.jsonl"
FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/link.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork >/dev/null 2>&1
check "a symlink planted at the log path is not followed" [ "$(cat "$WORK/target")" = keep ]
# Only root can give a file to another user: without root this check is
# not run, and the tally says so.
if [ "$(id -u)" = 0 ]; then
	touch "$WORK/foreign.jsonl"
	chown 61234 "$WORK/foreign.jsonl"
	FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/foreign.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork >/dev/null 2>&1
	check "another user's file at the log path is not written" [ ! -s "$WORK/foreign.jsonl" ]
else
	not_run=$((not_run + 1))
	echo "NOT RUN (needs root): another user's file at the log path is not written"
fi
umask 022
FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/mode.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork >/dev/null
check "the log is created 0600" [ "$(stat -c %a "$WORK/mode.jsonl")" = 600 ]

# stderr only when asked.
err=$(FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/e.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 2>&1 >/dev/null)
check "silent on stderr by default" [ -z "$err" ]
err=$(FORKEXPLAIN_STDERR=1 FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$WORK/e.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 2>&1 >/dev/null)
check "FORKEXPLAIN_STDERR=1: one line naming the call and the log ($err)" \
	[ "$(grep -c . <<<"$err") $(grep -c "fork failed: ENOMEM.*$WORK/e.jsonl" <<<"$err")" = "1 1" ]
FORKEXPLAIN_LOG=- FORKEXPLAIN_INJECT=fork=ENOMEM LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 2>"$WORK/dash.jsonl" >/dev/null
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
$TCC -O1 -o "$WORK/badname" "$WORK/badname.c"
FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/badname.jsonl" LD_PRELOAD="$SHIM" $RUN "$WORK/badname"
got=$(/usr/bin/python3 -c "
import json,sys
raw=open(sys.argv[1],'rb').read()
d=json.loads(raw.decode('utf-8', 'strict'))
print(d['process']['comm'].encode('latin-1').hex())" "$WORK/badname.jsonl" 2>&1 | tail -1)
check "a name of invalid UTF-8 is written as valid UTF-8, each byte kept ($got)" \
	[ "$got" = eda080c0aff4908080e282 ]

# A writer killed in the middle of a record, inside a child PID namespace
# (its pid means nothing to the parent), must not keep the shared buffer
# from the rest of the tree: after the lease (shortened by the test hook),
# the parent's next failure is recorded.
if [ "$(id -u)" = 0 ]; then
	cat >"$WORK/deadwriter.c" <<'C'
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
static void die(int sig) { (void)sig; kill(getpid(), SIGKILL); }
static void *nothing(void *a) { return a; }
int main(void) {
	char *argv[] = { "true", NULL };
	pthread_t t;
	pid_t init, pid;
	int st = 0;
	if (unshare(CLONE_NEWPID) != 0) { perror("unshare"); return 2; }
	init = fork();
	if (init == 0) { /* pid 1 of the new namespace; its child is pid 2 */
		pid_t writer = fork();
		if (writer == 0) {
			signal(SIGALRM, die);
			alarm(1);
			posix_spawn(&pid, "/bin/true", NULL, NULL, argv, NULL);
			_exit(3);
		}
		waitpid(writer, &st, 0);
		_exit(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL ? 0 : 1);
	}
	waitpid(init, &st, 0);
	printf("writer %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "killed" : "not killed");
	sleep(2); /* past the writer's lease of 1 s: no race, the clock only grows */
	pthread_create(&t, NULL, nothing, NULL);
	return 0;
}
C
	$TCC -O1 -o "$WORK/deadwriter" "$WORK/deadwriter.c" -lpthread
	log="$WORK/deadwriter.jsonl"
	got=$(FORKEXPLAIN_TEST_LEASE_MS=1000 FORKEXPLAIN_TEST_STALL=posix_spawn=600000 \
		FORKEXPLAIN_INJECT=posix_spawn=EAGAIN,pthread_create=EAGAIN FORKEXPLAIN_LOG="$log" \
		LD_PRELOAD="$SHIM" timeout 60 $RUN "$WORK/deadwriter")
	n=$(/usr/bin/python3 -c "
import json,sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)['call']['name'] == 'pthread_create'))" "$log" 2>/dev/null)
	check "a writer killed holding the buffer in a child PID namespace: the parent's next failure is recorded ($got; ${n:-0} records)" \
		[ "$got/${n:-0}" = "writer killed/1" ]
else
	not_run=$((not_run + 1))
	echo "NOT RUN (needs root): a writer killed in a child PID namespace does not keep the buffer"
fi

# A writer stopped (SIGSTOP) while it holds the tree's snapshot buffer:
# the others neither wait for it nor lose a record; each of their 5
# failures (FORKEXPLAIN_INTERVAL_MS=0) gets its own snapshot, in a buffer
# of their own.
log="$WORK/stopped.jsonl"
got=$(FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_TEST_STALL=pthread_create=600000 \
	FORKEXPLAIN_INJECT=posix_spawn=EAGAIN,pthread_create=EAGAIN FORKEXPLAIN_LOG="$log" \
	LD_PRELOAD="$SHIM" timeout 60 $RUN "$WORK/ending" stopped 5 2>&1; echo "exit=$?")
got=$(shim_words "$got")
n=$(/usr/bin/python3 -c "
import json,sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)['type'] == 'failure' and json.loads(l)['call']['name'] == 'posix_spawn'))" "$log" 2>&1)
check "a writer stopped holding the snapshot buffer: the parent's 1 + 5 failures each recorded, no wait ($(echo $got); $n failure records)" \
	[ "$(echo $got)/$n" = "done exit=0/6" ]

# A writer that outlives its lease between its last check of it and its
# write (FORKEXPLAIN_TEST_STALL=...:write, a lease of 1 s): the next
# holder's record is written meanwhile, and when the first writes at last
# it writes its own record whole, not the buffer's new contents.
log="$WORK/lapsed.jsonl"
got=$(FORKEXPLAIN_TEST_LEASE_MS=1000 FORKEXPLAIN_TEST_STALL=posix_spawn=600000:write \
	FORKEXPLAIN_INJECT=posix_spawn=EAGAIN,pthread_create=EAGAIN FORKEXPLAIN_LOG="$log" \
	LD_PRELOAD="$SHIM" timeout 60 $RUN "$WORK/ending" lapsed 1500 2>&1)
got=$(shim_words "$got")
n=$(/usr/bin/python3 -c "
import json,sys
seen=[]
for l in open(sys.argv[1]):
    if not l.strip(): continue
    try: r=json.loads(l); seen.append(r['type'] + ' ' + r['call']['name'])
    except ValueError: seen.append('cut')
print(', '.join(sorted(seen)))" "$log" 2>&1)
check "a writer past its lease between its check and its write: both records whole, each its own ($got; $n)" \
	[ "$got/$n" = "child done/failure posix_spawn, failure pthread_create" ]

# A thread stopped in the write of a tally line (its process's failure
# stack held, FORKEXPLAIN_TEST_STALL=system=...:tally) keeps no other
# count waiting: the writer gives the tree's tally buffer back once its
# line is copied into its own, so another thread's first posix_spawn
# failure, which must make a line of its own, is in the log when the
# process is SIGKILLed right after it returned (before: the buffer was
# held for the 11 s lease and the count waited in memory). One interval
# for all: the thread's second failure is a tally however slow the
# machine (qemu).
log="$WORK/linestall.jsonl"
n=$(FORKEXPLAIN_INTERVAL_MS=600000 FORKEXPLAIN_TEST_STALL=system=600000:tally \
	FORKEXPLAIN_INJECT=posix_spawn=EAGAIN,system=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" \
	timeout 60 $RUN "$WORK/ending" linestall)
got=$(by_call "$log" 2>&1)
check "a writer stopped in its tally line's write: another thread's new line is written ($n returned; $got)" \
	[ "${n:-0}/$got" = "1/cut 0 posix_spawn 1 system 1" ]

# A writer off the failure stack (another thread of its process is
# stopped on it) that outlives its lease between its check and its write:
# it writes its own tally line, copied onto its stack, not the tree's
# buffer as the next holder (the parent's tally line) left it. Before: a
# cut line, and its count lost.
log="$WORK/lapsedline.jsonl"
got=$(FORKEXPLAIN_INTERVAL_MS=600000 FORKEXPLAIN_TEST_LEASE_MS=1000 FORKEXPLAIN_TEST_STALL=system=600000:tally \
	FORKEXPLAIN_INJECT=posix_spawn=EAGAIN,system=EAGAIN FORKEXPLAIN_LOG="$log" \
	LD_PRELOAD="$SHIM" timeout 90 $RUN "$WORK/ending" lapsedline 1500 2>&1)
got=$(shim_words "$got")
n=$(by_call "$log" 2>&1)
check "a writer off the failure stack past its lease between its check and its write: its own line, whole ($got; $n)" \
	[ "$got/$n" = "child done/cut 0 posix_spawn 3 system 3" ]

# Every failure counted, however the process ends: by exit, _exit, _Exit,
# abort, either kind of exec, or a signal no one can catch or that kills
# (SIGKILL, a real SIGSEGV), the 1000 failures are in the log.
for how in exit _exit _Exit abort execv execl return SIGKILL SIGSEGV; do
	log="$WORK/end-$how.jsonl"
	(ulimit -c 0; FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" \
		$RUN "$WORK/ending" end 1000 "$how"; true) 2>/dev/null
	check "1000 failures, then $how: all counted ($(counted "$log"))" [ "$(counted "$log")" = "1000 0" ]
done
# A thread failing without end, SIGKILLed mid-storm at no chosen moment:
# every failure that returned to the program is in the log (at most the
# one in flight more).
log="$WORK/killed.jsonl"
n=$(FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" $RUN "$WORK/ending" killed 1 300)
read -r logged bad <<<"$(counted "$log")"
# A kill can cut the write in progress (docs/kernel-facts.md §6.26).
[ "$bad" -le 1 ] || logged=-1
between() { [ "${1:-0}" -gt 0 ] && [ "$2" -ge "$1" ] && [ "$2" -le $(($1 + $3)) ]; }
check "a storm SIGKILLed: all $n failures returned are counted ($logged counted, $bad cut lines)" \
	between "$n" "$logged" 1
# The same with T threads failing at once, 30 times, killed 40 to 340 ms
# after the first failure returned: in every run each failure returned is
# counted, and at most the T in flight more (docs/design.md, "Counts that
# outlive the process"). 64 threads are more than a rate's 16 tally
# lines: the others wait for a line. The failures are injected; the
# child's threads are T, and it is killed by its pid. The kill can cut
# the one write(2) in progress at a page boundary (docs/kernel-facts.md
# §6.26): one cut line is allowed, its count being one still in flight.
for threads in 8 64; do
	runs=30 good=0 missed=""
	for i in $(seq $runs); do
		log="$WORK/killed$threads-$i.jsonl"
		n=$(FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" \
			$RUN "$WORK/ending" killed $threads $((40 + i * 97 % 300)))
		read -r logged bad <<<"$(counted "$log")"
		if [ "$bad" -le 1 ] && between "$n" "$logged" $threads; then
			good=$((good + 1))
		else
			missed="$missed; run $i: $n returned, $logged counted, $bad cut"
		fi
		rm -f "$log"
	done
	check "$threads threads SIGKILLed mid-storm, $runs runs: every failure returned counted in each ($good of $runs$missed)" \
		[ "$good" = "$runs" ]
done

# The tally line's count is raised in place: a log truncated and filled
# again under the process (copytruncate) is never written into; the
# failures after go to a new line.
log="$WORK/truncated.jsonl"
FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" $RUN "$WORK/ending" pause 5 5 &
pid=$!
for i in $(seq 600); do grep -q "^State:.*T" /proc/$pid/status 2>/dev/null && break; sleep 0.1; done
before=$(counted "$log")
# Longer than what was there: the old count's offset lies inside it.
filler=$(printf '{"filler":"%065536d"}' 0)
: >"$log" && echo "$filler" >>"$log" && kill -CONT $pid && wait $pid
check "before the log was truncated: 5 counted ($before)" [ "$before" = "5 0" ]
tail -n +2 "$log" >"$WORK/after.jsonl"
check "truncated and filled again: the filler left whole, the 5 failures after counted in new lines" \
	[ "$(head -1 "$log" | cksum)/$(counted "$WORK/after.jsonl")" = "$(echo "$filler" | cksum)/5 0" ]

# Worker processes forked from one parent, failing at once from several
# threads each, and ending by exit or _exit: none of their counts lost,
# in 20 runs of each.
for how in exit _exit; do
	runs=20 good=0 missed=""
	for i in $(seq $runs); do
		log="$WORK/workers-$how-$i.jsonl"
		FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" \
			$RUN "$WORK/ending" workers 4 8 200 "$how"
		got=$(counted "$log")
		if [ "$got" = "6401 0" ]; then good=$((good + 1)); else missed="$missed; run $i: $got"; fi
		rm -f "$log"
	done
	check "4 workers x 8 threads x 200 failures + 1, workers ending by $how, $runs runs: all counted in each ($good of $runs$missed)" \
		[ "$good" = "$runs" ]
done
# The log's size, apart from how long the storm lasts (one snapshot per
# interval): with one interval for all of it, the first failure's record,
# and per worker one snapshot and a tally line for each of its threads
# that counted at the same instant as others (8 at most).
log="$WORK/workers-size.jsonl"
FORKEXPLAIN_INTERVAL_MS=600000 FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" \
	$RUN "$WORK/ending" workers 8 8 200 exit
lines=$(records "$log")
check "8 workers x 8 threads x 200 failures in one interval: all counted in 1 + 8 x (1 + at most 8) lines ($(counted "$log"); $lines lines)" \
	[ "$(counted "$log")" = "12801 0" ] && [ "$lines" -ge 17 ] && [ "$lines" -le 73 ]
# The fd table full: no record can be written; the counts wait for the
# next record that can be, or are said on stderr at exit.
log="$WORK/fdfull.jsonl"
FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" $RUN "$WORK/ending" fdfull 3 1
check "3 failures with the fd table full, one descriptor freed before exit: all 3 counted ($(counted "$log"))" \
	[ "$(counted "$log")" = "3 0" ]
rm -f "$log"
err=$(FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" $RUN "$WORK/ending" fdfull 3 0 2>&1)
check "3 failures with the fd table full to the end: one line on stderr with the count ($err)" \
	[ "$err" = "forkexplain: cannot write $log: posix_spawn failures not recorded: 3 (EAGAIN)" ]
# The same, and a storm whose counts wait in memory (FORKEXPLAIN_LOG=-),
# with FORKEXPLAIN_FILL=start: its own pages are filled at the first task
# creation, not at a failure, and the flush at exit must run all the same
# (before branch fillstart it never did: none counted, nothing said).
log="$WORK/fdfull-start.jsonl"
FORKEXPLAIN_FILL=start FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" \
	$RUN "$WORK/ending" fdfull 3 1
got=$(counted "$log" 2>/dev/null || echo "no log")
check "FORKEXPLAIN_FILL=start: 3 failures with the fd table full, one freed before exit: all 3 counted ($got)" \
	[ "$got" = "3 0" ]
rm -f "$log"
err=$(FORKEXPLAIN_FILL=start FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" \
	$RUN "$WORK/ending" fdfull 3 0 2>&1)
check "FORKEXPLAIN_FILL=start: the fd table full to the end, the count said on stderr ($err)" \
	[ "$err" = "forkexplain: cannot write $log: posix_spawn failures not recorded: 3 (EAGAIN)" ]
FORKEXPLAIN_FILL=start FORKEXPLAIN_LOG=- FORKEXPLAIN_INTERVAL_MS=60000 FORKEXPLAIN_INJECT=fork=EAGAIN LD_PRELOAD="$SHIM" \
	$RUN "$CALLER" fork 200 2>"$WORK/dash-start.jsonl" >/dev/null
got=$(by_call "$WORK/dash-start.jsonl" 2>&1)
check "FORKEXPLAIN_FILL=start, FORKEXPLAIN_LOG=-: 200 failures, the 199 counted in memory written at exit ($got)" \
	[ "$got" = "cut 0 fork 200" ]

# The log is written only to the writer's own regular file with one link,
# and a refusal is said once, on the failure path only.
echo keep >"$WORK/mine"
ln "$WORK/mine" "$WORK/linked.jsonl"
err=$(FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$WORK/linked.jsonl" \
	LD_PRELOAD="$SHIM" $RUN "$WORK/ending" end 3 exit 2>&1)
check "a hard-linked file at the log path is not written" [ "$(cat "$WORK/mine")" = keep ]
check "and the refusal is said once, with why ($err)" \
	[ "$(grep -c "^forkexplain: not writing to $WORK/linked.jsonl: it has 2 links$" <<<"$err")/$(grep -c 'not writing' <<<"$err")" = 1/1 ]
err=$(FORKEXPLAIN_LOG="$WORK/linked.jsonl" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 2>&1 >/dev/null)
check "nothing said when nothing failed ($err)" [ -z "$err" ]
long=$(printf '/tmp/%0600d' 0)
err=$(FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$long" LD_PRELOAD="$SHIM" $RUN "$CALLER" fork 2>&1 >/dev/null | head -1)
check "a FORKEXPLAIN_LOG too long is refused with a message ($err)" \
	[ "$err" = "forkexplain: not writing to a log: FORKEXPLAIN_LOG is longer than 511 bytes" ]
if [ "$(id -u)" = 0 ]; then
	# root's default path, in a /tmp of our own: a root-owned file that
	# someone hard-linked there (fs.protected_hardlinks=0 lets anyone) is
	# not appended to, nor is another user's file, nor the default path
	# when FORKEXPLAIN_LOG is too long.
	mkdir "$WORK/newtmp"
	got=$(unshare -m bash -c '
		mount --make-rprivate / && mount -t tmpfs -o size=1m fx-tmp "$4" || exit 1
		mkdir "$4/bin" && cp "$1" "$2" "$4/bin/" && mount --move "$4" /tmp || exit 1
		shim=/tmp/bin/${1##*/} caller=/tmp/bin/${2##*/}
		echo "export PATH=/usr/bin" >/tmp/profile && ln /tmp/profile /tmp/forkexplain-0.jsonl
		r1=$(env -u FORKEXPLAIN_LOG FORKEXPLAIN_INJECT=fork=ENOMEM LD_PRELOAD=$shim $RUN $caller fork 2>/dev/null)
		a=$(cat /tmp/profile)
		rm /tmp/forkexplain-0.jsonl && touch /tmp/forkexplain-0.jsonl && chown 61234 /tmp/forkexplain-0.jsonl
		r2=$(env -u FORKEXPLAIN_LOG FORKEXPLAIN_INJECT=fork=ENOMEM LD_PRELOAD=$shim $RUN $caller fork 2>/dev/null)
		b=$(stat -c %s /tmp/forkexplain-0.jsonl) && rm /tmp/forkexplain-0.jsonl
		r3=$(FORKEXPLAIN_LOG="$3" FORKEXPLAIN_INJECT=fork=ENOMEM LD_PRELOAD=$shim $RUN $caller fork 2>/dev/null)
		echo "$r1/$a/$r2/$b/$r3/$(ls /tmp | tr "\n" " ")"' fx "$SHIM" "$CALLER" "$long" "$WORK/newtmp")
	check "root: a hard link at its default path, another user's file there, a too long FORKEXPLAIN_LOG: nothing written ($got)" \
		[ "$got" = "fork rc=-1 err=12/export PATH=/usr/bin/fork rc=-1 err=12/0/fork rc=-1 err=12/bin profile " ]

	# A full disk: a record cut short by it must not swallow the next one.
	mkdir "$WORK/small"
	got=$(unshare -m bash -c '
		mount --make-rprivate / && mount -t tmpfs -o size=256k fx-full "$1" || exit 1
		head -c $((62 * 4096)) /dev/zero >"$1/filler"
		FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$1/log.jsonl" \
			LD_PRELOAD="$2" $RUN "$3" pause 11 5 &
		pid=$!
		for i in $(seq 600); do grep -q "^State:.*T" /proc/$pid/status 2>/dev/null && break; sleep 0.1; done
		full=$(stat -c %s "$1/log.jsonl")
		rm "$1/filler" && kill -CONT $pid && wait $pid
		cp "$1/log.jsonl" "$4/full.jsonl"
		echo "$full"' fx "$WORK/small" "$SHIM" "$WORK/ending" "$WORK")
	read -r n bad <<<"$(counted "$WORK/full.jsonl")"
	check "a full disk: 16 failures, 11 of them while full, all counted once space returned ($n; $bad lines cut short)" \
		[ "$n" = 16 ] && [ "$bad" -le 1 ]

	# The same with one interval for all the failures, ending by exit and
	# by SIGKILL: the next failure after space returned writes what waited
	# in memory, within the interval too (before, a refused tally line was
	# tried again only at the next snapshot, and a SIGKILL left 1 of 11).
	# Killed while the disk is still full, what waits in memory is lost:
	# it cannot be written anywhere (docs/design.md).
	for how in exit SIGKILL; do
		got=$(unshare -m bash -c '
			mount --make-rprivate / && mount -t tmpfs -o size=64k fx-full "$1" || exit 1
			echo "a line that is no record" >"$1/log.jsonl" && chmod 600 "$1/log.jsonl"
			head -c $((64 * 1024)) /dev/zero >"$1/filler" 2>/dev/null
			FORKEXPLAIN_INTERVAL_MS=600000 FORKEXPLAIN_INJECT=posix_spawn=EAGAIN \
				FORKEXPLAIN_LOG="$1/log.jsonl" LD_PRELOAD="$2" $RUN "$3" diskfull 6 5 "$5" &
			pid=$!
			for i in $(seq 600); do grep -q "^State:.*T" /proc/$pid/status 2>/dev/null && break; sleep 0.1; done
			rm "$1/filler" && kill -CONT $pid && { wait $pid; true; }
			cp "$1/log.jsonl" "$4/full-$5.jsonl" && echo ok' fx "$WORK/small" "$SHIM" "$WORK/ending" "$WORK" "$how" 2>/dev/null)
		read -r n bad <<<"$(counted "$WORK/full-$how.jsonl" 2>/dev/null)"
		check "a full disk, one interval: 11 failures, 6 while full, then $how: all counted once space returned ($got; $n; $bad lines no record)" \
			[ "$got/$n" = "ok/11" ]
	done
else
	not_run=$((not_run + 3))
	echo "NOT RUN (needs root): root's default path in a /tmp of its own; a full disk (2 checks)"
fi

# The shim's own setup failing (no memory to map its buffers) changes
# nothing for a successful call, errno included.
want=$($RUN "$WORK/ending" errno)
got=$(LD_PRELOAD="$SHIM" FORKEXPLAIN_LOG="$WORK/errno.jsonl" $RUN "$WORK/ending" errno)
check "setup without memory: a successful fork leaves errno as it was ($got)" [ "$got" = "$want" ]

# A failure inside a signal handler on an 8 KiB alternate stack (with a
# guard page): the failure path runs on a stack of its own, and the
# record is written.
log="$WORK/altstack.jsonl"
got=$(FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=posix_spawn=EAGAIN FORKEXPLAIN_LOG="$log" LD_PRELOAD="$SHIM" \
	$RUN "$WORK/ending" altstack 2>&1; echo "exit=$?")
check "a failure in a handler on an 8 KiB alternate stack: no crash, recorded ($(echo $got); $(records "$log") records)" \
	[ "$(echo $got)/$(records "$log")" = "handler returned exit=0/2" ]

# Many threads failing at once: every line whole.
cat >"$WORK/threads.c" <<'C'
#include <pthread.h>
#include <unistd.h>
static void *work(void *a) { for (int i = 0; i < 50; i++) if (fork() == 0) _exit(0); return a; }
int main(void) { pthread_t t[8]; for (int i = 0; i < 8; i++) pthread_create(&t[i], 0, work, 0);
	for (int i = 0; i < 8; i++) pthread_join(t[i], 0); return 0; }
C
$TCC -O1 -o "$WORK/threads" "$WORK/threads.c" -lpthread
FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/mt.jsonl" LD_PRELOAD="$SHIM" $RUN "$WORK/threads"
# counted() skips a blank line as readers do: a writer that saw another's
# append part-way leaves one (above); a line that does not parse is counted.
n=$(counted "$WORK/mt.jsonl" 2>&1)
check "8 threads x 50 failures: every line parses and all 400 are counted ($n: counted, unparsed)" [ "$n" = "400 0" ]

check "every record names its C library ($LIBC)" \
	[ "$(field "$WORK/inject-fork.jsonl" 0 "d['libc'], bool(d.get('libc_version'))")" = "$LIBC True" ]

echo "shim ($LIBC): $pass passed, $failed failed"
[ "$not_run" -eq 0 ] || echo "NOT RUN: $not_run shim checks (each said above why)"
[ "$failed" -eq 0 ]
