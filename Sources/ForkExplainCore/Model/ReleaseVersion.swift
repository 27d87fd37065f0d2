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
