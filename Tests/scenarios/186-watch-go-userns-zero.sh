# RootlessKit and containerd start their child with Go's os/exec and
# CLONE_NEWUSER: Go makes the clone itself, so no preloaded library sees
# it; `forkexplain watch` does, in the kernel. Reproduced for real: the Go
# program (programs/userns_child.go) in a user namespace of our own whose
# max_user_namespaces we set to 0 (the host's untouched, docs/kernel-facts.md
# §11.68). Watch's record must carry the clone flags, and the report must
# name the user namespace count, not pid_max; the limit watch reads is its
# own (the host's) namespace's, and the evidence must say that the
# process's own limit is not in the record (§11.76). Main before field16
# said `unexplained`.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
need unshare
build_userns_child
start_watch
cd "$WORK"

# Up to three tries: watch's wake-up under load can miss a Go program
# that is already gone (docs/watch.md); each miss is said aloud.
for try in 1 2 3; do
	timeout 60 unshare --user --map-root-user --fork bash -c "
		echo 0 >/proc/sys/user/max_user_namespaces || exit 90
		echo \$\$ >'$WORK/shell.pid'
		exec '$WORK/userns_child'" >"$WORK/out" 2>&1 || true
	expect_output "$WORK/out" 'failed to start the child: fork/exec /proc/self/exe: no space left on device'
	try_wait_watch pid="$(cat "$WORK/shell.pid")" >/dev/null && break
	echo "try $try: watch recorded no failure for the Go program"
	[ "$try" -lt 3 ] || fail "watch recorded no failure of the Go program in three tries: $(tail -n 5 "$WORK/watch.err")"
done
host_userns_unchanged
# The Go program exits at once after its failed start: when watch read it
# in time the limit line is the reader's (the host's), otherwise the
# record says the task was gone; either way never the process's own.
expect verdict=userns_count family=denial errno=ENOSPC not_verdict=pid_max rec.source=watch \
	evidence='create CLONE_NEWUSER, CLONE_NEWNS' \
	evidence_re="the reader's namespace .*has a limit of its own that this record cannot show|a task gone before watch read it" \
	not_evidence="in the process's own user namespace" advice='lsns -t user'
echo "ok: watch caught the Go program's CLONE_NEWUSER clone; the report names the user namespace count, not pid_max"
