/// Who has to start again before a raised RLIMIT_NPROC is in force: a
/// process keeps the limit it started with, a service's from its manager,
/// a login's programs from the login (pam_limits reads limits.conf when the
/// session opens, and the user's manager, user@UID.service, keeps the one it
/// started with). "Restart the daemon" told a desktop program's user
/// nothing to do (Gradio#41, docs/kernel-facts.md §11.220, §11.223).
enum NPROCRestart {
    static func line(_ context: FailureContext, pid: String) -> String {
        let check = "the limit is read once at start (check /proc/\(pid)/limits)"
        let path = context.identity.cgroupPath ?? ""
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        let uid = context.identity.userSliceUid.map(String.init) ?? "UID"
        if let user = UserManagerUnit.parse(path) {
            return
                "Log out of every session of uid \(user.uid) and in again afterwards, so that its own service manager (user@\(user.uid).service), which started \(user.unit) with the old limit, starts again (`loginctl terminate-user \(user.uid)` ends it): \(check)."
        }
        if last.hasPrefix("session-"), last.hasSuffix(".scope") {
            return
                "Log out and in again afterwards (every session of uid \(uid), a desktop's too): a login session's programs keep the limit the login started with, and \(last) is a login, not a daemon to restart; \(check)."
        }
        if let unit = context.identity.systemdUnit, unit.hasSuffix(".service") {
            return "Restart the daemon afterwards (`systemctl restart \(ShellWord.quoted(unit))`): \(check)."
        }
        return "Restart the daemon afterwards (or log in again, for a program of a login session): \(check)."
    }
}
