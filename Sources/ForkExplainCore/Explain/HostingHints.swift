/// What a text's paths say about where the program ran, when that names
/// the limit's owner better than the program does (docs/kernel-facts.md
/// §11.90). Read beside the program's rule, not instead of it.
struct HostingHint: Sendable {
    var marker: String
    var note: String
    var firstCauses: [String]

    static let all = [
        HostingHint(
            marker: "/home/container/",
            note:
                "/home/container is the working directory of a Pterodactyl (or Pelican) game or bot server: Wings runs each server in a Docker container with a pids limit of `container_pid_limit` from /etc/pterodactyl/config.yml, 512 by default, every process and thread of the server counted. The panel's host raises it there (`docker: container_pid_limit: 2048`, then restart Wings and the server); a user of a hosted panel asks the host.",
            firstCauses: ["cgroup_pids_limit"])
    ]

    static func hints(in lower: String) -> [HostingHint] {
        all.filter { lower.contains($0.marker) }
    }
}
