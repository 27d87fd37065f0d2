#!/usr/bin/env bash
# `make install` into a scratch DESTDIR: the binaries (both libraries, glibc's
# and musl's), the man page, the
# unit and the shell completions land where each is looked for, and the
# bash completion, loaded into a real bash, completes forkexplain's
# subcommands and report's options.
set -euo pipefail
cd "$(dirname "$0")/../.."
dest=$(mktemp -d /tmp/forkexplain-install.XXXXXX)
trap 'rm -rf "$dest"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

make --no-print-directory install DESTDIR="$dest" PREFIX=/usr >"$dest.log" 2>&1 ||
	{ cat "$dest.log" >&2; rm -f "$dest.log"; fail "make install failed"; }
rm -f "$dest.log"
for file in bin/forkexplain lib/libforkexplain.so lib/libforkexplain-musl.so share/man/man1/forkexplain.1 \
	share/bash-completion/completions/forkexplain share/zsh/site-functions/_forkexplain \
	share/fish/vendor_completions.d/forkexplain.fish; do
	[ -s "$dest/usr/$file" ] || fail "make install did not install /usr/$file"
done
# Another architecture's libraries, when make platforms built them, go to
# lib/<platform>/, where the installed forkexplain run looks for them.
for so in aarch64-glibc/libforkexplain.so aarch64-musl/libforkexplain-musl.so; do
	[ -f ".build/release/$so" ] || continue
	cmp -s ".build/release/$so" "$dest/usr/lib/$so" || fail "make install did not install /usr/lib/$so (built)"
	echo "ok: make install put the built /usr/lib/$so"
done
grep -q '^#compdef forkexplain' "$dest/usr/share/zsh/site-functions/_forkexplain" || fail "not a zsh completion"
grep -q "^complete -c 'forkexplain'" "$dest/usr/share/fish/vendor_completions.d/forkexplain.fish" || fail "not a fish completion"

# What bash offers after `forkexplain rep<TAB>` and `forkexplain report --fi<TAB>`.
complete_words() {
	PATH="$dest/usr/bin:$PATH" bash --norc --noprofile -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		fn=$(complete -p forkexplain | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
		"$fn" forkexplain "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$dest/usr/share/bash-completion/completions/forkexplain" "$@"
}
complete_words forkexplain rep | grep -qx report || fail "bash does not complete 'forkexplain rep' to report"
complete_words forkexplain report --fi | grep -qx -- --filter || fail "bash does not complete 'report --fi' to --filter"
echo "ok: make install puts the binaries, man page, unit and bash/zsh/fish completions under DESTDIR/PREFIX; bash completes them"
