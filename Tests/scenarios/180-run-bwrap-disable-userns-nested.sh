# A bwrap inside a Flatpak-style sandbox: umu-run (Proton) starts
# pressure-vessel, whose bwrap is refused with "bwrap: Creating new
# namespace failed: nesting depth or /proc/sys/user/max_*_namespaces
# exceeded (ENOSPC)" (https://github.com/containers/bubblewrap/issues/764;
# also #465 and #371, "No space left on device" with plenty of disk). The
# outer bwrap ran with --disable-userns: bwrap 0.8+ writes 1 to
# max_user_namespaces in the sandbox's first user namespace and its second
# one uses that up. Reproduced for real with Debian's bwrap, one sandbox in
# another: the inner bwrap's own message, read by explain as the namespace
# count first (not pid_max), and, inside the sandbox, the file an operator
# would read shows 2147483647, not the 1 that binds (docs/kernel-facts.md
# §11.68). Then the fix: the outer sandbox without --disable-userns.
. "$(dirname "$0")/lib.sh"
need_root
need bwrap
cd "$WORK"

PROGRAM_STATUS=0
timeout 60 bwrap --unshare-user --disable-userns --dev-bind / / \
	bwrap --unshare-user --dev-bind / / true >"$WORK/out" 2>&1 || PROGRAM_STATUS=$?
[ "$PROGRAM_STATUS" = 1 ] || fail "the nested bwrap was not refused (status $PROGRAM_STATUS): $(cat "$WORK/out")"
expect_output "$WORK/out" "bwrap: Creating new namespace failed: .*(ENOSPC|No space left on device)"
explain_reads "$(grep -m1 'Creating new namespace failed' "$WORK/out")" 'bubblewrap (bwrap)' max_user_namespaces \
	'--disable-userns' 'shows its own namespace.s 2147483647' 'does not see unshare\(2\) or a raw clone'
# The limit that binds does not show where the program runs.
inside=$(timeout 60 bwrap --unshare-user --disable-userns --dev-bind / / cat /proc/sys/user/max_user_namespaces)
[ "$inside" = 2147483647 ] || fail "inside the sandbox max_user_namespaces reads $inside, not 2147483647"
# The fix the note gives: the outer sandbox without --disable-userns.
timeout 60 bwrap --unshare-user --dev-bind / / bwrap --unshare-user --dev-bind / / true >"$WORK/out" 2>&1 ||
	fail "the nested bwrap still failed without --disable-userns: $(cat "$WORK/out")"
echo "ok: nested bwrap refused with ENOSPC under --disable-userns (inside reads $inside); without it, it starts"
