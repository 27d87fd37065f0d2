/// A failure the commands report as one line and an exit status.
struct CommandFailure: Error {
    /// Bad usage, an unreadable or missing log, a log that is not ours.
    static let usageStatus: Int32 = 2

    var message: String
    var status: Int32 = usageStatus
}
