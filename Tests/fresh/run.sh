#!/usr/bin/env bash
# The README's two commands on a machine that has nothing: a clean Debian
# root (debootstrap --variant=minbase) with Swift (the toolchain of this
# machine, bind-mounted read-only, and the prerequisites swift.org lists
# for Debian 12) and make, but no C compiler, no git, no libunwind-dev, no
# JDK, no Go. In a chroot there:
#   1. a user's `make demo` stops with the one command to run: exit status
#      not 0, no compiler error, nothing built;
#   2. root's `make demo` installs what is missing and the demo explains the
#      fork failure it reproduces (pidns_init_dead);
#   3. a user's `make test` stops with the one command (the JDK, Go, procps
#      are still missing).
# Slow (minutes), needs root and the Debian mirror; `make fresh-test` runs
# it, `make test` does not. Work files in .build-fresh/ (FRESH_DIR): the
# debootstrap result is kept as a tarball and unpacked afresh for each run
# (FRESH_REBOOTSTRAP=1 makes a new one); the root is removed after a pass
# and kept after a failure, for a look.
set -euo pipefail

SUITE=${SUITE:-bookworm}
SWIFT_DIR=${SWIFT_DIR:-/opt/swift}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${FRESH_DIR:-$repo/.build-fresh}
root=$work/root
tarball=$work/$SUITE-minbase.tar
user=fxuser
out=$work/out
# The machine "with Swift": swift.org's Debian 12 prerequisites, without gcc,
# libstdc++-12-dev and git, which `make demo` must then bring itself.
swift_prereqs=(binutils-gold libicu-dev libcurl4-openssl-dev libedit-dev libsqlite3-dev
	libncurses-dev libpython3-dev libxml2-dev pkg-config uuid-dev tzdata)
sys_path=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
user_path=/opt/swift/usr/bin:/usr/local/bin:/usr/bin:/bin

say() { printf 'fresh: %s\n' "$*"; }
fail() {
	printf 'FAIL fresh: %s\n' "$*" >&2
	exit 1
}
elapsed() { echo "$(($(date +%s) - $1))s"; }

# ---- inside a private mount namespace: the chroot's mounts die with it ----

unmount_all() {
	local m
	for m in opt/swift dev sys proc; do
		mountpoint -q "$root/$m" && umount "$root/$m" || true
	done
}

in_root() {
	chroot "$root" env -i HOME=/root PATH=$sys_path LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
as_user() {
	chroot --userspec=$user:$user "$root" env -i HOME=/home/$user PATH=$user_path LANG=C.UTF-8 "$@"
}

# A compiler's or the linker's voice in the output means the check let a
# build start that could not succeed.
no_compiler_error() {
	if grep -nE 'fatal error|error:|No such file or directory|undefined reference' "$1"; then
		fail "$2 shows a build error (above) instead of the one command"
	fi
}

# Step $1: a user's `make $2` must fail before building anything, name $3
# among what is missing and print the one command, with no compiler error.
user_stops() {
	local t text="$out/$1-user-$2.txt"
	t=$(date +%s)
	if as_user make -C /home/$user/forkexplain "$2" >"$text" 2>&1; then
		cat "$text"
		fail "a user's make $2 succeeded on a machine that lacks $3"
	fi
	sed 's/^/    | /' "$text"
	grep -q "sudo /home/$user/forkexplain/scripts/install-deps.sh $2" "$text" ||
		fail "a user's make $2 did not print the one command to run"
	grep -q "$3" "$text" || fail "a user's make $2 did not name $3"
	no_compiler_error "$text" "a user's make $2"
	[ ! -e "$root/home/$user/forkexplain/.build" ] || fail "a user's make $2 started a build"
	say "$1. user: make $2 stopped with the one command ($(elapsed "$t"))"
}

inside() {
	trap unmount_all EXIT
	mount --bind /proc "$root/proc"
	mount --bind /sys "$root/sys"
	mount --bind /dev "$root/dev"
	mkdir -p "$root/opt/swift"
	mount --bind "$SWIFT_DIR" "$root/opt/swift"
	mount -o remount,bind,ro "$root/opt/swift"
	cp /etc/resolv.conf "$root/etc/resolv.conf"

	local t
	mkdir -p "$out"
	t=$(date +%s)
	in_root apt-get -q update >"$out/setup.txt" 2>&1 || { cat "$out/setup.txt"; fail "apt-get update in the root"; }
	in_root apt-get install -y -q --no-install-recommends \
		make "${swift_prereqs[@]}" >>"$out/setup.txt" 2>&1 ||
		{ tail -n 30 "$out/setup.txt"; fail "installing make and Swift's prerequisites"; }
	in_root swift --version >/dev/null 2>&1 || fail "the Swift toolchain does not run in the root"
	for absent in cc gcc git javac go; do
		in_root sh -c "command -v $absent" >/dev/null && fail "the root already has $absent: not a fresh machine"
	done
	in_root sh -c 'test ! -e /usr/include/libunwind.h && ! ls /usr/include/*/libunwind.h' >/dev/null 2>&1 ||
		fail "the root already has libunwind.h"
	in_root useradd -m -s /bin/bash $user
	mv "$root/home/$user.repo" "$root/home/$user/forkexplain"
	in_root chown -R $user:$user /home/$user/forkexplain
	say "set-up (make, Swift's prerequisites; no cc, git, libunwind-dev, JDK, Go): $(elapsed "$t")"

	# 1. A user, nothing installed: the one command, no compiler error.
	user_stops 1 demo libunwind.h

	# 2. Root: make demo installs what is missing, builds and explains.
	t=$(date +%s)
	if ! in_root make -C /root/forkexplain demo >"$out/2-root-demo.txt" 2>&1; then
		tail -n 60 "$out/2-root-demo.txt"
		fail "root's make demo failed"
	fi
	grep -q 'make demo: installing what this machine lacks:' "$out/2-root-demo.txt" ||
		fail "root's make demo did not install anything"
	grep -q 'pidns_init_dead' "$out/2-root-demo.txt" || {
		tail -n 40 "$out/2-root-demo.txt"
		fail "root's make demo did not explain a pidns_init_dead failure"
	}
	grep 'installing what' "$out/2-root-demo.txt" | sed 's/^/    | /'
	grep -E '^(bash said|pidns_init_dead|ENOMEM)' "$out/2-root-demo.txt" | cut -c1-150 | sed 's/^/    | /'
	in_root bash /root/forkexplain/scripts/install-deps.sh --check demo ||
		fail "after root's make demo, the demo's needs are still missing"
	say "2. root: make demo installed, built and explained ($(elapsed "$t"))"

	# 3. A user again: make test still lacks the JDK, Go, procps.
	user_stops 3 test javac
}

if [ "${1:-}" = --inside ]; then
	inside
	exit
fi

# ---- outside: make the root, copy the repository, run the inside ----

mirror_from_host() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		awk -v s="$SUITE" '$1 == "deb" {
			i = 2
			if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
			if ($(i + 1) == s) { print $i; exit }
		}' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		awk -v s="$SUITE" 'BEGIN { RS = "" } {
			uri = ""; ok = 0; n = split($0, line, "\n")
			for (k = 1; k <= n; k++) {
				if (line[k] ~ /^URIs:/) { split(line[k], u, " "); uri = u[2] }
				if (line[k] ~ /^Suites:/) { m = split(line[k], t, " "); for (j = 2; j <= m; j++) if (t[j] == s) ok = 1 }
			}
			if (ok && uri != "") { print uri; exit }
		}' "$f"
	done
}

