#!/usr/bin/env bash
# make platforms-arm64-musl: the musl library cross-built for aarch64
# (Alpine on arm64 servers), tested under qemu-aarch64-static with musl's
# aarch64 loader (Debian's musl:arm64). The shim's whole contract with
# programs built by aarch64-linux-musl-gcc, then musl-real.sh's checks
# (the link, the release, every call refused by a pids cgroup, each
# library standing aside in the other C library's programs). What qemu-user
# cannot show is printed as NOT RUN and is in the README's limits. A tool
# missing fails the run: nothing here passes untested.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SO="$TOP/.build/aarch64-musl/libforkexplain-musl.so"
GLIBC_SO="$TOP/.build/aarch64-glibc/libforkexplain.so"
LOADER=/lib/ld-musl-aarch64.so.1
# -L: the glibc test programs find the arm64 glibc there; musl's loader is
# not there, so qemu takes it from this machine's /lib.
QEMU="qemu-aarch64-static -L /usr/aarch64-linux-gnu"
# Debian's aarch64-linux-musl-gcc is its glibc cross compiler with musl's
# specs: its default outline atomics need glibc's __getauxval from
# libgcc, so a program using atomics does not link without this.
MCC="aarch64-linux-musl-gcc -mno-outline-atomics"
status=0

. "$TOP/Tests/lib/needs.sh"

need_tools platforms-arm64-musl "platforms musl-arm64" aarch64-linux-musl-gcc aarch64-linux-gnu-gcc \
	aarch64-linux-gnu-nm aarch64-linux-gnu-readelf qemu-aarch64-static python3
[ -x "$LOADER" ] || { echo "platforms-arm64-musl: NOT RUN: no musl loader at $LOADER (scripts/install-deps.sh musl-arm64)" >&2; exit 1; }
need_built platforms-arm64-musl platforms-arm64-musl "$SO" "$GLIBC_SO"

echo "== the shim's contract, aarch64 musl, under qemu-aarch64"
SHIM="$SO" SHIM_LATE="${ARM64_MUSL_SHIM_LATE:-$TOP/.build/aarch64-musl/libforkexplain-musl-bindlate.so}" \
	SHIM_CC="$MCC" SHIM_LIBC=musl SHIM_NM=aarch64-linux-gnu-nm \
	SHIM_READELF=aarch64-linux-gnu-readelf SHIM_RUN="$QEMU" bash "$TOP/Tests/shim/run.sh" || status=1

# qemu-user is two tasks before the program makes any (itself and its RCU
# thread; seen here: with pids.max 1 qemu stops with "qemu_thread_create:
# Resource temporarily unavailable"), so the cgroup holds 2.
echo "== musl's own, aarch64, under qemu-aarch64"
MUSL_ARCH=aarch64 MUSL_CC="$MCC" GLIBC_CC=aarch64-linux-gnu-gcc MUSL_NM=aarch64-linux-gnu-nm \
	MUSL_READELF=aarch64-linux-gnu-readelf MUSL_RUN="$QEMU" MUSL_PIDS_MAX=2 GLIBC_SHIM="$GLIBC_SO" \
	bash "$TOP/Tests/platforms/musl-real.sh" || status=1

# forkexplain run on an aarch64 musl program (docs/libc-facts.md §5): it
# chooses the aarch64 musl library put beside it, and without one refuses
# to run the program rather than preload this machine's, which musl's
# loader would stop the program on.
echo "== forkexplain run, an aarch64 musl program"
. "$TOP/Tests/lib/checks.sh"
FX="$TOP/.build/release/forkexplain"
WORK=$(mktemp -d /tmp/forkexplain-musl-arm64.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
$MCC -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil || exit 1
FORKEXPLAIN_INJECT=fork=EAGAIN "$FX" run --log "$WORK/run.jsonl" -- "$WORK/caller" fork >"$WORK/out" 2>"$WORK/err"
rc=$?
chose="runs on musl ($LOADER): preloading $(readlink -f "$TOP/.build/release")/aarch64-musl/libforkexplain-musl.so"
check "run chose the aarch64 musl library beside it ($(head -1 "$WORK/err"))" grep -qF "$chose" "$WORK/err"
if [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
	check "run: the program ran under binfmt_misc's qemu and its fork failure was recorded (exit $rc)" \
		[ "$rc/$(cat "$WORK/out")" = "0/fork rc=-1 err=11" ]
else
	check "run: this kernel cannot start an aarch64 program itself (no binfmt_misc entry): exec format error, exit 126" \
		[ "$rc" = 126 ]
	echo "NOT RUN here: the aarch64 program run by forkexplain run to its end (the kernel has no binfmt_misc" \
		"qemu-aarch64 entry, and registering one changes the host); its library choice is checked above"
fi
mkdir "$WORK/elsewhere"
cp "$FX" "$WORK/elsewhere/forkexplain"
"$WORK/elsewhere/forkexplain" run --log "$WORK/run2.jsonl" -- "$WORK/caller" fork >"$WORK/out" 2>"$WORK/err"
rc=$?
refused() {
	[ "$rc" = 2 ] && [ ! -s "$WORK/out" ] &&
		grep -q "is built for aarch64 and this forkexplain runs on $(uname -m)" "$WORK/err"
}
check "run without an aarch64 musl library refuses, exit 2, nothing run ($(cat "$WORK/err"))" refused
[ "$failed" -eq 0 ] || status=1

[ "$status" = 0 ] && echo "platforms-arm64-musl: all passed" || echo "platforms-arm64-musl: FAILED"
exit "$status"
