#!/usr/bin/env bash
# The high-water mark of a report's spill files (docs/performance.md,
# "Held events: the spill file compacted"): they are unlinked when made,
# so no directory listing shows them; this runs the command and samples
# its open files every millisecond (/proc/PID/fd, the unlinked
# forkexplain-spool.* ones), and prints the most all of them held at once,
# each file's largest (by descriptor: a table's file compacted into a
# fresh one shows as two) and the command's status. Sizes in KiB.
# Sampled, so a peak shorter than a millisecond can be missed.
# Usage: bench/spill-size.sh COMMAND [ARG...] (its output to /dev/null).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bench/spill-size.sh COMMAND [ARG...]" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: needs python3" >&2; exit 2; }
exec python3 - "$@" <<'EOF'
import os, subprocess, sys, time

child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
fds = f"/proc/{child.pid}/fd"
together = 0
largest = {}
while child.poll() is None:
    total = 0
    try:
        names = os.listdir(fds)
    except OSError:
        names = []
    for name in names:
        try:
            if "forkexplain-spool." not in os.readlink(f"{fds}/{name}"):
                continue
            size = os.stat(f"{fds}/{name}").st_size
        except OSError:
            continue
        largest[name] = max(largest.get(name, 0), size)
        total += size
    together = max(together, total)
    time.sleep(0.001)
each = " ".join(str(size // 1024) for size in sorted(largest.values(), reverse=True))
print(f"spill files: all at once {together // 1024} KiB; each file's largest: {each}; status {child.returncode}")
EOF
