#!/usr/bin/env bash
# `forkexplain run` on musl programs (docs/libc-facts.md §5): it reads the
# command's PT_INTERP, preloads libforkexplain-musl.so, and reports the real
# failure of a musl program in a full pids cgroup; it follows a `#!` script
# through /usr/bin/env to a musl interpreter; and it says that a static
# program cannot be preloaded and points at `forkexplain watch`.
. "$(dirname "$0")/../scenarios/lib.sh"
need_root
need musl-gcc
ARCH=$(uname -m)
[ -f "$TOP/.build/$ARCH-musl/libforkexplain-musl.so" ] || fail "no musl library: make musl-shim"

musl-gcc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil ||
	fail "cannot build the musl caller"
musl-gcc -std=c11 -O1 -Wall -Wextra -Werror -o "$WORK/enter" "$TOP/Tests/platforms/enter.c" || fail "cannot build enter"

find_pids_hierarchy
cg="$PIDS_MNT/forkexplain-musl-run-$$"
mkdir "$cg"
on_exit "rmdir '$cg'"
echo 1 >"$cg/pids.max"
[ "$PIDS_VERSION" = 1 ] || fail "this check expects the v1 pids hierarchy this machine has"

# A musl program whose popen cannot start its shell: the cgroup holds it
# alone. The exec in `enter` creates no task.
set +e
"$FORKEXPLAIN" run --log "$LOG" -- "$WORK/enter" "$cg/cgroup.procs" "$WORK/caller" popen >"$WORK/out" 2>"$WORK/err"
status=$?
set -e
[ "$status" = 0 ] || fail "run exited $status: $(cat "$WORK/err")"
expect_output "$WORK/out" '^popen rc=-1 err=11$'
grep -q "runs on musl (/lib/ld-musl-$ARCH.so.1): preloading libforkexplain-musl.so" "$WORK/err" ||
	fail "run did not say it chose the musl library: $(cat "$WORK/err")"
grep -q "cgroup" "$WORK/err" || fail "run's own report does not name the cgroup: $(cat "$WORK/err")"
! grep -v "runs on musl" "$WORK/err" | grep -q "glibc" || fail "run's report of a musl program speaks of glibc: $(cat "$WORK/err")"
echo "ok: run chose libforkexplain-musl.so and reported the failure"

# musl's popen gives the kernel's EAGAIN, not glibc 2.29-2.37's ENOMEM: no
# misleading-ENOMEM note, the cgroup binding, the record says musl.
expect verdict=cgroup_pids_limit call=popen errno=EAGAIN binding="/forkexplain-musl-run-$$" \
	evidence='pids.max 1' rec.libc=musl rec.glibc=absent rec.call.injected=false
echo "ok: the report's verdict is the cgroup, from a musl record"

# A script run through `#!/usr/bin/env NAME`, NAME a musl program in PATH.
mkdir "$WORK/bin"
cp "$WORK/caller" "$WORK/bin/musl-caller"
printf '#!/usr/bin/env musl-caller\n' >"$WORK/script"
chmod +x "$WORK/script"
: >"$LOG"
set +e
PATH="$WORK/bin:$PATH" FORKEXPLAIN_INJECT=fork=EAGAIN "$FORKEXPLAIN" run --log "$LOG" -- "$WORK/script" \
	>"$WORK/out" 2>"$WORK/err"
set -e
grep -q "$WORK/bin/musl-caller runs on musl" "$WORK/err" ||
	fail "run did not follow the #! script to its musl interpreter: $(cat "$WORK/err")"
echo "ok: a #!/usr/bin/env script of a musl interpreter gets the musl library"

# A static program: nothing to preload into it; run says so and names watch.
musl-gcc -static -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/static-caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil ||
	fail "cannot build a static program"
: >"$LOG"
set +e
FORKEXPLAIN_INJECT=fork=EAGAIN "$FORKEXPLAIN" run --log "$LOG" -- "$WORK/static-caller" fork >"$WORK/out" 2>"$WORK/err"
status=$?
set -e
[ "$status" = 0 ] || fail "run of a static program exited $status: $(cat "$WORK/err")"
expect_output "$WORK/out" '^fork rc=0 err=0$'
grep -q "is statically linked: no library can be preloaded" "$WORK/err" && grep -q "forkexplain watch" "$WORK/err" ||
	fail "run did not say the static program cannot be preloaded, nor point at watch: $(cat "$WORK/err")"
[ ! -s "$LOG" ] || fail "a static program was recorded: $(head -c 300 "$LOG")"
echo "ok: a static program runs unpreloaded, and run points at forkexplain watch"
