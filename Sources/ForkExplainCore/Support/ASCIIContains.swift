import Foundation

extension String {
    /// `contains(needle)` for an ASCII `needle`, by its bytes. Foundation's
    /// `contains` is an NSString search: run on every record's kernel
    /// release and mount roots it was a twentieth of a JSON report's work
    /// (docs/performance.md, "The reader's CPU: Foundation's searches per
    /// record"). In an ASCII string a byte match is the answer that search
    /// gives; a string with any other byte, or not stored as contiguous
    /// UTF-8, is still asked of Foundation, whose search compares composed
    /// characters.
    func containsASCII(_ needle: StaticString) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { text in
            needle.withUTF8Buffer { Self.asciiBytes(text, contain: $0) }
        }
        return (found ?? nil) ?? contains(needle.description)
    }

    /// Whether `needle` is in `text`; nil when `text` is not all ASCII or
    /// `needle` is empty (Foundation finds no empty string).
    private static func asciiBytes(_ text: UnsafeBufferPointer<UInt8>, contain needle: UnsafeBufferPointer<UInt8>)
        -> Bool?
    {
        guard !text.contains(where: { $0 >= 0x80 }) else { return nil }
        guard let first = needle.first else { return nil }
        guard needle.count <= text.count else { return false }
        var start = 0
        let last = text.count - needle.count
        while start <= last {
            if text[start] == first {
                var matched = 1
                while matched < needle.count, text[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
