# --help, a subcommand's --help and --version fail like the commands' own
# output when it cannot be written (issue #8, "The reader survives any
# input": report, check and explain fail with a message when they cannot
# write their output); before, the text was dropped and the exit was 0.
. "$(dirname "$0")/lib.sh"

expect_write_failure 2 "--help >/dev/full" sh -c '"$0" --help >/dev/full' "$FORKEXPLAIN"
expect_write_failure 2 "report --help >/dev/full" sh -c '"$0" report --help >/dev/full' "$FORKEXPLAIN"
expect_write_failure 2 "--version >&-" sh -c '"$0" --version >&-' "$FORKEXPLAIN"
expect_write_failure 3 "check --help >/dev/full" sh -c '"$0" check --help >/dev/full' "$FORKEXPLAIN"

# Written, the texts are the same as ever.
"$FORKEXPLAIN" --version >"$WORK/version" || fail "--version exited $?"
grep -qx '[0-9][0-9.]*' "$WORK/version" || fail "--version printed: $(cat "$WORK/version")"
"$FORKEXPLAIN" report --help >"$WORK/help" || fail "report --help exited $?"
grep -q '^USAGE: forkexplain report' "$WORK/help" || fail "report --help printed: $(head -3 "$WORK/help")"
echo "ok: help and version say when they cannot be written"
