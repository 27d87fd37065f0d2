/// What a text's paths say about where the program ran, when that names
/// the limit's owner better than the program does (docs/kernel-facts.md
/// §11.90, §11.101). Read beside the program's rule, not instead of it.
struct HostingHint: Sendable {
    /// Lowercased strings of which any one names the host; each must be
    /// one no other platform's log prints.
    var markers: [String]
    var note: String
    var firstCauses: [String]
    /// A marker counts only as a word of its own: a short name such as
    /// `runsc` is inside others (Node's `runScript` frames).
    var wholeWords = false

    static let all =
        containerHosts + [heroku, awsLambda, circleCIDocker, cloudLinux] + batchHosts + virtualMachines

    private static let containerHosts = [
        HostingHint(
            markers: ["/home/container/"],
            note:
                "/home/container is the working directory of a Pterodactyl (or Pelican) game or bot server: Wings runs each server in a Docker container with a pids limit of `container_pid_limit` from /etc/pterodactyl/config.yml, 512 by default, every process and thread of the server counted. The panel's host raises it there (`docker: container_pid_limit: 2048`, then restart Wings and the server); a user of a hosted panel asks the host.",
            firstCauses: ["cgroup_pids_limit"]),
        // A GitLab CI job log's header names the runner's executor. The
        // docker executor sets no pids limit of its own: the engine's, or
        // a cgroup_parent's, applies (docs/kernel-facts.md §11.101).
        HostingHint(
            markers: ["using docker executor with image"],
            note:
                "The job ran in a container GitLab Runner's docker executor made, and the runner sets no pids limit on it: its [runners.docker] settings have none (memory, cpus, `ulimit`, `cgroup_parent`, but no pids key), so the limit is the engine's. Behind podman's Docker-compatible socket every container gets containers.conf's `pids_limit` (2048 by default): `pids_limit = -1` under [containers] in /etc/containers/containers.conf on the runner's host lifts it. Docker sets none by default, though with the systemd cgroup driver the container's scope takes systemd's DefaultTasksMax= (docs/kernel-facts.md §11.14); look too at a `cgroup_parent` slice's TasksMax=, an `nproc` in [runners.docker.ulimit], or the host's limits. Every process and thread of the job and its services counts; a parallel build in the job (`make -j`, `cargo build -j`) can be made to fit instead.",
            firstCauses: ["cgroup_pids_limit"]),
        HostingHint(
            markers: ["using kubernetes executor with image"],
            note:
                "The job ran in a pod GitLab Runner's kubernetes executor made: its pids limit is the node's kubelet `podPidsLimit` (every container of the pod, the build, helper and service containers, counted together), which only the cluster's admin changes; a parallel build in the job (`make -j`, `cargo build -j`) can be made to fit instead.",
            firstCauses: ["cgroup_pids_limit"]),
    ]

    /// A Heroku log line's source, `app[web.1]:` or `app[worker.1]:`: the
    /// dyno's fixed count of processes and threads (docs/kernel-facts.md §11.81).
    /// A bare `app[` would match other logs.
    static let heroku = HostingHint(
        markers: ["app[web.", "app[worker."],
        note:
            "The log is a Heroku dyno's (`app[web.1]`): a dyno holds a fixed number of processes and threads together, whatever its memory: 256 on Eco, Basic and Standard-1X, 512 on Standard-2X and Private-S, 16384 on Performance-M and larger, every process and thread of the dyno counted. A larger dyno type raises it; fewer workers and threads per process (a browser per request that is never closed, a thread pool sized to the host's cores) fit it (docs/kernel-facts.md §11.81).",
        firstCauses: [])

    static func hints(in lower: String) -> [HostingHint] {
        all.filter { hint in
            hint.markers.contains { hint.wholeWords ? Self.containsWord($0, in: lower) : lower.contains($0) }
        }
    }

    /// Whether `word` is in `text` with no letter, digit or `_` right
    /// before or after it, where its own first or last character is one
    /// (`-microsoft-standard` follows a kernel's version).
    static func containsWord(_ word: String, in text: String) -> Bool {
        let checksBefore = isWordCharacter(word.first)
        let checksAfter = isWordCharacter(word.last)
        var rest = text[...]
        while let found = rest.range(of: word) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(checksBefore && isWordCharacter(before)), !(checksAfter && isWordCharacter(after)) { return true }
            rest = text[text.index(after: found.lowerBound)...]
        }
        return false
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_"
    }
}
