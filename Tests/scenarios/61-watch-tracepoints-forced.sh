# The second mechanism, the syscall exit tracepoints, forced with the test
# hook FORKEXPLAIN_WATCH_MECHANISM=tracepoints so that it stays tested on a
# kernel where watch would choose the kretprobe: a static forker refused
# by a pids cgroup of 8 is recorded with the system call's own name and
# classified cgroup_pids_limit (docs/watch.md, "The mechanisms").
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
build_forker
find_pids_hierarchy
cg="forkexplain-watch-tracepoints-$$"
make_pids_cgroup "$cg" 8

start_watch FORKEXPLAIN_WATCH_MECHANISM=tracepoints
[ "$WATCH_MODE" = tracepoints ] || fail "forced tracepoints, watch runs in $WATCH_MODE mode: $(cat "$WORK/watch.err")"
grep -q 'slow path' "$WORK/watch.err" || fail "watch did not say what the tracepoints cost every system call"
fork_in_cgroup "$cg" 3
stop_watch
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN 'call=clone|fork|clone3|vfork' source=watch \
	binding="/$cg" evidence='8'
