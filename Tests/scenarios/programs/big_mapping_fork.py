"""Grows one private anonymous mapping past RAM + swap in steps of half
that (mremap charges only what it adds, so each step passes overcommit
mode 0), touching none of it, then starts /bin/true by fork (argv[1]
"fork") or by posix_spawn ("spawn"). Prints "started" when the child ran."""
import mmap
import os
import sys


def kb(field):
    for line in open("/proc/meminfo"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise SystemExit(f"no {field} in /proc/meminfo")


limit = (kb("MemTotal") + kb("SwapTotal")) * 1024
step = (limit // 2 // mmap.PAGESIZE + 1) * mmap.PAGESIZE
area = mmap.mmap(-1, step, flags=mmap.MAP_PRIVATE)
while len(area) <= limit:
    area.resize(len(area) + step)
print(f"mapped {len(area) >> 20} MiB in one mapping, RAM + swap {limit >> 20} MiB", flush=True)
if sys.argv[1] == "fork":
    pid = os.fork()
    if pid == 0:
        os.execv("/bin/true", ["true"])
else:
    pid = os.posix_spawn("/bin/true", ["true"], os.environ)
_, status = os.waitpid(pid, 0)
print("started" if status == 0 else f"child status {status}", flush=True)
