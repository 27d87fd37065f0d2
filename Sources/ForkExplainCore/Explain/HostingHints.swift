/// What a text's paths say about where the program ran, when that names
/// the limit's owner better than the program does (docs/kernel-facts.md
/// §11.90, §11.101). Read beside the program's rule, not instead of it.
struct HostingHint: Sendable {
    var marker: String
    var note: String
    var firstCauses: [String]

    static let all = [
        HostingHint(
            marker: "/home/container/",
            note:
                "/home/container is the working directory of a Pterodactyl (or Pelican) game or bot server: Wings runs each server in a Docker container with a pids limit of `container_pid_limit` from /etc/pterodactyl/config.yml, 512 by default, every process and thread of the server counted. The panel's host raises it there (`docker: container_pid_limit: 2048`, then restart Wings and the server); a user of a hosted panel asks the host.",
            firstCauses: ["cgroup_pids_limit"]),
        // A GitLab CI job log's header names the runner's executor; the job's
        // container takes the runner's [runners.docker] pids_limit
        // (docs/kernel-facts.md §11.101).
        HostingHint(
            marker: "using docker executor with image",
            note:
                "The job ran in a container GitLab Runner's docker executor made: its pids limit is `pids_limit` under [runners.docker] in the runner's config.toml (`--docker-pids-limit` at `gitlab-runner register`), and without one the engine's own default (none for Docker, 2048 for podman's Docker-compatible socket). Every process and thread of the job and its services counts. The runner's admin raises it there (`pids_limit = -1` for none) and restarts the runner; a parallel build in the job (`make -j`, `cargo build -j`) can be made to fit instead.",
            firstCauses: ["cgroup_pids_limit"]),
        HostingHint(
            marker: "using kubernetes executor with image",
            note:
                "The job ran in a pod GitLab Runner's kubernetes executor made: its pids limit is the node's kubelet `podPidsLimit` (every container of the pod, the build, helper and service containers, counted together), which only the cluster's admin changes; a parallel build in the job (`make -j`, `cargo build -j`) can be made to fit instead.",
            firstCauses: ["cgroup_pids_limit"]),
    ]

    static func hints(in lower: String) -> [HostingHint] {
        all.filter { lower.contains($0.marker) }
    }
}
