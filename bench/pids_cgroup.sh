# Sourced by the bench scripts: full_pids_cgroup makes CG, a pids cgroup
# whose pids.max of 1 lets the loop moved into it create nothing, so every
# fork fails for real (v1's pids hierarchy, else v2's). The caller removes
# CG when done.
full_pids_cgroup() {
	local mnt
	mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
	[ -n "$mnt" ] || mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
	CG="$mnt/forkexplain-bench-$$"
	mkdir "$CG"
	echo 1 >"$CG/pids.max"
}
