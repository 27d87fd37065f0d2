/// The envelopes that are text in front of the line: the CRI log format of
/// containerd and CRI-O, `kubectl logs --prefix` and `--timestamps`, and a
/// syslog-style prefix before a record (docs/shipping.md, "What report -
/// unwraps", which cites each format).
enum TextEnvelope {
    /// One line of the CRI format: `TIME STREAM TAG CONTENT`, TAG `P` for a
    /// piece of a longer line (more follows) or `F` for its end.
    struct CRILine {
        var stream: ArraySlice<UInt8>
        var partial: Bool
        var content: ArraySlice<UInt8>
    }

    static func cri(_ line: ArraySlice<UInt8>) -> CRILine? {
        guard let afterTime = timestampEnd(line), afterTime < line.endIndex, line[afterTime] == space else {
            return nil
        }
        var index = afterTime + 1
        let streamStart = index
        while index < line.endIndex, line[index] != space { index += 1 }
        let stream = line[streamStart..<index]
        guard stream.elementsEqual("stdout".utf8) || stream.elementsEqual("stderr".utf8),
            index < line.endIndex
        else { return nil }
        index += 1
        // Tags are separated by ':'; only P and F are defined.
        let tagStart = index
        while index < line.endIndex, line[index] != space { index += 1 }
        let tag = line[tagStart..<index]
        guard let first = tag.first, first == UInt8(ascii: "P") || first == UInt8(ascii: "F"),
            tag.count == 1 || tag[tag.startIndex + 1] == UInt8(ascii: ":")
        else { return nil }
        // An empty line is `TIME STREAM F ` or, trimmed, `TIME STREAM F`.
        let content = index < line.endIndex ? line[(index + 1)...] : line[line.endIndex...]
        return CRILine(stream: stream, partial: first == UInt8(ascii: "P"), content: content)
    }

    /// `[pod/NAME/CONTAINER] LINE` from `kubectl logs --prefix`.
    static func kubectlPrefix(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard line.starts(with: "[pod/".utf8), let close = line.firstIndex(of: UInt8(ascii: "]")),
            close + 1 < line.endIndex, line[close + 1] == space
        else { return nil }
        return line[(close + 2)...]
    }

    /// `TAG: [TIME, RECORD]` from Fluent Bit's `file` output in its default
    /// format: the tag, then the event as a JSON array.
    static func fluentBitTag(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let first = line.first, first != UInt8(ascii: "{"), first != UInt8(ascii: "["),
            first != UInt8(ascii: "\""), let colon = line.firstIndex(of: UInt8(ascii: ":")),
            colon + 2 < line.endIndex, line[colon + 1] == space, line[colon + 2] == UInt8(ascii: "["),
            !line[..<colon].contains(space), line.last == UInt8(ascii: "]")
        else { return nil }
        return line[(colon + 2)...]
    }

    /// `TIME LINE` from `kubectl logs --timestamps` (RFC 3339, as the
    /// kubelet writes it) and from `logcli`'s default output.
    static func timestamped(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let end = timestampEnd(line), end < line.endIndex, line[end] == space else { return nil }
        return line[(end + 1)...]
    }

    /// logcli's default output puts the stream's labels, `{job="x"}`,
    /// between the time and the line, padded to line up.
    static func lokiLabels(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard line.first == UInt8(ascii: "{"), line.count > 1 else { return nil }
        let second = line[line.startIndex + 1]
        guard second == UInt8(ascii: "_") || second.isASCIILetter else { return nil }
        var quoted = false
        var escaped = false
        for index in line.indices.dropFirst() {
            let byte = line[index]
            if escaped {
                escaped = false
            } else if quoted {
                if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { quoted = false }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: "}") {
                var rest = line[(index + 1)...]
                guard rest.first == space else { return nil }
                while rest.first == space { rest = rest.dropFirst() }
                return rest
            }
        }
        return nil
    }

    /// A record after text this reader does not know (syslog's
    /// `Nov 27 06:45:00 web-1 app[41]: `, journalctl's short output): from
    /// the record's first key on.
    static func embeddedRecord(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard line.first != UInt8(ascii: "{"), let start = find(Array("{\"schema\":".utf8), in: line) else {
            return nil
        }
        return line[start...]
    }

    /// Where `marker` first occurs in `line`.
    static func find(_ marker: [UInt8], in line: ArraySlice<UInt8>) -> Int? {
        guard let head = marker.first, line.count >= marker.count else { return nil }
        var index = line.startIndex
        while index + marker.count <= line.endIndex {
            if line[index] == head, line[index..<(index + marker.count)].elementsEqual(marker) { return index }
            index += 1
        }
        return nil
    }

    private static let space = UInt8(ascii: " ")

    /// The end of a leading RFC 3339 time (`2024-01-01T00:00:00.123456789Z`,
    /// or with an offset), or nil when the line does not start with one.
    private static func timestampEnd(_ line: ArraySlice<UInt8>) -> Int? {
        let shape = Array("dddd-dd-ddTdd:dd:dd".utf8)
        guard line.count > shape.count else { return nil }
        var index = line.startIndex
        for expected in shape {
            let byte = line[index]
            if expected == UInt8(ascii: "d") {
                guard byte.isASCIIDigit else { return nil }
            } else if byte != expected {
                return nil
            }
            index += 1
        }
        if index < line.endIndex, line[index] == UInt8(ascii: ".") {
            index += 1
            while index < line.endIndex, line[index].isASCIIDigit { index += 1 }
        }
        guard index < line.endIndex else { return nil }
        if line[index] == UInt8(ascii: "Z") { return index + 1 }
        let offset = Array("+dd:dd".utf8)
        guard line[index] == UInt8(ascii: "+") || line[index] == UInt8(ascii: "-"),
            index + offset.count <= line.endIndex
        else { return nil }
        for (position, expected) in offset.enumerated().dropFirst() {
            let byte = line[index + position]
            guard expected == UInt8(ascii: "d") ? byte.isASCIIDigit : byte == expected else { return nil }
        }
        return index + offset.count
    }
}

extension UInt8 {
    fileprivate var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    fileprivate var isASCIILetter: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
    }
}
