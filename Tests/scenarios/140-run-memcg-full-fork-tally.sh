# A fork that fails at a full v1 memory cgroup, under the shim's default
# (FORKEXPLAIN_FILL=failure): its buffers were filled only in part at the
# first task creation, and at the failure there is no room to fill the
# rest (a page taken there would run the cgroup's OOM killer:
# docs/kernel-facts.md §6.28), so the failure is a tally that names the
# level and its numbers, and the report still says memcg_limit with them.
# Then, with the OOM killer on, a program within 96 KiB of its limit whose
# forks fail (injected: a real one there would be answered by a kill) is
# not killed: the shim takes no page at its failures.
. "$(dirname "$0")/lib.sh"
need_root

mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)memory(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] && [ -e "$mnt/memory.limit_in_bytes" ] || fail "no v1 memory cgroup hierarchy on this machine"
cc -std=c11 -O1 -o "$WORK/filler" "$TOP/Tests/scenarios/programs/memcg_filler.c" -lpthread || fail "cannot build the filler"

# memcg NAME OOM_KILL_DISABLE: a 32 MiB cgroup of this scenario's own,
# removed at the end once its one process is gone.
memcg() {
	cg="$mnt/forkexplain-$1-$$"
	mkdir "$cg"
	on_exit "rmdir '$cg'"
	on_exit "for _ in \$(seq 100); do [ -s '$cg/cgroup.procs' ] || break; sleep 0.1; done"
	echo $((32 << 20)) >"$cg/memory.limit_in_bytes"
	echo "$2" >"$cg/memory.oom_control"
}

# in_memcg LOG ARGS...: the filler in the cgroup, bounded; the log made
# first, as a deployed one is (at the limit a new file cannot be created).
in_memcg() {
	local log=$1
	shift
	: >"$log"
	status=0
	timeout -k 5 120 bash -c "echo \$\$ > '$cg/cgroup.procs' && exec env LD_PRELOAD='$SHIM' FORKEXPLAIN_LOG='$log' $* '$WORK/filler' '$cg' ${ARG:-}" \
		>"$WORK/out" 2>&1 || status=$?
}

oom_line() { awk -v k="$1" '$1 == k { print $2 }' "$cg/memory.oom_control"; }

# 1. A real fork ENOMEM: the killer off, as it must be for a fork to see
# ENOMEM at a v1 limit rather than a kill (docs/kernel-facts.md §1.3).
memcg 140 1
in_memcg "$LOG"
[ "$status" = 0 ] || fail "the filler exited $status (124: it hung at the limit): $(tail -n 5 "$WORK/out")"
expect_output "$WORK/out" '^fork rc=-1 err=12 '
[ "$(oom_line under_oom)/$(oom_line oom_kill)" = 0/0 ] || fail "the cgroup was left under OOM: $(cat "$cg/memory.oom_control")"
why=$("$PYTHON" -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    if "fill_refused" in d:
        r = d["fill_refused"]
        print(d["type"], r["reason"], r.get("path"), r.get("max_bytes"), r.get("max_bytes", 0) - r.get("current_bytes", 0) < r["need_bytes"])
        break
' "$LOG")
[ "$why" = "tally memcg /forkexplain-140-$$ $((32 << 20)) True" ] ||
	fail "no tally naming the full level with its numbers (got '$why'): $(head -c 2000 "$LOG")"
expect min_events=0 verdict=memcg_limit call=fork errno=ENOMEM confidence=medium binding="/forkexplain-140-$$" \
	evidence="of memory.limit_in_bytes 32.0 MiB in $mnt/forkexplain-140-$$" evidence="FORKEXPLAIN_FILL=failure" \
	advice="FORKEXPLAIN_FILL=start"

# 2. The killer on, the program 96 KiB short of its limit, its forks
# failed without being made: 29 pages filled there would run the killer.
memcg 140b 0
ARG=near in_memcg "$WORK/near.jsonl" FORKEXPLAIN_INJECT=fork=ENOMEM
[ "$status" = 0 ] || fail "the filler exited $status near its limit (137: killed): $(tail -n 5 "$WORK/out")"
expect_output "$WORK/out" '^near: .* left$'
expect_output "$WORK/out" '^fork rc=-1 err=12 '
[ "$(oom_line oom_kill)" = 0 ] || fail "the OOM killer ran in the cgroup: $(cat "$cg/memory.oom_control")"
grep -q "\"fill_refused\":{\"reason\":\"memcg\".*\"path\":\"/forkexplain-140b-$$\"" "$WORK/near.jsonl" ||
	fail "the failure near the limit was not a tally naming its level: $(head -c 2000 "$WORK/near.jsonl")"
echo "ok: a fork at a full memory cgroup is a tally with the level's numbers, memcg_limit in the report; no kill near the limit"
