/// RLIMIT_NPROC of a uid that containers run as too: without a user
/// namespace of their own, a container's uid is the host's, and
/// copy_process() keeps one count per host uid, so a daemon with a small
/// `LimitNPROC=` fails while it holds few tasks itself. The shim counts the
/// uid's tasks whose PID namespace is not the process's own
/// (limits.uid_tasks_other_pidns; docs/kernel-facts.md §11.61).
enum SharedUidContainers {
    struct Finding {
        let evidence: String
        let advice: [String]
    }

    static func finding(_ context: FailureContext) -> Finding? {
        let limits = context.limits
        // From a nested namespace only those below it are seen: not the
        // other containers beside it.
        guard context.record.pid?.isNested != true, let elsewhere = limits.uidTasksOtherPidns, elsewhere > 0,
            let total = limits.uidTasks, let soft = limits.nproc?.soft?.number
        else { return nil }
        let uid = context.record.process?.uid.map(String.init) ?? "?"
        return Finding(
            evidence:
                "\(elsewhere) of uid \(uid)'s \(total) tasks are in other PID namespaces (limits.uid_tasks_other_pidns): containers running as uid \(uid) with no user namespace of their own, whose tasks count against this process's RLIMIT_NPROC \(soft) like its own (kernel/fork.c: one count per host uid; docs/kernel-facts.md §11.61)",
            advice: [
                "Containers run as uid \(uid) too (\(elsewhere) of its tasks): give this daemon an account no container uses (a new system user and `User=` in its unit), or run those containers as another uid (`docker run --user`, `user:` in compose) or in a user namespace (dockerd `userns-remap`, podman `--userns=auto`); `ps -L -u \(uid) -o pid,pidns,comm` shows whose tasks they are. When uid \(uid) is a login account of this host (`getent passwd \(uid)`), its logins, ssh and `sudo -u` stop too while those containers run: run them as a uid no account here has (an image's `USER 1000` is the first user of most distributions), or move the account (`usermod -u NEW NAME`, which chowns its home).",
                "To bound the daemon's own tasks, use `TasksMax=` in its unit (its cgroup) rather than `LimitNPROC=`, which counts every task of the uid, the containers' included.",
            ])
    }
}
