import Foundation

/// What could not go to a spill file ($TMPDIR full, missing or read-only):
/// the report keeps it in memory and stays whole, but a user who set
/// $TMPDIR for room should know it was not used, and why. Kept here as the
/// spools refuse (`EventSpool`), said once by the command at the end, on
/// standard error (docs/design.md, "$TMPDIR"): standard output is the
/// report, the same as with room.
public enum SpillNotice {
    private struct Refusals {
        var what: [String] = []
        var directory = ""
        var reason = ""
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var refusals = Refusals()

    static func refused(_ what: String, directory: String, reason: String) {
        lock.lock()
        defer { lock.unlock() }
        if refusals.what.isEmpty {
            refusals.directory = directory
            refusals.reason = reason
        }
        if !refusals.what.contains(what) { refusals.what.append(what) }
    }

    /// The line to write once the report is out (to follow `forkexplain: `),
    /// nil when everything that was to spill did; the refusals are cleared.
    public static func take() -> String? {
        lock.lock()
        defer { lock.unlock() }
        let taken = refusals
        refusals = Refusals()
        guard !taken.what.isEmpty else { return nil }
        let what =
            taken.what.count == 1
            ? taken.what[0] : taken.what.dropLast().joined(separator: ", ") + " and " + (taken.what.last ?? "")
        return
            "warning: \(taken.directory) could not take the report's temporary files (\(taken.reason)): \(what) stayed in memory; the report is complete (set TMPDIR to a directory with room to spare the memory)"
    }
}
