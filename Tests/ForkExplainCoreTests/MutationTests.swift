import Foundation
import XCTest

@testable import ForkExplainCore

/// Every single-field type mutation of real records through the whole report
/// pipeline: none may crash it, and each may cost its own field only.
final class MutationTests: XCTestCase {
    /// The replacements, as JSON text, for one leaf.
    static let mutations: [(name: String, json: String)] = [
        ("Int64.max", "9223372036854775807"),
        ("Int64.min", "-9223372036854775808"),
        ("beyond UInt64", "184467440737095516160"),
        ("negative", "-1"),
        ("float", "1.5e300"),
        ("string", "\"x\\u001b[31m\""),
        ("bool", "true"),
        ("null", "null"),
        ("array", "[1,\"a\"]"),
        ("object", "{\"a\":1}"),
        ("deep nesting", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
    ]

    static let records: [(fixture: String, line: Int)] = [
        ("centos7-pid-max.jsonl", 0), ("cgroup-pids-parent.jsonl", 0), ("commit-limit-mode2.jsonl", 0),
        ("tally-only.jsonl", 0),
    ]

    func testNoSingleFieldMutationCrashesTheReportOrCostsMoreThanItsField() throws {
        var tried = 0
        for (fixture, number) in Self.records {
            let line = try Self.line(fixture, number)
            let original = try XCTUnwrap(try Self.read(line).first, "\(fixture):\(number) does not read")
            let originalLeaves = Self.leaves(of: original)
            let tree = try XCTUnwrap(JSONValue.parse(Array(line.utf8)[...]))
            for path in Self.leafPaths(of: tree) {
                for mutation in Self.mutations {
                    let mutant = Self.text(of: tree, replacing: path[...], with: mutation.json)
                    // Twice, so that counts from the log are also added together.
                    let records = Self.decode(mutant).map { [$0, $0] } ?? []
                    Self.renderEverything(records)
                    tried += 1
                    let field = Self.fieldPath(path)
                    if field == "schema" || field == "type" { continue }
                    let context = "\(fixture):\(number) \(Self.describe(path)) as \(mutation.name)"
                    guard let record = records.first else {
                        XCTFail("\(context): the whole record was lost")
                        continue
                    }
                    let lost = originalLeaves.subtracting(Self.leaves(of: record))
                    let beyond = lost.filter {
                        !($0 == field || $0.hasPrefix(field + ".") || $0.hasPrefix(field + "["))
                    }
                    XCTAssert(beyond.isEmpty, "\(context) also lost \(beyond.sorted())")
                }
            }
        }
        XCTAssertGreaterThan(tried, 2_000)

    }

    func testDeepNestingInAnUnknownFieldIsSkipped() throws {
        let line = try Self.line("centos7-pid-max.jsonl", 0)
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let objects = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let mutant = "{\"future\":\(deep),\"future2\":\(objects)," + line.dropFirst()
        let record = try XCTUnwrap(try Self.read(mutant).first)
        XCTAssertEqual(Self.leaves(of: record), Self.leaves(of: try XCTUnwrap(try Self.read(line).first)))
    }

    func testExtremeIntegersAreRefusedAndCounted() throws {
        let failure =
            #"{"schema":1,"type":"failure","process":{"pid":7},"call":{"name":"fork","errno":11,"suppressed":9223372036854775807},"pid":{"pid_max":9223372036854775807,"host_tasks":-9223372036854775808,"threads_max":-1},"memory":{"mem_total_kb":9223372036854775807,"mem_available_kb":-9223372036854775808,"swap_total_kb":9223372036854775807,"swap_free_kb":-9223372036854775807,"overcommit_memory":2,"commit_limit_kb":9223372036854775807,"committed_as_kb":9223372036854775807,"vm_size_kb":9223372036854775807,"map_count":-5,"max_map_count":9223372036854775807},"limits":{"as":{"soft":4611686018427387903},"nproc":{"soft":1},"uid_tasks":9223372036854775807}}"#
        let path = try Fixture.temporaryFile(failure + "\n" + failure + "\n")
        defer { unlink(path) }
        let report = try ReportBuilder().build(from: [LogSource(path: path)])
        XCTAssertEqual(report.failureCount, 2, "a suppressed count of 2^63-1 is refused, not added")
        XCTAssertEqual(report.files.first?.lostFields, 2 * 14)
        XCTAssert(TextRenderer().render(report).contains("Unreadable fields left out"))
        XCTAssertEqual(report.events.first?.record.process?.pid, 7)
        Self.renderEverything(report.events.map(\.record))
    }

    func testCountsThatAddPastInt64Saturate() throws {
        // Each count is in range; 9,000 of them add up past 2^63.
        let tally =
            #"{"schema":1,"type":"tally","process":{"pid":7},"call":{"name":"fork","errno":11,"suppressed":1125899906842624}}"#
        let records = try Self.read(Array(repeating: tally, count: 9_000).joined(separator: "\n"))
        XCTAssertEqual(records.count, 9_000)
        let report = ReportBuilder().build(records: records)
        XCTAssertEqual(report.failureCount, Int.max, "counts saturate at the largest count")
        XCTAssert(TextRenderer().render(report).contains("\(Int.max) failures"))
        Self.renderEverything(Array(records.prefix(2)))
    }

    func testInvalidUTF8CostsOnlyItsField() throws {
        let line = try Self.line("centos7-pid-max.jsonl", 0)
        let original = try XCTUnwrap(try Self.read(line).first)
        // Overlong "/", a UTF-16 surrogate, a code point above U+10FFFF, a lone continuation byte.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]] {
            var bytes = Array(line.utf8)
            let comm = Array(#""comm":""#.utf8)
            let at = try XCTUnwrap(Self.firstIndex(of: comm, in: bytes)) + comm.count
            bytes.insert(contentsOf: bad, at: at)
            let record = try XCTUnwrap(try Self.read(bytes: bytes).first, "record lost to \(bad)")
            XCTAssertNil(record.process?.comm)
            XCTAssertEqual(record.process?.pid, original.process?.pid)
            XCTAssertEqual(Self.leaves(of: record), Self.leaves(of: original).subtracting(["process.comm"]))
        }
        // Escaped, a lone surrogate is not Unicode either.
        let escaped = line.replacingOccurrences(of: #""comm":""#, with: #""comm":"\ud800"#)
        let record = try XCTUnwrap(try Self.read(escaped).first)
        XCTAssertNil(record.process?.comm)
        XCTAssertEqual(record.process?.pid, original.process?.pid)
    }

    // MARK: - The pipeline

    static func renderEverything(_ records: [LogRecord]) {
        let report = ReportBuilder().build(records: records)
        _ = TextRenderer().render(report)
        _ = MarkdownRenderer().render(report)
        _ = try? JSONRenderer().render(report)
        for record in records.prefix(1) {
            let check = CheckReport(record: record)
            _ = check.exitStatus
            _ = try? CheckTextRenderer().render(check)
            _ = try? CheckJSONRenderer().render(check)
            _ = try? CheckPrometheusRenderer().render(check)
        }
    }

    static func decode(_ line: String) -> LogRecord? { try? LogRecord(jsonLine: Array(line.utf8)) }

    static func read(_ text: String) throws -> [LogRecord] { try read(bytes: Array(text.utf8)) }

    static func read(bytes: [UInt8]) throws -> [LogRecord] {
        let path = NSTemporaryDirectory() + "forkexplain-mutation-\(getpid()).jsonl"
        defer { unlink(path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (try? LogReader().readAll([LogSource(path: path)]).records) ?? []
    }

    static func line(_ fixture: String, _ number: Int) throws -> String {
        let text = try String(contentsOfFile: try Fixture.path(fixture), encoding: .utf8)
        return String(text.split(separator: "\n")[number])
    }

    // MARK: - JSON paths

    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    static func leafPaths(_ value: Any, _ prefix: [Step] = []) -> [[Step]] {
        if let object = value as? [String: Any] {
            return object.keys.sorted().flatMap { leafPaths(object[$0] as Any, prefix + [.key($0)]) }
        }
        if let array = value as? [Any] {
            return array.indices.flatMap { leafPaths(array[$0], prefix + [.index($0)]) }
        }
        return [prefix]
    }

    static func leafPaths(of value: JSONValue, _ prefix: [Step] = []) -> [[Step]] {
        switch value {
        case .object(let members): members.flatMap { leafPaths(of: $0.value, prefix + [.key($0.key)]) }
        case .array(let elements): elements.indices.flatMap { leafPaths(of: elements[$0], prefix + [.index($0)]) }
        default: [prefix]
        }
    }

    /// `value` as JSON text, with the leaf at `path` replaced by `json`.
    static func text(of value: JSONValue, replacing path: ArraySlice<Step>, with json: String) -> String {
        let first = path.first
        switch value {
        case .object(let members):
            let parts = members.map { member in
                let inner = first == .key(member.key) ? path.dropFirst() : nil
                return quoted(member.key) + ":"
                    + (inner.map { text(of: member.value, replacing: $0, with: json) }
                        ?? text(of: member.value, replacing: [], with: ""))
            }
            return "{" + parts.joined(separator: ",") + "}"
        case .array(let elements):
            let parts = elements.indices.map { index in
                let inner = first == .index(index) ? path.dropFirst() : nil
                return inner.map { text(of: elements[index], replacing: $0, with: json) }
                    ?? text(of: elements[index], replacing: [], with: "")
            }
            return "[" + parts.joined(separator: ",") + "]"
        default:
            if path.isEmpty, !json.isEmpty { return json }
            switch value {
            case .null: return "null"
            case .bool(let flag): return flag ? "true" : "false"
            case .int(let number): return String(number)
            case .uint(let number): return String(number)
            case .double(let number): return String(number)
            case .string(let text): return quoted(text)
            default: return "null"
            }
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{0}"..."\u{1F}": out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func describe(_ path: [Step]) -> String {
        path.reduce("") { text, step in
            switch step {
            case .key(let key): text.isEmpty ? key : "\(text).\(key)"
            case .index(let index): "\(text)[\(index)]"
            }
        }
    }

    /// The field a leaf belongs to: an element of an array of numbers or
    /// strings belongs to the array.
    static func fieldPath(_ path: [Step]) -> String {
        var steps = path
        while case .index = steps.last { steps.removeLast() }
        return describe(steps)
    }

    /// Every leaf the reader kept, as `section.key[index]` paths.
    static func leaves(of record: LogRecord) -> Set<String> {
        let sections: [(String, (any Encodable)?)] = [
            ("time", record.time), ("host", record.host), ("boot_id", record.bootId), ("kernel", record.kernel),
            ("glibc", record.glibc), ("process", record.process), ("call", record.call), ("pid", record.pid),
            ("limits", record.limits), ("cgroups", record.cgroups), ("memory", record.memory), ("top", record.top),
            ("backtrace", record.backtrace), ("unreadable", record.unreadable),
        ]
        var found: Set<String> = []
        for case (let name, let value?) in sections {
            guard let data = try? JSONEncoder().encode(value),
                let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            for path in leafPaths(tree) { found.insert(describe([.key(name)] + path)) }
        }
        return found
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<$0 + needle.count]) == needle }
    }
}
