# A HashiCorp Nomad task whose cgroup is full, made for real on this
# kernel's v1 pids hierarchy with the Nomad client's layout
# (docs/kernel-facts.md §11.156): the client makes its cgroup parent
# /nomad and one cgroup per task, /nomad/<allocID>.<task>, with mkdir,
# and writes no pids.max (its exec, raw_exec and java drivers have no
# pids setting). A limit there came from elsewhere: report and check must
# name the task and say that Nomad did not set it, not take
# <allocID>.<task> for a systemd unit. Then the parent /nomad is the full
# level: every task of the client counts there. Then the limit is raised
# and the same script runs without a failure.
. "$(dirname "$0")/lib.sh"
need_root

v1_pids_root
alloc=5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13
top="$mnt/forkexplain-257-$$"
nomad="$top/nomad"
task="$nomad/$alloc.web"
for d in "$top" "$nomad" "$task"; do
	mkdir "$d"
	on_exit "rmdir '$d'"
done
on_exit "empty_cgroup '$task'"

forks_script
run_task() { forks_in "$task" "$1" "$2"; }
taskpath="/forkexplain-257-$$/nomad/$alloc.web"

# 1. The task's own level at 4: bash and 3 sleepers, the 4th refused.
fork_refused_in "$task" "$task" run_task
check_names "is Nomad task \"web\" (allocation $alloc)'s pids limit (room for 0 more)" "the Nomad task"
check_names "Nomad writes no pids limit into a task's cgroup" "that Nomad set no limit there"
if grep -q 'set-property' "$WORK/check.txt"; then
	fail "check took the task's cgroup for a systemd unit: $(cat "$WORK/check.txt")"
fi

LOG="$WORK/fork.jsonl"
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding="$taskpath" \
	advice="cgroup the Nomad client made for Nomad task \"web\" (allocation $alloc)" \
	advice="echo 68 > $task/pids.max" not_advice='set-property' not_advice='docker update' \
	rec.cgroups.pids.0.max=4 rec.cgroups.pids.0.path="$taskpath"
report_workload "Nomad task \"web\" (allocation $alloc)"

# 2. The task's level unlimited, Nomad's parent /nomad at 4: the client's
# parent, where all its tasks count.
echo max >"$task/pids.max"
mv "$WORK/fork.jsonl" "$WORK/task.jsonl"
fork_refused_in "$nomad" "$task" run_task
check_names "is Nomad's cgroup nomad's pids limit (room for 0 more)" "Nomad's parent level"
check_names "the Nomad client's cgroup parent nomad (client \`cgroup_parent\`" "the client's cgroup_parent"
expect verdict=cgroup_pids_limit binding="/forkexplain-257-$$/nomad" binding_not="$alloc" \
	advice="where every task of the client's exec, raw_exec and java drivers counts" not_advice='set-property' \
	rec.cgroups.pids.1.max=4 rec.cgroups.pids.1.path="/forkexplain-257-$$/nomad"

# 3. A larger limit: the same script runs.
runs_clean_in "$nomad" run_task
echo "ok: a full Nomad task cgroup and a full /nomad were named as Nomad's, with no systemd unit, in report and check; with the limit raised bash started 4 sleepers"
