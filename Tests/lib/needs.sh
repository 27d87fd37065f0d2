# What a platform suite needs before it runs, sourced: each missing piece
# stops the suite with one line saying what to do, so that it fails loudly
# instead of passing untested.
#
#   need_tools SUITE GOALS TOOL...     on PATH, else scripts/install-deps.sh GOALS
#   need_built SUITE TARGET FILE...    exists, else make TARGET
need_tools() {
	local suite=$1 goals=$2 tool
	shift 2
	for tool in "$@"; do
		command -v "$tool" >/dev/null && continue
		echo "$suite: NOT RUN: $tool is missing (install with: scripts/install-deps.sh $goals)" >&2
		exit 1
	done
}

need_built() {
	local suite=$1 target=$2 file
	shift 2
	for file in "$@"; do
		[ -f "$file" ] && continue
		echo "$suite: build first: make $target ($file missing)" >&2
		exit 1
	done
}
