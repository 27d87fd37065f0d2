# A /sys tree where each level of this shell's memory cgroups, v1 and v2,
# has LIMIT and USAGE, for FORKEXPLAIN_SYS_ROOT: sourced by the shim's
# tests (Tests/shim/run.sh) and bench/held.sh. MEMCG_LEAF is left naming
# the usage file of the leaf the shim's fill check reads: v1's where
# there is one (the v2 line is then passed over: CShim/preload/headroom.c).
memcg_tree() { # memcg_tree DIR LIMIT USAGE
	local id ctl path base max cur p
	MEMCG_LEAF=
	while IFS=: read -r id ctl path; do
		if [ "$id" = 0 ] && [ -z "$ctl" ]; then
			base="$1/fs/cgroup" max=memory.max cur=memory.current
		elif [[ ",$ctl," == *,memory,* ]]; then
			base="$1/fs/cgroup/memory" max=memory.limit_in_bytes cur=memory.usage_in_bytes
		else
			continue
		fi
		p=$path
		while :; do
			mkdir -p "$base$p"
			echo "$2" >"$base$p/$max"
			echo "$3" >"$base$p/$cur"
			[ "$p" = / ] && break
			p=$(dirname "$p")
		done
		if [ -n "$ctl" ] || [ -z "$MEMCG_LEAF" ]; then MEMCG_LEAF="$base$path/$cur"; fi
	done </proc/self/cgroup
}
