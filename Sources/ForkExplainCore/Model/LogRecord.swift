import Foundation

/// One line of a forkexplain log (docs/log-format.md, schema 1).
///
/// Only `schema` and `type` are required: a field the shim could not read is
/// absent. Each section decodes on its own, so a damaged or retyped section
/// (a newer schema) costs that section only, never the whole record.
public struct LogRecord: Sendable {
    static let knownSchema = 1

    var schema: Int
    var type: RecordType
    /// Who wrote it: absent or "shim" for the preloaded library, "watch"
    /// for `forkexplain watch` (log-format.md).
    var source: String?
    var time: String?
    var host: String?
    var bootId: String?
    var kernel: String? {
        get { platform?.values.kernel }
        set { platform { $0.values.kernel = newValue } }
    }
    /// The C library ("glibc", "musl") and its release; older shims wrote
    /// only `glibc` (docs/log-format.md).
    var libc: String? {
        get { platform?.values.libc }
        set { platform { $0.values.libc = newValue } }
    }
    var libcVersion: String? {
        get { platform?.values.libcVersion }
        set { platform { $0.values.libcVersion = newValue } }
    }
    /// The writer's instruction set (log-format.md, `arch`); nil in records
    /// from before the field, which all came from x86_64.
    var arch: String? {
        get { platform?.values.arch }
        set { platform { $0.values.arch = newValue } }
    }
    var glibc: String? {
        get { platform?.values.glibc }
        set { platform { $0.values.glibc = newValue } }
    }
    /// The kernel, C library and instruction set, out of line as `snapshot`:
    /// inline they were 80 bytes of every event a JSON report holds, which
    /// once its text is made reads none of them (`LogRecord.heldForJSON`).
    private(set) var platform: PlatformSection?
    var process: ProcessSnapshot?
    /// Out of line, as `pid`: inline its seven optional fields were some
    /// 100 bytes of every event a report holds, and the events of one
    /// call and errno can share one box (`SharedParts`).
    var call: CallSnapshot? {
        get { callBox?.section }
        set { callBox = newValue.map(SectionBox.init) }
    }
    var callBox: SectionBox<CallSnapshot>?
    /// Out of line: inline its eleven optional numbers were
    /// some 170 bytes of every event a JSON report holds, which once its
    /// text is made reads none of them for a shim event (`FailureEvent.compactForJSON`).
    var pid: PIDSnapshot? {
        get { pidBox?.section }
        set { pidBox = newValue.map(SectionBox.init) }
    }
    private var pidBox: SectionBox<PIDSnapshot>?
    /// Out of line, as `call`: some 32 bytes inline in every event a report
    /// holds, where a JSON report's held records have none.
    var top: TopSnapshot? {
        get { topBox?.section }
        set { topBox = newValue.map(SectionBox.init) }
    }
    var topBox: SectionBox<TopSnapshot>?
    var backtrace: [BacktraceFrame]?
    /// The sections only the classifier reads, out of line: inline they
    /// made a record some 1.5 KB even with them all nil, in every event
    /// a report holds (`LogRecord.classified`, docs/performance.md, "Held
    /// events"). Nil when they are all nil.
    var snapshot: SnapshotSections?
    var limits: LimitsSnapshot? {
        get { snapshot?.limits }
        set { sections { $0.limits = newValue } }
    }
    var cgroups: CgroupsSnapshot? {
        get { snapshot?.cgroups }
        set { sections { $0.cgroups = newValue } }
    }
    public var memory: MemorySnapshot? {
        get { snapshot?.memory }
        set { sections { $0.memory = newValue } }
    }
    var container: ContainerSnapshot? {
        get { snapshot?.container }
        set { sections { $0.container = newValue } }
    }
    /// OpenVZ / Virtuozzo only (docs/kernel-facts.md §11.1).
    var beancounters: BeancountersSnapshot? {
        get { snapshot?.beancounters }
        set { sections { $0.beancounters = newValue } }
    }
    /// CloudLinux LVE kernels only (docs/kernel-facts.md §11.164).
    var lve: LVESnapshot? {
        get { snapshot?.lve }
        set { sections { $0.lve = newValue } }
    }
    var unreadable: [String]? {
        get { snapshot?.unreadable }
        set { sections { $0.unreadable = newValue } }
    }
    /// Paths that did not exist (ENOENT): on an older kernel, files it did
    /// not have yet (docs/kernel-facts.md §6.14). Not "could not be read".
    var absent: [String]? {
        get { snapshot?.absent }
        set { sections { $0.absent = newValue } }
    }

