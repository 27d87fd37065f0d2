/// `forkexplain check` for a terminal and for a monitoring system: the
/// plugin line first (CheckPluginLine), then a line per limit, fullest
/// first, and with a preflight the room each limit on tasks leaves.
public struct CheckTextRenderer: Renderer {
    public typealias Subject = CheckReport

    public init() {}

    public func render(_ report: CheckReport) -> String {
        let process = report.record.process
        var out = CheckPluginLine.line(report) + "\n"
        out +=
            "forkexplain check: \(process?.comm ?? "?") (pid \(process?.pid.map(String.init) ?? "?"), uid \(process?.uid.map(String.init) ?? "?")) on \(report.record.host ?? "?"), kernel \(report.record.kernel ?? "?")"
            .escapingControls + "\n"
        if report.usages.isEmpty && report.turnedOff.isEmpty {
            out += "  no limit could be read\n"
        }
        for usage in report.usages {
            let level = CheckReport.Level(share: usage.share)
            let mark = level == .ok ? "ok  " : level == .warning ? "WARN" : "CRIT"
            out += "  \(mark) \(usage.line)  [\(usage.source)]".escapingControls + "\n"
        }
        for usage in report.turnedOff {
            out += "  OFF  \(usage.line)  [\(usage.source)]".escapingControls + "\n"
        }
        if let pid = report.record.pid,
            let hidden = PIDSpace.hiddenHostNote(pid, kernel: ReleaseVersion(report.record.kernel))
        {
            out += "  --   \(hidden)\n"
        }
        for limit in report.uncounted {
            out += "  ??   \(limit.label): \(limit.reading)  [\(limit.short)]".escapingControls + "\n"
            for line in [limit.reason] + (limit.check.map { [$0] } ?? []) where limit.reason != UncountedLimit.reason {
                out += "       \(line)".escapingControls + "\n"
            }
        }
        if let unit = report.unit {
            out += "  --   \(unit.line)".escapingControls + "\n"
            for line in [unit.origin, unit.peakLine].compactMap({ $0 }) + unit.fixes {
                out += "       \(line)".escapingControls + "\n"
            }
        }
        if let container = report.container {
            out += "  --   \(container.line)".escapingControls + "\n"
            for line in container.children?.lines ?? [] {
                out += "         \(line)".escapingControls + "\n"
            }
            for line in container.fixes {
                out += "       \(line)".escapingControls + "\n"
            }
        }
        if let guest = report.guest {
            for (index, line) in [guest.evidence, guest.memoryFix, guest.sysctlFix].enumerated() {
                out += (index == 0 ? "  --   " : "       ") + line.escapingControls + "\n"
            }
        }
        if let lve = report.lve {
            out += "  --   \(lve.line)".escapingControls + "\n"
            for line in lve.fixes {
                out += "       \(line)".escapingControls + "\n"
            }
        }
        if let hidden = report.hidden {
            out += "  --   \(hidden.line)".escapingControls + "\n"
            for line in hidden.fixes {
                out += "       \(line)".escapingControls + "\n"
            }
        }
        if ContainerIdentity(record: report.record).isKubernetes {
            out += "  --   \(KubeletPIDs.nodeNote)".escapingControls + "\n"
        }
        if let exempt = report.record.limits?.nprocExempt {
            out += "  --   RLIMIT_NPROC does not apply (\(exempt))".escapingControls + "\n"
        }
        // Files this kernel does not have are not unreadable (docs/kernel-facts.md §6.14).
        let unreadable = MissingSources.unreadable(in: report.record)
        if !unreadable.isEmpty {
            out += "  could not read: \(unreadable.joined(separator: ", "))".escapingControls + "\n"
        }
        out += preflightLines(report)
        if let preflight = report.preflight {
            out +=
                "status: \(report.outcome.rawValue) (preflight: critical when a limit leaves room for fewer than \(preflight.needed) more \(preflight.kind.rawValue))\n"
        } else {
            out +=
                "status: \(report.level.rawValue) (warning at \(Int(CheckReport.warningShare * 100)) %, critical at \(Int(CheckReport.criticalShare * 100)) %)\n"
        }
        return out
    }

    /// Each limit a new task counts against, with its room, and what the
    /// preflight cannot see.
    private func preflightLines(_ report: CheckReport) -> String {
        guard let preflight = report.preflight else { return "" }
        var out = "preflight: \(preflight.needed) more \(preflight.kind.rawValue) needed\n"
        for room in report.rooms {
            let mark = room.room < preflight.needed ? "SHORT" : "ok   "
            out += "  \(mark) room for \(room.room): \(room.usage.line)".escapingControls + "\n"
        }
        if ContainerIdentity(record: report.record).isContainerView {
            out +=
                "  --    the pids cgroup levels above this container's cgroup are not visible from here; they bind too\n"
        }
        return out
    }
}
