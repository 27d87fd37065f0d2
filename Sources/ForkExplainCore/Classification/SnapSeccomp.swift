/// A snap's app runs under the seccomp profile snapd compiled for it, which
/// snap-confine loads before the app starts: outside any container, but not
/// a unit's `SystemCallFilter=` either. snapd's template allows clone3 since
/// canonical/snapd pull 10845; a snap-seccomp linked against a libseccomp
/// that does not know clone3 (CentOS 7's) leaves it out, and the profile's
/// EPERM breaks every thread of a core22 snap (docs/kernel-facts.md §11.66).
enum SnapSeccomp {
    /// The snap's name: from snapd's units and tracking scopes
    /// (`snap.NAME.APP.service`, `snap.NAME.APP-UUID.scope`) or from its
    /// executable, which lies under /snap/NAME/REVISION/.
    static func snapName(_ context: FailureContext) -> String? {
        if let unit = context.identity.systemdUnit, unit.hasPrefix("snap.") {
            let parts = unit.split(separator: ".")
            if parts.count >= 4 { return String(parts[1]) }
        }
        if let exe = context.record.process?.exe, exe.hasPrefix("/snap/") {
            let parts = exe.split(separator: "/")
            if parts.count >= 3, parts[0] == "snap", parts[1] != "bin" { return String(parts[1]) }
        }
        return nil
    }

    static func finding(_ context: FailureContext, rule: String, evidence: [String]) -> UnitSyscallFilter.Finding? {
        guard let snap = snapName(context) else { return nil }
        let place = context.identity.systemdUnit.map { " (\($0))" } ?? ""
        return UnitSyscallFilter.Finding(
            bindingName: "seccomp filter answering clone3 with EPERM (snapd's profile for snap \(snap))",
            kernelRule: rule,
            evidence: evidence + [
                "it runs as snap \(snap)\(place): snap-confine loads the seccomp profile snapd compiled for the app (/var/lib/snapd/seccomp/bpf/snap.\(snap).*), and a profile without clone3 answers it with EPERM (docs/kernel-facts.md §11.66)"
            ],
            advice: [
                "The filter is snapd's: its template allows clone3 since canonical/snapd pull 10845, but a snap-seccomp linked against a libseccomp that does not know clone3 (CentOS 7's) leaves it out of every profile. Update snapd to a build with a newer libseccomp (canonical/snapd pull 12505 links it statically), or install a newer libseccomp, then `snap remove \(snap)` and `snap install \(snap)` so that its profile is compiled again (snapcrafters/signal-desktop#76).",
                "A drop-in with `SystemCallFilter=clone3` on the snap's unit does not help: seccomp filters stack, and the most restrictive answer of all of them wins.",
            ])
    }
}
