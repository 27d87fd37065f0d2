/// Where a pids level sits as seen from the failing process
/// (docs/kernel-facts.md §6.6, §6.21): the path it read may be the host's, its
/// container's own cgroup shown as the top of its view, a cgroup the guest
/// manages below that, or a level above the view it cannot read at all.
enum PidsLevelPlace: Sendable, Hashable {
    /// A host path: the process sees the host's cgroup root, so the file is
    /// the real one, writable by root there.
    case hostPath
    /// The top level of a container view: the container's own cgroup.
    case containerOwn
    /// A level below the container's own cgroup (units of the guest's init).
    case insideContainer
    /// A level above everything the process can read.
    case above

    /// The place of `levels[index]` (own level first, top visible level last).
    static func of(index: Int, in levels: [PIDsCgroupLevel], identity: ContainerIdentity) -> PidsLevelPlace {
        guard identity.isContainerView else { return .hostPath }
        return index == levels.count - 1 ? .containerOwn : .insideContainer
    }

    /// "/ (this container's own cgroup, shown as / inside its cgroup
    /// namespace; docker container 3f2a…)".
    static func describe(_ path: String, place: PidsLevelPlace, identity: ContainerIdentity) -> String {
        switch place {
        case .hostPath, .insideContainer:
            return path
        case .above:
            return "a level above this container's cgroup (not visible from inside)"
        case .containerOwn:
            return "\(path) (this container's own cgroup, \(containerOwnHow(path, identity: identity)))"
        }
    }

    /// How the container's own cgroup came to be the top of the view.
    static func containerOwnHow(_ path: String, identity: ContainerIdentity) -> String {
        var how: String
        if identity.inCgroupNamespace == true {
            how = "shown as \(path) inside its cgroup namespace"
        } else if let root = identity.cgroupMountRoot, root != "/" {
            how =
                root == path
                ? "the top level of its cgroup mount" : "the top level of its cgroup mount, \(root) on the host"
        } else {
            how = "the top of what it can see"
        }
        if let name = identity.workloadName { how += "; \(name)" }
        return how
    }
}
