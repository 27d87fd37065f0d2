# The tally of a shell test suite, sourced: `check DESCRIPTION COMMAND...`
# counts one check passed or failed and says which; the suite ends with
# `[ "$failed" -eq 0 ]`.
pass=0
failed=0

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}
