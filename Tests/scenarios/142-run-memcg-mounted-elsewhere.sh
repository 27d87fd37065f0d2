# The fill check (FORKEXPLAIN_FILL=failure, the default) finds the memory
# hierarchy where /proc/self/mountinfo says it is, as a snapshot does, not
# at /sys/fs/cgroup/memory: in a mount namespace of its own, the usual
# mount points hidden under a tmpfs and the v1 memory hierarchy mounted
# at a path under this scenario's work directory, a shell whose cgroup is
# 6 MiB short of its limit (less than the 8 MiB the check asks for) and
# whose fork fails (injected) gets a tally naming that mount and level,
# not a fill made blind. The cgroup's OOM killer is off, so that a fill
# made blind could not cause a kill either.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)memory(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] && [ -e "$mnt/memory.limit_in_bytes" ] || fail "no v1 memory cgroup hierarchy on this machine"
name=forkexplain-142-$$
cg="$mnt/$name"
mkdir "$cg"
on_exit "rmdir '$cg'"
on_exit "for _ in \$(seq 100); do [ -s '$cg/cgroup.procs' ] || break; sleep 0.1; done"
echo 1 >"$cg/memory.oom_control"
alt="$WORK/memcg-elsewhere"
mkdir "$alt"
: >"$LOG"

# The mounts live and die with the namespace: nothing to unmount after.
status=0
timeout -k 5 60 unshare -m bash -c "
	set -e
	mount --make-rprivate /
	mount -t tmpfs forkexplain-142 /sys/fs/cgroup
	mount -t cgroup -o memory forkexplain-142 '$alt'
	[ ! -e /sys/fs/cgroup/memory ]
	echo \$\$ >'$alt/$name/cgroup.procs'
	used=\$(cat '$alt/$name/memory.usage_in_bytes')
	echo \$((used + (6 << 20))) >'$alt/$name/memory.limit_in_bytes'
	exec env LD_PRELOAD='$SHIM' FORKEXPLAIN_LOG='$LOG' FORKEXPLAIN_INJECT=fork=ENOMEM bash -c '/bin/true & wait'
" >"$WORK/out" 2>&1 || status=$?
[ "$status" != 124 ] || fail "the shell did not finish"
expect_output "$WORK/out" 'fork: Cannot allocate memory'
got=$("$PYTHON" -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    r = d.get("fill_refused")
    if r:
        room = r.get("max_bytes", 0) - r.get("current_bytes", 0)
        print(d["type"], r["reason"], r.get("version"), r.get("mount"), r.get("path"), 0 < room < r["need_bytes"])
        break
else:
    print("none:", " ".join(sorted(json.loads(l)["type"] for l in open(sys.argv[1]) if l.strip())))
' "$LOG")
[ "$got" = "tally memcg 1 $alt /$name True" ] ||
	fail "no tally naming the level under the unusual mount (got '$got'): $(head -c 2000 "$LOG")"
echo "ok: the fill check finds a memory hierarchy mounted at an unusual path through mountinfo"
