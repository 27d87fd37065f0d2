# Cygwin's forked child that cannot reserve its parent's heap at the same
# address (winsup/cygwin/heap.cc, user_heap_info::init: api_fatal
# "couldn't allocate heap, %E, base %p, top %p, ..."), as OpenJDK's
# doc/building.md quotes it under "Out of Memory Errors" (docs/kernel-facts.md
# §11.215): Windows' fork emulation, no Linux limit. explain named nothing
# for it before. A program's own "Couldn't allocate heap." for a malloc
# refused stays unnamed: only Cygwin's fatal line or its Win32 error is taken.
. "$(dirname "$0")/lib.sh"

"$FORKEXPLAIN" explain "fatal error - couldn't allocate heap
cannot create ... Permission denied
spawn failed" >"$WORK/jdk" || fail "explain exited $?"
grep -qF 'printed by Cygwin / MSYS2 (on Windows)' "$WORK/jdk" && grep -qF "couldn't allocate heap, Win32 error 487" "$WORK/jdk" &&
	grep -qF 'No process or thread was refused, so no task limit is the cause' "$WORK/jdk" ||
	fail "OpenJDK's quoted Cygwin lines are not read as Cygwin's fork: $(cat "$WORK/jdk")"
"$FORKEXPLAIN" explain "      3 [main] sh 5628 C:\\cygwin\\bin\\sh.exe: *** fatal error - couldn't allocate heap, Win32 error 487, base 0x6D0000, top 0x6F0000, reserve_size 126976, allocsize 131072, page_const 4096" \
	>"$WORK/line" || fail "explain exited $?"
grep -qF 'printed by Cygwin / MSYS2 (on Windows)' "$WORK/line" || fail "heap.cc's whole line is not Cygwin's: $(cat "$WORK/line")"
"$FORKEXPLAIN" explain "LOGERR: Couldn't allocate heap." >"$WORK/other" || fail "explain exited $?"
! grep -qF 'Cygwin' "$WORK/other" || fail "a program's own malloc words were read as Cygwin's: $(cat "$WORK/other")"
echo "ok: Cygwin's couldn't allocate heap named as Windows' fork emulation (heap address taken, Win32 error 487), a program's own words not"
