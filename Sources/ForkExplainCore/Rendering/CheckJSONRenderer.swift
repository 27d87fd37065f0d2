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
            var nprocExempt: String?
            var unreadable: [String]?
        }
        let output = Output(
            status: report.level, pid: report.record.process?.pid, comm: report.record.process?.comm,
            host: report.record.host, kernel: report.record.kernel, limits: report.usages,
            nprocExempt: report.record.limits?.nprocExempt, unreadable: report.record.unreadable)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
    }
}
