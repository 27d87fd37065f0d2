import XCTest

@testable import ForkExplainCore

/// The simdjson-backed parse every line goes through (Sources/CForkExplainJSON):
/// what it refuses whole, and what it keeps as a value no field takes.
final class JSONTapeTests: XCTestCase {
    private func members(_ line: [UInt8]) -> [(String?, JSONValue)]? {
        guard case .object(let members)? = JSONValue.parse(line[...]) else { return nil }
        return members.map { ($0.key, $0.value) }
    }

    private func value(_ line: String, _ key: String) -> JSONValue? {
        JSONValue.parse(Array(line.utf8)[...])?.member(key)
    }

    func testNotJSONIsRefusedWhole() {
        for line in [#"{"a":1"#, #"{"a":1} x"#, #"{"a":tru}"#, #"{"a":1,}"#, "5", #""s""#, #"{"a":-}"#, ""] {
            XCTAssertNil(JSONValue.parse(Array(line.utf8)[...]), line)
        }
    }

    func testNumbersKeepTheirKind() {
        let line =
            #"{"i":-9223372036854775808,"u":18446744073709551615,"big":184467440737095516160,"#
            + #""f":1.5e300,"z":-0,"inf":1e999}"#
        guard case .int(Int64.min)? = value(line, "i") else { return XCTFail("int") }
        guard case .uint(UInt64.max)? = value(line, "u") else { return XCTFail("uint") }
        guard case .double(let big)? = value(line, "big") else { return XCTFail("beyond UInt64") }
        XCTAssertEqual(big, 1.8446744073709552e20)
        guard case .double(1.5e300)? = value(line, "f") else { return XCTFail("double") }
        guard case .int(0)? = value(line, "z") else { return XCTFail("-0") }
        guard case .double(let infinity)? = value(line, "inf") else { return XCTFail("1e999") }
        XCTAssertEqual(infinity, .infinity)
    }

    func testABadStringIsAValueNoFieldTakes() {
        let line = #"{"lone":"\ud800","low":"\udc00x","pair":"\ud83d\ude00","escape":"x\q","kept":"\u0074ab\tx"}"#
        guard case .invalidString? = value(line, "lone") else { return XCTFail("lone high surrogate") }
        guard case .invalidString? = value(line, "low") else { return XCTFail("lone low surrogate") }
        guard case .invalidString? = value(line, "escape") else { return XCTFail("unknown escape") }
        guard case .string("😀")? = value(line, "pair") else { return XCTFail("surrogate pair") }
        guard case .string("tab\tx")? = value(line, "kept") else { return XCTFail("escapes") }
    }

    func testBytesThatAreNotUTF8CostTheirStringOnly() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0x09]] {
            let line = Array(#"{"a":""#.utf8) + bad + Array(#"","b":7}"#.utf8)
            let parsed = members(line)
            XCTAssertEqual(parsed?.count, 2, "\(bad)")
            if bad == [0x09] {
                guard case .string("\t")? = parsed?.first?.1 else { return XCTFail("a raw tab is kept") }
            } else {
                guard case .invalidString? = parsed?.first?.1 else { return XCTFail("\(bad)") }
            }
            guard case .int(7)? = parsed?.last?.1 else { return XCTFail("\(bad): b") }
        }
        // Outside a string such bytes are not JSON at all.
        XCTAssertNil(JSONValue.parse((Array(#"{"a":1}"#.utf8) + [0x80])[...]))
    }

    func testARepeatedKeyKeepsItsLastValueAndAnEscapedKeyMatches() {
        let line = #"{"a":1,"b":2,"a":"x","\u0074ype":3}"#
        let parsed = members(Array(line.utf8))
        XCTAssertEqual(parsed?.map(\.0), ["b", "a", "type"])
        guard case .string("x")? = value(line, "a") else { return XCTFail("last a") }
    }

    func testNestingPast32LevelsIsSteppedOver() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let line = #"{"deep":\#(deep),"after":1}"#
        guard case .array? = value(line, "deep") else { return XCTFail("the first levels are read") }
        guard case .int(1)? = value(line, "after") else { return XCTFail("the rest of the line is read") }
        var level = value(line, "deep")
        var depth = 1
        while case .array(let elements)? = level, let first = elements.first {
            level = first
            depth += 1
        }
        guard case .tooDeep? = level else { return XCTFail("past the limit: not read") }
        XCTAssertEqual(depth, 32)
    }

    func testARecordLineDecodesStraightIntoTheModel() throws {
        let line =
            #"{"schema":1,"type":"failure","process":{"pid":7,"comm":"\ud800"},"#
            + #""limits":{"nproc":{"soft":"unlimited"}}}"#
        let (record, lost) = try XCTUnwrap(RecordDecoder.decode(Array(line.utf8)[...]))
        XCTAssertEqual(record.process?.pid, 7)
        XCTAssertNil(record.process?.comm)
        XCTAssertEqual(lost, 1)
        XCTAssertEqual(record.limits?.nproc?.soft, .unlimited)
        XCTAssertNil(RecordDecoder.decode(Array(#"{"schema":1}"#.utf8)[...]))
        XCTAssertThrowsError(try LogRecord(jsonLine: Array("not json".utf8)))
    }
}
