#!/usr/bin/env bash
# Checks what a make goal needs (scripts/needs.list) and, as root on a
# Debian/Ubuntu machine, installs what is missing with apt. Otherwise it
# prints the one command to run and fails, so that `make demo` and
# `make test` stop with a clear line instead of a compiler error.
#
#   scripts/install-deps.sh [--check] GOAL...    GOAL: demo, test, fresh, platforms, musl,
#                                                musl-arm64, vm
#
# --check only reports. Exit 0 when everything is there (silently), 1 when
# something is missing after all.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
list="$here/needs.list"
check_only=0
goals=()
for arg in "$@"; do
	case "$arg" in
	--check) check_only=1 ;;
	-*) echo "install-deps.sh: unknown option $arg (usage: install-deps.sh [--check] demo|test|fresh|platforms|musl|musl-arm64|vm ...)" >&2; exit 2 ;;
	*) goals+=("$arg") ;;
	esac
done
[ "${#goals[@]}" -gt 0 ] || { echo "install-deps.sh: name a goal: demo, test, fresh, platforms, musl, musl-arm64 or vm" >&2; exit 2; }

# A swift.org toolchain unpacked into /opt/swift counts as installed; the
# Makefile puts it on PATH the same way.
swift_bin() {
	command -v swift 2>/dev/null || { [ -x /opt/swift/usr/bin/swift ] && echo /opt/swift/usr/bin/swift; } || true
}

# The preprocessor is the judge of a header when there is one; without it,
# the usual include folders are.
has_header() {
	local cc="${CC:-cc}"
	if command -v "$cc" >/dev/null 2>&1; then
		printf '#include <%s>\n' "$1" | "$cc" -E -x c - >/dev/null 2>&1
	else
		compgen -G "/usr/include/$1" >/dev/null || compgen -G "/usr/include/*/$1" >/dev/null ||
			compgen -G "/usr/local/include/$1" >/dev/null
	fi
}

has_swift6() {
	local swift version
	swift=$(swift_bin)
	[ -n "$swift" ] || return 1
	version=$("$swift" --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
	[ -n "$version" ] && [ "$version" -ge 6 ]
}

satisfied() {
	case "$1" in
	command:*) command -v "${1#command:}" >/dev/null 2>&1 ;;
	header:*) has_header "${1#header:}" ;;
	file:*) [ -e "${1#file:}" ] ;;
	swift) has_swift6 ;;
	*) echo "install-deps.sh: $list: unknown check '$1'" >&2; exit 2 ;;
	esac
}

# Fills missing_what, missing_pkgs (apt can install) and missing_manual
# (it cannot) from the lines of the list that any of the goals needs.
scan() {
	missing_what=()
	missing_pkgs=()
	missing_manual=()
	local needed_by check package why goal wanted
	while read -r needed_by check package why; do
		case "$needed_by" in '' | '#'*) continue ;; esac
		wanted=0
		for goal in "${goals[@]}"; do
			[[ ",$needed_by," == *",$goal,"* ]] && wanted=1
		done
		[ "$wanted" = 1 ] || continue
		satisfied "$check" && continue
		if [ "$package" = - ]; then
			missing_manual+=("${check#*:}: $why")
		else
			missing_what+=("${check#*:}: $why (package $package)")
			[[ " ${missing_pkgs[*]} " == *" $package "* ]] || missing_pkgs+=("$package")
		fi
	done <"$list"
}

for goal in "${goals[@]}"; do
	grep -Eq "^[a-z,]*\b$goal\b" "$list" || { echo "install-deps.sh: no goal '$goal' in $list" >&2; exit 2; }
done
who="make ${goals[*]}"
[ "${goals[*]}" = fresh ] && who="make fresh-test"
[ "${goals[*]}" = platforms ] && who="make platforms"
[ "${goals[*]}" = musl-arm64 ] && who="make platforms-arm64-musl"
[ "${goals[*]}" = vm ] && who="make vm-test"

scan
[ "${#missing_pkgs[@]}" -eq 0 ] && [ "${#missing_manual[@]}" -eq 0 ] && exit 0

has_apt=0
command -v apt-get >/dev/null 2>&1 && has_apt=1

# Another architecture's packages (NAME:ARCH in the list) need ARCH known
# to dpkg before apt-get update fetches its package lists. They are
# installed after the rest and may fail (a mirror without that
# architecture): the rest stays installed, and the goal needing them
# reports them missing below.
add_architectures() {
	local package arch
	added_archs=()
	for package in "${missing_pkgs[@]}"; do
		[[ $package == *:* ]] || continue
		arch=${package##*:}
		[ "$arch" = "$(dpkg --print-architecture)" ] && continue
		dpkg --print-foreign-architectures | grep -qx "$arch" && continue
		[[ " ${added_archs[*]} " == *" $arch "* ]] && continue
		echo "$who: adding the $arch architecture to dpkg for ${package%%:*}:$arch"
		dpkg --add-architecture "$arch" && added_archs+=("$arch")
	done
}

if [ "${#missing_pkgs[@]}" -gt 0 ] && [ "$check_only" = 0 ] && [ "$has_apt" = 1 ] && [ "$(id -u)" = 0 ]; then
	echo "$who: installing what this machine lacks: ${missing_pkgs[*]}"
	export DEBIAN_FRONTEND=noninteractive
	native=() foreign=()
	for package in "${missing_pkgs[@]}"; do
		if [[ $package == *:* ]]; then foreign+=("$package"); else native+=("$package"); fi
	done
	add_architectures
	if ! apt-get -q update; then
		# Lists the new architecture broke must not stop the rest.
		[ "${#added_archs[@]}" -gt 0 ] || exit 1
		echo "$who: apt-get update failed with ${added_archs[*]} added: removing it, installing the rest" >&2
		for arch in "${added_archs[@]}"; do dpkg --remove-architecture "$arch" || true; done
		apt-get -q update
	fi
	[ "${#native[@]}" -eq 0 ] || apt-get install -y -q --no-install-recommends "${native[@]}"
	if [ "${#foreign[@]}" -gt 0 ] && ! apt-get install -y -q --no-install-recommends "${foreign[@]}"; then
		echo "$who: could not install ${foreign[*]}: what needs them is SKIPPED by make test" >&2
	fi
	scan
fi

status=0
if [ "${#missing_pkgs[@]}" -gt 0 ]; then
	status=1
	echo "$who: this machine lacks what it needs:" >&2
	printf '  - %s\n' "${missing_what[@]}" >&2
	if [ "$has_apt" = 1 ] && [ "$(id -u)" = 0 ] && [ "$check_only" = 0 ]; then
		echo "apt-get could not install them (see above); install the packages named, then run '$who' again." >&2
	elif [ "$has_apt" = 1 ]; then
		sudo=""
		[ "$(id -u)" = 0 ] || sudo="sudo "
		echo "Install them with this one command, then run '$who' again:" >&2
		echo "  $sudo$here/install-deps.sh ${goals[*]}" >&2
	else
		echo "This is not a Debian/Ubuntu machine: install the equivalents of those packages with its package manager, then run '$who' again." >&2
	fi
fi
if [ "${#missing_manual[@]}" -gt 0 ]; then
	status=1
	echo "$who: missing, and not installable with apt:" >&2
	printf '  - %s\n' "${missing_manual[@]}" >&2
fi
exit "$status"
