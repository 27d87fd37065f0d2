/// RLIMIT_NPROC soft limits that Red Hat's pam_limits drop-ins give every
/// user but root (docs/kernel-facts.md §11.7): 1024 from RHEL 6's
/// /etc/security/limits.d/90-nproc.conf, 4096 from RHEL 7's 20-nproc.conf
/// (CentOS, Oracle Linux and Amazon Linux 2 ship the same). A login session
/// and every daemon started from one gets it; systemd services do not.
enum DistroNPROCDefault {
    /// `inContainer`: the kernel is the host's and does not name the
    /// guest's distribution (docs/kernel-facts.md §11.108).
    static func advice(soft: Int64, kernel: String?, inContainer: Bool = false) -> String? {
        guard let kernel else { return nil }
        let el6 = kernel.contains(".el6")
        let el7 = kernel.contains(".el7") || kernel.contains(".amzn2.")
        let file: String
        switch (soft, el6, el7) {
        case (1024, true, _): file = "90-nproc.conf"
        case (4096, _, true): file = "20-nproc.conf"
        default: return inContainer ? guest(soft: soft) : nil
        }
        return
            "\(soft) is the soft nproc that /etc/security/limits.d/\(file) of this distribution (kernel \(kernel)) gives every user but root at login: raise it there (`*  soft  nproc  \(soft * 4)`) and log in again, or set `LimitNPROC=` for a service; daemons started from a login shell keep the value they started with."
    }

    /// The value a Red Hat drop-in sets, in a container: the guest's login
    /// may have given it, whatever the host runs.
    private static func guest(soft: Int64) -> String? {
        let file: String
        switch soft {
        case 1024: file = "RHEL/CentOS 6's /etc/security/limits.d/90-nproc.conf"
        case 4096: file = "RHEL/CentOS 7's /etc/security/limits.d/20-nproc.conf"
        default: return nil
        }
        return
            "A soft nproc of \(soft) is what \(file) gives every user but root at login, and in a container that is the guest's file (the kernel named here is the host's): if the container runs that distribution, raise it there (`*  soft  nproc  \(soft * 4)`) and log in again; the host's limits do not reach a login inside the container."
    }
}
