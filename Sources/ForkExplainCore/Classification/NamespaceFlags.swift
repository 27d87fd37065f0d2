/// The CLONE_NEW* flags of <linux/sched.h> that clone() carries, each with
/// the /proc/sys/user count that limits it (docs/kernel-facts.md §11.77).
/// CLONE_NEWTIME (0x80) is left out: in clone()'s flags those bits are the
/// exit signal; only clone3 and unshare take it.
struct NamespaceFlag: Sendable, Hashable {
    var bit: Int64
    var flag: String
    /// The sysctl under /proc/sys/user, without the `user.` prefix.
    var sysctl: String

    static let user = NamespaceFlag(bit: 0x1000_0000, flag: "CLONE_NEWUSER", sysctl: "max_user_namespaces")
    static let pid = NamespaceFlag(bit: 0x2000_0000, flag: "CLONE_NEWPID", sysctl: "max_pid_namespaces")

    static let all: [NamespaceFlag] = [
        user, pid,
        NamespaceFlag(bit: 0x0002_0000, flag: "CLONE_NEWNS", sysctl: "max_mnt_namespaces"),
        NamespaceFlag(bit: 0x0200_0000, flag: "CLONE_NEWCGROUP", sysctl: "max_cgroup_namespaces"),
        NamespaceFlag(bit: 0x0400_0000, flag: "CLONE_NEWUTS", sysctl: "max_uts_namespaces"),
        NamespaceFlag(bit: 0x0800_0000, flag: "CLONE_NEWIPC", sysctl: "max_ipc_namespaces"),
        NamespaceFlag(bit: 0x4000_0000, flag: "CLONE_NEWNET", sysctl: "max_net_namespaces"),
    ]

    /// The namespace flags set in `flags`, user first, then pid.
    static func present(in flags: Int64) -> [NamespaceFlag] {
        all.filter { flags & $0.bit != 0 }
    }
}
