# `forkexplain run` inside the pids cgroup its command filled: when the
# command exits, what it started still holds every PID, and run must still
# print its report (frames it cannot name stay as module+offset) and exit
# with the command's status. Foundation's Process waited without a bound
# for a thread the cgroup refused, so run hung there for ever.
. "$(dirname "$0")/lib.sh"
need_root

mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] || { mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo); }
[ -n "$mnt" ] && [ -e "$mnt/cgroup.procs" ] || fail "no pids cgroup hierarchy on this machine"
cg="$mnt/forkexplain-full-$$"
mkdir "$cg"
# The holder is killed by its pid (written below), then, once it is gone,
# the cgroup.
on_exit "rmdir '$cg'"
on_exit "for _ in \$(seq 50); do [ -s '$cg/cgroup.procs' ] || break; sleep 0.1; done"
on_exit "[ -s '$WORK/holder' ] && kill -KILL \$(cat '$WORK/holder')"
cc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil || fail "cannot build the caller"

# The command starts a holder, closes the cgroup below what it holds, and
# fails a popen there (its own status 0); after it exits the holder keeps the cgroup full.
cat >"$WORK/command.sh" <<SH
sleep 120 & echo \$! >'$WORK/holder'
echo 1 >'$cg/pids.max'
exec '$WORK/caller' popen
SH
status=0
FORKEXPLAIN_LOG="$LOG" timeout -k 5 120 \
	bash -c "echo \$\$ > '$cg/cgroup.procs' && exec '$FORKEXPLAIN' run --color never -- bash '$WORK/command.sh'" \
	>"$WORK/out" 2>&1 || status=$?
[ "$status" != 124 ] && [ "$status" != 137 ] || fail "run did not finish in a full cgroup: $(tail -n 5 "$WORK/out")"
expect_output "$WORK/out" '^popen rc=-1 err=12$'
# The caller prints what popen gave and exits 0.
[ "$status" = 0 ] || fail "run exited $status, not the command's 0: $(tail -n 5 "$WORK/out")"
expect_output "$WORK/out" "^cgroup_pids_limit — cgroup pids limit reached at /forkexplain-full-$$"
[ "$(cat "$cg/pids.current")" -ge "$(cat "$cg/pids.max")" ] || fail "the holder did not keep the cgroup full"
echo "ok: run reported from a full cgroup and exited with the command's status"
