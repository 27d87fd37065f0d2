import Foundation

/// `forkexplain check --format json`: the headroom of every limit, for machines.
public struct CheckJSONRenderer: Renderer {
    public typealias Subject = CheckReport

    public init() {}

    public func render(_ report: CheckReport) throws -> String {
        struct Output: Encodable {
            var schema = 1
            var status: CheckReport.Level
            var pid: Int?
            var comm: String?
            var host: String?
            var kernel: String?
            var limits: [LimitUsage]
            /// Creation a setting turns off (a user namespace limit of 0): not in the status.
            var turnedOff: [LimitUsage]?
            var nprocExempt: String?
            var unreadable: [String]?
            var preflight: PreflightOutput?
            /// The limits a cut /proc scan left without a count, and why.
            var uncounted: [String]?
            var uncountedReason: String?
            /// Where each whole count can be taken (a partial view's).
            var uncountedChecks: [String]?
            /// The systemd unit whose TasksMax= is the tightest pids level.
            var systemdUnit: UnitOutput?
            /// The Proxmox VE CT or ECS task whose limit is the tightest pids level.
            var container: ContainerOutput?
            /// The VM or sandbox this Linux runs in (GuestVM).
            var vm: VMOutput?
            /// The user's CloudLinux LVE when one of its limits is filling.
            var lve: LVEOutput?
            /// A limit above a container's view that seems to bind.
            var hiddenPidsLimit: HiddenOutput?
        }
        struct LVEOutput: Encodable {
            var line: String
            var fixes: [String]
        }
        struct HiddenOutput: Encodable {
            var note: String
            var fixes: [String]
        }
        struct VMOutput: Encodable {
            var platform: GuestVM.Platform
            var name: String
            var evidence: String
            var fixes: [String]
        }
        struct ContainerOutput: Encodable {
            var name: String
            var cgroup: String
            var room: Int64
            /// A pod's level: the tasks in the checked container's own
            /// level and in the pod's other containers.
            var containerTasks: Int64?
            var otherContainersTasks: Int64?
            /// A pod's child levels read on the node, largest first (at
            /// most 8; the rest summed), and the tasks in its own level.
            var childLevels: [PodChildLevels.Level]?
            var moreChildLevels: Int?
            var moreChildLevelsTasks: Int64?
            var podLevelTasks: Int64?
            var childLevelsComplete: Bool?
            var fixes: [String]
        }
        struct UnitOutput: Encodable {
            var unit: String
            var cgroup: String
            var room: Int64
            var origin: String?
            /// pids.peak (Linux 6.1+).
            var peak: Int64?
            var fixes: [String]
        }
        struct PreflightOutput: Encodable {
            var kind: String
            var needed: Int64
            var room: Int64?
            var binding: LimitUsage?
            var rooms: [RoomOutput]
        }
        struct RoomOutput: Encodable {
            var limit: LimitUsage
            var room: Int64
        }
        let preflight = report.preflight.map { preflight in
            let tightest = report.rooms.first
            return PreflightOutput(
                kind: preflight.kind.rawValue, needed: preflight.needed, room: tightest?.room,
                binding: tightest.flatMap { $0.room < preflight.needed ? $0.usage : nil },
                rooms: report.rooms.map { RoomOutput(limit: $0.usage, room: $0.room) })
        }
        var output = Output(
            status: report.outcome, pid: report.record.process?.pid, comm: report.record.process?.comm,
            host: report.record.host, kernel: report.record.kernel, limits: report.usages,
            nprocExempt: report.record.limits?.nprocExempt, unreadable: report.record.unreadable)
        output.preflight = preflight
        output.turnedOff = report.turnedOff.isEmpty ? nil : report.turnedOff
        output.systemdUnit = report.unit.map {
            UnitOutput(
                unit: $0.unit, cgroup: $0.path, room: $0.room, origin: $0.origin, peak: $0.peak, fixes: $0.fixes)
        }
        output.container = report.container.map {
            let children = $0.children
            return ContainerOutput(
                name: $0.name, cgroup: $0.path, room: $0.room, containerTasks: $0.pod?.own,
                otherContainersTasks: $0.pod?.others, childLevels: children?.shown,
                moreChildLevels: children?.moreLevels, moreChildLevelsTasks: children?.moreTasks,
                podLevelTasks: children?.ownLevelTasks, childLevelsComplete: children?.complete, fixes: $0.fixes)
        }
        output.vm = report.guest.map {
            VMOutput(platform: $0.platform, name: $0.name, evidence: $0.evidence, fixes: [$0.memoryFix, $0.sysctlFix])
        }
        output.lve = report.lve.map { LVEOutput(line: $0.line, fixes: $0.fixes) }
        output.hiddenPidsLimit = report.hidden.map { HiddenOutput(note: $0.line, fixes: $0.fixes) }
        if !report.uncounted.isEmpty {
            output.uncounted = report.uncounted.map(\.label)
            output.uncountedReason = report.uncountedReasons.joined(separator: "; ")
            let checks = report.uncounted.compactMap(\.check)
            output.uncountedChecks = checks.isEmpty ? nil : checks
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
    }
}
