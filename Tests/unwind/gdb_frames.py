# Run by gdb at the breakpoint on the shim's fx_failed: writes gdb's own
# backtrace (one entry per physical frame: inlined frames share their
# caller's pc) as JSON to $AGREE_OUT, each pc with the file mapped there
# (from the inferior's /proc/PID/maps, as the shim's record has it), for
# agree.sh to set beside the record.
import json
import os

import gdb

maps = []
with open(f"/proc/{gdb.selected_inferior().pid}/maps") as f:
    for line in f:
        parts = line.split(None, 5)
        lo, hi = (int(x, 16) for x in parts[0].split("-"))
        path = parts[5].strip() if len(parts) > 5 else ""
        maps.append((lo, hi, path if path.startswith("/") else None))


def module(pc):
    for lo, hi, path in maps:
        if lo <= pc < hi:
            return path
    return None


frames = []
f = gdb.newest_frame()
while f is not None and len(frames) < 80:
    if f.type() != gdb.INLINE_FRAME:
        frames.append({"pc": f.pc(), "module": module(f.pc()), "name": f.name()})
    try:
        f = f.older()
    except gdb.error:
        break
with open(os.environ["AGREE_OUT"], "w") as out:
    json.dump(frames, out)
