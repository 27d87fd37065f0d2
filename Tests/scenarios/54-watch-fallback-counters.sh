# Tracing unavailable (forced with the test hook FORKEXPLAIN_WATCH_MECHANISM=counters):
# watch falls back to the pids controller's counters, says so at start,
# and still catches a fork refused by a pids cgroup, naming the cgroup.
# Without root it falls back by itself, saying why.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
build_forker
find_pids_hierarchy
cg="forkexplain-watch-counters-$$"
make_pids_cgroup "$cg" 8

start_watch FORKEXPLAIN_WATCH_MECHANISM=counters
grep -q 'counters mode (tracing unavailable: FORKEXPLAIN_WATCH_MECHANISM=counters' "$WORK/watch.err" ||
	fail "watch did not say it runs in counters mode: $(cat "$WORK/watch.err")"
grep -q 'cannot see which task failed' "$WORK/watch.err" || fail "watch did not say what counters mode cannot see"

# The forker holds its children 10 s after the failure: the cgroup still
# has a task to snapshot when the counter is read.
fork_in_cgroup "$cg" 10
stop_watch
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN source=watch binding="/$cg" evidence='8'

# Without root: no tracefs mount, no perf_event_open on tracepoints.
spare_uid 61400 61499
uid=$SPARE_UID
on_exit 'for p in $(ps -o pid= -u '"$uid"'); do kill -KILL "$p"; done 2>/dev/null'
mkdir "$WORK/user" && chown "$uid" "$WORK/user"
setpriv --reuid "$uid" --regid "$uid" --clear-groups --inh-caps=-all \
	"$FORKEXPLAIN" watch --log "$WORK/user/watch.jsonl" 2>"$WORK/user.err" &
user_watch=$!
on_exit "kill_tree $user_watch"
for ((i = 0; i < 300; i++)); do
	grep -q 'mode' "$WORK/user.err" && break
	kill -0 "$user_watch" 2>/dev/null || break
	sleep 0.1
done
kill -TERM "$user_watch" 2>/dev/null || true
wait "$user_watch" 2>/dev/null || true
grep -E '^forkexplain watch: counters mode \(tracing unavailable: .+\)' "$WORK/user.err" ||
	fail "watch without root did not fall back to counters mode with a reason: $(cat "$WORK/user.err")"
