# Sets a record's backtrace beside gdb's for the same failure (agree.sh).
# usage: compare.py NAME LOG GDB_JSON MIN_FRAMES [FUNCTION...]
# Agreement: every leading frame of the record that lies in a module (the
# native frames) has gdb's return address at the same position; the record
# did not stop while gdb still found native frames (up to the record's 32);
# at least MIN_FRAMES of them; the named functions are among them.
import json
import sys

name, log, gdb_json, min_frames = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
want = sys.argv[5:]
recs = [json.loads(line) for line in open(log) if line.strip()]
if not recs:
    print(f"{name}: no record written")
    sys.exit(1)
rec = recs[0].get("backtrace", [])
shim = "libforkexplain"
gdb = [f for f in json.load(open(gdb_json)) if shim not in (f["module"] or "")]
native = 0
while native < len(rec) and "module" in rec[native]:
    native += 1
gdb_native = 0
while gdb_native < len(gdb) and gdb[gdb_native]["module"]:
    gdb_native += 1
addrs = [int(f["addr"], 16) for f in rec[:native]]
same = 0
while same < native and same < len(gdb) and addrs[same] == gdb[same]["pc"]:
    same += 1
names = [f["name"] or "??" for f in gdb[:same]]
print(f"{name}: record {len(rec)} frames ({native} native), gdb {len(gdb)} ({gdb_native} native); "
      f"first {same} agree: {' < '.join(names[:12])}{' ...' if same > 12 else ''}")
problems = []
if same < native:
    g = gdb[same] if same < len(gdb) else None
    problems.append(f"frame {same} differs: record {rec[same]['addr']} {rec[same].get('module')}, "
                    f"gdb {hex(g['pc']) + ' ' + str(g['name']) if g else 'nothing'}")
if native < min(gdb_native, 32):
    problems.append(f"the record stopped after {native} native frames where gdb found {gdb_native}")
if native < min_frames:
    problems.append(f"fewer than {min_frames} native frames")
for fn in want:
    if not any(n == fn or n.endswith("::" + fn) or n.startswith(fn + "(") for n in names):
        problems.append(f"{fn} is not among the agreeing frames")
for p in problems:
    print(f"  {p}")
sys.exit(1 if problems else 0)