mounted_under() { findmnt -rn -o TARGET | grep -E "^$root(/|$)" || true; }

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot, mounts)"
[ -x "$SWIFT_DIR/usr/bin/swift" ] || fail "no Swift toolchain at $SWIFT_DIR (set SWIFT_DIR)"
command -v debootstrap >/dev/null || fail "no debootstrap: run scripts/install-deps.sh fresh"
[ -z "$(mounted_under)" ] || fail "something is mounted under $root: $(mounted_under)"

start=$(date +%s)
mkdir -p "$work"
rm -rf "$root" "$out"
if [ ! -s "$tarball" ] || [ "${FRESH_REBOOTSTRAP:-0}" = 1 ]; then
	mirror=${MIRROR:-$(mirror_from_host | head -n 1)}
	mirror=${mirror:-http://deb.debian.org/debian}
	t=$(date +%s)
	rm -rf "$work/bootstrap"
	debootstrap --variant=minbase "$SUITE" "$work/bootstrap" "$mirror" >"$work/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$work/debootstrap.log"; fail "debootstrap $SUITE from $mirror"; }
	tar -C "$work/bootstrap" --numeric-owner -cpf "$tarball" .
	rm -rf "$work/bootstrap"
	say "debootstrap --variant=minbase $SUITE from $mirror: $(elapsed "$t")"
fi
mkdir -p "$root"
tar -C "$root" --numeric-owner -xpf "$tarball"

# The repository as a clone has it, plus uncommitted edits; no .build.
copy_repo() {
	mkdir -p "$1"
	(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf -) | tar -C "$1" -xf -
}
copy_repo "$root/root/forkexplain"
copy_repo "$root/home/$user.repo"
# This machine cannot reach GitHub: SwiftPM gets swift-argument-parser from
# a copy of this machine's SwiftPM cache, as on a machine that built once.
if [ -d "$HOME/.cache/org.swift.swiftpm" ]; then
	mkdir -p "$root/root/.cache"
	cp -a "$HOME/.cache/org.swift.swiftpm" "$root/root/.cache/"
	say "seeded SwiftPM's cache (swift-argument-parser) from $HOME/.cache/org.swift.swiftpm"
fi

status=0
unshare --mount --propagation private bash "$0" --inside || status=$?
[ -z "$(mounted_under)" ] || fail "mounts left under $root: $(mounted_under)"
if [ "$status" = 0 ]; then
	rm -rf "$root"
	echo "PASS fresh: a clean $SUITE root ($(elapsed "$start") in all)"
else
	echo "FAIL fresh: the root is kept at $root; outputs in $out" >&2
fi
exit "$status"
