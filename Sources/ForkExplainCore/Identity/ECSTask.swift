/// Amazon ECS tasks on EC2 container instances: the ECS agent puts each
/// task's containers under a task cgroup, /ecs/TASKID on cgroup v1 and
/// ecstasks.slice/ecstasks-TASKID.slice on v2, whose pids.max it sets from
/// ECS_TASK_PIDS_LIMIT (docs/kernel-facts.md §11.146).
enum ECSTask {
    /// The task id a cgroup path component names: `ecstasks-ID.slice`, or
    /// `ID` under `ecs`. Task ids are 32 hex digits (a task ARN's last part).
    static func id(_ part: String, parent: String?) -> String? {
        IdentityClues.platformId(
            part, parent: parent, prefix: "ecstasks-", suffix: ".slice", under: "ecs", valid: isTaskId)
    }

    static func isTaskId(_ text: String) -> Bool {
        text.count == 32 && text.allSatisfy(\.isHexDigit)
    }

    /// The fix for a full task level: the agent's setting, for every task
    /// on the instance; a task definition has no pids limit to set.
    static func advice(task: String, n: String) -> String {
        "ECS task \(task)'s cgroup: the ECS agent sets its pids.max from `ECS_TASK_PIDS_LIMIT=\(n)` in /etc/ecs/ecs.config on the container instance (one value for every task there; unset means no limit), read when the agent starts (`systemctl restart ecs`) and applied to tasks started after."
    }
}
