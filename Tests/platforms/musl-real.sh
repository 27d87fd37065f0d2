#!/usr/bin/env bash
# What is musl's own in the musl build (docs/libc-facts.md): the link, the
# release it records, every wrapped call refused by the kernel for real,
# and each library standing aside in the other C library's programs.
#
# Natively by default; Tests/platforms/musl-arm64.sh runs it for aarch64
# under qemu-user with MUSL_ARCH, MUSL_CC, GLIBC_CC, MUSL_NM, MUSL_READELF,
# MUSL_RUN (the emulator the programs run under) and MUSL_PIDS_MAX (the
# emulator's own threads count in the pids cgroup).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
ARCH=${MUSL_ARCH:-$(uname -m)}
MUSL_CC=${MUSL_CC:-musl-gcc}
GLIBC_CC=${GLIBC_CC:-cc}
NM=${MUSL_NM:-nm}
READELF=${MUSL_READELF:-readelf}
RUN=${MUSL_RUN:-}
PIDS_MAX=${MUSL_PIDS_MAX:-1}
MUSL_SHIM="$TOP/.build/$ARCH-musl/libforkexplain-musl.so"
GLIBC_SHIM=${GLIBC_SHIM:-"$TOP/.build/release/libforkexplain.so"}
LOADER=/lib/ld-musl-$ARCH.so.1
WORK=$(mktemp -d /tmp/forkexplain-musl.XXXXXX)
CG=""
cleanup() {
	[ -n "$CG" ] && rmdir "$CG" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
. "$TOP/Tests/lib/checks.sh"
records() { if [ -f "$1" ]; then grep -c . "$1"; else echo 0; fi; }
field() { /usr/bin/python3 -c "import json,sys; d=[json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2])]; print($3)" "$1" "$2"; }

[ -f "$GLIBC_SHIM" ] || { echo "FAIL: build first: make build"; exit 1; }
[ -x "$LOADER" ] || { echo "FAIL: no musl loader at $LOADER (scripts/install-deps.sh platforms)"; exit 1; }
$MUSL_CC -std=c11 -O1 -g -Wall -Wextra -Werror -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" \
	-lpthread -lutil || exit 1
$GLIBC_CC -std=c11 -O1 -g -Wall -Wextra -Werror -I"$TOP/CShim/common" -o "$WORK/gcaller" "$TOP/Tests/shim/caller.c" \
	-lpthread -lutil || exit 1
CALLS=$($RUN "$WORK/caller" --list | tr '\n' ' ')

# The link: musl's loader runs the programs; the library needs nothing
# but what musl's libc.so defines, and names no library at all.
check "the test program runs under musl's loader" \
	[ "$($READELF -lW "$WORK/caller" | sed -n 's/.*interpreter: \(.*\)]/\1/p')" = "$LOADER" ]
check "the musl library has no DT_NEEDED (glibc's loader must be able to load it)" \
	[ -z "$($READELF -d "$MUSL_SHIM" | grep NEEDED)" ]
missing=$(comm -23 <($NM -D --undefined-only "$MUSL_SHIM" | awk '$1 == "U" {print $2}' | sort -u) \
	<($NM -D --defined-only "$LOADER" | awk '{print $3}' | sort -u) | tr '\n' ' ')
check "every symbol it uses is defined by musl's libc.so (${missing:-none missing})" [ -z "$missing" ]

# The release, as musl's loader prints it.
want=$($RUN "$LOADER" 2>&1 | sed -n 's/^Version //p')
FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/v.jsonl" LD_PRELOAD="$MUSL_SHIM" $RUN "$WORK/caller" fork >/dev/null
check "the record names $ARCH, and the release its loader prints ($want)" \
	[ "$(field "$WORK/v.jsonl" 0 "d['arch'], d['libc'], d['libc_version'], 'glibc' in d")" = "$ARCH musl $want False" ]
check "the backtrace reaches the caller" \
	[ "$(field "$WORK/v.jsonl" 0 "any(f.get('module','').endswith('/caller') for f in d['backtrace'])")" = True ]
# musl's libc.so has no unwind tables: the walk must end there, not read
# stack words as return addresses (docs/libc-facts.md §3).
for c in fork popen pthread_create; do
	FORKEXPLAIN_INJECT=$c=EAGAIN FORKEXPLAIN_LOG="$WORK/bt-$c.jsonl" LD_PRELOAD="$MUSL_SHIM" $RUN "$WORK/caller" $c >/dev/null
	frames=$(field "$WORK/bt-$c.jsonl" 0 "' '.join(f.get('module', hex(f.get('pc', 0)) if isinstance(f.get('pc'), int) else str(f.get('pc'))) for f in d['backtrace'])")
	check "$c: every frame of the backtrace is in a module ($frames)" \
		[ "$(field "$WORK/bt-$c.jsonl" 0 "all(f.get('module') for f in d['backtrace'])")" = True ]
done
# Started by hand through the loader, the libc is still found.
FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/v2.jsonl" LD_PRELOAD="$MUSL_SHIM" $RUN "$LOADER" "$WORK/caller" fork >/dev/null
check "started as '$LOADER caller': the same release" [ "$(field "$WORK/v2.jsonl" 0 "d['libc_version']")" = "$want" ]

# Every wrapped call refused by the kernel: a pids cgroup that holds the
# program alone. musl gives the kernel's EAGAIN everywhere (docs/libc-facts.md
# §2), system() -1; one record each, by the entry the program called.
PIDS=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
if [ "$(id -u)" != 0 ] || [ -z "$PIDS" ]; then
	bad "real failures need root and a v1 pids hierarchy (uid $(id -u), pids at '${PIDS:-none}')"
else
	CG="$PIDS/forkexplain-musl-$$"
	mkdir "$CG" && echo "$PIDS_MAX" >"$CG/pids.max"
	for c in $CALLS; do
		log="$WORK/real-$c.jsonl"
		# The library is set for the program alone: this sh may be another
		# architecture's, whose loader would complain of it.
		got=$(FORKEXPLAIN_LOG="$log" timeout 30 \
			sh -c "echo \$\$ >'$CG/cgroup.procs' && LD_PRELOAD='$MUSL_SHIM' exec $RUN '$WORK/caller' $c" 2>&1)
		case $c in
		pthread_create | posix_spawn | posix_spawnp) want="$c rc=11 err=11" ;;
		*) want="$c rc=-1 err=11" ;;
		esac
		check "$c in a full pids cgroup: EAGAIN reaches the caller ($got)" [ "$got" = "$want" ]
		check "$c: one real record, by $c, EAGAIN, not injected, musl" \
			[ "$(records "$log") $(field "$log" 0 "d['call']['name'], d['call']['errno_name'], d['call'].get('injected', False), d['libc']")" = "1 $c EAGAIN False musl" ]
	done
	log="$WORK/real-fork.jsonl"
	check "the record shows the cgroup that refused (pids.max $PIDS_MAX)" \
		[ "$(field "$log" 0 "[(l['path'], l.get('max')) for l in d['cgroups']['pids']][0]")" = "('/forkexplain-musl-$$', $PIDS_MAX)" ]
