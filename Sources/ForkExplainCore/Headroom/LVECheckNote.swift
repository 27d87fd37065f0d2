/// `check` on a CloudLinux LVE whose limit is filling (docs/kernel-facts.md
/// §11.164): the user's LVE in one line, and how its owner raises the
/// fullest limit, which neither `ulimit` nor a cgroup file of the user's
/// shows.
struct LVECheckNote: Sendable, Hashable {
    var line: String
    var fixes: [String]

    static func of(_ record: LogRecord, usages: [LimitUsage]) -> LVECheckNote? {
        guard let lve = record.lve, let id = lve.id else { return nil }
        let kinds: Set<LimitKind> = [.lveNPROC, .lvePMEM, .lveVMEM]
        guard let fullest = usages.first(where: { kinds.contains($0.limit) }),
            CheckReport.Level(share: fullest.share) != .ok
        else { return nil }
        var parts: [String] = []
        if let nproc = lve.nprocResource {
            parts.append("NPROC \(nproc.used) of \(nproc.limit) (fNPROC \(nproc.faults))")
        }
        if let ep = lve.epResource { parts.append("EP \(ep.used) of \(ep.limit) (fEP \(ep.faults))") }
        if let pmem = lve.pmemResource {
            parts.append(
                "PMEM \(Quantity.bytes(pmem.used * 4096)) of \(Quantity.bytes(pmem.limit * 4096)) (fMEMPHY \(pmem.faults))"
            )
        }
        let line = "CloudLinux LVE \(id) (the uid's own, set by the hosting panel): " + parts.joined(separator: ", ")
        let fixes: [String]
        switch fullest.limit {
        case .lveNPROC:
            let raised = fullest.max * 2
            fixes = [
                "raise it as root: `lvectl set \(id) --nproc=\(raised) --save`, or the user's (or package's) NPROC in the panel's CloudLinux (LVE) Manager; keep NPROC above EP + 15",
                "a hosting customer asks the host, or moves to a plan with a higher NPROC",
            ]
        case .lvePMEM:
            fixes = [
                "raise it as root: `lvectl set \(id) --pmem=\(fullest.max * 2 / (1 << 20))M --save`, or the user's (or package's) PMEM in the panel's CloudLinux (LVE) Manager; over it the LVE's processes are killed"
            ]
        default:
            fixes = [
                "VMEM limits are deprecated: `lvectl set \(id) --vmem=0 --save` as root lifts it; limit PMEM instead"
            ]
        }
        return LVECheckNote(line: line, fixes: fixes)
    }
}
