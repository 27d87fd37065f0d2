/// RLIMIT_NPROC soft limits that Red Hat's pam_limits drop-ins give every
/// user but root (docs/kernel-facts.md §11.7): 1024 from RHEL 6's
/// /etc/security/limits.d/90-nproc.conf, 4096 from RHEL 7's 20-nproc.conf
/// (CentOS, Oracle Linux and Amazon Linux 2 ship the same). A login session
/// and every daemon started from one gets it; systemd services do not.
enum DistroNPROCDefault {
    static func advice(soft: Int64, kernel: String?) -> String? {
        guard let kernel else { return nil }
        let el6 = kernel.contains(".el6")
        let el7 = kernel.contains(".el7") || kernel.contains(".amzn2.")
        let file: String
        switch (soft, el6, el7) {
        case (1024, true, _): file = "90-nproc.conf"
        case (4096, _, true): file = "20-nproc.conf"
        default: return nil
        }
        return
            "\(soft) is the soft nproc that /etc/security/limits.d/\(file) of this distribution (kernel \(kernel)) gives every user but root at login: raise it there (`*  soft  nproc  \(soft * 4)`) and log in again, or set `LimitNPROC=` for a service; daemons started from a login shell keep the value they started with."
    }
}
