# User namespaces that are never freed fill the count: `srun
# --container-name=...` fails with "enroot-nsenter: failed to create user
# namespace: No space left on device" though max_user_namespaces is "set
# to a higher amount", and the user asks for "a Unix command to clean up
# namespaces" (https://github.com/NVIDIA/pyxis/issues/93); lxc-attach stops
# working after some time with "No space left on device - Failed to
# unshare new user namespace" (https://github.com/lxc/lxc/issues/4586).
# Reproduced for real in a user namespace of our own whose
# max_user_namespaces we set to 3 (the limit is per user namespace: the
# host's stays as it is, docs/kernel-facts.md §11.68): three leftover
# processes each hold a namespace, and the next `unshare --user` is
# refused. explain reads util-linux's message and the two threads' lines as
# the namespace count, pid_max ruled out (unshare(2) allocates no PID);
# the check it gives (lsns) names the three holders; with them gone the
# namespace is made.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need lsns
cd "$WORK"

# Inside a user namespace of our own (root mapped): the limit, three
# holders, the refused unshare, the advised check, then the holders ended.
timeout 120 unshare --user --map-root-user --fork bash -c '
	echo 3 >/proc/sys/user/max_user_namespaces || exit 90
	holders=()
	for i in 1 2 3; do
		unshare --user sleep 600 &
		holders+=($!)
	done
	for i in $(seq 100); do
		[ "$(lsns -n -t user -o COMMAND | grep -c "^sleep 600")" = 3 ] && break
		sleep 0.1
	done
	unshare --user true 2>refused.txt && exit 91
	lsns -t user -o NS,USER,NPROCS,COMMAND >lsns.txt
	kill "${holders[@]}"
	wait
	# A namespace is uncounted by a work item after its last holder is
	# gone, not at its exit (§11.68): wait for that, bounded.
	for i in $(seq 300); do
		unshare --user true 2>after.txt && exit 0
		sleep 0.1
	done
	exit 92' >"$WORK/out" 2>&1 || fail "the user namespace run failed (status $?): $(cat "$WORK/out" refused.txt after.txt 2>/dev/null)"
expect_output "$WORK/refused.txt" "unshare: unshare failed: No space left on device"
grep -cE ' 1 sleep 600$' "$WORK/lsns.txt" | grep -qx 3 || fail "lsns does not list the three holders: $(cat "$WORK/lsns.txt")"
[ "$(cat /proc/sys/user/max_user_namespaces)" != 3 ] || fail "the host's max_user_namespaces changed"
explain_reads "$(cat "$WORK/refused.txt")" 'unshare (util-linux)' max_user_namespaces \
	'no PID is allocated' 'lsns -t user -o NS,USER,NPROCS,COMMAND'
"$FORKEXPLAIN" explain "$(cat "$WORK/refused.txt")" >"$WORK/explain"
! grep -q '\[pid_max\]' "$WORK/explain" || fail "explain still offers pid_max for unshare(2): $(cat "$WORK/explain")"
explain_reads 'slurmstepd: error: pyxis:     enroot-nsenter: failed to create user namespace: No space left on device' \
	'enroot (pyxis, Slurm)' max_user_namespaces 'leftover processes' 'sysctl --system'
explain_reads 'lxc-attach: eolo: ../src/lxc/conf.c: userns_exec_minimal: 4599 No space left on device - Failed to unshare new user namespace' \
	LXC max_user_namespaces 'a leak'
echo "ok: 3 held namespaces refuse a fourth with ENOSPC; lsns names them; once ended, unshare works"
