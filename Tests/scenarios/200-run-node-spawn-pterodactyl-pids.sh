# A Node app on a Pterodactyl panel: "uncaughtException Error: spawn
# /usr/bin/node EAGAIN" with `errno: -11` while Next.js's jest-worker
# forks its workers from /home/container, and the maintainer "was never
# able to repro" (https://github.com/diced/zipline/issues/586). Wings runs
# every server in a container with `container_pid_limit` tasks, 512 by
# default (docs/kernel-facts.md §11.90). Reproduced for real: Debian's
# node spawning from a /home/container of its own (a tmpfs in a private
# mount namespace) in a pids cgroup. main's `explain` gave Node's generic
# advice; with the path it must name Wings' container_pid_limit and put
# the cgroup's limit first, and the report must bind the cgroup.
. "$(dirname "$0")/lib.sh"
need_root
need node
# 2 for the holder, node's own 7 (main, V8's and libuv's threads) and
# room for 3 children: fewer than the 8 it spawns.
pids_cgroup "forkexplain-field19-node-$$" 14 2

timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'
	exec unshare -m bash -c 'set -e
		mount --make-rprivate /
		mount -t tmpfs -o mode=755 tmpfs /home
		mkdir /home/container
		printf \"#!/bin/sh\nexec sleep 120\n\" > /home/container/worker.sh
		chmod 755 /home/container/worker.sh
		cd /home/container
		FORKEXPLAIN_LOG=\"$LOG\" LD_PRELOAD=\"$SHIM\" exec node \"$PROGRAMS/spawn_children.js\" /home/container/worker.sh 8'" \
	>"$WORK/out" 2>&1 && fail "node spawned 8 children with room for 3: $(cat "$WORK/out")"
expect_output "$WORK/out" '^uncaughtException Error: spawn /home/container/worker.sh EAGAIN'
grep -q "errno: -11" "$WORK/out" || fail "node's error has no errno -11: $(cat "$WORK/out")"
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN binding="/forkexplain-field19-node-$$" \
	rec.process.comm=node
# The error as the user pastes it: its first line and its fields.
explain_reads "$(cat "$WORK/out")" 'Node.js (child_process)' cgroup_pids_limit \
	'EAGAIN while creating a process' 'container_pid_limit' '512 by default'
# Without the path it is Node's advice alone.
"$FORKEXPLAIN" explain 'Error: spawn /usr/bin/node EAGAIN' >"$WORK/plain"
! grep -q 'container_pid_limit' "$WORK/plain" || fail "explain names Pterodactyl without its path: $(cat "$WORK/plain")"
echo "ok: node's spawn of a child from /home/container was refused EAGAIN by the pids cgroup; explain names Wings' container_pid_limit from the path"
