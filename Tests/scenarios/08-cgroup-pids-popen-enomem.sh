# glibc's popen() reports every spawn failure as ENOMEM (docs/kernel-facts.md §2): in a
# full pids cgroup a C program's popen fails with "Cannot allocate memory".
# The verdict must still be the cgroup, and say the ENOMEM misleads. Then
# the advised pids.max is written and the same popen works.
. "$(dirname "$0")/lib.sh"
need_root

mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] || { mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo); }
[ -n "$mnt" ] && [ -e "$mnt/cgroup.procs" ] || fail "no pids cgroup hierarchy on this machine"
cg="$mnt/forkexplain-popen-$$"
mkdir "$cg"
on_exit "rmdir '$cg'"
# One task allowed: the program itself. Its popen cannot start the shell.
echo 1 >"$cg/pids.max"
cc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil || fail "cannot build the caller"
# caller_popen OUT: the program's popen, from the cgroup.
caller_popen() {
	FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" timeout 30 \
		bash -c "echo \$\$ > '$cg/cgroup.procs' && exec '$WORK/caller' popen" >"$1" 2>&1 || true
}
caller_popen "$WORK/out"
expect_output "$WORK/out" '^popen rc=-1 err=12$'

expect verdict=cgroup_pids_limit family=denial call=popen errno=ENOMEM not_family=oom \
	binding="/forkexplain-popen-$$" evidence='pids.max 1' misleading='ENOMEM'

fix=$(advised cgroup_pids_limit 'echo [0-9]+ > /[^ ]*/pids\.max')
[ "${fix#* > }" = "$cg/pids.max" ] || fail "the advice writes ${fix#* > }, not $cg/pids.max"
bash -c "$fix" || fail "the advised '$fix' failed"
: >"$LOG"
caller_popen "$WORK/fixed.out"
expect_output "$WORK/fixed.out" '^popen rc=0 err=0$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after '$fix': $(head -c 400 "$LOG")"
echo "ok: after the advised '$fix', popen started its shell"
