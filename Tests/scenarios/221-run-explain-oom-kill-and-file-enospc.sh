# Texts operators paste that are no refused task creation, made here for
# real: a python3 OOM-killed in a 16 MiB memory cgroup of this scenario's
# (bash's `Killed` report, exit status 137, the kernel's oom-kill lines),
# Node's `ENOSPC: System limit for number of file watchers reached` from
# inotify_add_watch in a user namespace whose own max_inotify_watches is 8
# (the host's fs.inotify.max_user_watches is not touched), and dd's
# `No space left on device` on a 64 KiB tmpfs in a mount namespace.
# main's `explain` read each as a refused fork or thread and listed a
# fork's causes; each must now say what it is and list none
# (docs/kernel-facts.md §11.120-§11.122).
. "$(dirname "$0")/lib.sh"
need_root
need node
need unshare
need dmesg

# The memory cgroup, v1 or v2, named for this run: the kernel's lines are
# found by it and the victim's pid in the whole ring buffer, which a
# machine that ran many scenarios has full (a count of its lines taken
# before does not move then, and the lines after it read as none).
NAME=forkexplain-221-oom-$$
# The memory cgroup, v1 or v2 (v2 only where the host already delegates
# memory to the root's children: the scenario changes no host setting).
if [ -d /sys/fs/cgroup/memory ] && [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
	CG=/sys/fs/cgroup/memory/$NAME
	mkdir "$CG"
	on_exit "rmdir '$CG'"
	echo $((16 << 20)) >"$CG/memory.limit_in_bytes"
	# No swap to escape to: the limit is memory and swap together.
	if [ -f "$CG/memory.memsw.limit_in_bytes" ]; then echo $((16 << 20)) >"$CG/memory.memsw.limit_in_bytes"; fi
	kills() { awk '$1=="oom_kill"{print $2}' "$CG/memory.oom_control"; }
elif grep -qw memory /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then
	CG=/sys/fs/cgroup/$NAME
	mkdir "$CG"
	on_exit "rmdir '$CG'"
	echo 16M >"$CG/memory.max"
	echo 0 >"$CG/memory.swap.max" 2>/dev/null || true
	kills() { awk '$1=="oom_kill"{print $2}' "$CG/memory.events"; }
else
	fail "no memory cgroup to make here (v1 memory hierarchy absent, v2 root delegates no memory controller)"
fi
on_exit "empty_cgroup '$CG'"

# 1. The OOM kill: one child allocating 64 MiB in the 16 MiB cgroup.
rc=0
timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'; $PYTHON -c 'b = bytearray(64 << 20)'; exit \$?" \
	>"$WORK/shell.out" 2>"$WORK/shell.err" || rc=$?
[ "$rc" = 137 ] || fail "the child exited $rc, not 137 (128 + SIGKILL): $(cat "$WORK/shell.err")"
grep -qE '^bash: line 1: +[0-9]+ Killed ' "$WORK/shell.err" || fail "bash did not report Killed: $(cat "$WORK/shell.err")"
[ "$(kills)" = 1 ] || fail "the cgroup counts $(kills) OOM kills, not 1"
victim=$(sed -nE 's/^bash: line 1: +([0-9]+) Killed .*/\1/p' "$WORK/shell.err")
oom_lines() { dmesg | grep -E "oom_memcg=/$NAME|Killed process $victim "; }
wait_for 10 eval 'oom_lines | grep -q "Killed process $victim "' ||
	fail "dmesg has no Killed process $victim line: $(dmesg | tail -5)"
# The kernel's report of this kill: from the last `invoked oom-killer`
# before the victim's `Killed process` line to that line.
dmesg >"$WORK/dmesg.all"
end=$(grep -n "Killed process $victim " "$WORK/dmesg.all" | tail -1 | cut -d: -f1)
start=$(head -n "$end" "$WORK/dmesg.all" | grep -n 'invoked oom-killer' | tail -1 | cut -d: -f1)
[ -n "$start" ] || fail "dmesg has no 'invoked oom-killer' line before the kill of $victim"
sed -n "${start},${end}p" "$WORK/dmesg.all" >"$WORK/dmesg"
grep -q "oom_memcg=/$NAME" "$WORK/dmesg" || fail "the kernel's report of the kill names no oom_memcg=/$NAME: $(cat "$WORK/dmesg")"
anon=$(grep -E "Killed process $victim " "$WORK/dmesg" | sed -nE 's/.*anon-rss:([0-9]+)kB.*/\1/p' | head -1)

"$FORKEXPLAIN" explain "$(cat "$WORK/shell.err")" >"$WORK/shell.explain"
grep -q 'killed by SIGKILL, most often the OOM killer: not a refused fork or thread' "$WORK/shell.explain" ||
	fail "explain does not read bash's Killed as a SIGKILL, most often the OOM killer: $(cat "$WORK/shell.explain")"
! grep -q 'Possible causes' "$WORK/shell.explain" || fail "explain lists a fork's causes for Killed: $(cat "$WORK/shell.explain")"
"$FORKEXPLAIN" explain - <"$WORK/dmesg" >"$WORK/dmesg.explain"
for pattern in "process $victim \\(python3\\) killed by the OOM killer: true out of memory, not a refused fork or thread" \
	"a memory cgroup's: /forkexplain-221-oom" "It held $anon KiB" 'memory.events'; do
	grep -qE -- "$pattern" "$WORK/dmesg.explain" || fail "explain of the dmesg does not say /$pattern/: $(cat "$WORK/dmesg.explain")"
done
! grep -q 'Possible causes' "$WORK/dmesg.explain" || fail "explain lists a fork's causes for the dmesg: $(cat "$WORK/dmesg.explain")"

# 2. inotify's ENOSPC, in a user namespace of its own whose watch limit is 8.
host_watches=$(cat /proc/sys/fs/inotify/max_user_watches)
mkdir -p "$WORK/watched"
for i in $(seq 12); do mkdir "$WORK/watched/$i"; done
rc=0
timeout 60 unshare -U -r sh -c "echo 8 > /proc/sys/user/max_inotify_watches &&
	exec node -e 'for (let i = 1; i <= 12; i++) require(\"fs\").watch(\"$WORK/watched/\" + i)'" 2>"$WORK/node.err" || rc=$?
[ "$(cat /proc/sys/fs/inotify/max_user_watches)" = "$host_watches" ] || fail "the host's max_user_watches changed"
[ "$rc" != 0 ] || fail "node watched 12 directories under a limit of 8"
grep -q "Error: ENOSPC: System limit for number of file watchers reached, watch '$WORK/watched/9'" "$WORK/node.err" ||
	fail "node did not fail its 9th watch with ENOSPC: $(cat "$WORK/node.err")"
"$FORKEXPLAIN" explain - <"$WORK/node.err" >"$WORK/node.explain"
grep -q 'ENOSPC from inotify_add_watch: the inotify watch limit, not a full disk and not a task creation' \
	"$WORK/node.explain" || fail "explain does not read Node's ENOSPC as inotify's: $(cat "$WORK/node.explain")"
! grep -q 'Possible causes' "$WORK/node.explain" || fail "explain lists a fork's causes for inotify: $(cat "$WORK/node.explain")"

# 3. A write's ENOSPC: dd on a 64 KiB tmpfs, in a mount namespace.
mkdir "$WORK/full"
rc=0
timeout 60 unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$WORK/full' &&
	exec dd if=/dev/zero of='$WORK/full/x' bs=4k count=100" 2>"$WORK/dd.err" || rc=$?
[ "$rc" != 0 ] || fail "dd wrote 400 KiB to a 64 KiB tmpfs"
grep -q "dd: error writing '$WORK/full/x': No space left on device" "$WORK/dd.err" ||
	fail "dd did not fail with ENOSPC: $(cat "$WORK/dd.err")"
"$FORKEXPLAIN" explain - <"$WORK/dd.err" >"$WORK/dd.explain"
grep -q 'ENOSPC from a write or an open: a full filesystem, not a task creation' "$WORK/dd.explain" ||
	fail "explain does not read dd's ENOSPC as a full filesystem: $(cat "$WORK/dd.explain")"
! grep -q 'Possible causes' "$WORK/dd.explain" || fail "explain lists a fork's causes for dd: $(cat "$WORK/dd.explain")"
echo "ok: a python3 OOM-killed in a 16 MiB cgroup (exit 137, anon-rss ${anon} KiB), Node's inotify ENOSPC at 8 watches and dd's full tmpfs are each read as what they are, with no fork's causes"
