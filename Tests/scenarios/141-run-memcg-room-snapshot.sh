# The shim's default (FORKEXPLAIN_FILL=failure) where memory has room: a
# shell in a v1 memory cgroup far from its 256 MiB limit, its fork failed
# (injected: nothing is short), gets a whole snapshot at its first failure,
# the buffers filled then (docs/performance.md), with the cgroup's level
# and every section a record has.
. "$(dirname "$0")/lib.sh"
need_root

v1_memcg "forkexplain-141-$$" $((256 << 20))
cg=$MEMCG

status=0
timeout -k 5 60 bash -c "echo \$\$ > '$cg/cgroup.procs' && exec env LD_PRELOAD='$SHIM' FORKEXPLAIN_LOG='$LOG' FORKEXPLAIN_INJECT=fork=ENOMEM bash -c '/bin/true & wait'" \
	>"$WORK/out" 2>&1 || status=$?
[ "$status" != 124 ] || fail "the shell did not finish"
expect_output "$WORK/out" 'fork: Cannot allocate memory'
got=$("$PYTHON" -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
first = recs[0]
levels = [l for l in first.get("cgroups", {}).get("memory", []) if l.get("path") == sys.argv[2]]
sections = all(k in first for k in ("pid", "limits", "cgroups", "memory", "top", "backtrace"))
print(first["type"], "fill_refused" in first, sections, levels[0].get("max_bytes") if levels else None)
' "$LOG" "/forkexplain-141-$$")
[ "$got" = "failure False True $((256 << 20))" ] || fail "not a whole snapshot (got '$got'): $(head -c 1500 "$LOG")"
expect call=fork errno=ENOMEM evidence="injected by FORKEXPLAIN_INJECT"
echo "ok: with room, the default fills at the first failure and writes a whole snapshot"
