import Foundation

/// One line of a forkexplain log (docs/log-format.md, schema 1).
///
/// Only `schema` and `type` are required: a field the shim could not read is
/// absent. Each section decodes on its own, so a damaged or retyped section
/// (a newer schema) costs that section only, never the whole record.
public struct LogRecord: Sendable, Decodable {
    static let knownSchema = 1

    var schema: Int
    var type: RecordType
    /// Who wrote it: absent or "shim" for the preloaded library, "watch"
    /// for `forkexplain watch` (log-format.md).
    var source: String?
    var time: String?
    var host: String?
    var bootId: String?
    var kernel: String?
    /// The C library ("glibc", "musl") and its release; older shims wrote
    /// only `glibc` (docs/log-format.md).
    var libc: String?
    var libcVersion: String?
    /// The writer's instruction set (log-format.md, `arch`); nil in records
    /// from before the field, which all came from x86_64.
    var arch: String?
    var glibc: String?
    var process: ProcessSnapshot?
    var call: CallSnapshot?
    var pid: PIDSnapshot?
    var limits: LimitsSnapshot?
    var cgroups: CgroupsSnapshot?
    public var memory: MemorySnapshot?
    var top: TopSnapshot?
    var container: ContainerSnapshot?
    /// OpenVZ / Virtuozzo only (docs/kernel-facts.md §11.1).
    var beancounters: BeancountersSnapshot?
    var backtrace: [BacktraceFrame]?
    var unreadable: [String]?
    /// Paths that did not exist (ENOENT): on an older kernel, files it did
    /// not have yet (docs/kernel-facts.md §6.14). Not "could not be read".
    var absent: [String]?

    init(schema: Int = LogRecord.knownSchema, type: RecordType) {
        self.schema = schema
        self.type = type
    }

    // Keys exactly as the shim writes them (log-format.md), in this and every
    // section type: with them the decoder needs no `.convertFromSnakeCase`,
    // which re-split and re-joined every key of every record and was most of
    // the time `report` spent reading a log.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, type, source, time, host
        case bootId = "boot_id"
        case kernel, arch, libc
        case libcVersion = "libc_version"
        case glibc, process, call, pid
        case limits, cgroups, memory, top, container, beancounters, backtrace, unreadable, absent
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(Int.self, forKey: .schema)
        type = try container.decode(RecordType.self, forKey: .type)
        source = container.lenient(String.self, .source)
        time = container.lenient(String.self, .time)
        host = container.lenient(String.self, .host)
        bootId = container.lenient(String.self, .bootId)
        kernel = container.lenient(String.self, .kernel)
        arch = container.lenient(String.self, .arch)
        libc = container.lenient(String.self, .libc)
        libcVersion = container.lenient(String.self, .libcVersion)
        glibc = container.lenient(String.self, .glibc)
        process = container.lenient(ProcessSnapshot.self, .process)
        call = container.lenient(CallSnapshot.self, .call)
        pid = container.lenient(PIDSnapshot.self, .pid)
        limits = container.lenient(LimitsSnapshot.self, .limits)
        cgroups = container.lenient(CgroupsSnapshot.self, .cgroups)
        memory = container.lenient(MemorySnapshot.self, .memory)
        top = container.lenient(TopSnapshot.self, .top)
        self.container = container.lenient(ContainerSnapshot.self, .container)
        beancounters = container.lenient(BeancountersSnapshot.self, .beancounters)
        backtrace = container.lenient([BacktraceFrame].self, .backtrace)
        unreadable = container.lenient([String].self, .unreadable)
        absent = container.lenient([String].self, .absent)
    }

    /// The C library the process ran on.
    var cLibrary: CLibrary { CLibrary(record: self) }

    /// "glibc 2.36", "musl 1.2.3", or nil when the record does not say.
    var libcDescription: String? {
        switch cLibrary {
        case .glibc: return "glibc \(glibc ?? libcVersion ?? "(release unknown)")"
        case .musl: return "musl \(libcVersion ?? "(release unknown)")"
        case .unknown: return nil
        }
    }

    /// Written by `forkexplain watch`, from the host, rather than by the
    /// shim inside the failing process.
    var isFromWatch: Bool { source == "watch" }

    /// True when the record comes from a shim newer than this reader.
    var isNewerSchema: Bool { schema > Self.knownSchema }
}