fi

# Each library in a program of the other C library: the program runs as
# without it, nothing is recorded, and FORKEXPLAIN_STDERR=1 says why.
# Under an emulator the programs they exec are this machine's, whose
# loader cannot preload the other architecture's library and says so:
# not the shim's words, so not compared.
own_words() {
	if [ -n "$RUN" ]; then grep -v "^ERROR: ld.so: object .* cannot be preloaded"; else cat; fi
}
for c in $CALLS; do
	want=$($RUN "$WORK/caller" "$c")
	got=$(FORKEXPLAIN_INJECT="$c=EAGAIN" FORKEXPLAIN_LOG="$WORK/cross-m.jsonl" LD_PRELOAD="$GLIBC_SHIM" $RUN "$WORK/caller" "$c" 2>&1 | own_words)
	check "glibc library in a musl program: $c as without it, injection ignored ($got)" [ "$got" = "$want" ]
	want=$($RUN "$WORK/gcaller" "$c")
	got=$(FORKEXPLAIN_INJECT="$c=EAGAIN" FORKEXPLAIN_LOG="$WORK/cross-g.jsonl" LD_PRELOAD="$MUSL_SHIM" $RUN "$WORK/gcaller" "$c" 2>&1 | own_words)
	check "musl library in a glibc program: $c as without it, injection ignored ($got)" [ "$got" = "$want" ]
done
check "neither recorded anything" [ "$(records "$WORK/cross-m.jsonl")/$(records "$WORK/cross-g.jsonl")" = 0/0 ]
err=$(FORKEXPLAIN_STDERR=1 LD_PRELOAD="$GLIBC_SHIM" $RUN "$WORK/caller" fork 2>&1 >/dev/null)
check "FORKEXPLAIN_STDERR=1: the glibc library says it stands aside ($err)" \
	[ "$err" = "forkexplain: libforkexplain.so is built for glibc and this program runs on musl: nothing is recorded; preload libforkexplain-musl.so instead (forkexplain run picks it)" ]
err=$(FORKEXPLAIN_STDERR=1 LD_PRELOAD="$MUSL_SHIM" $RUN "$WORK/gcaller" fork 2>&1 >/dev/null)
check "FORKEXPLAIN_STDERR=1: the musl library says it stands aside ($err)" \
	[ "$err" = "forkexplain: libforkexplain-musl.so is built for musl and this program runs on glibc: nothing is recorded; preload libforkexplain.so instead (forkexplain run picks it)" ]
# A musl program whose system() runs glibc's /bin/sh: the inherited musl
# library must not stop the shell from loading. Under an emulator the
# shell is this machine's own, not the program's architecture: that check
# cannot be made there, and is counted as not run, not passed.
if [ -z "$RUN" ]; then
	got=$(FORKEXPLAIN_LOG="$WORK/sh.jsonl" LD_PRELOAD="$MUSL_SHIM" "$WORK/caller" system 2>&1)
	check "a musl program's system() starts glibc's /bin/sh with the musl library inherited ($got)" \
		[ "$got" = "system rc=0 err=0" ]
else
	echo "NOT RUN under $RUN: system() with the library inherited by glibc's /bin/sh (the shell qemu-user" \
		"starts is this machine's $(uname -m) one, not an $ARCH glibc program)"
fi

echo "musl: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
