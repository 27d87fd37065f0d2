/// One `report --filter KEY=VALUE`: which workload's failures to show, by
/// what the record says of it (docs/log-format.md `host`,
/// `process.thread_comm`, and the container identity worked out from the
/// cgroup paths). Several selectors must all match, as kubectl's label
/// selectors do.
public struct RecordSelector: Sendable, Hashable, CustomStringConvertible {
    public enum Key: String, Sendable, CaseIterable {
        case container, pod, unit, host, thread
    }

    public var key: Key
    public var value: String

    /// `container=3f2a9c1b0d4e`; throws with the sentence to show the user.
    public init(parsing text: String) throws(RecordSelectorError) {
        guard let equals = text.firstIndex(of: "=") else { throw .notKeyValue(text) }
        let name = String(text[..<equals])
        let value = String(text[text.index(after: equals)...])
        guard let key = Key(rawValue: name.lowercased()) else { throw .unknownKey(name) }
        guard !value.isEmpty else { throw .emptyValue(key) }
        self.key = key
        self.value = value
    }

    public var description: String { "\(key.rawValue)=\(value)" }

    func matches(_ event: FailureEvent) -> Bool {
        switch key {
        case .host: return event.host == value
        case .thread: return event.threadName == value
        case .unit: return Self.unit(event.identity?.systemdUnit, matches: value)
        case .pod: return Self.pod(event.identity?.podUid, matches: value)
        case .container: return event.identity.map { Self.container($0, matches: value) } ?? false
        }
    }

    /// `unit=nginx` selects `nginx.service`, as systemctl completes a bare name.
    static func unit(_ unit: String?, matches value: String) -> Bool {
        guard let unit else { return false }
        return unit == value || unit == value + ".service"
    }

    /// A pod's UID in any case, with `_` (as the systemd cgroup driver
    /// writes it) or `-` (as the API server does).
    static func pod(_ uid: String?, matches value: String) -> Bool {
        guard let uid else { return false }
        return uid.lowercased() == value.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// A container by its id or a unique-looking prefix of it (at least the
    /// 12 characters `docker ps` shows), or by its name: the Kubernetes
    /// container, the nspawn machine, the LXC container.
    static func container(_ identity: ContainerIdentity, matches value: String) -> Bool {
        let names = [identity.kubernetesContainer, identity.machine, identity.lxcContainer].compactMap { $0 }
        if names.contains(value) { return true }
        guard let id = identity.containerId?.lowercased() else { return false }
        let wanted = value.lowercased()
        return id == wanted || (wanted.count >= 12 && id.hasPrefix(wanted))
    }
}

/// Why a `--filter` was refused, in the words the user sees.
public enum RecordSelectorError: Error, Equatable, CustomStringConvertible {
    case notKeyValue(String)
    case unknownKey(String)
    case emptyValue(RecordSelector.Key)

    static var keys: String { RecordSelector.Key.allCases.map(\.rawValue).joined(separator: ", ") }

    public var description: String {
        switch self {
        case .notKeyValue(let text):
            "--filter \(text) is not KEY=VALUE (e.g. --filter host=web-7); keys: \(Self.keys)"
        case .unknownKey(let name):
            "--filter key '\(name)' is unknown; use one of: \(Self.keys)"
        case .emptyValue(let key):
            "--filter \(key.rawValue)= needs a value (e.g. --filter \(key.rawValue)=\(Self.example(key)))"
        }
    }

    static func example(_ key: RecordSelector.Key) -> String {
        switch key {
        case .container: "3f2a9c1b0d4e"
        case .pod: "7c1e0b2a-5d3f-4e6a-9b8c-1d2e3f4a5b6c"
        case .unit: "nginx.service"
        case .host: "web-7"
        case .thread: "pool-3-thread-7"
        }
    }
}
