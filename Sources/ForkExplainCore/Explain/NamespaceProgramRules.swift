/// Programs whose message is a refused user namespace: ENOSPC there is the
/// count limit `user.max_user_namespaces` of the creator's namespace or an
/// ancestor's, or the nesting depth, never a disk and rarely PID numbers
/// (docs/kernel-facts.md §11.68 to §11.72). Part of `ProgramCatalog`.
enum NamespaceProgramRules {
    /// The shim interposes the C library's fork, clone and spawns: these
    /// programs make namespaces with unshare(2) or a raw clone system call,
    /// which only watch sees (the clone; docs/kernel-facts.md §11.79).
    static let unseen =
        "`forkexplain run` cannot tell which: the shim does not see unshare(2) or a raw clone system call, which is how this program makes namespaces. The checks above, run where it ran (as its user, on its node), do; `forkexplain watch` (root) catches a raw clone's CLONE_NEWUSER failure with its flags and names the count (docs/watch.md), unshare(2) it does not see."

    /// A namespace program's rule: a process, the count first, and no
    /// `forkexplain run` to send the reader to. `noPID` where the program
    /// calls unshare(2), which allocates no PID, so pid_max cannot be it.
    private static func rule(
        program: String, anyOf: [String], lineStarts: [String] = [], note: String, noPID: Bool = false
    ) -> ProgramRule {
        ProgramRule(
            program: program, anyOf: anyOf, lineStarts: lineStarts, kind: .process, note: note,
            ruledOut: noPID ? ["pid_max_enospc"] : [], firstCauses: ["userns_count"], unrecorded: unseen)
    }

    static let rules: [ProgramRule] = [
        rule(
            program: "containerd (a pod with its own user namespace)",
            anyOf: ["failed to start noop process for unshare"],
            note:
                "containerd makes the user namespace of a pod with `hostUsers: false` by starting a no-op child of itself (`/proc/self/exe`) with CLONE_NEWUSER and keeping its namespace. ENOSPC there is the node's `user.max_user_namespaces`, and 0 is Talos Linux's default (a hardening choice): set it in the machine config (`machine.sysctls`, `user.max_user_namespaces: \"N\"` above the pods with their own user namespace a node runs, 65535 is common), elsewhere with `sysctl -w user.max_user_namespaces=N` and /etc/sysctl.d on every node (§11.72)."
        ),
        rule(
            program: "podman (rootless)",
            anyOf: ["user namespaces are not enabled in /proc/sys/user/max_user_namespaces"],
            note:
                "Rootless podman re-executes itself in a user namespace before anything else; it prints this hint whenever that clone fails, and with ENOSPC it is right: `user.max_user_namespaces` is 0 (or used up) for this user. As root: `sysctl -w user.max_user_namespaces=15000` and the same in /etc/sysctl.d (§11.72). EINVAL instead is an old kernel that needs user namespaces switched on at boot (CentOS 7: `user_namespace.enable=1`)."
        ),
        rule(
            program: "RootlessKit (rootless Docker, rootless containerd, k3s --rootless)",
            anyOf: ["failed to start the child: fork/exec /proc/self/exe"],
            note:
                "RootlessKit starts its child with Go's os/exec and Cloneflags CLONE_NEWUSER (and mount, network, PID namespaces): that child is the user namespace every rootless container lives in. ENOSPC is `user.max_user_namespaces`: 0 where user namespaces are turned off (some images and hardening profiles ship it so; the RHEL 9 STIG asks for it). Docker's rootless guide asks for 28633: `sysctl -w user.max_user_namespaces=28633` as root, and the same in a file under /etc/sysctl.d so that it outlives a reboot (§11.71)."
        ),
        rule(
            program: "bubblewrap (bwrap)", anyOf: ["bwrap: creating new namespace failed", "bwrap: unshare user ns"],
            note:
                "bwrap creates its sandbox's namespaces with clone (or unshare for --userns2). ENOSPC is a namespace count: a bwrap inside another sandbox is refused when the outer one was started with `--disable-userns` (Flatpak passes it, and bwrap 0.8+ sets `user.max_user_namespaces` to 1 in the sandbox's first namespace, which its second one uses up). Inside such a sandbox /proc/sys/user/max_user_namespaces shows its own namespace's 2147483647, not the 1 that binds (§11.68). Run the nested tool outside the sandbox (Flatpak: `flatpak-spawn --host`, or a portal's subsandbox) or start the outer bwrap without `--disable-userns`."
        ),
        rule(
            program: "enroot (pyxis, Slurm)", anyOf: ["enroot-nsenter: failed to create user namespace"],
            note:
                "enroot starts every container in a user namespace of the job's user. ENOSPC is `user.max_user_namespaces` on the compute node: 0 where it is turned off (a hardening profile such as the RHEL 9 STIG), or a small number filled by namespaces still held by the user's leftover processes of earlier steps (`lsns -t user` lists them). enroot's requirements ask for more than 1 (and `user.max_mnt_namespaces` above 1 too); a node needs one for each container its users run at once besides those the leftovers hold: set it in /etc/sysctl.d on every node, then `sysctl --system` (§11.69)."
        ),
        rule(
            program: "Apptainer (Singularity)",
            anyOf: ["failed to create container process: no space left on device"],
            note:
                "Apptainer's starter clones the container's first process into new namespaces, a user namespace among them when it runs unprivileged (`--userns`, `--fakeroot`, an installation without setuid). ENOSPC is `user.max_user_namespaces`: 0 where it is turned off (then fakeroot through /etc/subuid fails the same way, apptainer/apptainer#2455), or used up by instances and leftover processes that still hold theirs (apptainer/apptainer#1686: MPI ranks under srun, one namespace each): `lsns -t user`, `apptainer instance list`; raise it in /etc/sysctl.d on every node (§11.137)."
        ),
        rule(
            program: "LXC", anyOf: ["failed to unshare new user namespace"],
            note:
                "lxc-attach and lxc-start create a user namespace for an unprivileged container's mapping (userns_exec_*). ENOSPC is root's count of user namespaces on the host reaching `user.max_user_namespaces`: namespaces that other programs create and never free (a leak) fill it over time, so it starts failing after hours with no change. `lsns -t user` shows who holds them (§11.70).",
            noPID: true
        ),
        rule(
            program: "unshare (util-linux)", anyOf: [], lineStarts: ["unshare: unshare failed"],
            note:
                "unshare(1) calls unshare(2), which creates namespaces but no process: no PID is allocated, so pid_max is not the cause. ENOSPC is a namespace count (`user.max_*_namespaces` here or in an ancestor namespace) or nesting deeper than 32.",
            noPID: true
        ),
    ]
}
