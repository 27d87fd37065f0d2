# code-server as a unit of root's user manager in a Debian 10 LXC
# container: "500 VS Code failed to load. Error: spawn
# /usr/lib/code-server/lib/node EAGAIN", and `systemctl --user status
# code-server` says "Tasks: 22 (limit: 22)" for
# /user.slice/user-0.slice/user@0.service/code-server.service
# (https://github.com/coder/code-server/issues/1847). The 22 is the user
# manager's DefaultTasksMax (15 % of the container's 150, filled in).
# Replayed with Debian's node spawning a child (libuv's uv_spawn) in the
# reconstructed container. cgroup_pids_limit at the user unit, raised with
# `systemctl --user` and user.conf, never PID 1's `systemctl
# set-property` (which does not know the unit), not ulimit -u or memory.
. "$(dirname "$0")/lib.sh"
need node
replay_program lxc-code-server-user-unit fork=EAGAIN,vfork=EAGAIN,posix_spawn=EAGAIN \
	node -e 'require("child_process").spawn("/usr/lib/code-server/lib/node").on("error", e => { console.error("Error: " + e.message); process.exit(3); });'
[ "$PROGRAM_STATUS" = 3 ] || fail "node's spawn did not fail as in the thread (status $PROGRAM_STATUS)"
expect_output "$WORK/out" '^Error: spawn /usr/lib/code-server/lib/node EAGAIN$'
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN confidence=high \
	binding='user@0.service/code-server.service' \
	evidence='pids.current 22 = pids.max 22' evidence='pids.events max 14' \
	advice='`systemctl --user set-property code-server.service TasksMax=' advice='as uid 0 inside the container' \
	advice='/etc/systemd/user.conf' advice='DefaultTasksMax=' advice='Raise /user.slice/user-0.slice too: it sits above' not_advice='`systemctl set-property code-server.service' \
	not_advice='ulimit -u' not_verdict=rlimit_nproc not_family=oom \
	rec.cgroups.pids.0.max=22 rec.cgroups.pids.0.current=22 rec.cgroups.pids.2.max=49 \
	rec.container.manager=lxc rec.kernel=5.4.0-37-generic
# The kernel's line the user would find in dmesg names the same unit: its
# fix is the user manager's too.
line='cgroup: fork rejected by pids controller in /user.slice/user-0.slice/user@0.service/code-server.service'
"$FORKEXPLAIN" explain "$line" >"$WORK/explain" || fail "explain failed on the kernel's line"
grep -q 'systemctl --user set-property code-server.service TasksMax=N' "$WORK/explain" ||
	fail "explain does not raise the user unit with systemctl --user: $(cat "$WORK/explain")"
! grep -q '`systemctl set-property code-server.service' "$WORK/explain" ||
	fail "explain offers PID 1's systemctl for a user unit: $(cat "$WORK/explain")"
explain_reads 'Error: spawn /usr/lib/code-server/lib/node EAGAIN' 'Node.js (child_process)' cgroup_pids_limit
