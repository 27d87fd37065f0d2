/// A RUN step of a BuildKit build (`docker build`, `docker buildx build`,
/// `buildctl`): its runc executor makes one cgroup per step, named by a
/// 25-character base-36 id, and sets no pids limit on it
/// (docs/kernel-facts.md §11.149). dockerd's builder gives it the cgroup
/// parent `docker` (cgroupfs: /docker/buildkit/ID) or `system.slice:docker:`
/// (systemd: /system.slice/docker-ID.scope); a buildkitd with no parent
/// leaves containerd's default, /buildkit/ID.
enum BuildKitStep {
    /// The step id a cgroup path component names.
    static func id(_ part: String, parent: String?) -> String? {
        IdentityClues.platformId(
            part, parent: parent, prefix: "docker-", suffix: ".scope", under: "buildkit", valid: isStepId)
    }

    /// BuildKit's identity.NewID(): 25 characters of 0-9 and a-z. A
    /// container's id is 64 hex digits, so the two cannot be confused.
    static func isStepId(_ text: String) -> Bool {
        text.count == 25 && text.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLowercase) }
    }

    /// The fix for a full step level: not the step's own cgroup, which
    /// lasts as long as the step.
    static func advice(step: String, scope: Bool) -> String {
        let origin =
            scope
            ? "as a scope of the systemd cgroup driver it takes systemd's DefaultTasksMax= (`DefaultTasksMax=` in /etc/systemd/system.conf, then `systemctl daemon-reexec`; the build's next steps get the new value)"
            : "a limit here was written by hand or by a tool around the build; with none, a level above binds (dockerd's cgroup parent, or the container a `docker-container` buildx builder runs buildkitd in: `docker update --pids-limit` on it)"
        return
            "This is the cgroup of one RUN step of a BuildKit build (step \(step)), made for that step alone: BuildKit sets no pids limit of its own and has no build option for one, and a `systemctl set-property` or an echo to its pids.max ends with the step. \(origin[origin.startIndex].uppercased())\(origin.dropFirst()). Or let the step start fewer tasks (a smaller `make -j`, a build tool's --jobs)."
    }
}
