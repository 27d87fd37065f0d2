/// A dotted release number: a kernel (`3.10.0-1127.el7.x86_64`,
/// `6.18.44-fc-v669`) or glibc (`2.36`). Only the leading numbers count.
struct ReleaseVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    var components: [Int]

    init(_ components: Int...) {
        self.components = components
    }

    /// Nil when the text does not start with a number.
    init?(_ text: String?) {
        guard let text else { return nil }
        // Every failure record is classified with two or three of these:
        // ASCII text (every release seen) is read a byte at a time.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            self.init(ascii: text.utf8)
        } else {
            self.init(characters: text)
        }
    }

    /// The leading numbers, each ended by a dot; any other byte, an empty
    /// piece or a number past Int.max ends the release (as `characters`).
    private init?(ascii text: String.UTF8View) {
        var parts: [Int] = []
        var index = text.startIndex
        while true {
            var number = 0
            var digits = 0
            var overflow = false
            while index < text.endIndex, text[index] >= 0x30, text[index] <= 0x39 {
                let (times, o1) = number.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int(text[index] - 0x30))
                number = sum
                overflow = overflow || o1 || o2
                digits += 1
                index = text.index(after: index)
            }
            guard digits > 0, !overflow else { break }
            parts.append(number)
            guard index < text.endIndex, text[index] == UInt8(ascii: ".") else { break }
            index = text.index(after: index)
        }
        guard !parts.isEmpty else { return nil }
        components = parts
    }

    /// Text with other characters, where a digit may combine with what follows.
    private init?(characters text: String) {
        var parts: [Int] = []
        for piece in text.split(separator: ".", omittingEmptySubsequences: false) {
            let digits = piece.prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits) else { break }
            parts.append(number)
            // "0-1127" ends the release proper: stop at the first suffix.
            if digits.count != piece.count { break }
        }
        guard !parts.isEmpty else { return nil }
        components = parts
    }

    var description: String {
        components.map(String.init).joined(separator: ".")
    }

    /// "2.34" and "2.34.0" are the same release.
    static func == (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }

    func hash(into hasher: inout Hasher) {
        var significant = components
        while significant.last == 0 { significant.removeLast() }
        hasher.combine(significant)
    }

    static func < (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
        let count = max(lhs.components.count, rhs.components.count)
        for index in 0..<count {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right }
        }
        return false
    }
}
