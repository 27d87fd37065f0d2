#!/usr/bin/env bash
# `make platforms-musl`: the musl build of the shim (docs/libc-facts.md).
# The shim's whole contract (Tests/shim/run.sh) with programs built by
# musl-gcc, which run under musl's loader; then what is musl's own: the
# link, the release it records, every wrapped call failing for real in a
# pids cgroup, each library standing aside in the other C library's
# programs, and `forkexplain run` choosing the musl library (musl-run.sh).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
ARCH=$(uname -m)
MUSL_SHIM="$TOP/.build/$ARCH-musl/libforkexplain-musl.so"
status=0

command -v musl-gcc >/dev/null || { echo "FAIL: musl-gcc is not installed (scripts/install-deps.sh platforms)"; exit 1; }
[ -f "$MUSL_SHIM" ] || { echo "FAIL: no $MUSL_SHIM: make musl-shim"; exit 1; }

# Its late-binding twin (make platforms-musl builds it) runs the calls
# bound at first use under musl's loader too.
MUSL_SHIM_LATE=${MUSL_SHIM_LATE:-"$TOP/.build/$ARCH-musl/libforkexplain-musl-bindlate.so"}
SHIM="$MUSL_SHIM" SHIM_LATE="$MUSL_SHIM_LATE" SHIM_CC=musl-gcc SHIM_LIBC=musl bash "$TOP/Tests/shim/run.sh" || status=1
bash "$TOP/Tests/platforms/musl-real.sh" || status=1
bash "$TOP/Tests/platforms/musl-run.sh" || status=1
[ "$status" = 0 ] && echo "platforms-musl: all passed" || echo "platforms-musl: FAILED"
exit "$status"
