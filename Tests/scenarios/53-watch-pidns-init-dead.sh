# bash under `unshare -p` without --fork: its first child became PID 1 of
# the new namespace and exited, so its next fork fails with ENOMEM
# (docs/kernel-facts.md §1, §6.16). watch sees the failed clone and reads
# bash's pid_for_children namespace from the host: pidns_init_dead.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
need unshare
mkfifo "$WORK/fifo"

start_watch
# On its way out bash waits 3 s on a FIFO nobody writes (a builtin: no
# fork is possible in there), so its state can still be read. unshare
# execs bash: $job is bash's pid.
unshare -p bash -c "trap 'read -t 3 <> \"$WORK/fifo\"' EXIT; /bin/true; /bin/true; :" >"$WORK/out" 2>&1 &
job=$!
on_exit "kill_tree $job"
wait "$job" || true
expect_output "$WORK/out" 'fork: Cannot allocate memory'
wait_watch pid="$job"
stop_watch
expect verdict=pidns_init_dead family=denial errno=ENOMEM source=watch misleading='memory'