    /// Tallies only: why `FORKEXPLAIN_FILL=failure` wrote a tally and not a
    /// snapshot (log-format.md, "tally"). Nil in records before it.
    var fillRefused: FillRefusal? {
        get { snapshot?.fillRefused }
        set { sections { $0.fillRefused = newValue } }
    }

    /// Tallies only: failures held back in the tree's tally area and
    /// written later by another writer (log-format.md, "held").
    var held: HeldTally? {
        get { snapshot?.held }
        set { sections { $0.held = newValue } }
    }

    /// Copy on write, as `sections`.
    private mutating func platform(_ change: (PlatformSection) -> Void) {
        var section = platform ?? PlatformSection()
        platform = nil
        if !isKnownUniquelyReferenced(&section) { section = section.copy() }
        change(section)
        // Setting nil makes no section.
        platform = section.values.isEmpty ? nil : section
    }

    /// The record without its platform section (`heldForJSON`).
    mutating func dropPlatform() { platform = nil }

    /// Copy on write: a record's copies share its sections until one of
    /// them changes one.
    private mutating func sections(_ change: (SnapshotSections) -> Void) {
        var sections = snapshot ?? SnapshotSections()
        // Let go of ours first: then a box no other record holds is unique.
        snapshot = nil
        if !isKnownUniquelyReferenced(&sections) { sections = sections.copy() }
        change(sections)
        snapshot = sections
    }

    init(schema: Int = LogRecord.knownSchema, type: RecordType) {
        self.schema = schema
        self.type = type
    }

    // Keys exactly as the shim writes them (log-format.md), in this and every
    // section type: with them the decoder needs no `.convertFromSnakeCase`,
    // which re-split and re-joined every key of every record and was most of
    // the time `report` spent reading a log. Model/SectionDecoding.swift
    // reads each line by them.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, type, source, time, host
        case bootId = "boot_id"
        case kernel, arch, libc
        case libcVersion = "libc_version"
        case glibc, process, call, pid
        case limits, cgroups, memory, top, container, beancounters, lve, backtrace, unreadable, absent
        case fillRefused = "fill_refused"
        case held
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

/// A record's section held out of line (`LogRecord.pid`, `call`, `top`).
/// Never changed: a new section is a new box, so records that share one
/// are safe to send.
final class SectionBox<Section: Sendable>: Sendable {
    let section: Section

    init(_ section: Section) { self.section = section }
}

/// Equal by their sections: `SharedParts` finds equal ones to share.
extension SectionBox: Equatable where Section: Equatable {
    static func == (lhs: SectionBox, rhs: SectionBox) -> Bool { lhs.section == rhs.section }
}

extension SectionBox: Hashable where Section: Hashable {
    func hash(into hasher: inout Hasher) { hasher.combine(section) }
}

/// A record's kernel, C library and instruction set (`LogRecord.platform`).
/// Changed only through `LogRecord`'s setters, and only while one record
/// holds it (copy on write), as `SnapshotSections`.
final class PlatformSection: @unchecked Sendable {
    struct Values: Sendable {
        var kernel: String?
        var libc: String?
        var libcVersion: String?
        var arch: String?
        var glibc: String?

        var isEmpty: Bool { kernel == nil && libc == nil && libcVersion == nil && arch == nil && glibc == nil }
    }

    var values = Values()

    init() {}

    func copy() -> PlatformSection {
        let copy = PlatformSection()
        copy.values = values
        return copy
    }
}
