# An Amazon ECS task on an EC2 container instance whose task-level pids
# limit is full, made for real on this kernel's v1 pids hierarchy with the
# ECS agent's layout (docs/kernel-facts.md §11.146): the agent makes
# /ecs/TASKID for each task, docker's container cgroup below it
# (/ecs/TASKID/CONTAINERID), and writes ECS_TASK_PIDS_LIMIT into the task
# level's pids.max. bash in the container's cgroup forks until the task
# is full; `report` must name the task and the agent's setting rather
# than docker's `--pids-limit` or an echo alone, and `check --pid` the
# same. Then the limit is raised (what a restarted agent gives the next
# task) and the same script runs without a failure.
. "$(dirname "$0")/lib.sh"
need_root

v1_pids_root
task=e95a40efbde84cbc8600660a109ec194
cid=9db607e42f398fac4505c1102a018e4e92ee7e47d944c8530226dd1c2b4a0758
top="$mnt/forkexplain-244-$$"
level="$top/ecs/$task"
for d in "$top" "$top/ecs" "$level" "$level/$cid"; do
	mkdir "$d"
	on_exit "rmdir '$d'"
done
on_exit "empty_cgroup '$level/$cid'"

forks_script
container() { forks_in "$level/$cid" "$1" "$2"; }

# 1. ECS_TASK_PIDS_LIMIT=4: bash and 3 sleepers, the 4th refused; check
# on the host while the task is full: the task and the agent's setting.
fork_refused_in "$level" "$level/$cid" container
check_names "is ECS task $task's pids limit (room for 0 more)" "the ECS task"
check_names 'ECS_TASK_PIDS_LIMIT=68` in /etc/ecs/ecs.config' "the agent's setting"

LOG="$WORK/fork.jsonl"
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding="/forkexplain-244-$$/ecs/$task" \
	advice='`ECS_TASK_PIDS_LIMIT=68` in /etc/ecs/ecs.config' advice="echo 68 > $level/pids.max" \
	not_advice='docker update' rec.cgroups.pids.1.max=4 rec.cgroups.pids.1.path="/forkexplain-244-$$/ecs/$task"
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report exited $?"
grep -q "^  Workload: docker container ${cid:0:12}, ECS task $task" "$WORK/report.txt" ||
	fail "report does not name the task: $(grep Workload "$WORK/report.txt" || cat "$WORK/report.txt")"

# 3. A larger limit (what a restarted agent gives the next task): the same script runs.
runs_clean_in "$level" container
echo "ok: the ECS task's refused fork named ECS_TASK_PIDS_LIMIT in report and check; with its pids.max raised bash started 4 sleepers"
