/// A soft RLIMIT_NPROC well below the kernel's own: fork_init() starts init
/// with half of kernel.threads-max and every process inherits it, so a
/// value far below that was written somewhere, and raising it in one
/// place does nothing while the line that lowered it stays
/// (docs/kernel-facts.md §11.220: `ulimit -u` 750 beside threads-max 61496).
enum ChosenNPROC {
    /// The sentence that says so, or nil when `soft` is not below half of
    /// the kernel's default (a default, or a choice close to one).
    static func note(soft: Int64, threadsMax: Int64?) -> String? {
        guard let threadsMax, threadsMax > 0 else { return nil }
        let boot = threadsMax / 2
        guard soft > 0, soft * 2 <= boot else { return nil }
        return
            "\(soft) is not the kernel's: it starts every process with half of kernel.threads-max (\(boot) of the \(threadsMax) now, if threads-max was not changed since boot), so a login file, a unit, a container runtime (`--ulimit nproc=`) or a shell lowered it; find that line first, or it sets \(soft) again: `grep -rsn nproc /etc/security/limits.conf /etc/security/limits.d/ /etc/systemd/system.conf /etc/systemd/user.conf; grep -sn 'ulimit -u' /etc/profile /etc/profile.d/* ~/.bashrc ~/.profile ~/.zshrc`."
    }
}
