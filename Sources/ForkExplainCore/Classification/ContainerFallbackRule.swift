/// The causes a container hides from the process (docs/kernel-facts.md §6.4,
/// §6.21, §11.19): a uid's task count outside its user namespace, a pids
/// limit above its cgroup on a kernel that counts nothing below the refusing
/// level, a uid's task count outside its PID namespace.
/// Runs after every rule that reads a full counter, so that a visible cause
/// always wins; what it concludes is inferred, never high confidence.
struct ContainerFallbackRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        RLimitNPROCRule.inferredInUserNamespace(context) ?? HiddenPidsLimit.inferred(context)
            ?? HiddenUidTasks.inferred(context)
    }
}
