import Foundation

/// The phrases every human-readable renderer shares.
enum IncidentText {
    /// `pid_max — PID exhaustion in PID namespace pid:[N]: 37 failures of
    /// pthread_create (EAGAIN) by java (pid 2), 15:30:01–15:30:03 on host vm`
    static func headline(_ incident: Incident) -> String {
        "\(incident.verdict.id.rawValue) — " + headlineTail(incident)
    }

    /// The headline after its verdict identifier.
    static func headlineTail(_ incident: Incident) -> String {
        let verdict = incident.verdict
        var line = "\(verdict.summary): \(failures(incident.count)) of "
        line += list(incident.failures, limit: 3)
        line += " by " + list(incident.processes, of: incident.processCount, limit: Incident.shownProcesses)
        if let span = timeSpan(incident.first, incident.last) { line += ", \(span)" }
        if let host = incident.host { line += " on host \(host)" }
        return line
    }

    static func failures(_ count: Int) -> String {
        count == 1 ? "1 failure" : "\(count) failures"
    }

    /// "a, b, c and 2 more": `items` the first of `count` (all of them
    /// unless given).
    static func list(_ items: [String], of count: Int? = nil, limit: Int) -> String {
        let count = count ?? items.count
        guard count > limit else { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + " and \(count - limit) more"
    }

    /// `15:30:01–15:30:03` (UTC), with dates when the span crosses midnight.
    static func timeSpan(_ first: Date?, _ last: Date?) -> String? {
        guard let first else { return nil }
        let last = last ?? first
        let start = utc(first)
        let end = utc(last)
        if start == end { return "\(start.date) \(start.time) UTC" }
        if start.date == end.date { return "\(start.date) \(start.time)–\(end.time) UTC" }
        return "\(start.date) \(start.time)–\(end.date) \(end.time) UTC"
    }

    /// `2026-11-26 15:30:01 UTC`
    static func time(_ date: Date?) -> String {
        guard let date else { return "?" }
        let parts = utc(date)
        return "\(parts.date) \(parts.time)"
    }

    static func utc(_ date: Date) -> (date: String, time: String) {
        let digits = UTCDigits(date)
        return (digits.date, digits.time)
    }

    /// `latest failure, aarch64`: a backtrace's addresses are return
    /// addresses of the writer's architecture (docs/log-format.md, `arch`).
    static func backtraceTitle(_ record: LogRecord) -> String {
        guard let arch = record.arch, !arch.isEmpty else { return "latest failure" }
        return "latest failure, \(arch)"
    }

    /// How many of a backtrace's frames a ticket needs: any in the C
    /// library first (popen, system and posix_spawn fail inside it), then
    /// the first `own` of the program's. Which code called matters; main()
    /// and the C library's start-up do not.
    static func framesThatMatter(_ frames: [BacktraceFrame], own: Int) -> Int {
        let inLibC = frames.prefix { isCLibrary($0.module) }.count
        return min(frames.count, inLibC + own)
    }

    /// The C library, its dynamic loader and the shim: glibc's and musl's names.
    static func isCLibrary(_ module: String?) -> Bool {
        guard let module, let name = module.split(separator: "/").last else { return false }
        return ["libc.so", "libc-", "libpthread", "ld-linux", "ld-musl", "libc.musl", "libforkexplain"].contains {
            name.hasPrefix($0)
        }
    }

    /// `#0 /usr/bin/bash+0x5b2c3 make_child`
    static func frame(_ frame: BacktraceFrame, index: Int, symbols: [FrameKey: String]) -> String {
        var line = "#\(index) "
        if let module = frame.module, let offset = frame.offset {
            line += "\(module)+\(offset)"
        } else {
            line += frame.addr ?? "?"
        }
        if let key = FrameKey(frame), let symbol = symbols[key] {
            line += " \(symbol)"
        } else if let buildId = frame.buildId, !buildId.isEmpty {
            // What to fetch the symbols by (debuginfod-find debuginfo ID).
            line += " (build-id \(buildId))"
        }
        return line
    }

    /// `"pool-3-thread-7" (tid 97) of java (pid 41)`; nil when the record
    /// names no thread, or only the main thread by the process's own name,
    /// which the headline has said already.
    static func thread(_ event: FailureEvent) -> String? {
        guard let name = event.threadName else { return nil }
        if name == event.comm, event.tid != nil, event.tid == event.pid { return nil }
        var line = "\"\(name)\""
        if let tid = event.tid { line += " (tid \(tid))" }
        if let comm = event.comm, let pid = event.pid {
            line += " of \(comm) (pid \(pid))"
        }
        return line
    }

    /// `Top PID holders on the host (every process, in this cgroup or
    /// not)`: the shim's /proc scan covers the PID namespace the process
    /// sees, never one cgroup (docs/log-format.md, `top`), and a cgroup's
    /// verdict must not let the list pass for the cgroup's own processes.
    static func holdersTitle(_ incident: Incident) -> String {
        let record = incident.latest.record
        var title = "Top PID holders"
        switch record.pid?.pidNs {
        case PIDSnapshot.initialNamespace?: title += " on the host (every process"
        case let ns?: title += " in its PID namespace pid:[\(ns)] (every process there"
        case nil: title += " (every process it could see"
        }
        switch incident.verdict.id {
        case .cgroupPidsLimit: title += ", in this cgroup or not"
        case .rlimitNPROC: title += ", of any uid"
        default: break
        }
        title += record.top?.complete == false ? "; the scan was cut short)" : ")"
        return title
    }

    /// The holders worth a line each: those holding more than one PID, at
    /// most `limit`. The scan lists them most first, so the ones after hold
    /// one each (a kernel thread, a single-threaded process): one line says so.
    static func holderLines(_ holders: [PIDHolder], limit: Int) -> [String] {
        let many = holders.filter { ($0.threads ?? 0) + ($0.zombies ?? 0) > 1 }
        var lines = many.prefix(limit).map(holder)
        if many.isEmpty {
            lines.append("every process holds one PID: none has more than one thread or an unreaped child")
        } else if many.count < holders.count, many.count <= limit {
            lines.append("the others hold one PID each")
        }
        return lines
    }

    /// `java (pid 977, uid 0): 4012 threads, 3 zombies`
    static func holder(_ holder: PIDHolder) -> String {
        var line = "\(holder.comm ?? "?") (pid \(holder.pid.map(String.init) ?? "?")"
        if let uid = holder.uid { line += ", uid \(uid)" }
        line += "): " + Quantity.threads(holder.threads ?? 0)
        if let zombies = holder.zombies, zombies > 0 { line += ", \(zombies) zombies" }
        return line
    }

    /// The closing line: what the report's first line does not say (lines
    /// skipped, the program's own output, fields left out, a newer schema);
    /// nil when there is nothing of the kind. Failures and incidents are the
    /// first line's, and a record ("event") is no unit an operator counts.
    static func closingNotes(_ report: Report) -> String? {
        var notes: [String] = []
        func each(_ counts: [(Int, String)]) -> String {
            counts.map { "\($0.0) in \(LogSource(path: $0.1).displayName)" }.joined(separator: ", ")
        }
        let skipped = report.files.filter { $0.skippedLines > 0 }
        if !skipped.isEmpty {
            notes.append("skipped malformed lines: " + each(skipped.map { ($0.skippedLines, $0.path) }))
        }
        let other = report.files.filter { $0.otherLines > 0 }
        if !other.isEmpty {
            notes.append(
                "lines that are not records (the program's own output): " + each(other.map { ($0.otherLines, $0.path) })
            )
        }
        let lost = report.files.filter { $0.lostFields > 0 }
        if !lost.isEmpty {
            notes.append(
                "unreadable fields left out (wrong type or out of range): "
                    + each(lost.map { ($0.lostFields, $0.path) }))
        }
        if report.newerSchemaSeen {
            notes.append(
                "some records have a schema newer than \(LogRecord.knownSchema): read as far as this forkexplain understands them"
            )
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ").capitalizedFirst + "."
    }

    /// What named the frames (`Symbolizer.name`), as the Markdown and text
    /// reports end with it: "llvm-symbolizer: /usr/bin/llvm-symbolizer (LLVM 19.1.7)."
    static func symbolizerLine(_ name: String) -> String {
        "llvm-symbolizer: \(name)."
    }

    /// What to do when a log holds no failure: the ticket is still open.
    static let nextSteps =
        "A failure is recorded when a program run under `forkexplain run -- CMD` (or with LD_PRELOAD=libforkexplain.so) "
        + "cannot start a process or thread. A static or Go program: `sudo forkexplain watch`. "
        + "The limits now: `forkexplain check --pid PID`. From the message alone: `forkexplain explain 'MESSAGE'`."

    /// "no failures recorded in /tmp/forkexplain-0.jsonl"
    static func noFailures(_ report: Report) -> String {
        let names = report.files.map { LogSource(path: $0.path).displayName }
        return "no failures recorded in \(names.isEmpty ? "the log" : names.joined(separator: ", "))"
    }
}
