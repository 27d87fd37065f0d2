/// A RUN step of a buildah build: `buildah build` (`bud`) and `podman
/// build`, which runs buildah's code, write /run/.containerenv for every
/// RUN with `engine="buildah-VERSION"` and the working container's name,
/// id and image (buildah run_common.go; docs/kernel-facts.md §11.201).
/// buildah sets no pids limit on a step: its build options
/// (define/build.go CommonBuildOptions) carry a cgroup parent, CPU, memory and
/// ulimits, no pids limit, and podman documents `--pids-limit` for `run`,
/// `create` and `update`, not `build`.
enum BuildahRun {
    /// The fix for a pids level a RUN step fills: the cgroup the build runs
    /// in, or the one `--cgroup-parent` names; `--ulimit nproc` for RLIMIT_NPROC.
    static func advice(_ identity: ContainerIdentity, n: String) -> String {
        let step =
            identity.containerName.map { "working container \"\($0)\"" } ?? "its working container"
        let engine = identity.buildahEngine.map { ", \($0)" } ?? ""
        return
            "This is a RUN step of a buildah build (\(step)\(engine); `buildah build`, or `podman build`, which runs buildah's code): buildah sets no pids limit on a step and has no build option for one (`--pids-limit` is podman's for `run`, `create` and `update`, not `build`), so the limit that refused belongs to the cgroup the build runs in: raise it there, for the CI job's container or pod that runs the build (`docker update --pids-limit \(n) CONTAINER`, the job's `pids_limit:`, kubelet `podPidsLimit`) or the unit or session that started it (`systemctl set-property UNIT TasksMax=\(n)`); a `--cgroup-parent` given to the build puts its steps under that cgroup, whose limit is then the one. Or let the step start fewer tasks (a smaller `make -j`). If the step's RLIMIT_NPROC refused instead, `--ulimit nproc=\(n):\(n)` on the build raises it."
    }
}
